"""The per-panelist storage quota: bytes of receipt images one panelist may hold.

A receipt counts with the bytes of its pages as stored at upload (after normalisation) while
it still has an image: waiting or being processed (the original), or with a redacted image.
Deleted, removed, purged and never-processed withdrawn receipts hold none and do not count.
On PostgreSQL the panelist's row is locked for the check, so concurrent uploads cannot
together pass the quota; SQLite (one process) does not lock.
"""
from __future__ import annotations

from flask import current_app
from sqlalchemy import func, or_, select

from panel.db import db
from panel.models import UNFINISHED_STATUSES, Panelist, Receipt
from panel.services.errors import TooLarge

MB = 1024 * 1024


class StorageFull(TooLarge):
    """413: this upload would take the panelist past the quota."""


def used_bytes(panelist_id: str) -> int:
    return int(db.session.scalar(
        select(func.coalesce(func.sum(Receipt.uploaded_bytes), 0)).where(
            Receipt.panelist_id == panelist_id,
            or_(Receipt.status.in_(UNFINISHED_STATUSES),
                Receipt.redacted_image_key.is_not(None)))))  # PostgreSQL sums to numeric


def ensure_room(panelist: Panelist, incoming: int) -> None:
    """Refuse (413) an upload of ``incoming`` bytes that does not fit in the quota."""
    quota = current_app.config["PANELIST_STORAGE_QUOTA_BYTES"]
    if quota <= 0:
        return
    if db.session.get_bind().dialect.name == "postgresql":  # one upload at a time checks
        db.session.execute(select(Panelist.id).where(Panelist.id == panelist.id)
                           .with_for_update())  # held until the upload's commit
    used = used_bytes(panelist.id)
    if used + incoming > quota:
        raise StorageFull(
            f"Your receipts already use {used / MB:.1f} MB of the {quota / MB:.0f} MB each "
            f"panelist may store, and this upload needs {incoming / MB:.1f} MB more. Delete "
            "receipts you no longer need to make room.",
            {"storage": {"used_bytes": used, "quota_bytes": quota, "upload_bytes": incoming}})
