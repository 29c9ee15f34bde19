"""Counting events per key in the database (so every process and worker shares the count):
failed staff logins per account and per address, waitlist requests per address.

Keys are stored as keyed hashes, never as addresses or emails.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select

from panel.db import db, utcnow
from panel.models import ThrottleHit
from panel.services import personal
from panel.services.errors import PanelError

KEEP = timedelta(days=1)  # hits older than this are forgotten


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
