"""Alembic environment: always run by jinsha_desktop.db.migrate with a connection given."""

from __future__ import annotations

from alembic import context

from jinsha_desktop.db.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "Run migrations through jinsha_desktop.db.migrate, which gives a connection."
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
