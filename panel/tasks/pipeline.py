"""One receipt's way from original photo to redacted record: an ordered list of small,
named steps. Each step is recorded on the receipt's timeline and is safe to run again; any
step may stop the job with an outcome. Work before redaction is redone after a crash (the
original is still stored); once redaction is committed, the original is gone and later steps
work from the stored, redacted result only.

No database transaction stays open while a step works: the row is read when it is claimed,
each step's start is one short commit, and what a step writes is committed in a short
transaction guarded by the lease (``claims.renew``).

A failure of the infrastructure (storage, database; see ``INFRASTRUCTURE``) only delays the
receipt: it is retried, every 1, 2, 4... seconds up to JOB_RETRY_MAX_SECONDS, without end,
and logged as an error after JOB_ALERT_ATTEMPTS tries. Only failures of the receipt itself
(a step that raises anything else, a worker lost mid-job) count, and after JOB_MAX_ATTEMPTS
of them the receipt goes to review (``processing_failed``)."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Callable

from flask import current_app
from sqlalchemy import update

from panel import logs, metrics, receipt_files
from panel.db import db, reset_session, utcnow
from panel.extensions import storage_for
from panel.models import Receipt, ReceiptStatus
from panel.services.errors import DATABASE_UNREACHABLE
from panel.storage import StorageUnavailable
from panel.tasks import claims, steps
from panel.tasks.steps import LeaseLost, OriginalNotFoundYet, Stop

log = logging.getLogger(__name__)

# Failures of the system, not of the receipt: they never use up a receipt's attempts.
INFRASTRUCTURE = (StorageUnavailable, OriginalNotFoundYet, *DATABASE_UNREACHABLE)
RELEASE_TRIES = 4


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
    session = db.session()
    keep, session.expire_on_commit = session.expire_on_commit, False  # read once, then no
    try:                                                                # transaction open
        with logs.context(receipt_id=receipt_id):
            return _process(receipt_id)
    finally:
        session.expire_on_commit = keep


def _process(receipt_id: str) -> Result:
    try:
        receipt = claims.claim(receipt_id)
        if receipt is None:
            return Result(retry_in=claims.seconds_until_free(receipt_id))
        db.session.commit()  # what the job needs is read: end the transaction
    except DATABASE_UNREACHABLE as error:
        reset_session()
        log.warning("receipt %s not claimed: the database failed (%s)", receipt_id,
                    type(error).__name__)
        return Result(retry_in=backoff(1))
    logs.add(request_id=receipt.request_id)  # the upload's request, on the job's lines too
    job = steps.Job(receipt, owner=receipt.lease_owner)
    try:
        if receipt.failures >= current_app.config["JOB_MAX_ATTEMPTS"]:
            return _finish(job, Stop(ReceiptStatus.NEEDS_REVIEW, "processing_failed"))
        return _finish(job, _run_steps(job))
    except LeaseLost:
        reset_session()
        metrics.LEASES_LOST.inc()
        return Result()  # another worker took over after our lease ran out
    except Exception as error:  # noqa: BLE001  (every failure is retried or counted)
        return _failed(job, error)


def _run_steps(job: "steps.Job") -> Stop:
    receipt = job.receipt
    try:
        for step in STEPS:
            if step.before_redaction and receipt.redacted_at is not None:
                continue
            job.step = step.name
            if not claims.renew(receipt.id, job.owner):
                raise LeaseLost
            receipt.add_event(ReceiptStatus.PROCESSING, step=step.name)
            db.session.commit()
            with metrics.timed(metrics.STEP_SECONDS, step=step.name):
                step.run(job)
    except Stop as stop:
        return stop
    job.step = "finish"
    return Stop(ReceiptStatus.ACCEPTED)


def backoff(attempt: int) -> float:
    """Seconds before the next try: 1, 2, 4... up to JOB_RETRY_MAX_SECONDS."""
    return min(float(current_app.config["JOB_RETRY_MAX_SECONDS"]), 2.0 ** min(attempt - 1, 16))


def _failed(job: "steps.Job", error: Exception) -> Result:
    """Give the lease back to be tried again later; the failure counts toward giving up only
    if the receipt caused it."""
    receipt_id, attempt = job.receipt.id, job.receipt.attempts
    ours = not isinstance(error, INFRASTRUCTURE)
    retry_in = backoff(attempt)
    for tries_left in reversed(range(RELEASE_TRIES)):  # a burst of killed connections passes
        try:
            reset_session()
            if db.session.get(Receipt, receipt_id) is None:  # deleted meanwhile: leave nothing
                receipt_files.erase(storage_for(), receipt_id)
                return Result()
            claims.release(receipt_id, job.owner, retry_in, failed=ours)
            break
        except INFRASTRUCTURE as again:
            reset_session()
            if not tries_left:  # the lease runs out by itself (which counts as a failure)
                log.warning("receipt %s not released: %s", receipt_id, type(again).__name__)
                return Result(retry_in=retry_in)
            time.sleep(0.5)
    if ours:
        log.exception("receipt %s failed in step %s (attempt %s)", receipt_id, job.step,
                      attempt)
    else:
        alert = attempt >= current_app.config["JOB_ALERT_ATTEMPTS"]
        (log.error if alert else log.warning)(
            "receipt %s waits: %s in step %s (attempt %s, next in %.0f s)", receipt_id,
            type(error).__name__, job.step, attempt, retry_in)
    return Result(retry_in=retry_in)


def _finish(job: "steps.Job", outcome: Stop) -> Result:
    """Drop the originals and record the outcome, unless the receipt changed hands meanwhile
    (withdrawn by the panelist, or taken over by another worker after our lease ran out):
    then neither, as the originals may still be needed."""
    receipt: Receipt = job.receipt
    job.step = "finish"
    if not claims.renew(receipt.id, job.owner):
        raise LeaseLost
    db.session.commit()
    steps.forget_originals(receipt)
    finished = db.session.execute(update(Receipt).where(
        Receipt.id == receipt.id, Receipt.status == ReceiptStatus.PROCESSING,
        Receipt.lease_owner == job.owner).values(
        status=outcome.status, status_reason=outcome.reason, processed_at=utcnow(),
        lease_owner=None, lease_expires_at=None).execution_options(synchronize_session=False))
    if finished.rowcount != 1:
        raise LeaseLost
    db.session.refresh(receipt)
    receipt.add_event(outcome.status, step="finish", reason=outcome.reason)
    db.session.commit()
    metrics.OUTCOMES.labels(status=outcome.status, reason=outcome.reason or "").inc()
    log.info("receipt %s finished: %s %s", receipt.id, outcome.status, outcome.reason or "")
    return Result(outcome=outcome.status)
