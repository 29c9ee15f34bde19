"""Idempotency keys: a phone's retry of a mutating request returns the first result.

A key is remembered per panelist and scope for 24 hours, in the same transaction as what
the request made, so of concurrent retries exactly one commits and the rest replay it. The
key keeps a hash of the request's payload: the same key sent with another payload is not a
retry but a mistake, refused with 422 (as the IETF Idempotency-Key draft says).
"""
from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import and_, delete, select

from panel.db import db, utcnow
from panel.models import IdempotencyKey, Panelist
from panel.services.errors import Invalid

WINDOW = timedelta(hours=24)


def fingerprint(*parts: bytes | str) -> str:
    """SHA-256 of a request's payload, its parts kept apart (so "ab", "c" is not "a", "bc")."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def earlier_result(panelist: Panelist, scope: str, key: str | None, payload: str) -> str | None:
    """The id of what a same-key request made within the window (an older one does not
    count). Raises Invalid (422) when that request had another payload."""
    if not key:
        return None
    record = db.session.scalar(select(IdempotencyKey).where(
        _same_key(panelist, scope, key), IdempotencyKey.created_at >= utcnow() - WINDOW))
    if record is None:
        return None
    if record.payload_hash is not None and record.payload_hash != payload:
        raise Invalid("This Idempotency-Key was already used for a different request. Use a "
                      "new key for a new request; a retry must send the same body.",
                      {"Idempotency-Key": ["Reused with a different payload."]})
    return record.resource_id


def remember(panelist: Panelist, scope: str, key: str | None, resource_id: str,
             payload: str) -> None:
    """Keep the key with what the request made, in the caller's transaction; the same key
    from before the window is forgotten there."""
    if key:
        db.session.execute(delete(IdempotencyKey).where(
            _same_key(panelist, scope, key), IdempotencyKey.created_at < utcnow() - WINDOW))
        db.session.add(IdempotencyKey(panelist_id=panelist.id, scope=scope, key=key,
                                      resource_id=resource_id, payload_hash=payload))


def _same_key(panelist: Panelist, scope: str, key: str):
    return and_(IdempotencyKey.panelist_id == panelist.id, IdempotencyKey.scope == scope,
                IdempotencyKey.key == key)
