"""Celery tasks. Delivery is at least once (late acks, requeue when a worker dies, prefetch
of one); the pipeline's lease makes a second delivery harmless."""
from __future__ import annotations

from celery import shared_task
from celery.signals import worker_ready

from panel.tasks import claims
from panel.tasks.pipeline import process_receipt


@shared_task(bind=True, name="panel.process_receipt", acks_late=True,
             reject_on_worker_lost=True, max_retries=None)
def process_receipt_task(self, receipt_id: str) -> str | None:
    result = process_receipt(receipt_id)
    if result.retry_in is not None:
        raise self.retry(countdown=result.retry_in + 1)
    return result.outcome


@shared_task(name="panel.requeue_waiting_receipts")
def requeue_waiting_receipts() -> int:
    """Queue every receipt that waits without a live lease (after a restart or a lost message)."""
    waiting = claims.waiting_ids(limit=10_000)
    for receipt_id in waiting:
        process_receipt_task.delay(receipt_id)
    return len(waiting)


@worker_ready.connect
def _sweep_on_start(sender=None, **_):
    requeue_waiting_receipts.delay()
