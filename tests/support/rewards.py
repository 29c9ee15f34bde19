"""Receipts made directly as rows, for reward tests that are about counting, not reading."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from panel.db import db, new_id
from panel.models import Receipt
from panel.services import rewards


def put_receipt(panelist_id: str, submitted_at: datetime, status: str = "accepted",
                merchant: str = "Corner Shop", total: str = "9.99") -> str:
    """An already processed receipt row (call inside an app context; commits)."""
    receipt = Receipt(id=new_id(), panelist_id=panelist_id, status=status, page_count=1,
                      submitted_at=submitted_at, period=rewards.period_of(submitted_at),
                      week=rewards.week_of(submitted_at), merchant_name=merchant,
                      total=Decimal(total), processed_at=submitted_at)
    db.session.add(receipt)
    db.session.commit()
    return receipt.id
