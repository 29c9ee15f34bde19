"""Counting events per key in the database (so every process and worker shares the count):
failed staff and panelist logins per account and per address, waitlist joins per address.

Kept beside the request limits of ``panel.ratelimit`` (Flask-Limiter) on purpose: these count
failures and joins inside the service, in its transaction, over long windows (15 minutes, an
hour), for every face at once (API, dashboard, admin tool), and stay shared by all processes
even when the request limits count in memory. The request limits count every request per
minute, before any work is done.

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
