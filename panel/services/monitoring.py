"""What the metrics endpoint reads from the database when scraped: gauges that no single
process could count (receipts by status, the queue, the outbox)."""
from __future__ import annotations

from prometheus_client.core import GaugeMetricFamily
from sqlalchemy import func, select

from panel.db import db, utcnow
from panel.models import OutboxMessage, Receipt, ReceiptStatus


class StateCollector:
    """A prometheus_client collector; runs in an app context."""

    def collect(self):
        try:
            yield from self._families()
        finally:
            db.session.remove()

    def _families(self):
        now = utcnow()
        by_status = GaugeMetricFamily("panel_receipts", "Receipts by status", labels=["status"])
        counts = dict(db.session.execute(
            select(Receipt.status, func.count()).group_by(Receipt.status)).all())
        for status in ReceiptStatus:
            by_status.add_metric([status.value], counts.get(status.value, 0))
        yield by_status
        waiting = Receipt.status.in_((ReceiptStatus.QUEUED, ReceiptStatus.PROCESSING))
        depth, oldest = db.session.execute(
            select(func.count(), func.min(Receipt.submitted_at)).where(waiting)).one()
        yield GaugeMetricFamily("panel_queue_depth", "Receipts queued or processing",
                                value=depth)
        if oldest is not None and oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=now.tzinfo)
        yield GaugeMetricFamily(
            "panel_queue_oldest_age_seconds", "Age of the oldest receipt queued or processing",
            value=(now - oldest).total_seconds() if oldest else 0.0)
        expired = db.session.scalar(select(func.count()).select_from(Receipt).where(
            Receipt.status == ReceiptStatus.PROCESSING, Receipt.lease_expires_at < now))
        yield GaugeMetricFamily("panel_leases_expired",
                                "Receipts processing whose worker's lease has run out",
                                value=expired)
        outbox = db.session.scalar(select(func.count()).select_from(OutboxMessage))
        yield GaugeMetricFamily("panel_outbox_backlog", "Mail messages in the outbox",
                                value=outbox)
