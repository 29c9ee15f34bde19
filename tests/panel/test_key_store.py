"""The data keys live apart from the data: in the key store (KEYS_DATABASE_URL), on SQLite or
PostgreSQL, never in the data database; migration 0012 moves existing keys there (and its
downgrade brings them back); an erasure destroys the key and logs the erasure."""
from __future__ import annotations

import uuid

import psycopg
import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from panel import keystore
from panel.db import db
from tests.conftest import POSTGRES_ADMIN
from tests.support.apps import empty_tables, make_app
from tests.support.factories import PASSWORD, bearer, register


def test_keys_are_not_in_the_data_database(app):
    client = app.test_client()
    tokens = register(app, client)
    with app.app_context():
        assert "data_keys" not in inspect(db.engine).get_table_names()
        store = keystore.for_app()
        assert store.engine.url != db.engine.url
        assert [k["panelist_id"] for k in store.all_keys()] == [tokens["panelist"]["id"]]


@pytest.mark.migrated_from_empty  # migrates down: a database of its own
def test_migration_moves_the_keys_out_and_back(app):
    client = app.test_client()
    tokens = register(app, client, email="moved@example.org")
    panelist_id = tokens["panelist"]["id"]
    with app.app_context():
        store = keystore.for_app()
        wrapped = store.get(panelist_id)
        downgrade(revision="0008_items_category")
        assert db.session.execute(text("SELECT wrapped FROM data_keys")).scalars().all() == [
            wrapped]
        db.session.remove()
        with store.engine.begin() as connection:  # as before keys moved out: none there
            connection.execute(keystore.data_keys.delete())
        upgrade()
        assert store.get(panelist_id) == wrapped
        assert "data_keys" not in inspect(db.engine).get_table_names()
    me = client.get("/api/v1/me", headers=bearer(tokens))
    assert me.status_code == 200 and me.get_json()["email"] == "moved@example.org"


@pytest.fixture
def keys_on_postgres(tmp_path):
    """An app on SQLite whose key store is a PostgreSQL database of its own."""
    name = f"panel_keys_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    application = make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}",
                           KEYS_DATABASE_URL=f"{base}/{name}")
    yield application
    application.extensions["panel.keys"].dispose()
    empty_tables(application)
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_erasure_destroys_the_key_and_logs_it_on_a_postgres_key_store(keys_on_postgres):
    app, client = keys_on_postgres, keys_on_postgres.test_client()
    tokens = register(app, client)
    panelist_id = tokens["panelist"]["id"]
    assert client.get("/api/v1/me", headers=bearer(tokens)).status_code == 200
    with app.app_context():
        store = keystore.for_app()
        assert store.engine.dialect.name == "postgresql" and store.get(panelist_id)
    assert client.delete("/api/v1/me", headers=bearer(tokens),
                         json={"password": PASSWORD}).status_code == 202
    with app.app_context():
        from panel.services import personal
        assert store.get(panelist_id) is None
        logged = store.erasures()
        assert [(e.kind, e.subject_hash) for e in logged] == [
            ("panelist", personal.subject_ref("panelist", panelist_id))]
        assert panelist_id not in repr(store.all_keys()) + repr(logged)
