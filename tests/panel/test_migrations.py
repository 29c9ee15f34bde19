"""Migrations bring an empty database to exactly what the models describe."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from panel.db import Base, db

# Alembic itself, on an empty database of each kind (other tests start from a copy).
pytestmark = pytest.mark.migrated_from_empty


def test_upgrade_from_empty_matches_the_models(app):
    with app.app_context():
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    assert differences == []
