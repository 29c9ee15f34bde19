"""One receipt's way from original photo to redacted record: an ordered list of small,
named steps. Each step is recorded on the receipt's timeline and is safe to run again; any
step may stop the job with an outcome. Work before redaction is redone after a crash (the
original is still stored); once redaction is committed, the original is gone and later steps
work from the stored, redacted result only."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from flask import current_app
from sqlalchemy import update

from panel import logs, metrics, receipt_files
from panel.db import db, utcnow
from panel.extensions import storage_for
from panel.models import Receipt, ReceiptStatus
from panel.tasks import claims, steps
from panel.tasks.steps import Stop

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[["steps.Job"], None]
    before_redaction: bool


STEPS = [
    Step("load", steps.load, True),
    Step("ocr", steps.read_text, True),
    Step("parse", steps.parse, True),
    Step("redact", steps.redact, True),
    Step("check", steps.check, False),
]


@dataclass
class Result:
    """What the caller should do: nothing (final or held elsewhere), or retry later."""

    retry_in: float | None = None
    outcome: ReceiptStatus | None = None


def process_receipt(receipt_id: str) -> Result:
    with logs.context(receipt_id=receipt_id):
        return _process(receipt_id)


def _process(receipt_id: str) -> Result:
    receipt = claims.claim(receipt_id)
    if receipt is None:
        return Result(retry_in=claims.seconds_until_free(receipt_id))
    if receipt.attempts > current_app.config["JOB_MAX_ATTEMPTS"]:
        return _finish(steps.Job(receipt), Stop(ReceiptStatus.REJECTED, "processing_failed"))
    logs.add(request_id=receipt.request_id)  # the upload's request, on the job's lines too
    job = steps.Job(receipt)
    step = None
    try:
        for step in STEPS:
            if step.before_redaction and receipt.redacted_at is not None:
                continue
            if not claims.renew(receipt):
                metrics.LEASES_LOST.inc()
                return Result()  # another worker took over after our lease ran out
            receipt.add_event(ReceiptStatus.PROCESSING, step=step.name)
            db.session.commit()
            with metrics.timed(metrics.STEP_SECONDS, step=step.name):
                step.run(job)
    except Stop as stop:
        return _finish(job, stop)
    except Exception:
        db.session.rollback()
        if db.session.get(Receipt, receipt_id) is None:  # deleted meanwhile: leave nothing
            receipt_files.erase(storage_for(), receipt_id)
            return Result()
        log.exception("receipt %s failed in step %s (attempt %s)", receipt_id,
                      step.name if step else None, receipt.attempts)
        retry_in = 5.0 * 2 ** receipt.attempts
        claims.release(receipt, retry_in)
        return Result(retry_in=retry_in)
    return _finish(job, Stop(ReceiptStatus.ACCEPTED))


def _finish(job: "steps.Job", outcome: Stop) -> Result:
    """Record the outcome, unless the receipt changed hands meanwhile (withdrawn by the
    panelist, or taken over by another worker after our lease ran out)."""
    receipt: Receipt = job.receipt
    steps.forget_originals(receipt)
    finished = db.session.execute(update(Receipt).where(
        Receipt.id == receipt.id, Receipt.status == ReceiptStatus.PROCESSING,
        Receipt.lease_owner == receipt.lease_owner).values(
        status=outcome.status, status_reason=outcome.reason, processed_at=utcnow(),
        lease_owner=None, lease_expires_at=None).execution_options(synchronize_session=False))
    if finished.rowcount != 1:
        db.session.rollback()
        return Result()
    db.session.refresh(receipt)
    receipt.add_event(outcome.status, step="finish", reason=outcome.reason)
    db.session.commit()
    log.info("receipt %s finished: %s %s", receipt.id, outcome.status, outcome.reason or "")
    metrics.OUTCOMES.labels(status=outcome.status, reason=outcome.reason or "").inc()
    return Result(outcome=outcome.status)


