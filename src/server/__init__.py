"""serve.py's parts: the request protocol, roles, and storage (SQLite or PostgreSQL)."""
