"""Monthly rewards: counting, closing a month, the ledger, redemptions, month boundaries."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text, update

from panel.db import db, utcnow
from panel.models import IdempotencyKey, LedgerEntry, Panelist, Receipt
from panel.services import ledger, redemptions, rewards
from panel.services.errors import Conflict
from tests.support.commits import counting_commits
from tests.support.factories import PASSWORD, bearer, register
from tests.support.rewards import put_receipt

BERLIN = ZoneInfo("Europe/Berlin")
OCTOBER = [datetime(2026, 10, day, 12, 0, tzinfo=BERLIN) for day in range(1, 29, 2)]


def share_october(app, panelist_id: str, count: int, **fields) -> list[str]:
    with app.app_context():
        return [put_receipt(panelist_id, OCTOBER[n], **fields) for n in range(count)]


def rewards_page(client, tokens) -> dict:
    return client.get("/api/v1/rewards", headers=bearer(tokens)).get_json()


def close(app, period="2026-10") -> int:
    with app.app_context():
        return rewards.close_period(period)


def test_a_month_that_met_the_goal_is_rewarded_once(app, client):
    winner, short = register(app, client), register(app, client)
    share_october(app, winner["panelist"]["id"], 10)
    share_october(app, short["panelist"]["id"], 9)
    assert close(app) == 1
    assert close(app) == 0  # safe to run twice
    page = rewards_page(client, winner)
    assert page["balance"] == "10.00" and page["currency"] == "EUR"
    assert page["periods"] == [{"period": "2026-10", "qualifying_receipts": 10, "goal": 10,
                                "earned": "10.00"}]
    assert rewards_page(client, short)["balance"] == "0.00"
    ledger_page = client.get("/api/v1/rewards/ledger", headers=bearer(winner)).get_json()
    assert [(e["kind"], e["amount"], e["period"]) for e in ledger_page] == [
        ("period_reward", "10.00", "2026-10")]


def test_weekly_cap_and_excluded_merchants_do_not_count(app, client):
    app.config.update(REWARD_WEEKLY_CAP=2, REWARD_EXCLUDED_MERCHANTS="Lottery Kiosk")
    tokens = register(app, client)
    monday = datetime(2026, 10, 5, 9, 0, tzinfo=BERLIN)
    with app.app_context():
        ids = [put_receipt(tokens["panelist"]["id"], monday + timedelta(hours=n))
               for n in range(3)]
        excluded = put_receipt(tokens["panelist"]["id"], monday + timedelta(days=7),
                               merchant="LOTTERY KIOSK")
    reasons = [client.get(f"/api/v1/receipts/{i}", headers=bearer(tokens)).get_json()
               for i in ids + [excluded]]
    assert [(r["counts_toward_reward"], r["reward_reason"]) for r in reasons] == [
        (True, None), (True, None), (False, "weekly_cap"), (False, "excluded_merchant")]


def test_withdrawing_before_the_close_stops_counting_after_it_keeps_the_reward(app, client):
    early, late = register(app, client), register(app, client)
    early_ids = share_october(app, early["panelist"]["id"], 10)
    late_ids = share_october(app, late["panelist"]["id"], 10)
    client.post(f"/api/v1/receipts/{early_ids[0]}/withdraw", headers=bearer(early))
    assert close(app) == 1
    client.post(f"/api/v1/receipts/{late_ids[0]}/withdraw", headers=bearer(late))
    client.delete(f"/api/v1/receipts/{late_ids[1]}", headers=bearer(late))
    assert close(app) == 0
    assert rewards_page(client, early)["balance"] == "0.00"
    assert rewards_page(client, late)["balance"] == "10.00"
    assert rewards_page(client, late)["periods"][0]["qualifying_receipts"] == 8


def test_a_week_spanning_two_months_is_capped_once(app, client):
    app.config.update(REWARD_WEEKLY_CAP=3, REWARD_MONTHLY_GOAL=2, REWARD_PER_RECEIPT="0.25",
                      REWARD_PER_RECEIPT_MONTHLY_CAP="0.50")
    tokens = register(app, client)
    wednesday = datetime(2026, 9, 30, 9, 0, tzinfo=BERLIN)  # ISO week 40 runs into October
    with app.app_context():
        september = [put_receipt(tokens["panelist"]["id"], wednesday + timedelta(minutes=n))
                     for n in range(2)]
        october = [put_receipt(tokens["panelist"]["id"], wednesday + timedelta(days=2, minutes=n))
                   for n in range(3)]
    flags = [client.get(f"/api/v1/receipts/{i}", headers=bearer(tokens)).get_json()
             ["counts_toward_reward"] for i in september + october]
    assert flags == [True, True, True, False, False]
    assert close(app, "2026-09") == 1 and close(app, "2026-10") == 0
    entries = client.get("/api/v1/rewards/ledger", headers=bearer(tokens)).get_json()
    assert sorted((e["period"], e["kind"], e["amount"]) for e in entries) == [
        ("2026-09", "period_reward", "10.00"), ("2026-09", "receipt_reward", "0.50"),
        ("2026-10", "receipt_reward", "0.25")]
    assert {p["period"]: p["qualifying_receipts"] for p in rewards_page(client, tokens)[
        "periods"]} == {"2026-09": 2, "2026-10": 1}


@pytest.mark.parametrize("submitted, period", [
    (datetime(2026, 10, 31, 23, 59, 30, tzinfo=BERLIN), "2026-10"),
    (datetime(2026, 11, 1, 0, 0, 30, tzinfo=BERLIN), "2026-11"),
    (datetime(2026, 10, 31, 23, 30, tzinfo=ZoneInfo("UTC")), "2026-11"),  # 00:30 in Berlin
])
def test_month_boundaries_follow_the_panel_time_zone(app, client, submitted, period):
    tokens = register(app, client)
    with app.app_context():
        receipt_id = put_receipt(tokens["panelist"]["id"], submitted)
        assert db.session.get(Receipt, receipt_id).period == period


def test_the_last_minute_of_the_month_counts_for_that_month(app, client):
    tokens = register(app, client)
    share_october(app, tokens["panelist"]["id"], 9)
    with app.app_context():
        put_receipt(tokens["panelist"]["id"], datetime(2026, 10, 31, 23, 59, tzinfo=BERLIN))
    assert close(app, "2026-10") == 1 and close(app, "2026-11") == 0


@pytest.mark.parametrize("amount, status", [
    ("3.00", 201), ("7.01", 409), ("0", 422), ("-1", 422), ("1.234", 422), ("abc", 422)])
def test_redemptions_never_go_beyond_the_balance(app, client, amount, status):
    tokens = register(app, client)
    share_october(app, tokens["panelist"]["id"], 10)
    close(app)
    client.post("/api/v1/rewards/redemptions", json={"amount": "3.00"}, headers=bearer(tokens))
    response = client.post("/api/v1/rewards/redemptions", json={"amount": amount},
                           headers=bearer(tokens))
    assert response.status_code == status, response.get_json()
    expected = "4.00" if status == 201 else "7.00"
    assert rewards_page(client, tokens)["balance"] == expected


def rewarded_with_key(app, client) -> tuple[dict, dict]:
    """A panelist whose October earned 10.00, and headers with an Idempotency-Key."""
    tokens = register(app, client)
    share_october(app, tokens["panelist"]["id"], 10)
    close(app)
    return tokens, {**bearer(tokens), "Idempotency-Key": "payout-1"}


def test_redemption_retry_with_the_same_key_pays_once(app, client):
    tokens, headers = rewarded_with_key(app, client)
    first = client.post("/api/v1/rewards/redemptions", json={"amount": "6.00"}, headers=headers)
    again = client.post("/api/v1/rewards/redemptions", json={"amount": "6.00"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.get_json()["id"] == again.get_json()["id"]
    assert rewards_page(client, tokens)["balance"] == "4.00"
    bad = client.post("/api/v1/rewards/redemptions", json={"amount": "1", "method": "cash"},
                      headers=bearer(tokens))
    assert bad.status_code == 422


def test_a_redemption_key_reused_for_another_payout_is_422(app, client):
    tokens, headers = rewarded_with_key(app, client)
    first = client.post("/api/v1/rewards/redemptions", json={"amount": "6.00"}, headers=headers)
    assert first.status_code == 201
    same_amount_written_otherwise = client.post("/api/v1/rewards/redemptions",
                                                json={"amount": "6"}, headers=headers)
    assert same_amount_written_otherwise.get_json()["id"] == first.get_json()["id"]
    for other in ({"amount": "3.00"}, {"amount": "6.00", "method": "charity"}):
        response = client.post("/api/v1/rewards/redemptions", json=other, headers=headers)
        assert response.status_code == 422, (other, response.get_json())
        assert "Idempotency-Key" in response.get_json()["message"]
    assert rewards_page(client, tokens)["balance"] == "4.00"


def test_a_redemption_commits_once_and_a_day_old_key_is_a_new_one(app, client):
    tokens, _headers = rewarded_with_key(app, client)
    with app.app_context():
        panelist = db.session.get(Panelist, tokens["panelist"]["id"])
        method = redemptions.methods()[0]
        with counting_commits() as commits:
            first = redemptions.redeem(panelist, Decimal("3.00"), method, "payout-1").id
        assert len(commits) == 1
        db.session.execute(update(IdempotencyKey).values(created_at=utcnow() - timedelta(hours=25)))
        db.session.commit()
        with counting_commits() as commits:
            second = redemptions.redeem(panelist, Decimal("3.00"), method, "payout-1").id
        assert len(commits) == 1 and second != first
        assert db.session.scalars(select(IdempotencyKey.resource_id)).all() == [second]
        assert ledger.balance(panelist.id) == 400


def test_a_refused_debit_leaves_the_callers_transaction_alone(app, client):
    tokens = register(app, client)
    with app.app_context():
        panelist = db.session.get(Panelist, tokens["panelist"]["id"])
        ledger.credit(panelist.id, "receipt_reward", 100, "EUR", "pending", "Not committed")
        with pytest.raises(Conflict), counting_commits() as commits:
            ledger.debit(panelist, "redemption", 500, "EUR", "More than the balance")
        assert commits == []
        db.session.rollback()
        assert ledger.balance(panelist.id) == 0


def test_close_period_command(app, client):
    tokens = register(app, client)
    share_october(app, tokens["panelist"]["id"], 10)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["rewards", "close-period", "2026-10"])
    assert result.exit_code == 0 and "1 new reward" in result.output
    assert "0 new reward" in runner.invoke(args=["rewards", "close-period", "2026-10"]).output
    assert runner.invoke(args=["rewards", "close-period", "October"]).exit_code != 0


def test_due_periods_wait_for_the_grace_days(app):
    with app.app_context():
        assert rewards.due_periods(datetime(2026, 11, 2, 12, tzinfo=BERLIN)) == []
        assert rewards.due_periods(datetime(2026, 11, 3, 12, tzinfo=BERLIN)) == ["2026-10"]
        rewards.close_period("2026-10")
        assert rewards.due_periods(datetime(2026, 11, 3, 12, tzinfo=BERLIN)) == []


def test_concurrent_closes_and_redemptions_on_postgresql(postgres_app):
    """25 closes and 25 redemptions at once: one reward per panelist-month, no overdraft."""
    client = postgres_app.test_client()
    people = [register(postgres_app, client) for _ in range(3)]
    for tokens in people:
        share_october(postgres_app, tokens["panelist"]["id"], 10)
    close(postgres_app, "2026-09")  # nothing to reward; warms up the connections
    barrier, statuses = threading.Barrier(50), []

    def closer():
        barrier.wait()
        close(postgres_app)

    def redeemer(tokens):
        barrier.wait()
        response = postgres_app.test_client().post(
            "/api/v1/rewards/redemptions", json={"amount": "4.00"}, headers=bearer(tokens))
        statuses.append(response.status_code)

    threads = [threading.Thread(target=closer) for _ in range(25)] + [
        threading.Thread(target=redeemer, args=(people[n % 3],)) for n in range(25)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(statuses) <= {201, 409}
    with postgres_app.app_context():
        rewards_written = db.session.scalar(select(func.count()).select_from(LedgerEntry).where(
            LedgerEntry.kind == "period_reward"))
        assert rewards_written == 3
        for tokens in people:
            assert 0 <= ledger.balance(tokens["panelist"]["id"]) <= 1000
    paid = statuses.count(201)
    assert paid <= 6  # at most two 4.00 payouts from each 10.00


def test_the_ledger_refuses_updates_and_deletes_on_postgresql(postgres_app):
    client = postgres_app.test_client()
    tokens = register(postgres_app, client)
    share_october(postgres_app, tokens["panelist"]["id"], 10)
    close(postgres_app)
    with postgres_app.app_context():
        for statement in ("UPDATE ledger_entries SET amount_minor = 1000000",
                          "UPDATE ledger_entries SET panelist_id = NULL",  # not erased
                          "DELETE FROM ledger_entries"):
            with pytest.raises(Exception, match="append-only"):
                db.session.execute(text(statement))
            db.session.rollback()
    refused = client.delete("/api/v1/me", headers=bearer(tokens), json={"password": PASSWORD})
    assert refused.status_code == 409 and "10.00 EUR" in refused.get_json()["message"]
    erased = client.delete("/api/v1/me", headers=bearer(tokens),
                           json={"password": PASSWORD, "forfeit_balance": True})
    assert erased.status_code == 202
    with postgres_app.app_context():  # the entries stay, anonymous, and add up to nothing
        rows = db.session.execute(select(LedgerEntry.panelist_id, LedgerEntry.kind,
                                         LedgerEntry.amount_minor)).all()
        assert sorted((p, k, a) for p, k, a in rows) == [
            (None, "forfeited", -1000), (None, "period_reward", 1000)]
