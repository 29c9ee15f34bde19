"""Shared fixtures: apps on SQLite and on a real PostgreSQL, local storage and a real S3
server (SeaweedFS), the embedded worker and a real Celery worker on a real Redis.

A service that is missing makes the tests that need it fail, never skip.
"""
from __future__ import annotations

import os
import uuid

import psycopg
import pytest

from tests.support.apps import database_url, empty_tables, make_app, stack_app

pytest_plugins = ["tests.support.s3server", "tests.support.celery_worker"]

POSTGRES_ADMIN = os.environ.get("TEST_POSTGRES_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    name = f"panel_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    yield f"{base}/{name}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def app(request, tmp_path):
    """The app on each database, local storage, no background worker (tests drive it)."""
    application = make_app(tmp_path, database_url(request.param, request, tmp_path))
    yield application
    empty_tables(application)


@pytest.fixture
def postgres_app(tmp_path, postgres_url):
    """For what only PostgreSQL can show (row locks, triggers, true concurrency)."""
    application = make_app(tmp_path, postgres_url)
    yield application
    empty_tables(application)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(params=["sqlite-local", "postgres-s3"])
def stack(request, tmp_path, monkeypatch):
    """The app on each database and storage, no background worker (tests drive it)."""
    application = stack_app(request.param, request, tmp_path, monkeypatch)
    yield application
    empty_tables(application)
