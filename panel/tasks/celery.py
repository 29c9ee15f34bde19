"""The Celery app, set up as in Flask's own Celery pattern: tasks run in an app context."""
from __future__ import annotations

from celery import Celery, Task
from flask import Flask


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.conf.update(
        broker_url=app.config["CELERY_BROKER_URL"] or "memory://",
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        worker_hijack_root_logger=False,  # the app's log lines (panel.logs), JSON or text
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            "visibility_timeout": app.config["BROKER_VISIBILITY_TIMEOUT"]},
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
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app
