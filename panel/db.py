"""The declarative base and the Flask-SQLAlchemy handle. Models import only this module."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, MetaData, String, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import InterfaceError, OperationalError, PendingRollbackError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_id() -> str:
    return str(uuid.uuid4())


class UtcDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every database (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def id_column() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id)


class PanelSQLAlchemy(SQLAlchemy):
    """Flask-SQLAlchemy, whose clean-up at the end of a request or task survives a connection
    the database killed (the rollback on it fails): the connection is dropped, and the answer
    already made stands (it was a 500 from the teardown)."""

    def _teardown_session(self, exc: BaseException | None) -> None:
        try:
            self.session.remove()
        except (OperationalError, InterfaceError):
            self.session().invalidate()
            self.session.registry.clear()


db = PanelSQLAlchemy(model_class=Base)


def reset_session() -> None:
    """Roll the session back; if its connection is dead (the rollback fails), drop it, so the
    next statement runs on a new connection."""
    try:
        db.session.rollback()
    except (OperationalError, InterfaceError, PendingRollbackError):
        db.session.invalidate()


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """WAL and foreign keys for SQLite, so the embedded worker and requests can share it;
    secure delete, so erased rows do not linger in free pages."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left
        cursor.close()


def flush_deleted_pages() -> None:
    """After an erasure on SQLite, fold the write-ahead log into the database and empty it,
    so earlier copies of erased rows do not linger there. (PostgreSQL never dumps dead rows;
    its autovacuum reclaims their space.)"""
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def commit_keeping_loaded() -> None:
    """Commit without expiring what the session holds, for a request that answers with rows
    it has just written (every value set in Python): the answer then needs no reload."""
    session = db.session()
    expire, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire
