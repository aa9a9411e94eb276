"""The server tests' fixtures (the throw-away server itself is in tests/conftest.py)."""

from tests.server.orm_on_server import empty_server, on_server, server_store

__all__ = ["empty_server", "on_server", "server_store"]
