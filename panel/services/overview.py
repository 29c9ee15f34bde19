"""The panel's health in aggregates only (no panelist, no receipt): for every staff role
that may see figures, analysts included."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select

from panel.db import db, utcnow
from panel.models import Invite, Panelist, Receipt, ReceiptRedaction, ReceiptStatus, WaitlistEntry
from panel.services import gift_cards, payouts

STATUSES = tuple(ReceiptStatus)


@dataclass
class Overview:
    days: int
    waitlist_waiting: int
    invites_sent: int
    invites_accepted: int
    active_panelists: int
    receipts_per_day: list[tuple[date, dict[str, int]]]
    outcomes: list[tuple[str, str, int]]  # status, reason, count (all time)
    redactions: list[tuple[str, str, int]]  # category, action, total count
    average_seconds_to_result: float | None
    rewards_owed: str
    rewards_paid: str
    low_inventory: list[str]  # gift-card values running low, in words


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def build(days: int = 30) -> Overview:
    money = payouts.totals()
    return Overview(
        days=days,
        waitlist_waiting=_count(WaitlistEntry, WaitlistEntry.invited_at.is_(None)),
        invites_sent=_count(Invite),
        invites_accepted=_count(Invite, Invite.used_at.is_not(None)),
        active_panelists=_count(Panelist, Panelist.status == "active"),
        receipts_per_day=_per_day(days),
        outcomes=[(s, r or "", n) for s, r, n in db.session.execute(
            select(Receipt.status, Receipt.status_reason, func.count())
            .group_by(Receipt.status, Receipt.status_reason)
            .order_by(Receipt.status, Receipt.status_reason))],
        redactions=[(c, a, int(n or 0)) for c, a, n in db.session.execute(
            select(ReceiptRedaction.category, ReceiptRedaction.action,
                   func.sum(ReceiptRedaction.count))
            .group_by(ReceiptRedaction.category, ReceiptRedaction.action)
            .order_by(ReceiptRedaction.category, ReceiptRedaction.action))],
        average_seconds_to_result=_average_seconds(days),
        rewards_owed=money["owed"], rewards_paid=money["paid"],
        low_inventory=gift_cards.low_stock()
        if current_app.config["PAYOUT_METHOD"] == "inventory" else [])


def _per_day(days: int) -> list[tuple[date, dict[str, int]]]:
    """Receipts submitted on each of the last ``days`` days (panel time zone), by status."""
    zone = ZoneInfo(current_app.config["PANEL_TIMEZONE"])
    today = utcnow().astimezone(zone).date()
    first = today - timedelta(days=days - 1)
    counts: dict[date, Counter] = defaultdict(Counter)
    rows = db.session.execute(select(Receipt.submitted_at, Receipt.status).where(
        Receipt.submitted_at >= utcnow() - timedelta(days=days + 1)))
    for submitted_at, status in rows:
        day = submitted_at.astimezone(zone).date()
        if day >= first:
            counts[day][status] += 1
    return [(first + timedelta(days=n), dict(counts[first + timedelta(days=n)]))
            for n in range(days)]


def _average_seconds(days: int) -> float | None:
    rows = db.session.execute(select(Receipt.submitted_at, Receipt.processed_at).where(
        Receipt.processed_at.is_not(None),
        Receipt.submitted_at >= utcnow() - timedelta(days=days)))
    spans = [(done - start).total_seconds() for start, done in rows]
    return sum(spans) / len(spans) if spans else None
