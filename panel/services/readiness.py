"""Readiness: can this process serve? The database answers and is at the migrations' head,
the key store answers, the storage answers, and the broker answers when one is configured.
Each check says only ``ok`` or ``failing``: nothing else about the machine is revealed."""
from __future__ import annotations

import logging
import os
from functools import lru_cache

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import text

from panel import keystore
from panel.db import db
from panel.extensions import storage_for

log = logging.getLogger(__name__)
MIGRATIONS = os.path.join(os.path.dirname(__file__), "..", "..", "migrations")
PROBE_KEY = "readiness/probe"


@lru_cache(maxsize=1)
def _migration_heads() -> frozenset[str]:
    return frozenset(ScriptDirectory(MIGRATIONS).get_heads())


def _database() -> None:
    with db.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        current = MigrationContext.configure(connection).get_current_heads()
    if frozenset(current) != _migration_heads():
        raise RuntimeError("the database is not at the migrations' head")


def _storage() -> None:
    storage = storage_for()
    root = getattr(storage, "root", None)  # a local directory (made at the first upload)
    if root is not None:
        os.makedirs(root, exist_ok=True)
        if not os.access(root, os.W_OK):
            raise RuntimeError("the storage directory is not writable")
    storage.exists(PROBE_KEY)  # a missing object is fine; an unreachable store raises


def _broker() -> None:
    celery = current_app.extensions["celery"]
    with celery.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)


def _keys() -> None:
    keystore.for_app().ping()


def checks() -> dict[str, str]:
    """Each check's name and ``ok`` or ``failing`` (the reason goes to the log only)."""
    wanted = {"database": _database, "keys": _keys, "storage": _storage}
    if current_app.config["CELERY_BROKER_URL"]:
        wanted["broker"] = _broker
    results = {}
    for name, check in wanted.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # noqa: BLE001  (any failure means not ready)
            log.warning("readiness check %s failing: %s", name, type(error).__name__)
            results[name] = "failing"
    db.session.remove()
    return results
