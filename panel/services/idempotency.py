"""Idempotency keys: a phone's retry of a mutating request returns the first result.

A key is remembered per panelist and scope for 24 hours, in the same transaction as what
the request made, so of concurrent retries exactly one commits and the rest replay it.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select

from panel.db import db, utcnow
from panel.models import IdempotencyKey, Panelist

WINDOW = timedelta(hours=24)


def earlier_result(panelist: Panelist, scope: str, key: str | None) -> str | None:
    """The id of what a same-key request made within the window; older keys are forgotten."""
    if not key:
        return None
    record = db.session.scalar(select(IdempotencyKey).where(
        IdempotencyKey.panelist_id == panelist.id, IdempotencyKey.scope == scope,
        IdempotencyKey.key == key))
    if record is None:
        return None
    if record.created_at < utcnow() - WINDOW:
        db.session.execute(delete(IdempotencyKey).where(IdempotencyKey.id == record.id))
        db.session.commit()
        return None
    return record.resource_id


def remember(panelist: Panelist, scope: str, key: str | None, resource_id: str) -> None:
    if key:
        db.session.add(IdempotencyKey(panelist_id=panelist.id, scope=scope, key=key,
                                      resource_id=resource_id))
