"""A panelist's account: consent changes, leaving, and erasure."""
from __future__ import annotations

from flask import current_app, g
from sqlalchemy import delete, select

from panel import keystore, receipt_files
from panel.db import db, flush_deleted_pages, utcnow
from panel.extensions import storage_for
from panel.models import Consent, DeletionRecord, Invite, Panelist, Receipt, WaitlistEntry
from panel.services import consents, credentials, mail, payouts, personal
from panel.services.errors import N_, Conflict, Invalid, NotFound
from panel.services.money import from_minor


def set_consent(panelist: Panelist, purpose: str, granted: bool) -> Consent:
    """Grant or withdraw one purpose. Withdrawing ``receipts`` is leaving the panel;
    granting it again after leaving rejoins."""
    if purpose not in consents.PURPOSES:
        raise NotFound(N_("There is no such consent purpose."))
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


def money_left(panelist: Panelist) -> dict:
    """What erasing would lose: the balance and the payouts still on their way."""
    balance, open_payouts = payouts.standing(panelist.id)
    return {"balance": from_minor(balance), "currency": current_app.config["REWARD_CURRENCY"],
            "payouts_on_the_way": len(open_payouts)}


def erase(panelist: Panelist, password: str, forfeit_balance: bool = False) -> None:
    """Erase the account and everything about it, at once, once the panelist's password is
    given again (403 otherwise: a stolen token or an open browser is not enough).

    With a balance or a payout on its way, the panelist chooses first: pay it out, or
    agree to forfeit it (``forfeit_balance``; 409 without it). Forfeiting cancels payouts
    not yet handed on and writes the balance off; the ledger keeps its entries, anonymous.

    Files go first (every version), then the rows; the data key is destroyed in the key
    store, apart from the data, so sealed copies anywhere (data backups) stay unreadable.
    What remains is a deletion record with counts and a keyed hash of the id: no personal
    data; the key store's erasure log keeps keyed hashes of the id and the email, so a
    restored backup erases them again (``services.erasures``).
    """
    credentials.confirm(panelist, password)
    left = money_left(panelist)
    if (left["balance"] > 0 or left["payouts_on_the_way"]) and not forfeit_balance:
        raise Conflict(
            f"You still have {left['balance']} {left['currency']} on your balance and "
            f"{left['payouts_on_the_way']} payout(s) on their way. Pay it out first, or agree "
            "to forfeit it (forfeit_balance), then erase.", {"forfeit_balance": [
                "Needed to erase while money is left."]})
    forfeited = payouts.forfeit(panelist, left["currency"]) if forfeit_balance else 0
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
        details={"receipts": len(receipt_ids),
                 **({"forfeited_minor": forfeited} if forfeited else {})}))
    db.session.delete(panelist)
    db.session.flush()
    # The key goes first, logged for restores of older backups (services.erasures.replay);
    # should the commit below fail, the next replay removes the unreadable rows.
    keystore.for_app().destroy(panelist.id, personal.subject_ref("panelist", panelist.id),
                               panelist.email_hash)
    g.pop("panel_data_keys", None)
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
