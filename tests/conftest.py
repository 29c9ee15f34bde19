"""Shared fixtures: apps on SQLite and on a real PostgreSQL, local storage and a real S3
server (SeaweedFS), the embedded worker and a real Celery worker on a real Redis.

A service that is missing makes the tests that need it fail, never skip.
"""
from __future__ import annotations

import gc
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
    about OCR, and its test-reads that put a page upright. Yields the engine (its
    ``fake_reads`` and ``real_reads`` counts)."""
    from ocr.prepare import orient
    from panel.tasks import steps
    engine = FakeEngine(steps.engine, orient.word_confidences)
    monkeypatch.setattr(steps, "engine", lambda: engine)
    monkeypatch.setattr(orient, "word_confidences", engine.word_confidences)
    yield engine


@pytest.fixture(params=["sqlite-local", "postgres-s3"])
def stack(request, tmp_path, monkeypatch):
    """The app on each database and storage, no background worker (tests drive it)."""
    application = stack_app(request.param, request, tmp_path, monkeypatch)
    yield application
    empty_tables(application)


def pytest_collection_finish(session):
    """The garbage collector of a test process, tuned for a suite that builds an app (some
    two hundred thousand objects, many in reference cycles) for nearly every test: what is
    loaded by now (modules, classes) is frozen out of its scans, and it collects after fifty
    thousand new objects instead of seven hundred. Full collections had taken 14% of a run of
    the API and page tests (16.5 s of 115 s); with this 9 s, and 5 to 18% less CPU."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def pytest_collection_modifyitems(config, items):
    """Marks the slow slices (``-m "not slow"`` leaves them out; ``-m browser`` runs one),
    and puts the longest tests first (``START_FIRST``)."""
    for item in items:
        slices = slow_slices(item)
        for name in slices:
            item.add_marker(name)
        if slices - {"postgres"}:
            item.add_marker("slow")
    items.sort(key=start_rank)


# The tests that take longest, started first, longest first (seconds from setup to teardown,
# measured quiet; one entry may name a whole module): scripts/test gives each xdist worker
# the next test of this order whenever it is almost done (``--dist loadgroup``), so the two
# workers end together, on short tests, instead of one running a long test or a large late
# chunk alone (on a quiet machine one worker was idle for the last 115 to 165 s). Everything
# else follows in the usual order. A module whose tests share a module-scoped fixture that
# takes long is one xdist group (``pytestmark = pytest.mark.xdist_group(...)``): all on one
# worker, the fixture made once.
START_FIRST = (
    "tests/panel/test_fault_suite.py",  # 35 to 45: a broker and a storage outage
    "tests/contract/test_api_fuzz.py::test_api_keeps_its_contract[",  # 30 to 45 a database
    "tests/dashboard/test_browser_journey.py",  # 18 to 27 each
    "tests/panel/test_celery.py",  # 25, 20 and 9: worker processes killed and restarted
    "tests/panel/test_faults.py::test_a_storage_outage_delays",  # 14 to 20
    "tests/ocr/test_photo_quality_cut.py",  # 21 (its module's photos; one group)
    "tests/ocr/test_evaluation_guard.py",  # 14, 7 and 5: real OCR
    "tests/redaction/test_evaluation.py",  # 16 (its module's tally; one group)
    "tests/panel/test_ledger_properties.py",  # 8 to 12
    "tests/dashboard/test_phone_browser.py",  # 7 to 9 each
    "tests/panel/test_duplicates.py",  # 2 to 8 each
    "tests/redaction/test_no_receipt_in_memory.py",  # 7
    "tests/panel/api/test_control.py",  # up to 7
    "tests/test_code_checks.py",  # bandit 6
    "tests/ocr/test_fake_engine.py",  # up to 6
    "tests/test_isolation.py",  # 3 to 5 each
    "tests/admin/test_admin_browser.py",  # 4.5
    "tests/panel/test_faults.py",  # up to 5
    "tests/redaction/test_stored_artefacts.py",  # 4
    "tests/ocr/test_parser_never_crashes.py",  # 4
    "tests/panel/test_pipeline.py",  # up to 4
    "tests/admin/test_admin_schema.py",  # 3.5
    "tests/panel/test_canary.py",  # up to 3.5
    "tests/panel/test_probes.py",  # up to 3
)


def start_rank(item) -> int:
    for rank, start in enumerate(START_FIRST):
        if item.nodeid.startswith(start):
            return rank
    return len(START_FIRST)


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
