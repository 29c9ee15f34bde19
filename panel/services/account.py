"""A panelist's account: consent changes, leaving, and erasure."""
from __future__ import annotations

from sqlalchemy import delete, select

from panel import receipt_files
from panel.db import db, flush_deleted_pages, utcnow
from panel.extensions import storage_for
from panel.models import Consent, DeletionRecord, Invite, Panelist, Receipt, WaitlistEntry
from panel.services import consents, credentials, mail, personal
from panel.services.errors import Invalid, NotFound


def set_consent(panelist: Panelist, purpose: str, granted: bool) -> Consent:
    """Grant or withdraw one purpose. Withdrawing ``receipts`` is leaving the panel;
    granting it again after leaving rejoins."""
    if purpose not in consents.PURPOSES:
        raise NotFound("There is no such consent purpose.")
    if purpose == "receipts":
        panelist.status = "active" if granted else "left"
        panelist.left_at = None if granted else utcnow()
    consents.record_choices(panelist, {purpose: granted})
    db.session.commit()
    return consents.current_of(panelist, purpose)


def leave(panelist: Panelist) -> Panelist:
    """No more uploads; everything shared stays (and earned rewards stay payable) until the
    panelist erases the account. Leaving twice is harmless."""
    if panelist.status != "left":
        set_consent(panelist, "receipts", False)
    return panelist


def erase(panelist: Panelist, password: str) -> None:
    """Erase the account and everything about it, at once, once the panelist's password is
    given again (403 otherwise: a stolen token or an open browser is not enough).

    Files go first (every version), then the rows; the data key is destroyed with the
    panelist row, so sealed copies anywhere (backups) stay unreadable. What remains is a
    deletion record with counts and a keyed hash of the id: no personal data.
    """
    credentials.confirm(panelist, password)
    receipt_ids = list(db.session.scalars(select(Receipt.id).where(
        Receipt.panelist_id == panelist.id)))
    storage = storage_for()
    for receipt_id in receipt_ids:
        receipt_files.erase(storage, receipt_id)
    mail.forget_recipient(personal.open_field(panelist, "email"))
    db.session.execute(delete(Invite).where(Invite.email_hash == panelist.email_hash))
    db.session.execute(delete(WaitlistEntry).where(
        WaitlistEntry.email_hash == panelist.email_hash))
    db.session.add(DeletionRecord(
        kind="account", subject_hash=personal.subject_ref("panelist", panelist.id),
        details={"receipts": len(receipt_ids)}))
    db.session.delete(panelist)
    db.session.commit()
    flush_deleted_pages()


def set_language(panelist: Panelist, language: str | None, offered: list[str]) -> Panelist:
    """The language the panel speaks to the panelist (pages, mail, API messages); None: the
    browser's or app's Accept-Language."""
    if language is not None and language not in offered:
        raise Invalid(f"The panel speaks {', '.join(offered)}.",
                      {"language": [f"One of {', '.join(offered)}."]})
    panelist.language = language
    db.session.commit()
    return panelist
