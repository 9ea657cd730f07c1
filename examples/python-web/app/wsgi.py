"""WSGI entry point: ``gunicorn app.wsgi:application``."""

from app.web import create_app

application = create_app()
