"""Alembic environment: always run in-process on the store's own (encrypted) connection."""

from __future__ import annotations

from alembic import context

from lscp_desktop.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by running `alembic` by hand
    raise RuntimeError("migrations run through lscp_desktop.store.database, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only ALTER TABLE by rebuilding it
)
with context.begin_transaction():
    context.run_migrations()
