"""A gift card from the dashboard: redeemed, its code shown once, then again behind the
password; payout states on the rewards page; erasing with money left asks to choose."""
from __future__ import annotations

from panel.db import db
from panel.services import gift_cards, ledger
from panel.services.audit import COMMAND_LINE
from tests.dashboard.conftest import PASSWORD, post, sign_up

CODES = "brand,value,currency,code,pin,expiry\nBookshop,10.00,EUR,DASH-CODE-1,4321,2030-01-31\n"


def credit(app, panelist_id: str, minor: int) -> None:
    with app.app_context():
        ledger.credit(panelist_id, "survey_reward", minor, "EUR", "dashboard", "Test credit")
        gift_cards.import_csv(COMMAND_LINE, CODES)
        db.session.commit()


def test_a_gift_card_is_shown_once_then_behind_the_password(app):
    session = sign_up(app)
    credit(app, session.panelist_id, 1500)
    page = session.client.get("/rewards").get_data(as_text=True)
    assert 'value="gift_card"' in page and "No payouts yet." in page
    paid = post(session.client, "/rewards/redemptions",
                {"amount": "10.00", "method": "gift_card", "idempotency_key": "g1"})
    assert paid.status_code == 303 and "/rewards/payouts/" in paid.location
    first = session.client.get(paid.location).get_data(as_text=True)
    assert 'id="gift-card-code">DASH-CODE-1<' in first and "4321" in first
    assert "2030-01-31" in first
    second = session.client.get(paid.location).get_data(as_text=True)
    assert "DASH-CODE-1" not in second and "See the code again" in second
    wrong = post(session.client, f"{paid.location}/code", {"password": "not my password"})
    assert wrong.status_code == 403 and "DASH-CODE-1" not in wrong.get_data(as_text=True)
    right = post(session.client, f"{paid.location}/code", {"password": PASSWORD})
    assert right.status_code == 200 and "DASH-CODE-1" in right.get_data(as_text=True)
    listing = session.client.get("/rewards").get_data(as_text=True)
    payouts = listing[listing.index("Your payouts"):listing.index("Past months")]
    assert "Gift card" in payouts and "Delivered" in payouts and "10.00 EUR" in payouts
    other = sign_up(app)
    assert other.client.get(paid.location).status_code == 404


def test_no_code_left_is_refused_with_the_balance_unchanged(app):
    session = sign_up(app)
    credit(app, session.panelist_id, 3000)
    post(session.client, "/rewards/redemptions",
         {"amount": "10.00", "method": "gift_card", "idempotency_key": "g1"})
    refused = post(session.client, "/rewards/redemptions",
                   {"amount": "10.00", "method": "gift_card", "idempotency_key": "g2"})
    assert refused.status_code == 409 and "No gift card of 10.00 EUR is left" in \
        refused.get_data(as_text=True)
    assert 'id="balance">20.00 EUR<' in refused.get_data(as_text=True)


def test_erasing_with_a_balance_needs_the_choice_to_forfeit(app):
    session = sign_up(app)
    credit(app, session.panelist_id, 700)
    page = session.client.get("/privacy/erase").get_data(as_text=True)
    assert "7.00 EUR" in page and "pay it out first" in page and 'name="forfeit_balance"' in page
    refused = post(session.client, "/privacy/erase", {"confirm": "ERASE", "password": PASSWORD})
    assert refused.status_code == 409 and "Pay it out first, or agree to forfeit it" in \
        refused.get_data(as_text=True)
    erased = post(session.client, "/privacy/erase", {"confirm": "ERASE", "password": PASSWORD,
                                                     "forfeit_balance": "yes"})
    assert erased.status_code == 303 and erased.location.endswith("/goodbye")
