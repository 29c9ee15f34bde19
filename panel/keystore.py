"""The key store: panelists' wrapped data keys, apart from the data they open, and the log of
erasures. A separate database (``KEYS_DATABASE_URL``; by default ``instance/keys.sqlite3``),
so a backup of the data restored without the key store it was taken with leaves every
panelist erased since unreadable; the erasure log lets a restore remove what remains of them
(``panel.services.erasures.replay``).

Two small tables of its own (created when missing; nothing else lives here). Each call is its
own short transaction: a key is written before the panelist's row is committed, and destroyed
(with its erasure logged) before the erasure is committed, so a failure between the two
leaves at worst an unused key, or an erased panelist's unreadable rows that the next replay
removes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import (
    Column,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    create_engine,
    delete,
    insert,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from panel.db import UtcDateTime, utcnow

metadata = MetaData()
data_keys = Table(
    "data_keys", metadata,
    Column("panelist_id", String(36), primary_key=True),
    Column("wrapped", LargeBinary, nullable=False),  # by the master key (panel.vault)
    Column("created_at", UtcDateTime, nullable=False, default=utcnow))
erasures = Table(
    "erasures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),  # panelist | receipt
    Column("subject_hash", String(64), nullable=False, index=True),  # personal.subject_ref
    Column("email_hash", String(64)),  # a panelist's lookup hash, for invites and waitlist
    Column("erased_at", UtcDateTime, nullable=False, default=utcnow))


@dataclass(frozen=True)
class Erasure:
    kind: str
    subject_hash: str
    email_hash: str | None
    erased_at: datetime


class KeyStore:
    def __init__(self, url: str):
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            options = {"connect_args": {"timeout": 30, "check_same_thread": False}}
        else:
            options = {"pool_pre_ping": True}
        self.url = url
        self.engine = create_engine(url, **options)
        try:
            metadata.create_all(self.engine)
        except DBAPIError:  # another process (a gunicorn worker) made them at the same time
            metadata.create_all(self.engine)

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def put(self, panelist_id: str, wrapped: bytes) -> None:
        with self.engine.begin() as connection:
            connection.execute(insert(data_keys).values(panelist_id=panelist_id, wrapped=wrapped))

    def put_many(self, rows: list[dict]) -> None:
        """Keys brought in from elsewhere (the data database, before keys moved out)."""
        if rows:
            with self.engine.begin() as connection:
                connection.execute(insert(data_keys), rows)

    def get(self, panelist_id: str) -> bytes | None:
        with self.engine.connect() as connection:
            return connection.scalar(select(data_keys.c.wrapped).where(
                data_keys.c.panelist_id == panelist_id))

    def all_keys(self) -> list[dict]:
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(select(data_keys))]

    def destroy(self, panelist_id: str, subject_hash: str, email_hash: str) -> None:
        """The panelist's key is gone for good, and the erasure is logged for restores."""
        with self.engine.begin() as connection:
            connection.execute(delete(data_keys).where(data_keys.c.panelist_id == panelist_id))
            connection.execute(insert(erasures).values(
                kind="panelist", subject_hash=subject_hash, email_hash=email_hash))
        self._flush()

    def log_erasure(self, kind: str, subject_hash: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(insert(erasures).values(kind=kind, subject_hash=subject_hash))

    def erasures(self) -> list[Erasure]:
        with self.engine.connect() as connection:
            return [Erasure(row.kind, row.subject_hash, row.email_hash, row.erased_at)
                    for row in connection.execute(select(erasures).order_by(erasures.c.id))]

    def _flush(self) -> None:
        """On SQLite, fold the write-ahead log in, so a destroyed key lingers nowhere."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        self.engine.dispose()


def for_app() -> KeyStore:
    return current_app.extensions["panel.keys"]
