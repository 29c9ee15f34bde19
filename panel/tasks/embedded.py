"""The embedded worker: a thread in the app process that processes waiting receipts.

It looks for waiting rows when woken and every few seconds, so receipts queued before a
restart, or left behind by a crash, are processed without any message. It also runs the
periodic jobs that Celery beat runs at scale: the retention purges and closing months.
"""
from __future__ import annotations

import logging
import threading
import time

from flask import Flask

from panel.db import db
from panel.services import erasures, gift_cards, payout_delivery, retention, rewards
from panel.tasks import claims
from panel.tasks.pipeline import process_receipt

log = logging.getLogger(__name__)


class EmbeddedWorker:
    def __init__(self, app: Flask):
        self.app = app
        self.poll_seconds = app.config["WORKER_POLL_SECONDS"]
        self.chores_every = app.config["PERIODIC_JOBS_SECONDS"]
        self._next_chores = 0.0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="embedded-worker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.poll_seconds)
            self._wake.clear()
            try:
                self._drain()
            except Exception:  # keep the thread alive; the rows stay waiting
                log.exception("embedded worker pass failed")

    def _drain(self) -> None:
        with self.app.app_context():
            try:
                while not self._stop.is_set() and (waiting := claims.waiting_ids(limit=20)):
                    for receipt_id in waiting:
                        if self._stop.is_set():
                            return
                        process_receipt(receipt_id)
                payout_delivery.send_due()  # nothing to do unless PAYOUT_METHOD=provider
                if time.monotonic() >= self._next_chores:
                    self._next_chores = time.monotonic() + self.chores_every
                    retention.purge_expired()
                    retention.purge_old_mail()
                    retention.purge_records()
                    retention.fail_stuck_receipts()
                    erasures.replay(receipts=False)
                    rewards.close_due_periods()
                    gift_cards.warn_low_inventory()
            finally:
                db.session.remove()
