"""Shared fixtures: apps on SQLite and on a real PostgreSQL, local storage and a real S3
server (SeaweedFS), the embedded worker and a real Celery worker on a real Redis.

A service that is missing makes the tests that need it fail, never skip.
"""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import psycopg
import pytest

from tests.support.apps import database_url, empty_tables, make_app, stack_app
from tests.support.fake_ocr import FakeEngine

pytest_plugins = ["tests.support.s3server", "tests.support.celery_worker"]

POSTGRES_ADMIN = os.environ.get("TEST_POSTGRES_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")


@contextmanager
def fresh_postgres_database():
    """A new empty PostgreSQL database (its URL), dropped afterwards. Commits do not wait
    for the disk (``synchronous_commit``): a test database needs no crash safety, and on a
    busy machine the waits were a good part of each test's time."""
    name = f"panel_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
        conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    base = POSTGRES_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh PostgreSQL database for this test session, dropped at the end; the first app
    on it migrates it, and each test's app empties the tables it filled."""
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def app(request, tmp_path):
    """The app on each database, local storage, no background worker (tests drive it).

    Marked ``migrated_from_empty``: Alembic migrates an empty database for this test (a new
    SQLite file; a PostgreSQL database of its own) instead of the app starting from a copy
    of the migrated schema or the session's database."""
    if request.node.get_closest_marker("migrated_from_empty"):
        with _database_from_empty(request.param, tmp_path) as url:
            application = make_app(tmp_path, url, from_empty=True)
            yield application
            empty_tables(application)
        return
    application = make_app(tmp_path, database_url(request.param, request, tmp_path))
    yield application
    empty_tables(application)


@contextmanager
def _database_from_empty(kind: str, tmp_path):
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def postgres_app(tmp_path, postgres_url):
    """For what only PostgreSQL can show (row locks, triggers, true concurrency)."""
    application = make_app(tmp_path, postgres_url)
    yield application
    empty_tables(application)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def fake_ocr(monkeypatch):
    """The pipeline reads receipts drawn by ``render_receipt`` with the fake engine of
    tests.support.fake_ocr (anything else with the app's real one), for tests that are not
    about OCR. Yields the engine (its ``fake_reads`` and ``real_reads`` counts)."""
    from panel.tasks import steps
    engine = FakeEngine(steps.engine)
    monkeypatch.setattr(steps, "engine", lambda: engine)
    yield engine


@pytest.fixture(params=["sqlite-local", "postgres-s3"])
def stack(request, tmp_path, monkeypatch):
    """The app on each database and storage, no background worker (tests drive it)."""
    application = stack_app(request.param, request, tmp_path, monkeypatch)
    yield application
    empty_tables(application)


def pytest_collection_modifyitems(config, items):
    """Marks the slow slices (``-m "not slow"`` leaves them out; ``-m browser`` runs one)."""
    for item in items:
        slices = slow_slices(item)
        for name in slices:
            item.add_marker(name)
        if slices - {"postgres"}:
            item.add_marker("slow")


def slow_slices(item) -> set[str]:
    path = item.path.as_posix()
    names = set(getattr(item, "fixturenames", ()))
    slices = set()
    if "sync_playwright" in vars(getattr(item, "module", None) or object):
        slices.add("browser")
    if "celery_stack" in names:
        slices.add("celery")
    if "/tests/contract/" in path:
        slices.add("contract")
    if "/tests/ocr/" in path or "/tests/redaction/" in path:
        slices.add("ocr")
    params = getattr(getattr(item, "callspec", None), "params", {})
    if any("postgres" in str(value) for value in params.values()) or "postgres_app" in names:
        slices.add("postgres")
    return slices
