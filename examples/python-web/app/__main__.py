"""Development server: ``python -m app`` (production uses gunicorn)."""

import os
from wsgiref.simple_server import make_server

from app.wsgi import application


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    with make_server(host, port, application) as server:
        print(f"serving on http://{host}:{port}", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
