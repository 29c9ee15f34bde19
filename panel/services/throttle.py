"""Counting events per key in the database (so every process and worker shares the count):
login attempts (``attempt``: staff and panelists), waitlist joins per address (``hit``).

Kept beside the request limits of ``panel.ratelimit`` (Flask-Limiter) on purpose: these count
failures and joins inside the service, in its transaction, over long windows (15 minutes, an
hour), for every face at once (API, dashboard, admin tool), and stay shared by all processes
even when the request limits count in memory. The request limits count every request per
minute, before any work is done.

Keys are stored as keyed hashes, never as addresses or emails.
"""
from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from panel.db import db, utcnow
from panel.models import ThrottleCount, ThrottleHit
from panel.services import personal
from panel.services.errors import PanelError

KEEP = timedelta(days=1)  # hits older than this are forgotten
KNOWN_DAYS = 30  # an address an account logged in from counts as its usual one this long


class TooManyRequests(PanelError):
    status = 429


def bucket(kind: str, value: str) -> str:
    return personal.vault().lookup_hash(f"throttle:{kind}:{value}")


def count(bucket_hash: str, window_seconds: int) -> int:
    since = utcnow() - timedelta(seconds=window_seconds)
    return db.session.scalar(select(func.count()).select_from(ThrottleHit).where(
        ThrottleHit.bucket == bucket_hash, ThrottleHit.at > since))


def exceeded(buckets: list[str], limit: int, window_seconds: int) -> bool:
    return any(count(b, window_seconds) >= limit for b in buckets)


def hit(*buckets: str) -> None:
    """Count one event on each bucket (the caller commits)."""
    db.session.execute(delete(ThrottleHit).where(ThrottleHit.at < utcnow() - KEEP))
    for bucket_hash in buckets:
        db.session.add(ThrottleHit(bucket=bucket_hash))


def clear(bucket_hash: str) -> None:
    db.session.execute(delete(ThrottleHit).where(ThrottleHit.bucket == bucket_hash))


def attempt(limits: dict[str, int], window_seconds: int) -> bool:
    """Count one attempt on each bucket (bucket -> limit) before the password is checked
    (``count_attempt``): True if every count is within its limit; otherwise False, and the
    attempt is taken back (a refused attempt counts nowhere). A success should be taken
    back too (``forgive``): only failures count."""
    counts = count_attempt(list(limits), window_seconds)
    if all(counts[b] <= limit for b, limit in limits.items()):
        return True
    forgive(*limits)
    db.session.commit()
    return False


def count_attempt(buckets: list[str], window_seconds: int) -> dict[str, int]:
    """Add one to each bucket and commit at once, so that racing attempts see each other:
    each upsert adds one and returns the new count in the same statement. Rows are locked
    in one order (the buckets sorted), as in ``forgive``, so racing attempts never deadlock."""
    now = utcnow()
    since = now - timedelta(seconds=window_seconds)
    counts = {bucket_hash: _add_one(bucket_hash, now, since) for bucket_hash in sorted(buckets)}
    db.session.commit()
    return counts


def forgive(*buckets: str) -> None:
    """Take back one attempt on each bucket (the caller commits), a row at a time in the
    order ``count_attempt`` locks them: one statement over all of them locked rows in the
    table's order and deadlocked with racing attempts on PostgreSQL."""
    for bucket_hash in sorted(set(buckets)):
        db.session.execute(update(ThrottleCount).where(
            ThrottleCount.bucket == bucket_hash, ThrottleCount.count > 0)
            .values(count=ThrottleCount.count - 1).execution_options(synchronize_session=False))


def remember(bucket_hash: str) -> None:
    """Mark a key as seen now, e.g. an address an account logged in from (caller commits)."""
    _upsert(bucket_hash, utcnow(), {"window_start": utcnow(), "count": 0}, first=0)


def remembered(bucket_hash: str, days: int = KNOWN_DAYS) -> bool:
    return bool(db.session.scalar(select(ThrottleCount.bucket).where(
        ThrottleCount.bucket == bucket_hash,
        ThrottleCount.window_start > utcnow() - timedelta(days=days))))


def _add_one(bucket_hash: str, now, since) -> int:
    """One atomic statement on both databases: a new row counts 1; a row whose window has
    passed starts again at 1; otherwise one more."""
    expired = ThrottleCount.window_start <= since
    return _upsert(bucket_hash, now, {
        "count": case((expired, 1), else_=ThrottleCount.count + 1),
        "window_start": case((expired, now), else_=ThrottleCount.window_start)})


def _upsert(bucket_hash: str, now, values: dict, first: int = 1) -> int:
    insert = (postgresql.insert if db.session.get_bind().dialect.name == "postgresql"
              else sqlite.insert)(ThrottleCount)
    statement = insert.values(bucket=bucket_hash, window_start=now, count=first) \
        .on_conflict_do_update(index_elements=[ThrottleCount.bucket], set_=values) \
        .returning(ThrottleCount.count)
    if _clean_now():
        db.session.execute(delete(ThrottleCount).where(
            ThrottleCount.window_start < now - timedelta(days=KNOWN_DAYS)))
    return db.session.scalar(statement)


def _clean_now() -> bool:
    """Forget old counts now and then (one call in a hundred), not on every attempt."""
    return secrets.randbelow(100) == 0
