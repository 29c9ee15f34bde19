"""The Celery app, set up as in Flask's own Celery pattern: tasks run in an app context.

A broker outage only delays receipts: a request waits for the broker at most
BROKER_PUBLISH_TIMEOUT seconds (the row is the job), a worker tries to reconnect every
second or two, and each time it (re)connects it sweeps for unfinished receipts
(``SweepOnConnect``), so receipts uploaded during the outage run within seconds of its end.
"""
from __future__ import annotations

import logging

from celery import Celery, Task, bootsteps
from celery.worker.consumer import Consumer
from flask import Flask

log = logging.getLogger(__name__)

RECONNECT = {"interval_start": 1, "interval_step": 1, "interval_max": 2}


class PanelConsumer(Consumer):
    """Celery's consumer, retrying the broker every second or two (Celery's own waits grow
    to 30 s), so the end of an outage is seen at once."""

    def ensure_connected(self, conn):
        ensure = conn.ensure_connection
        conn.ensure_connection = lambda *args, **kwargs: ensure(*args, **{**kwargs, **RECONNECT})
        return super().ensure_connected(conn)


class SweepOnConnect(bootsteps.StartStopStep):
    """Whenever the worker's consumer starts, at start-up and after every reconnection to
    the broker: queue the sweep for receipts whose message was lost or never sent."""

    requires = {"celery.worker.consumer.tasks:Tasks"}

    def start(self, consumer):
        try:
            consumer.app.send_task("panel.requeue_unfinished_receipts", retry=False)
        except Exception as error:  # noqa: BLE001  (the next connection sweeps again)
            log.warning("sweep not queued: %s", type(error).__name__)


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    publish_timeout = float(app.config["BROKER_PUBLISH_TIMEOUT"])
    celery_app.conf.update(
        broker_url=app.config["CELERY_BROKER_URL"] or "memory://",
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        worker_hijack_root_logger=False,  # the app's log lines (panel.logs), JSON or text
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=publish_timeout,
        worker_consumer="panel.tasks.celery:PanelConsumer",
        broker_transport_options={
            "visibility_timeout": app.config["BROKER_VISIBILITY_TIMEOUT"],
            # a broker that hangs instead of refusing: no request waits on it for long
            "socket_timeout": publish_timeout, "socket_connect_timeout": publish_timeout},
        beat_schedule={
            "requeue-unfinished-receipts": {
                "task": "panel.requeue_unfinished_receipts", "schedule": 300.0},
            "close-due-periods": {"task": "panel.close_due_periods", "schedule": 3600.0},
            "warn-low-inventory": {"task": "panel.warn_low_inventory", "schedule": 3600.0},
            "send-due-payouts": {"task": "panel.send_due_payouts", "schedule": 30.0},
            "purge-expired-receipts": {
                "task": "panel.purge_expired_receipts",
                "schedule": float(app.config["PERIODIC_JOBS_SECONDS"])},
            "purge-expired-records": {
                "task": "panel.purge_expired_records",
                "schedule": float(app.config["PERIODIC_JOBS_SECONDS"])},
            "purge-old-outbox-messages": {
                "task": "panel.purge_old_outbox_messages",
                "schedule": float(app.config["PERIODIC_JOBS_SECONDS"])},
        },
    )
    celery_app.steps["consumer"].add(SweepOnConnect)
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app
