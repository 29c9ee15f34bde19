"""Celery tasks. Delivery is at least once (late acks, requeue when a worker dies, prefetch
of one); the pipeline's lease makes a second delivery harmless."""
from __future__ import annotations

import logging

from celery import shared_task
from flask import current_app

from panel.services import erasures, gift_cards, payout_delivery, retention, rewards
from panel.tasks import claims
from panel.tasks.pipeline import process_receipt

log = logging.getLogger(__name__)


@shared_task(bind=True, name="panel.process_receipt", acks_late=True,
             reject_on_worker_lost=True, max_retries=None)
def process_receipt_task(self, receipt_id: str) -> str | None:
    try:
        result = process_receipt(receipt_id)
    except Exception as error:  # noqa: BLE001  (the row is the job: try it again later)
        log.warning("receipt %s: job ended by %s; tried again", receipt_id,
                    type(error).__name__)
        raise self.retry(countdown=current_app.config["JOB_RETRY_MAX_SECONDS"]) from None
    if result.retry_in is not None:
        raise self.retry(countdown=result.retry_in + 1)
    return result.outcome


@shared_task(name="panel.requeue_unfinished_receipts")
def requeue_unfinished_receipts() -> int:
    """Queue every unfinished receipt, each for when its lease runs out, so receipts whose
    message was lost (a dead worker, a broker restart) are processed. A receipt that is
    still being worked on just finds itself finished, or busy, when the copy arrives.
    Queued by every worker when it (re)connects to the broker (tasks.celery), and by beat."""
    unfinished = claims.unfinished()
    for receipt_id, wait in unfinished:
        process_receipt_task.apply_async((receipt_id,), countdown=wait + 1 if wait else None)
    return len(unfinished)


@shared_task(name="panel.purge_expired_receipts")
def purge_expired_receipts() -> int:
    return retention.purge_expired()


@shared_task(name="panel.purge_old_outbox_messages")
def purge_old_outbox_messages() -> int:
    return retention.purge_old_mail()


@shared_task(name="panel.purge_expired_records")
def purge_expired_records() -> int:
    """Invites, tokens, sessions, idempotency keys, waitlist entries past their periods;
    receipts stuck unfinished; and any erasure whose data commit failed after its key went."""
    purged = sum(retention.purge_records().values()) + retention.fail_stuck_receipts()
    return purged + erasures.replay(receipts=False).panelists


@shared_task(name="panel.close_due_periods")
def close_due_periods() -> int:
    return rewards.close_due_periods()



@shared_task(name="panel.send_due_payouts")
def send_due_payouts() -> int:
    return payout_delivery.send_due()


@shared_task(name="panel.warn_low_inventory")
def warn_low_inventory() -> int:
    return gift_cards.warn_low_inventory()
