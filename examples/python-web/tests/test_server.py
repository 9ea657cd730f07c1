"""End to end over real HTTP: the WSGI app behind wsgiref on a loopback port."""

import json
import threading
import urllib.request
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from app.wsgi import application


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@pytest.fixture
def base_url():
    server = make_server("127.0.0.1", 0, application, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_healthz_over_http(base_url):
    with urllib.request.urlopen(f"{base_url}/healthz", timeout=5) as res:
        assert res.status == 200
        assert json.load(res)["status"] == "ok"


def test_put_then_get_over_http(base_url):
    request = urllib.request.Request(
        f"{base_url}/api/flags/http-check",
        data=json.dumps({"enabled": True}).encode(),
        headers={"Content-Type": "application/json"},
        method="PUT",
    )
    with urllib.request.urlopen(request, timeout=5) as res:
        assert res.status in (200, 201)
    with urllib.request.urlopen(f"{base_url}/api/flags/http-check", timeout=5) as res:
        assert json.load(res)["enabled"] is True
