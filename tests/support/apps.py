"""Building apps for tests, and driving the pipeline synchronously through its real code."""
from __future__ import annotations

from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import inspect, text

from panel import create_app
from panel.config import RATE_LIMITS

# Tests make many requests from one address: limits far above them (tests/panel/api/
# test_limits.py tests the real ones).
HIGH_LIMITS = {name: "100000/minute" for name in RATE_LIMITS}


def make_app(tmp_path: Path, database_url: str, **overrides):
    """An app migrated to head; storage in ``tmp_path/storage`` unless overridden."""
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
        # An event stream ends after a second, so a test reading a whole answer is not held.
        "CHANGE_STREAM_SECONDS": 1,
        **HIGH_LIMITS,
    }
    config.update(overrides)
    app = create_app(config)
    with app.app_context():
        upgrade()
    return app


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
    """Empty the shared PostgreSQL database after a test (SQLite files are per test)."""
    from panel.db import db
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{name}"' for name in inspect(db.engine).get_table_names()
                              if name != "alembic_version")
            with db.engine.begin() as conn:
                conn.execute(text(f"TRUNCATE {names} CASCADE"))
        db.session.remove()
        db.engine.dispose()


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
