"""Aggregates for customers: accepted receipts of consenting panelists only, small groups
left out; withdrawn and deleted receipts never count."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from panel.db import db
from panel.models import Receipt
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
