"""Aggregates for customers: accepted receipts of consenting panelists only, small groups
left out; withdrawn and deleted receipts never count."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from panel.db import db
from panel.models import Receipt, ReceiptItem
from tests.support.factories import bearer, register
from tests.support.rewards import put_receipt

WHEN = datetime(2026, 10, 14, 12, tzinfo=ZoneInfo("Europe/Berlin"))


def shop(app, tokens, merchant: str, total: str) -> str:
    with app.app_context():
        receipt_id = put_receipt(tokens["panelist"]["id"], WHEN, merchant=merchant, total=total)
        db.session.get(Receipt, receipt_id).currency = "EUR"
        db.session.commit()
        return receipt_id


def test_merchant_aggregates(app, client):
    app.config["INSIGHTS_MIN_PANELISTS"] = 3
    people = [register(app, client, research_partners=True) for _ in range(4)]
    refuser = register(app, client, research_partners=False)
    ids = [shop(app, tokens, "Rewe", "10.00") for tokens in people]
    shop(app, refuser, "Rewe", "99.00")
    for tokens in people[:2]:
        shop(app, tokens, "Tiny Bakery", "3.00")  # only two panelists: left out
    client.post(f"/api/v1/receipts/{ids[0]}/withdraw", headers=bearer(people[0]))
    client.delete(f"/api/v1/receipts/{ids[1]}", headers=bearer(people[1]))

    result = app.test_cli_runner().invoke(args=["insights", "merchants", "2026-10"])
    assert result.exit_code == 0, result.output
    # four panelists shopped at Rewe, but one withdrew and one deleted that receipt
    assert result.output.splitlines() == ["merchant,receipts,panelists,total"]
    app.config["INSIGHTS_MIN_PANELISTS"] = 2
    lines = app.test_cli_runner().invoke(args=["insights", "merchants", "2026-10"]).output
    assert lines.splitlines()[1:] == ["Rewe,2,2,20.00", "Tiny Bakery,2,2,6.00"]


def test_withdrawing_consent_takes_a_panelist_out_of_aggregates(app, client):
    app.config["INSIGHTS_MIN_PANELISTS"] = 1
    tokens = register(app, client, research_partners=True)
    shop(app, tokens, "Rewe", "5.00")
    client.put("/api/v1/me/consents/research_partners", json={"granted": False},
               headers=bearer(tokens))
    output = app.test_cli_runner().invoke(args=["insights", "merchants", "2026-10"]).output
    assert output.splitlines() == ["merchant,receipts,panelists,total"]


def with_items(app, receipt_id: str, *items: tuple[str, str, str]) -> None:
    with app.app_context():
        receipt = db.session.get(Receipt, receipt_id)
        receipt.items = [ReceiptItem(position=n, description="x", quantity=Decimal(1),
                                     amount=Decimal(amount), category_code=code,
                                     category_name=name)
                         for n, (code, name, amount) in enumerate(items)]
        db.session.commit()


MILK = ("01.1.4", "Milk, other dairy products and eggs")
BEER = ("02.1.3", "Beer")


def test_category_aggregates_keep_the_small_group_rule(app, client):
    app.config["INSIGHTS_MIN_PANELISTS"] = 2
    people = [register(app, client, research_partners=True) for _ in range(2)]
    refuser = register(app, client, research_partners=False)
    for tokens in people:
        with_items(app, shop(app, tokens, "Rewe", "4.00"), (*MILK, "1.50"), (*MILK, "0.50"),
                   (None, None, "2.00"))
    with_items(app, shop(app, people[0], "Rewe", "3.00"), (*BEER, "3.00"))  # one panelist
    with_items(app, shop(app, refuser, "Rewe", "9.00"), (*MILK, "9.00"))

    result = app.test_cli_runner().invoke(args=["insights", "categories", "2026-10"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "category,name,receipts,panelists,total",
        "01.1.4,\"Milk, other dairy products and eggs\",2,2,4.00"]
