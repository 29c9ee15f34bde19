"""What the panel tells its customers: aggregates only, never a panelist or a receipt.

Only accepted receipts count (a withdrawn receipt has status ``withdrawn``; a deleted one
no longer exists), only from panelists who consent to ``research_partners``, and a merchant
is shown only when at least ``INSIGHTS_MIN_PANELISTS`` different panelists shopped there, so
no figure can be traced back to a few people; the same for a product category (the items'
COICOP 2018 class or division).
"""
from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from panel.db import db
from panel.models import Consent, Panelist, Receipt, ReceiptItem, ReceiptStatus


def _consenting_panelists():
    """Ids of panelists whose latest choice for ``research_partners`` is a grant."""
    latest = select(Consent.panelist_id, func.max(Consent.recorded_at).label("at")).where(
        Consent.purpose == "research_partners").group_by(Consent.panelist_id).subquery()
    return select(Consent.panelist_id).join(latest, (Consent.panelist_id == latest.c.panelist_id)
                                            & (Consent.recorded_at == latest.c.at)).where(
        Consent.purpose == "research_partners", Consent.granted.is_(True))


def merchants(period: str) -> list[dict]:
    """Per merchant in the month: receipts, panelists and total spent (small groups left out)."""
    minimum = current_app.config["INSIGHTS_MIN_PANELISTS"]
    rows = db.session.execute(
        select(Receipt.merchant_name, func.count(Receipt.id), func.count(
            Receipt.panelist_id.distinct()), func.sum(Receipt.total))
        .join(Panelist, Panelist.id == Receipt.panelist_id)
        .where(Receipt.period == period, Receipt.status == ReceiptStatus.ACCEPTED,
               Receipt.merchant_name.is_not(None), Receipt.currency.is_not(None),
               Receipt.panelist_id.in_(_consenting_panelists()))
        .group_by(Receipt.merchant_name)
        .having(func.count(Receipt.panelist_id.distinct()) >= minimum)
        .order_by(Receipt.merchant_name))
    return [{"merchant": name, "receipts": receipts, "panelists": panelists,
             "total": f"{total:.2f}"} for name, receipts, panelists, total in rows]


def categories(period: str) -> list[dict]:
    """Per product category in the month: receipts holding it, panelists and the amount spent
    on its items (small groups left out, as for merchants)."""
    minimum = current_app.config["INSIGHTS_MIN_PANELISTS"]
    rows = db.session.execute(
        select(ReceiptItem.category_code, ReceiptItem.category_name,
               func.count(Receipt.id.distinct()), func.count(Receipt.panelist_id.distinct()),
               func.sum(ReceiptItem.amount))
        .join(Receipt, Receipt.id == ReceiptItem.receipt_id)
        .where(Receipt.period == period, Receipt.status == ReceiptStatus.ACCEPTED,
               ReceiptItem.category_code.is_not(None), Receipt.currency.is_not(None),
               Receipt.panelist_id.in_(_consenting_panelists()))
        .group_by(ReceiptItem.category_code, ReceiptItem.category_name)
        .having(func.count(Receipt.panelist_id.distinct()) >= minimum)
        .order_by(ReceiptItem.category_code))
    return [{"category": code, "name": name, "receipts": receipts, "panelists": panelists,
             "total": f"{total:.2f}"} for code, name, receipts, panelists, total in rows]
