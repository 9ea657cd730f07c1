"""Shared fixtures: call the WSGI app in-process, without a server."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest

from app.web import create_app


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)


class Client:
    """Minimal WSGI test client; every call also goes through wsgiref's validator."""

    def __init__(self, app) -> None:
        self.app = validator(app)

    def request(self, method: str, path: str, body: bytes = b"", content_type: str = "") -> Response:
        environ: dict = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
        }
        if content_type:
            environ["CONTENT_TYPE"] = content_type
        setup_testing_defaults(environ)
        captured: dict = {}

        def start_response(status, headers, exc_info=None):
            captured["status"] = int(status.split(" ", 1)[0])
            captured["headers"] = {name.lower(): value for name, value in headers}
            return lambda data: None

        result = self.app(environ, start_response)
        try:
            data = b"".join(result)
        finally:
            result.close()
        return Response(captured["status"], captured["headers"], data)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def put_json(self, path: str, payload: object) -> Response:
        return self.request("PUT", path, json.dumps(payload).encode(), "application/json")


@pytest.fixture
def client() -> Client:
    return Client(create_app())
