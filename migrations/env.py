"""Alembic environment. Imports only ``panel.db`` and the models."""
import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

import panel.models  # noqa: F401  (registers every table on the metadata)
from panel.db import Base, UtcDateTime

config = context.config
if config.config_file_name and not logging.getLogger().handlers:
    # Only where nothing set logging up (plain ``alembic``): under the app, panel.logs has,
    # and fileConfig would replace its handler and silence every logger made before.
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")
target_metadata = Base.metadata


def render_item(type_, obj, autogen_context):
    """Write UtcDateTime as a plain timezone-aware DateTime, so migrations need no panel."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _url() -> str:
    return current_app.config["SQLALCHEMY_DATABASE_URI"]


def run_migrations_offline():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    engine = current_app.extensions["migrate"].db.engine
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite alters a table by copying it and dropping the old one; with foreign keys
            # on, that drop would delete every row that refers to it (ON DELETE CASCADE).
            # The switch works only outside a transaction, so it comes first.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True, compare_type=True,
                          render_item=render_item)
        with context.begin_transaction():
            context.run_migrations()
        if sqlite:
            connection.commit()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
