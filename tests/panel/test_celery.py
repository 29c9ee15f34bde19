"""Receipts processed by a real Celery worker process on a real Redis broker, with
PostgreSQL and S3; and what happens when that worker is killed mid-job."""
from __future__ import annotations

import os
import signal
import time

from sqlalchemy import select

from panel.db import db
from panel.models import Receipt, ReceiptEvent
from tests.ocr.synthetic import render_receipt
from tests.support.factories import BOUGHT_PRINTED, jpeg_bytes, register, upload
from tests.support.waiting import wait_until_final

LINES = [("REWE MARKT", ""), ("Bahnhofstr. 12, 50667 Koeln", ""), (f"{BOUGHT_PRINTED} 09:12", ""),
         ("Milch 1L", "1,19"), ("Brot", "2,49"), ("Kaese", "3,99"), ("Tomaten", "2,20"),
         ("SUMME EUR", "9,87")]


def steps_started(app, receipt_id) -> list[str]:
    with app.app_context():
        steps = list(db.session.scalars(select(ReceiptEvent.step).where(
            ReceiptEvent.receipt_id == receipt_id, ReceiptEvent.status == "processing")))
        db.session.remove()
    return steps


def attempts(app, receipt_id) -> int:
    with app.app_context():
        count = db.session.get(Receipt, receipt_id).attempts
        db.session.remove()
    return count


def final_events(receipt: dict) -> list[dict]:
    return [e for e in receipt["timeline"] if e["step"] == "finish"]


def test_celery_worker_processes_an_upload(celery_stack):
    celery_stack.start()
    client = celery_stack.app.test_client()
    tokens = register(celery_stack.app, client)
    receipt_id = upload(client, tokens, jpeg_bytes(render_receipt(LINES))).get_json()["id"]
    receipt = wait_until_final(client, tokens, receipt_id)
    assert receipt["status"] == "accepted", (receipt["status_reason"], celery_stack.log_tail())
    assert receipt["total"] == "9.87" and receipt["merchant"] == {"name": "Rewe"}
    assert [item["amount"] for item in receipt["items"]] == ["1.19", "2.49", "3.99", "2.20"]
    assert len(final_events(receipt)) == 1


def test_a_worker_killed_mid_job_still_finishes_the_receipt_once(celery_stack):
    celery_stack.start()
    client = celery_stack.app.test_client()
    tokens = register(celery_stack.app, client)
    items = [(f"Artikel {n}", f"{n},{n}9") for n in range(1, 19)]
    pages = [jpeg_bytes(render_receipt(part)) for part in  # a long receipt: slower to read
             (LINES[:3] + items[:6], items[6:12], items[12:] + [("SUMME EUR", "96,12")])]
    receipt_id = upload(client, tokens, *pages).get_json()["id"]
    deadline = time.monotonic() + 60
    while "ocr" not in steps_started(celery_stack.app, receipt_id):
        assert time.monotonic() < deadline, celery_stack.log_tail()
        time.sleep(0.02)
    children = celery_stack.pool_children()
    assert children, celery_stack.log_tail()
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    receipt = wait_until_final(client, tokens, receipt_id, timeout=120)
    assert receipt["status"] in ("accepted", "needs_review"), celery_stack.log_tail()
    assert len(final_events(receipt)) == 1
    assert attempts(celery_stack.app, receipt_id) == 2  # claimed again after the kill


def test_a_restarted_worker_picks_up_receipts_left_behind(celery_stack):
    client = celery_stack.app.test_client()
    tokens = register(celery_stack.app, client)
    celery_stack.start()
    receipt_id = upload(client, tokens, jpeg_bytes(render_receipt(LINES))).get_json()["id"]
    deadline = time.monotonic() + 60
    while "ocr" not in steps_started(celery_stack.app, receipt_id):
        assert time.monotonic() < deadline, celery_stack.log_tail()
        time.sleep(0.02)
    for pid in celery_stack.pool_children():  # the whole worker dies: no requeue by it
        os.kill(pid, signal.SIGKILL)
    celery_stack.process.kill()
    celery_stack.process.wait()
    celery_stack.start()
    receipt = wait_until_final(client, tokens, receipt_id, timeout=120)
    assert receipt["status"] == "accepted", celery_stack.log_tail()
    assert len(final_events(receipt)) == 1 and attempts(celery_stack.app, receipt_id) == 2
