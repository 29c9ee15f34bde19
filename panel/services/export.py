"""The panelist's own copy of everything the panel holds about them (GDPR Art. 15 and 20).

A ZIP with ``panelist.json`` and the redacted image of each receipt that has one; the format
is described in docs/export.md.
"""
from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy import select

from panel.db import db, utcnow
from panel.extensions import storage_for
from panel.models import LedgerEntry, Panelist, Receipt
from panel.schemas import (
    ConsentSchema,
    ContributionSchema,
    LedgerEntrySchema,
    PanelistSchema,
    PayoutSchema,
    ReceiptSchema,
    RecipientSchema,
)
from panel.services import audit, consents, payouts, personal, recipients, releases, surveys
from panel.storage import StoredObjectMissing

FORMAT = "receipt-panel-export/1"


def export_zip(panelist: Panelist) -> bytes:
    receipts = list(db.session.scalars(select(Receipt).where(
        Receipt.panelist_id == panelist.id).order_by(Receipt.submitted_at)))
    images = _images(receipts)
    document = {
        "format": FORMAT,
        "exported_at": utcnow().isoformat(),
        "profile": PanelistSchema().dump(personal.profile(panelist)),
        "consent_history": ConsentSchema(many=True).dump(consents.history(panelist)),
        "receipts": [{**ReceiptSchema().dump(r), "image_file": images.get(r.id, (None,))[0]}
                     for r in receipts],
        "reward_ledger": LedgerEntrySchema(many=True).dump(_ledger(panelist)),
        "payouts": PayoutSchema(many=True, exclude=("code",)).dump(
            payouts.export_of(panelist.id)),
        "survey_answers": surveys.answers_of(panelist),
        "staff_access_log": audit.access_log_for(panelist.id, [r.id for r in receipts]),
        "recipients": RecipientSchema(many=True).dump(recipients.for_panelist(panelist)),
        "releases": ContributionSchema(many=True).dump(releases.contributed_by(panelist.id)),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("panelist.json", json.dumps(document, indent=2, ensure_ascii=False))
        for name, data in images.values():
            archive.writestr(name, data)
    return out.getvalue()


def _ledger(panelist: Panelist) -> list[LedgerEntry]:
    return list(db.session.scalars(select(LedgerEntry).where(
        LedgerEntry.panelist_id == panelist.id).order_by(LedgerEntry.created_at)))


def _images(receipts: list[Receipt]) -> dict[str, tuple[str, bytes]]:
    storage, found = storage_for(), {}
    for receipt in receipts:
        if receipt.redacted_image_key:
            try:
                found[receipt.id] = (f"images/{receipt.id}.jpg",
                                     storage.get(receipt.redacted_image_key))
            except StoredObjectMissing:
                continue
    return found
