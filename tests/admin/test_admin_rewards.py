"""Payouts marked sent by admins; survey aggregates for analysts; reward figures."""
from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from panel.services import rewards
from tests.admin.conftest import post, sign_in
from tests.support.factories import bearer, register
from tests.support.rewards import put_receipt

OCTOBER = [datetime(2026, 10, day, 12, tzinfo=ZoneInfo("Europe/Berlin")) for day in range(1, 21, 2)]


@pytest.mark.database  # a conditional update
def test_a_payout_is_marked_sent_once(app):
    client = app.test_client()
    tokens = register(app, client)
    with app.app_context():
        for moment in OCTOBER:
            put_receipt(tokens["panelist"]["id"], moment)
        rewards.close_period("2026-10")
    client.post("/api/v1/rewards/redemptions", json={"amount": "4.00", "method": "charity"},
                headers=bearer(tokens))
    admin = app.test_client()
    sign_in(app, admin, "admin")
    page = admin.get("/admin/payouts").get_data(as_text=True)
    assert "4.00 EUR" in page and "charity" in page and "Owed to panelists: 10.00" in page
    entry_id = client.get("/api/v1/rewards/ledger", headers=bearer(tokens)).get_json()[0]["id"]
    assert post(app, admin, f"/admin/payouts/{entry_id}/sent").status_code == 303
    assert post(app, admin, f"/admin/payouts/{entry_id}/sent").status_code == 409
    page = admin.get("/admin/payouts").get_data(as_text=True)
    assert "No payouts are waiting" in page and "paid so far: 4.00" in page
    overview = admin.get("/admin/overview").get_data(as_text=True)
    assert "6.00" in overview and "4.00" in overview
    assert tokens["panelist"]["email"] not in page


@pytest.mark.database  # aggregate queries
def test_surveys_created_by_admins_and_read_in_aggregate_by_analysts(app):
    admin = app.test_client()
    sign_in(app, admin, "admin")
    spec = {"title": "Fruit", "reward": "0.20", "audience": "all_active",
            "questions": [{"text": "Apples?", "kind": "single_choice", "choices": ["yes", "no"]}]}
    assert post(app, admin, "/admin/surveys", {"spec": json.dumps(spec)}).status_code == 303
    assert post(app, admin, "/admin/surveys", {"spec": "{nope"}).status_code == 422
    client = app.test_client()
    tokens = register(app, client, surveys=True)
    survey = client.get("/api/v1/surveys", headers=bearer(tokens)).get_json()[0]
    client.post(f"/api/v1/surveys/{survey['id']}/responses", headers=bearer(tokens), json={
        "answers": [{"question_id": survey["questions"][0]["id"], "value": "yes"}]})
    analyst = app.test_client()
    sign_in(app, analyst, "analyst")
    page = analyst.get("/admin/surveys").get_data(as_text=True)
    assert "Fruit" in page and "fewer than 5 responses" in page and "yes 1" not in page
    app.config["INSIGHTS_MIN_PANELISTS"] = 1
    page = analyst.get("/admin/surveys").get_data(as_text=True)
    assert "Fruit" in page and "1 responses" in page and "yes 1" in page
    assert "New survey" not in page
