"""Alembic environment: runs on the connection the store hands over, inside the store's transaction."""

from alembic import context

from te_navigator.models.tables import SQLModel

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=SQLModel.metadata, render_as_batch=True)
context.run_migrations()
