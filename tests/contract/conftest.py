"""The API as schemathesis sees it: the app's own OpenAPI document, loaded through WSGI,
and a real panelist (registered through the API) whose token every case carries, with a
queued receipt, a receipt with items and a redacted image, and an open survey to find.

Some operations end the panelist's login for good (logout, leaving, erasure, withdrawing
the ``receipts`` consent): ``Panelists.headers()`` checks the token before each case and
registers a new panelist when it no longer opens an active account.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest
import schemathesis

from panel.db import db
from panel.services import auth, gift_cards, ledger, recipients, releases, surveys
from panel.services.audit import COMMAND_LINE
from tests.admin.conftest import jpeg, receipt_for_review
from tests.support.factories import bearer, register, upload
from tests.support.releases import recipient

SEED = int(os.environ.get("CONTRACT_SEED", 20261129))
# Per operation and database: about 45 s for the whole API on each (CONTRACT_EXAMPLES=200
# for a longer hunt; CONTRACT_SEED for another fixed seed).
EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", 12))
CONFIG = {"seed": SEED, "generation": {"max-examples": EXAMPLES, "mode": "all"}}


@dataclass
class Panelists:
    """The panelist the cases act as, replaced when an operation has ended their login."""
    app: object
    tokens: dict = field(default_factory=dict)
    receipt_ids: list[str] = field(default_factory=list)
    payout_ids: list[str] = field(default_factory=list)
    registered: int = 0

    def headers(self) -> dict:
        if not self.tokens or not self._active():
            client = self.app.test_client()
            self.tokens = register(self.app, client, surveys=True)
            queued = upload(client, self.tokens, jpeg())
            assert queued.status_code == 202, queued.get_json()
            reviewed, _ = receipt_for_review(self.app, client, self.tokens)
            self.receipt_ids = [queued.get_json()["id"], reviewed]
            self.payout_ids = [self._gift_card(client)]
            self.registered += 1
        return bearer(self.tokens)

    def _gift_card(self, client) -> str:
        """A gift-card payout of 5.00, its code not shown yet."""
        with self.app.app_context():
            ledger.credit(self.tokens["panelist"]["id"], "survey_reward", 500, "EUR",
                          "contract", "Test credit")
            gift_cards.import_csv(COMMAND_LINE, "brand,value,currency,code\n"
                                  f"Bookshop,5.00,EUR,CONTRACT-{self.registered}\n")
            db.session.remove()
        paid = client.post("/api/v1/rewards/redemptions", headers=bearer(self.tokens),
                           json={"amount": "5.00", "method": "gift_card"})
        assert paid.status_code == 201, paid.get_json()
        return paid.get_json()["id"]

    def _active(self) -> bool:
        with self.app.app_context():
            panelist = auth.authenticate(self.tokens["access_token"])
            active = panelist is not None and panelist.status == "active"
            db.session.remove()
        return active


@pytest.fixture
def panelists(app) -> Panelists:
    return Panelists(app)


@pytest.fixture
def survey_id(app) -> str:
    with app.app_context():
        return surveys.create("Breakfast", "0.50", "all_active", [
            {"text": "Coffee or tea?", "kind": "single_choice", "choices": ["coffee", "tea"]},
            {"text": "How hungry?", "kind": "rating"}]).id


@dataclass
class RecipientWorld:
    """A recipient abroad with a live key and one release approved for it."""
    code: str
    key: str
    release_id: str

    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.key}"}


@pytest.fixture
def recipient_world(app) -> RecipientWorld:
    app.config["PANEL_COUNTRY"] = "DE"
    with app.app_context():
        acme = recipient("acme-cn", "CN")
        release = releases.define(COMMAND_LINE, "2026-10", "merchant", ["receipts"], 0.5)
        releases.approve(COMMAND_LINE, release, acme)
        return RecipientWorld(acme.code, recipients.issue_key(COMMAND_LINE, acme), release.id)


def for_recipients(operation) -> bool:
    """An operation of the recipients' API (a recipient key, not a panelist's token)."""
    return any("recipientKey" in s for s in operation.definition.raw.get("security", []))


@pytest.fixture
def api_schema(app, panelists, survey_id, recipient_world):
    """The OpenAPI document the app serves, with the fixed seed and a bounded example count;
    cases carry the panelist's token unless the case is about a missing or wrong one."""
    loaded = schemathesis.openapi.from_wsgi("/api/openapi.json", app,
                                            config=schemathesis.Config.from_dict(CONFIG))

    class PanelistToken:
        def get(self, case, context):
            if for_recipients(case.operation):
                return recipient_world.headers()["Authorization"]
            return panelists.headers()["Authorization"]

        def set(self, case, data, context):
            case.headers = {**(case.headers or {}), "Authorization": data}

    loaded.auth(refresh_interval=None)(PanelistToken)
    return loaded
