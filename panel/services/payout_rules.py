"""The rules a payout must meet, from the settings (README, "Payouts"): a minimum, the
amounts each method allows (gift cards come in fixed values), a hold for new accounts, and
daily limits per panelist and for the whole panel.

The daily limits are checked in the same guarded statement that takes the amount off the
balance (``ledger.debit``), so concurrent redemptions cannot pass them together.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, select

from panel.db import db, utcnow
from panel.models import LedgerEntry, Panelist
from panel.services import rewards
from panel.services.errors import Conflict, Invalid
from panel.services.money import from_minor, to_minor


@dataclass(frozen=True)
class PayoutRules:
    minimum_minor: int
    amounts: dict[str, tuple[int, ...]]  # method -> the only amounts it pays; absent: any
    hold_days: int
    daily_per_panelist_minor: int  # 0: no limit
    daily_total_minor: int  # 0: no limit


def rules() -> PayoutRules:
    config = current_app.config
    return PayoutRules(to_minor(config["PAYOUT_MINIMUM"]),
                       parse_amounts(config["PAYOUT_AMOUNTS"]), config["PAYOUT_HOLD_DAYS"],
                       to_minor(config["PAYOUT_DAILY_LIMIT_PER_PANELIST"]),
                       to_minor(config["PAYOUT_DAILY_LIMIT_TOTAL"]))


def parse_amounts(text: str) -> dict[str, tuple[int, ...]]:
    """``"gift_card=5.00|10.00, charity=1.00|2.00"`` -> {"gift_card": (500, 1000), ...}."""
    amounts = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        method, _, values = part.partition("=")
        amounts[method.strip()] = tuple(sorted(to_minor(v) for v in values.split("|") if v))
    return amounts


def check(panelist: Panelist, method: str, amount_minor: int) -> None:
    """Refuse a payout the rules do not allow (422 for the amount, 409 for the hold)."""
    rule = rules()
    if amount_minor < rule.minimum_minor:
        raise Invalid(f"Payouts start at {from_minor(rule.minimum_minor)}.")
    allowed = rule.amounts.get(method)
    if allowed is not None and amount_minor not in allowed:
        raise Invalid(f"This payout comes in these amounts only: "
                      f"{', '.join(str(from_minor(a)) for a in allowed)}.")
    opens = panelist.joined_at + timedelta(days=rule.hold_days)
    if utcnow() < opens:
        raise Conflict(f"Payouts open {rule.hold_days} days after joining, on "
                       f"{opens.astimezone(rewards.zone()):%Y-%m-%d}.")


def day_start() -> datetime:
    """Midnight today in the panel's time zone."""
    today = utcnow().astimezone(rewards.zone()).date()
    return datetime.combine(today, time(), rewards.zone())


def _paid_today(*where):
    return select(func.coalesce(func.sum(-LedgerEntry.amount_minor), 0)).where(
        LedgerEntry.kind == "redemption", LedgerEntry.created_at >= day_start(),
        *where).scalar_subquery()


def daily_limits(panelist_id: str, amount_minor: int) -> list:
    """Conditions for the guarded debit: today's payouts plus this one within each limit."""
    rule, conditions = rules(), []
    if rule.daily_per_panelist_minor:
        conditions.append(_paid_today(LedgerEntry.panelist_id == panelist_id) + amount_minor
                          <= rule.daily_per_panelist_minor)
    if rule.daily_total_minor:
        conditions.append(_paid_today() + amount_minor <= rule.daily_total_minor)
    return conditions


def total_limit_applies() -> bool:
    return bool(rules().daily_total_minor)


def refusal(panelist_id: str, amount_minor: int, balance_minor: int) -> Conflict:
    """Why a guarded debit wrote nothing, in words (read after the statement)."""
    if balance_minor < amount_minor:
        return Conflict("That is more than your balance.")
    rule = rules()
    mine = db.session.scalar(select(_paid_today(LedgerEntry.panelist_id == panelist_id)))
    if rule.daily_per_panelist_minor and mine + amount_minor > rule.daily_per_panelist_minor:
        return Conflict(f"You can pay out at most {from_minor(rule.daily_per_panelist_minor)} "
                        f"a day; {from_minor(max(rule.daily_per_panelist_minor - mine, 0))} "
                        "is left for today.")
    return Conflict("Today's payouts for the whole panel are used up. Please try again "
                    "tomorrow; nothing was taken off your balance.")
