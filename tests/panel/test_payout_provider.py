"""Gift cards paid by a provider (PAYOUT_METHOD=provider) through the HTTPS adapter, against
a real HTTP server on loopback speaking docs/payouts.md (tests/support/payout_provider.py):
a timeout, a 500 or a repeated webhook ends in one final state and one payment; a forged or
stale signature is refused."""
from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import func, select

from panel.db import db
from panel.models import GiftCardCode, LedgerEntry, Payout
from panel.payout_provider import SIGNATURE_HEADER, PayoutProvider, ProviderError, sign
from panel.services import payout_delivery
from tests.panel.test_payouts import balance, funded, redeem
from tests.support.factories import bearer
from tests.support.payout_provider import API_KEY, WEBHOOK_SECRET, LoopbackProvider


@pytest.fixture
def provider(app):
    server = LoopbackProvider()
    app.config.update(PAYOUT_METHOD="provider", PAYOUT_PROVIDER_URL=server.url,
                      PAYOUT_PROVIDER_API_KEY=API_KEY,
                      PAYOUT_PROVIDER_WEBHOOK_SECRET=WEBHOOK_SECRET,
                      PAYOUT_PROVIDER_TIMEOUT=0.5, PAYOUT_PROVIDER_ATTEMPTS=3)
    yield server
    server.close()


def send(app) -> int:
    with app.app_context():
        return payout_delivery.send_due()


def deliver_webhook(client, body, headers):
    return client.post("/api/v1/payouts/webhook", data=body, headers=headers)


def state_of(app, payout_id: str) -> Payout:
    with app.app_context():
        payout = db.session.get(Payout, payout_id)
        db.session.expunge(payout)
        return payout


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_timeout_is_retried_with_the_same_key_and_pays_once(app, client, provider):
    provider.faults = ["timeout"]  # the provider acts, but answers after the client gave up
    tokens = funded(app, client)
    payout_id = redeem(client, tokens).get_json()["id"]
    assert state_of(app, payout_id).status == "requested"
    assert send(app) == 0  # accepted, pending: the webhook will say how it ended
    assert provider.requests == 2 and len(provider.payouts) == 1
    payout = state_of(app, payout_id)
    assert payout.status == "requested" and payout.provider_reference == "prov-1"
    assert send(app) == 0 and provider.requests == 2  # accepted ones are not asked again
    body, headers = provider.webhook(payout_id, "delivered", code="GIFT-0001", pin="12")
    assert deliver_webhook(client, body, headers).status_code == 204
    assert deliver_webhook(client, body, headers).status_code == 204  # sent twice
    assert state_of(app, payout_id).status == "reserved"
    assert count(app, GiftCardCode, GiftCardCode.payout_id == payout_id) == 1
    shown = client.get(f"/api/v1/rewards/payouts/{payout_id}", headers=bearer(tokens))
    assert shown.get_json()["state"] == "delivered"
    assert shown.get_json()["code"] == {"brand": "gift card", "code": "GIFT-0001", "pin": "12",
                                        "expires_on": None}
    late_failure, headers = provider.webhook(payout_id, "failed", reason="too_late")
    assert deliver_webhook(client, late_failure, headers).status_code == 204
    assert state_of(app, payout_id).status == "delivered"  # one final state
    assert balance(app, tokens["panelist"]["id"]) == 2000


def test_500s_are_retried_and_a_provider_that_stays_down_is_asked_again_later(app, client,
                                                                           provider):
    provider.faults = ["500", "500", "500"]  # all three attempts of the first round
    provider.answer_status = "delivered"  # answers with the code at once
    tokens = funded(app, client)
    payout_id = redeem(client, tokens).get_json()["id"]
    assert send(app) == 0
    payout = state_of(app, payout_id)
    assert payout.status == "requested" and payout.attempts == 1 and not provider.payouts
    provider.faults = ["500"]
    assert send(app) == 1
    assert provider.requests == 5 and len(provider.payouts) == 1
    assert state_of(app, payout_id).status == "reserved"
    body, headers = provider.webhook(payout_id, "delivered", code="PROVIDER-CODE-0001")
    assert deliver_webhook(client, body, headers).status_code == 204
    assert count(app, GiftCardCode, GiftCardCode.payout_id == payout_id) == 1


def test_a_failed_payout_returns_the_amount_once(app, client, provider):
    tokens = funded(app, client)
    payout_id = redeem(client, tokens).get_json()["id"]
    send(app)
    body, headers = provider.webhook(payout_id, "failed", reason="out_of_stock")
    for _ in range(3):
        assert deliver_webhook(client, body, headers).status_code == 204
    payout = state_of(app, payout_id)
    assert (payout.status, payout.reason) == ("failed", "out_of_stock")
    assert balance(app, tokens["panelist"]["id"]) == 3000
    assert count(app, LedgerEntry, LedgerEntry.kind == "payout_returned") == 1
    mine = client.get(f"/api/v1/rewards/payouts/{payout_id}", headers=bearer(tokens)).get_json()
    assert [e["state"] for e in mine["history"]] == ["requested", "failed"]


def test_a_lost_webhook_is_made_up_for_by_asking_again(app, client, provider):
    tokens = funded(app, client)
    payout_id = redeem(client, tokens).get_json()["id"]
    assert send(app) == 0 and state_of(app, payout_id).status == "requested"
    provider.payouts[payout_id].update(status="delivered", code="LATE-CODE")  # no webhook
    assert send(app) == 0 and provider.requests == 1  # a plain pass does not ask again
    result = app.test_cli_runner().invoke(args=["payouts", "send", "--recheck"])
    assert result.exit_code == 0 and "1 payout(s) decided" in result.output
    assert provider.requests == 2 and len(provider.payouts) == 1
    shown = client.get(f"/api/v1/rewards/payouts/{payout_id}", headers=bearer(tokens))
    assert shown.get_json()["code"]["code"] == "LATE-CODE"


def test_a_refusal_by_the_provider_fails_the_payout_at_once(app, client, provider):
    provider.faults = ["400"]
    tokens = funded(app, client)
    payout_id = redeem(client, tokens).get_json()["id"]
    assert send(app) == 1 and provider.requests == 1
    payout = state_of(app, payout_id)
    assert (payout.status, payout.reason) == ("failed", "provider_refused_400")
    assert balance(app, tokens["panelist"]["id"]) == 3000


def test_forged_stale_and_unreadable_webhooks_are_refused(app, client, provider):
    tokens = funded(app, client)
    payout_id = redeem(client, tokens).get_json()["id"]
    send(app)
    body, _ = provider.webhook(payout_id, "delivered", code="FORGED")
    forged = {SIGNATURE_HEADER: sign("not-the-secret", body)}
    stale = {SIGNATURE_HEADER: sign(WEBHOOK_SECRET, body, int(time.time()) - 3600)}
    tampered = body.replace(b"FORGED", b"FORGES")
    _, good_headers = provider.webhook(payout_id, "delivered", code="FORGED")
    for attempt, headers in [(body, forged), (body, stale), (body, {}),
                             (tampered, {SIGNATURE_HEADER: sign(WEBHOOK_SECRET, body)}),
                             (body, {SIGNATURE_HEADER: "t=x,v1=zz"})]:
        refused = deliver_webhook(client, attempt, headers)
        assert refused.status_code == 401 and refused.get_json()["message"]
    assert state_of(app, payout_id).status == "requested"
    unreadable = json.dumps({"type": "payout.paid", "data": {}}).encode()
    assert deliver_webhook(client, unreadable, {
        SIGNATURE_HEADER: sign(WEBHOOK_SECRET, unreadable)}).status_code == 422
    unknown, headers = provider.webhook("no-such-payout", "failed")
    assert deliver_webhook(client, unknown, headers).status_code == 404
    assert count(app, GiftCardCode) == 0


def test_the_adapter_insists_on_https_except_on_loopback():
    with pytest.raises(ProviderError):
        PayoutProvider("http://payouts.example.com", "key")
    assert PayoutProvider("https://payouts.example.com", "key").base_url.startswith("https")
    assert PayoutProvider("http://127.0.0.1:9", "key").base_url == "http://127.0.0.1:9"
