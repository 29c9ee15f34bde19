"""Migration 0002_admin creates exactly the admin tool's tables as the models describe them."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from panel.db import Base, db
from panel.models import staff

# Alembic itself, on an empty database of each kind (other tests start from a copy).
pytestmark = [pytest.mark.migrated_from_empty, pytest.mark.database]  # the schema itself

ADMIN_TABLES = {mapper.local_table.name for mapper in Base.registry.mappers
                if mapper.class_.__module__ == staff.__name__}


def _table_of(difference) -> str | None:
    if isinstance(difference, list):  # column changes come as lists of tuples
        return _table_of(difference[0])
    for part in difference[1:]:
        name = getattr(part, "name", None)
        table = getattr(part, "table", None)
        if table is not None:
            return table.name
        if name in ADMIN_TABLES:
            return name
        if isinstance(part, str) and part in ADMIN_TABLES:
            return part
    return None


def test_admin_tables_match_the_models(app):
    assert ADMIN_TABLES == {"staff_accounts", "staff_sessions", "throttle_hits", "throttle_counts",
                            "waitlist_entries", "outbox_messages", "audit_entries"}
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
        assert [d for d in differences if _table_of(d) in ADMIN_TABLES] == []
        present = set(db.inspect(connection).get_table_names())
    assert ADMIN_TABLES <= present
