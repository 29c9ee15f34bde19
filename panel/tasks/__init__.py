"""Background work: Celery on a broker when one is configured, else the embedded worker.

Either way the receipt row is the job (see ``claims``); queueing only wakes a worker up, so a
lost message, a broker that is down or a dead worker delays a receipt but never loses it:
a worker sweeps for waiting rows whenever it (re)connects to the broker (``jobs``).
"""
from __future__ import annotations

import logging

from flask import current_app

log = logging.getLogger(__name__)


def enqueue(receipt_id: str) -> None:
    """Ask a worker to process the receipt; called only after its row is committed. Waits
    for the broker at most BROKER_PUBLISH_TIMEOUT seconds (its socket timeouts, no retry)."""
    if current_app.config["CELERY_BROKER_URL"]:
        from panel.tasks.jobs import process_receipt_task
        try:
            process_receipt_task.apply_async((receipt_id,), retry=False)
        except Exception as error:  # noqa: BLE001  (the broker is down: the sweep finds it)
            log.warning("receipt %s could not be queued (%s); it waits for the sweep",
                        receipt_id, type(error).__name__)
        return
    worker = current_app.extensions.get("panel.worker")
    if worker is not None:
        worker.wake()
