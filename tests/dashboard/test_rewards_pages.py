"""The rewards page: progress toward this month's goal moves when a receipt counts, the
balance and ledger (newest first, paginated), payouts never beyond the balance."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from panel.db import db, utcnow
from panel.services import ledger
from tests.dashboard.conftest import post
from tests.support.rewards import put_receipt

PROGRESS = re.compile(r'id="reward-progress"[^>]*>([^<]*)<')
BAR = re.compile(r'<progress id="reward-bar" max="(\d+)" value="(\d+)"')


def progress(client) -> tuple[str, tuple[str, str]]:
    page = client.get("/rewards")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    return PROGRESS.search(html).group(1), BAR.search(html).groups()


def credit(app, panelist_id: str, cents: int, key: str, description: str = "Test credit"):
    with app.app_context():
        assert ledger.credit(panelist_id, "survey_reward", cents, "EUR", key, description)
        db.session.commit()


def balance(client) -> str:
    return re.search(r'id="balance">([^<]*)<', client.get("/rewards").get_data(as_text=True)
                     ).group(1)


def test_progress_moves_when_an_accepted_receipt_counts(app, session):
    assert progress(session.client) == ("0 of 10 receipts", ("10", "0"))
    with app.app_context():
        put_receipt(session.panelist_id, utcnow() - timedelta(minutes=2))
        put_receipt(session.panelist_id, utcnow() - timedelta(minutes=1), status="rejected")
        put_receipt(session.panelist_id, utcnow(), status="withdrawn")
    assert progress(session.client) == ("1 of 10 receipts", ("10", "1"))


def test_goal_reached_and_past_months(app, session):
    app.config["REWARD_WEEKLY_CAP"] = 50  # rules are read per request
    with app.app_context():
        for n in range(10):
            put_receipt(session.panelist_id, utcnow() - timedelta(seconds=n))
        put_receipt(session.panelist_id, utcnow() - timedelta(days=70))
    assert progress(session.client) == ("10 of 10 receipts", ("10", "10"))
    html = session.client.get("/rewards").get_data(as_text=True)
    assert "You reached this month's goal" in html and "10.00 EUR" in html
    past = html[html.index("Past months"):html.index("Every reward and payout")]
    assert "1 of 10" in past and "0.00 EUR" in past


@pytest.mark.database
def test_payout_beyond_the_balance_is_409_and_within_it_is_paid(app, session):
    credit(app, session.panelist_id, 500, "k1")
    assert balance(session.client) == "5.00 EUR"
    refused = post(session.client, "/rewards/redemptions",
                   {"amount": "7.00", "method": "store_credit", "idempotency_key": "a"})
    assert refused.status_code == 409
    assert "That is more than your balance." in refused.get_data(as_text=True)
    assert balance(session.client) == "5.00 EUR"

    paid = post(session.client, "/rewards/redemptions",
                {"amount": "2.00", "method": "charity", "idempotency_key": "b"})
    assert paid.status_code == 303 and paid.location.endswith("/rewards?redeemed=1")
    again = post(session.client, "/rewards/redemptions",  # a double click: same key
                 {"amount": "2.00", "method": "charity", "idempotency_key": "b"})
    assert again.status_code == 303
    page = session.client.get(paid.location).get_data(as_text=True)
    assert "Your payout is on its way" in page and "-2.00 EUR" in page
    assert page.count("Payout: charity") == 1
    assert balance(session.client) == "3.00 EUR"


@pytest.mark.parametrize("form, status", [
    ({"amount": "abc", "method": "store_credit"}, 422),
    ({"amount": "1.234", "method": "store_credit"}, 422),
    ({"amount": "-1", "method": "store_credit"}, 422),
    ({"amount": "1.00", "method": "cash"}, 422)])
def test_bad_payouts_are_refused_in_words(app, session, form, status):
    credit(app, session.panelist_id, 500, "k1")
    response = post(session.client, "/rewards/redemptions", form)
    assert response.status_code == status
    assert 'class="error" role="alert"' in response.get_data(as_text=True)
    assert balance(session.client) == "5.00 EUR"


@pytest.mark.database
def test_the_ledger_is_newest_first_in_pages(app, session):
    for n in range(25):
        credit(app, session.panelist_id, 1, f"k{n}", f"Entry {n:02d}")
    first = session.client.get("/rewards").get_data(as_text=True)
    second = session.client.get("/rewards?page=2").get_data(as_text=True)
    assert first.index("Entry 24") < first.index("Entry 05") and "Entry 04" not in first
    assert "Page 1 of 2" in first and "Entry 04" in second and "Entry 05" not in second
    assert second.index("Entry 04") < second.index("Entry 00")
    for odd in ("9", "-3", "abc", "9" * 40):
        response = session.client.get(f"/rewards?page={odd}")
        assert response.status_code == 200, odd
    assert "nothing on this page" in session.client.get("/rewards?page=9").get_data(
        as_text=True)


def test_every_form_has_a_csrf_token_and_a_post_without_it_is_400(app, session):
    credit(app, session.panelist_id, 500, "k1")
    page = session.client.get("/rewards").get_data(as_text=True)
    assert page.count('name="csrf_token"') == page.count('method="post"') == 3  # and logout, language
    response = session.client.post("/rewards/redemptions",
                                   data={"amount": "1.00", "method": "store_credit"})
    assert response.status_code == 400
    assert balance(session.client) == "5.00 EUR"


def test_a_visitor_is_sent_to_login(app):
    client = app.test_client()
    response = client.get("/rewards")
    assert response.status_code == 303 and "/login?next=/rewards" in response.location
    response = post(client, "/rewards/redemptions", {"amount": "1.00"})
    assert response.status_code == 303 and "/login" in response.location
