"""Feature-flag service: a small WSGI application using only the standard library."""

__version__ = "1.0.0"
