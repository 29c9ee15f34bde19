"""Building apps for tests, and driving the pipeline synchronously through its real code.

Migrating is done once per test process and database kind, not once per app: a new SQLite
file is a copy of one migrated in this process, and the session's PostgreSQL database is
migrated by the first app on it (``migrated_from_empty`` runs Alembic on an empty database,
for the tests about the migrations themselves).
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import text
from werkzeug.routing.rules import Rule

from panel import create_app
from panel.config import RATE_LIMITS
from panel.services.passwords import DEFAULT as DEFAULT_HASHER

# Tests make many requests from one address: limits far above them (tests/panel/api/
# test_limits.py tests the real ones).
HIGH_LIMITS = {name: "100000/minute" for name in RATE_LIMITS}
# Argon2id at its lowest cost (one pass over 256 KiB: 3 ms a hash against 0.18 s at the
# service's, load 4): every test that registers or logs in hashes a password. The service's own
# cost is tested in tests/panel/test_password_hashing.py and kept by the browser journey.
LIGHT_PASSWORD_HASHING = {"PASSWORD_HASH_TIME_COST": 1, "PASSWORD_HASH_MEMORY_KIB": 256}
REAL_PASSWORD_HASHING = {"PASSWORD_HASH_TIME_COST": DEFAULT_HASHER.time_cost,
                         "PASSWORD_HASH_MEMORY_KIB": DEFAULT_HASHER.memory_cost}


def _builders_compiled_once() -> None:
    """Werkzeug compiles two URL builders for each of an app's 130 routes, by building and
    compiling Python code (0.045 to 0.075 s of the 0.14 s an app takes): a test process builds
    a thousand apps with the same routes. The code depends only on the route (its text,
    parts and defaults), so a process compiles each once; each app's rules still bind it to
    themselves, as Werkzeug does, and build with it."""
    compile_builder = Rule._compile_builder
    compiled: dict[tuple, object] = {}

    def once(rule: Rule, append_unknown: bool = True):
        key = (rule.rule, tuple(rule._trace), repr(sorted((rule.defaults or {}).items())),
               append_unknown)
        if key not in compiled:
            compiled[key] = compile_builder(rule, append_unknown)
        return compiled[key]

    Rule._compile_builder = once


_builders_compiled_once()

# Database URLs this process has migrated to head (or copied from a database at head).
_AT_HEAD: set[str] = set()
_sqlite_template: list[Path] = []  # the migrated SQLite file new ones are copied from


def app_config(tmp_path: Path, database_url: str, **overrides) -> dict:
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "STORAGE_BACKEND": "local",
        "STORAGE_DIR": str(tmp_path / "storage"),
        "EMBEDDED_WORKER": "off",
        "CELERY_BROKER_URL": None,
        "RATELIMIT_STORAGE_URI": "memory://",
        # Tests upload plain drawn pages to test everything else; the quality check is
        # tested on its own (tests/panel/api/test_photo_quality.py).
        "PHOTO_QUALITY_CHECK": False,
        # An event stream looks every 0.05 s and ends after 0.1 s, so a test reading a whole
        # answer is not held (at the service's 2 s a look, each read took two seconds).
        "CHANGE_STREAM_POLL_SECONDS": 0.05,
        "CHANGE_STREAM_SECONDS": 0.1,
        **HIGH_LIMITS,
        **LIGHT_PASSWORD_HASHING,
    }
    config.update(overrides)
    return config


def make_app(tmp_path: Path, database_url: str, *, from_empty: bool = False, **overrides):
    """An app migrated to head; storage in ``tmp_path/storage`` unless overridden.

    A SQLite file that does not exist yet starts as a copy of one migrated in this process
    (``from_empty``: Alembic runs on the empty file instead)."""
    if not from_empty:
        _copy_migrated_sqlite(database_url)
    app = create_app(app_config(tmp_path, database_url, **overrides))
    if from_empty or database_url not in _AT_HEAD:
        with app.app_context():
            upgrade()
        _AT_HEAD.add(database_url)
    return app


def _sqlite_file(database_url: str) -> Path | None:
    prefix = "sqlite:///"
    if database_url.startswith(prefix) and database_url != prefix + ":memory:":
        return Path(database_url[len(prefix):])
    return None


def _copy_migrated_sqlite(database_url: str) -> None:
    target = _sqlite_file(database_url)
    if target is None or target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(migrated_sqlite(), target)
    _AT_HEAD.add(database_url)


def migrated_sqlite() -> Path:
    """A SQLite file migrated to head by Alembic, made once per process."""
    if not _sqlite_template:
        folder = Path(tempfile.mkdtemp(prefix="panel-migrated-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = folder / "panel.sqlite3"
        app = make_app(folder, f"sqlite:///{path}", from_empty=True)
        from panel.db import db
        with app.app_context():
            with db.engine.connect() as connection:  # everything in the file, none in the log
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            db.engine.dispose()
        _sqlite_template.append(path)
    return _sqlite_template[0]


def process_waiting(app) -> None:
    """Run every waiting receipt through the pipeline now, as a worker would."""
    from panel.db import db
    from panel.tasks import claims
    from panel.tasks.pipeline import process_receipt
    with app.app_context():
        while waiting := claims.waiting_ids():
            for receipt_id in waiting:
                process_receipt(receipt_id)
        db.session.remove()


def empty_tables(app) -> None:
    """Empty the shared PostgreSQL database after a test (SQLite files are per test): the
    tables that hold rows, each by a DELETE with triggers off for the transaction
    (``session_replication_role = replica``: no foreign-key checks, and the append-only
    triggers of the audit log and the ledger do not refuse it; the test user is the
    superuser). On a dozen small tables this is ten times faster than one TRUNCATE, which
    makes new files for every table it names and all that refer to them; a database
    cloned from a migrated template per test was slower still (creating and dropping it)."""
    from panel.db import db
    with app.app_context():
        db.session.remove()
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                filled = [name for (name,) in conn.execute(text(FILLED_TABLES))]
                if filled:
                    conn.execute(text("SET LOCAL session_replication_role = replica"))
                    for name in filled:
                        conn.execute(text(f'DELETE FROM "{name}"'))
        db.engine.dispose()


# The public tables (but Alembic's) that hold at least one row, asked in one statement.
FILLED_TABLES = """
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'alembic_version'
  AND (xpath('/row/filled/text()', query_to_xml(
        format('SELECT EXISTS (SELECT 1 FROM %I) AS filled', c.relname), false, true, ''
      )))[1]::text = 'true'
"""


def database_url(kind: str, request, tmp_path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'panel.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def stack_app(kind: str, request, tmp_path, monkeypatch, **overrides):
    """An app on ``sqlite-local`` (the embedded defaults) or ``postgres-s3`` (a real
    PostgreSQL and a real S3 server with a fresh versioned bucket)."""
    if kind == "sqlite-local":
        return make_app(tmp_path, database_url("sqlite", request, tmp_path), **overrides)
    s3 = request.getfixturevalue("s3_server")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", s3.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", s3.secret_key)
    return make_app(tmp_path, request.getfixturevalue("postgres_url"), STORAGE_BACKEND="s3",
                    S3_BUCKET=request.getfixturevalue("s3_bucket"),
                    S3_ENDPOINT_URL=s3.endpoint_url, **overrides)
