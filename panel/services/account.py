"""A panelist's account: consent changes, leaving, and erasure."""
from __future__ import annotations

from flask import g
from sqlalchemy import delete, select

from panel import keystore, receipt_files
from panel.db import db, flush_deleted_pages, utcnow
from panel.extensions import storage_for
from panel.models import Consent, DeletionRecord, Invite, Panelist, Receipt, WaitlistEntry
from panel.services import consents, credentials, mail, personal
from panel.services.errors import NotFound


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

    Files go first (every version), then the rows; the data key is destroyed in the key
    store, apart from the data, so sealed copies anywhere (data backups) stay unreadable.
    What remains is a deletion record with counts and a keyed hash of the id: no personal
    data; the key store's erasure log keeps keyed hashes of the id and the email, so a
    restored backup erases them again (``services.erasures``).
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
    db.session.flush()
    # The key goes first, logged for restores of older backups (services.erasures.replay);
    # should the commit below fail, the next replay removes the unreadable rows.
    keystore.for_app().destroy(panelist.id, personal.subject_ref("panelist", panelist.id),
                               panelist.email_hash)
    g.pop("panel_data_keys", None)
    db.session.commit()
    flush_deleted_pages()
