"""The WSGI application: routing, JSON handling and validation."""

from __future__ import annotations

import json
import re
from http import HTTPStatus
from typing import Callable, Iterable

from app import __version__
from app.store import FlagStore

MAX_BODY_BYTES = 16 * 1024
MAX_DESCRIPTION_LENGTH = 200
FLAG_NAME = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
FLAG_PATH = re.compile(r"^/api/flags/([^/]+)$")

StartResponse = Callable[..., object]


class HTTPError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra: object) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = extra.pop("details", None)
        self.headers: list[tuple[str, str]] = list(extra.pop("headers", []))


def method_not_allowed(*allowed: str) -> HTTPError:
    return HTTPError(
        405,
        "method_not_allowed",
        "method not allowed",
        headers=[("Allow", ", ".join(allowed))],
    )


def read_json(environ: dict) -> object:
    content_type = environ.get("CONTENT_TYPE", "")
    if content_type.split(";")[0].strip().lower() != "application/json":
        raise HTTPError(415, "unsupported_media_type", "content-type must be application/json")
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise HTTPError(400, "bad_request", "invalid content-length") from None
    if length > MAX_BODY_BYTES:
        raise HTTPError(413, "payload_too_large", f"request body exceeds {MAX_BODY_BYTES} bytes")
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise HTTPError(400, "invalid_json", "request body is not valid JSON") from None


def validate_flag(body: object) -> tuple[bool, str]:
    """Return (enabled, description) or raise a 400 listing every problem."""
    if not isinstance(body, dict):
        raise HTTPError(
            400,
            "validation_failed",
            "flag is invalid",
            details=[{"field": "(body)", "message": "must be a JSON object"}],
        )
    details = [
        {"field": key, "message": "unknown field"}
        for key in body
        if key not in ("enabled", "description")
    ]
    enabled = body.get("enabled")
    if not isinstance(enabled, bool):
        details.append({"field": "enabled", "message": "is required and must be true or false"})
    description = body.get("description", "")
    if not isinstance(description, str):
        details.append({"field": "description", "message": "must be a string"})
    elif len(description) > MAX_DESCRIPTION_LENGTH:
        details.append(
            {"field": "description", "message": f"must be at most {MAX_DESCRIPTION_LENGTH} characters"}
        )
    if details:
        raise HTTPError(400, "validation_failed", "flag is invalid", details=details)
    return enabled, description.strip()


class App:
    def __init__(self, store: FlagStore | None = None) -> None:
        self.store = store if store is not None else FlagStore()

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        try:
            status, body, headers = self.route(environ)
        except HTTPError as error:
            payload = {"code": error.code, "message": error.message}
            if error.details is not None:
                payload["details"] = error.details
            status, body, headers = error.status, {"error": payload}, error.headers
        head_only = environ.get("REQUEST_METHOD") == "HEAD"
        return self.respond(start_response, status, body, headers, head_only)

    @staticmethod
    def respond(
        start_response: StartResponse,
        status: int,
        body: object,
        headers: list[tuple[str, str]],
        head_only: bool = False,
    ) -> list[bytes]:
        all_headers = list(headers)
        data = b""
        if body is not None:  # None means 204 No Content: no entity headers at all
            data = json.dumps(body).encode("utf-8")
            all_headers.append(("Content-Type", "application/json; charset=utf-8"))
            all_headers.append(("Content-Length", str(len(data))))
        start_response(f"{status} {HTTPStatus(status).phrase}", all_headers)
        return [b""] if head_only else [data]

    def route(self, environ: dict) -> tuple[int, object, list[tuple[str, str]]]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"

        if path == "/healthz":
            if method not in ("GET", "HEAD"):
                raise method_not_allowed("GET", "HEAD")
            return 200, {"status": "ok", "version": __version__}, []

        if path == "/api/flags":
            if method != "GET":
                raise method_not_allowed("GET")
            return 200, {"flags": [flag.to_dict() for flag in self.store.list()]}, []

        match = FLAG_PATH.match(path)
        if match is None:
            raise HTTPError(404, "not_found", f"no route for {path}")
        name = match.group(1)
        if not FLAG_NAME.match(name):
            raise HTTPError(
                400,
                "invalid_name",
                "flag names are 1-64 characters: a-z first, then a-z, 0-9, '_', '.', '-'",
            )

        if method == "GET":
            flag = self.store.get(name)
            if flag is None:
                raise HTTPError(404, "not_found", f"flag {name} not found")
            return 200, flag.to_dict(), []
        if method == "PUT":
            enabled, description = validate_flag(read_json(environ))
            flag, created = self.store.put(name, enabled, description)
            return (201 if created else 200), flag.to_dict(), []
        if method == "DELETE":
            if not self.store.delete(name):
                raise HTTPError(404, "not_found", f"flag {name} not found")
            return 204, None, []
        raise method_not_allowed("GET", "PUT", "DELETE")


def create_app(store: FlagStore | None = None) -> App:
    return App(store)
