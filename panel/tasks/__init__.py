"""Background work: Celery on a broker when one is configured, else the embedded worker.

Either way the receipt row is the job (see ``claims``); queueing only wakes a worker up, so a
lost message or a dead worker delays a receipt but never loses it.
"""
from __future__ import annotations

import logging

from flask import current_app

log = logging.getLogger(__name__)


def enqueue(receipt_id: str) -> None:
    """Ask a worker to process the receipt; called only after its row is committed."""
    if current_app.config["CELERY_BROKER_URL"]:
        from panel.tasks.jobs import process_receipt_task
        try:
            process_receipt_task.delay(receipt_id)
        except Exception:  # the broker is down: the sweep will find the row later
            log.warning("receipt %s could not be queued; it waits for the sweep", receipt_id)
        return
    worker = current_app.extensions.get("panel.worker")
    if worker is not None:
        worker.wake()
