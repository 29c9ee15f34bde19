"""Gift cards paid by a provider (``PAYOUT_METHOD=provider``): asking the provider for each
requested payout, and its signed webhooks telling how each ended.

Every request for a payout carries the payout's id as idempotency key, so a retry after a
timeout or a 500 never pays twice; every answer and webhook only moves a payout along
``payouts.NEXT`` under the payout's row lock, so a duplicate webhook, or a webhook racing
the answer, leaves one final state.
"""
from __future__ import annotations

import json
import logging

from flask import current_app
from sqlalchemy import select

from panel.db import db
from panel.models import LedgerEntry, Payout, PayoutState
from panel.payout_provider import PayoutProvider, ProviderAnswer, signature_ok
from panel.services import gift_cards, payouts
from panel.services.errors import Invalid, NotFound, Unauthorized
from panel.services.money import from_minor
from panel.services.payout_methods import GIFT_CARD

log = logging.getLogger(__name__)
EVENTS = {"payout.delivered": "delivered", "payout.failed": "failed",
          "payout.reversed": "reversed"}


def provider() -> PayoutProvider:
    config = current_app.config
    return PayoutProvider(config["PAYOUT_PROVIDER_URL"], config["PAYOUT_PROVIDER_API_KEY"],
                          config["PAYOUT_PROVIDER_TIMEOUT"], config["PAYOUT_PROVIDER_ATTEMPTS"])


def send_due(limit: int = 50, recheck: bool = False) -> int:
    """Ask the provider for each requested gift-card payout it has not accepted yet (and,
    with ``recheck``, again for those it accepted but whose webhook never came: the same
    idempotency key answers with the payout's current status); commits once per payout.
    Returns how many reached a state the provider decided."""
    if current_app.config["PAYOUT_METHOD"] != "provider":
        return 0
    where = [Payout.method == GIFT_CARD, Payout.status == PayoutState.REQUESTED]
    if not recheck:
        where.append(Payout.provider_reference.is_(None))
    due = list(db.session.scalars(select(Payout.ledger_entry_id).where(*where).order_by(
        Payout.ledger_entry_id).limit(limit)))
    db.session.rollback()  # hold nothing while talking to the provider
    client, decided = provider(), 0
    for payout_id in due:
        entry = db.session.get(LedgerEntry, payout_id)
        payout = db.session.get(Payout, payout_id)
        answer = client.create(payout_id, f"{from_minor(-entry.amount_minor)}", entry.currency,
                               payout.brand)
        decided += _apply_answer(payout_id, answer)
    return decided


def _apply_answer(payout_id: str, answer: ProviderAnswer) -> int:
    payout = payouts.locked(payout_id)
    payout.attempts += 1
    if not answer.final:
        log.warning("provider did not answer for payout %s (%s); tried again later",
                    payout_id, answer.reason)
        db.session.commit()
        return 0
    payout.provider_reference = answer.reference or payout.provider_reference or payout_id
    _arrive(payout, answer.status, answer.code, answer.pin, answer.reason)
    db.session.commit()
    log.info("provider answered payout %s: %s", payout_id, answer.status)
    return int(answer.status != "pending")


def _arrive(payout: Payout, status: str, code: str | None, pin: str | None,
            reason: str | None) -> bool:
    """Move the payout to what the provider says, if it may still go there."""
    if status == "delivered" and code:
        if gift_cards.code_of(payout.ledger_entry_id) is None and payouts.may_move(
                payout, PayoutState.RESERVED):
            entry = db.session.get(LedgerEntry, payout.ledger_entry_id)
            gift_cards.keep_from_provider(payout.ledger_entry_id, payout.brand or "gift card",
                                          -entry.amount_minor, entry.currency, code, pin)
            payouts.move(payout, PayoutState.RESERVED)
            return True
        return False
    target = {"delivered": PayoutState.DELIVERED, "failed": PayoutState.FAILED,
              "reversed": PayoutState.REVERSED}.get(status)
    if target is None or not payouts.may_move(payout, target):
        return False
    payouts.move(payout, target, (reason or "provider_failed")[:200]
                 if target != PayoutState.DELIVERED else None)
    return True


def receive_webhook(body: bytes, signature: str | None) -> bool:
    """A provider's signed event (docs/payouts.md). 401 for a signature that does not match
    (nothing is read from the body first), 422 for an event we cannot read, 404 for an
    unknown payout. Returns whether the payout changed; a repeated event changes nothing."""
    if not signature_ok(current_app.config["PAYOUT_PROVIDER_WEBHOOK_SECRET"], body, signature):
        log.warning("payout webhook refused: signature does not match")
        raise Unauthorized("The webhook signature does not match.")
    try:
        event = json.loads(body)
        status, data = EVENTS[event["type"]], event["data"]
        reference = str(data["reference"])
    except (ValueError, KeyError, TypeError):
        raise Invalid("The webhook event is not one this panel reads.") from None
    payout = payouts.locked(reference)
    if payout is None:
        db.session.rollback()
        raise NotFound("No such payout.")
    if data.get("id") and not payout.provider_reference:
        payout.provider_reference = str(data["id"])[:80]
    changed = _arrive(payout, status, data.get("code"), data.get("pin"), data.get("reason"))
    db.session.commit()
    log.info("payout webhook %s for payout %s: %s", event.get("id"), reference,
             "applied" if changed else "already known")
    return changed
