"""Monthly rewards: which receipts count, closing a month, the balance and redemptions.

The ledger is append-only and in minor units; the balance is always the sum of entries.
Which receipts count is computed from the receipts themselves, so a receipt withdrawn or
deleted before its month closes simply stops counting, and one withdrawn after it leaves
the reward already written in place.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import case, func, literal, or_, select, text

from panel.db import UtcDateTime, db, utcnow
from panel.models import Receipt, ReceiptStatus, RewardPeriod
from panel.services import ledger
from panel.services.money import from_minor, to_minor

COUNTED_STATUS = ReceiptStatus.ACCEPTED


@dataclass(frozen=True)
class Rules:
    currency: str
    goal: int
    monthly_minor: int
    per_receipt_minor: int
    per_receipt_cap_minor: int
    weekly_cap: int
    excluded_merchants: frozenset[str]


def rules() -> Rules:
    config = current_app.config
    excluded = {m.strip().lower() for m in config["REWARD_EXCLUDED_MERCHANTS"].split(",")}
    return Rules(config["REWARD_CURRENCY"], config["REWARD_MONTHLY_GOAL"],
                 to_minor(config["REWARD_MONTHLY_AMOUNT"]), to_minor(config["REWARD_PER_RECEIPT"]),
                 to_minor(config["REWARD_PER_RECEIPT_MONTHLY_CAP"]), config["REWARD_WEEKLY_CAP"],
                 frozenset(excluded - {""}))


def zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["PANEL_TIMEZONE"])


def period_of(moment: datetime) -> str:
    return moment.astimezone(zone()).strftime("%Y-%m")


def week_of(moment: datetime) -> str:
    year, week, _ = moment.astimezone(zone()).isocalendar()
    return f"{year}-W{week:02d}"


def weeks_touching(period: str) -> list[str]:
    """The ISO weeks that have at least one day in the month."""
    first = date.fromisoformat(f"{period}-01")
    following = (first + timedelta(days=32)).replace(day=1)
    days = (first + timedelta(days=n) for n in range((following - first).days))
    return sorted({f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}" for d in days})


def _countable(query, rule: Rules):
    """Accepted receipts from merchants that are not excluded."""
    query = query.where(Receipt.status == COUNTED_STATUS)
    if rule.excluded_merchants:
        query = query.where(or_(Receipt.merchant_name.is_(None), func.lower(
            Receipt.merchant_name).not_in(sorted(rule.excluded_merchants))))
    return query


def counted(rule: Rules, period: str, panelist_id: str):
    """A subquery of the ids of one panelist's receipts that count in a month: countable,
    and within the weekly cap in submission order (a week may span two months)."""
    rank = func.row_number().over(partition_by=Receipt.week,
                                  order_by=(Receipt.submitted_at, Receipt.id))
    ranked = _countable(select(Receipt.id, Receipt.period, rank.label("n")), rule).where(
        Receipt.panelist_id == panelist_id, Receipt.week.in_(weeks_touching(period))).subquery()
    return select(ranked.c.id).where(ranked.c.n <= rule.weekly_cap,
                                     ranked.c.period == period).subquery()


def counts_per_panelist(rule: Rules, period: str, panelist_id: str | None = None):
    """A subquery of (panelist_id, n): how many receipts count in the month, for every
    panelist at once, with hash aggregates only. The same rule as ``counted``: in each week,
    the month's receipts fill what the cap leaves after the same week's earlier-month ones."""
    per_week = _countable(select(
        Receipt.panelist_id,
        func.count().filter(Receipt.period == period).label("in_month"),
        func.count().filter(Receipt.period < period).label("before")), rule).where(
        Receipt.week.in_(weeks_touching(period)))
    if panelist_id:
        per_week = per_week.where(Receipt.panelist_id == panelist_id)
    weeks = per_week.group_by(Receipt.panelist_id, Receipt.week).subquery()
    room = rule.weekly_cap - weeks.c.before
    in_cap = case((room <= 0, 0), (weeks.c.in_month < room, weeks.c.in_month), else_=room)
    return select(weeks.c.panelist_id, func.sum(in_cap).label("n")).group_by(
        weeks.c.panelist_id).subquery()


def qualification(receipt: Receipt) -> tuple[bool, str | None]:
    """Whether a receipt counts toward its month's reward and, if not, why."""
    return qualifications([receipt])[0]


def qualifications(receipts: list[Receipt]) -> list[tuple[bool, str | None]]:
    """``qualification`` of each receipt, with one query per panelist and month among them
    (a month's counted ids are at most the weekly cap times six weeks)."""
    rule = rules()

    def refusal(receipt: Receipt) -> str | None:
        if receipt.status != COUNTED_STATUS:
            return "withdrawn" if receipt.status == ReceiptStatus.WITHDRAWN else "not_accepted"
        if (receipt.merchant_name or "").lower() in rule.excluded_merchants:
            return "excluded_merchant"
        return None

    counting: set[str] = set()
    for panelist_id, period in {(r.panelist_id, r.period) for r in receipts if not refusal(r)}:
        counting.update(db.session.scalars(select(counted(rule, period, panelist_id).c.id)))
    return [(False, reason) if (reason := refusal(receipt)) else
            ((True, None) if receipt.id in counting else (False, "weekly_cap"))
            for receipt in receipts]


def qualifying_counts(panelist_id: str) -> dict[str, int]:
    """How many of the panelist's receipts count, per month they shared in."""
    rule, counts = rules(), {}
    for period in db.session.scalars(select(Receipt.period).distinct().where(
            Receipt.panelist_id == panelist_id)):
        rows = counts_per_panelist(rule, period, panelist_id)
        counts[period] = int(db.session.scalar(select(rows.c.n)) or 0)
    return {period: n for period, n in counts.items() if n}


def close_period(period: str) -> int:
    """Write one reward entry per panelist who met the goal (and the per-receipt reward, if
    configured) in one set-based pass. Safe to run twice or concurrently: a unique key per
    panelist and month lets each reward be written once. Returns how many were written."""
    rule = rules()
    if db.engine.dialect.name == "postgresql":  # keep the two hash aggregates in memory
        db.session.execute(text("SET LOCAL work_mem = '64MB'"))
    per_panelist = counts_per_panelist(rule, period)
    written = _insert_rewards(
        select(per_panelist.c.panelist_id, literal(rule.monthly_minor))
        .where(per_panelist.c.n >= rule.goal), "period_reward", period, rule)
    if rule.per_receipt_minor:
        amount = per_panelist.c.n * rule.per_receipt_minor
        if rule.per_receipt_cap_minor:
            amount = case((amount < rule.per_receipt_cap_minor, amount),
                          else_=rule.per_receipt_cap_minor)
        _insert_rewards(select(per_panelist.c.panelist_id, amount)
                        .where(per_panelist.c.n > 0), "receipt_reward", period, rule)
    ledger.insert_ignoring_duplicates(RewardPeriod, [{"period": period, "rewarded": written}],
                                      ["period"])
    db.session.commit()
    return written


def _insert_rewards(panelists_and_amounts, kind: str, period: str, rule: Rules) -> int:
    source = panelists_and_amounts.subquery()
    rows = select(ledger.random_id(), source.c[0], literal(kind), source.c[1],
                  literal(rule.currency), literal(period), literal(f"{kind}:{period}"),
                  literal(f"Reward for {period}"), literal(utcnow(), UtcDateTime))
    return ledger.insert_from_select(rows)


def due_periods(now: datetime | None = None) -> list[str]:
    """The last month, once its grace days are over, if it is not closed yet."""
    now = (now or utcnow()).astimezone(zone())
    grace = current_app.config["REWARD_CLOSE_GRACE_DAYS"]
    last_month = (now.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    if now.day <= grace or db.session.get(RewardPeriod, last_month):
        return []
    return [last_month]


def close_due_periods() -> int:
    return sum(close_period(period) for period in due_periods())




def summary(panelist_id: str) -> dict:
    """The panelist's rewards page: balance, this month's progress, and past months."""
    rule, counts = rules(), qualifying_counts(panelist_id)
    earned = ledger.earned_by_period(panelist_id)
    current = period_of(utcnow())
    past = sorted((set(counts) | set(earned)) - {current}, reverse=True)
    return {
        "currency": rule.currency,
        "balance": from_minor(ledger.balance(panelist_id)),
        "current_period": {"period": current, "qualifying_receipts": counts.get(current, 0),
                           "goal": rule.goal, "reward": from_minor(rule.monthly_minor)},
        "periods": [{"period": p, "qualifying_receipts": counts.get(p, 0), "goal": rule.goal,
                     "earned": from_minor(earned.get(p, 0))} for p in past],
    }
