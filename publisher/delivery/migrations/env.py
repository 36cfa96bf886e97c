"""Alembic's environment: migrations run on the connection the store hands over
(``config.attributes["connection"]``), inside the store's own transaction."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
# render_as_batch: SQLite alters a table by copying it, which batch operations do for us.
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
