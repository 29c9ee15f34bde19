"""The API as schemathesis sees it: the app's own OpenAPI document, loaded through WSGI,
and a real panelist (registered through the API) whose token every case carries.

Some operations end the panelist's login for good (logout, leaving, erasure, withdrawing
the ``receipts`` consent): ``Panelists.headers()`` checks the token before each case and
registers a new panelist when it no longer opens an active account.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import schemathesis

from panel.services import auth, surveys
from tests.support.factories import bearer, jpeg_bytes, register, upload
from tests.ocr.synthetic import render_receipt

SEED = 20261129
CONFIG = {"seed": SEED, "generation": {"max-examples": 12, "mode": "all"}}


@dataclass
class Panelists:
    """The panelist the cases act as, replaced when an operation has ended their login."""
    app: object
    tokens: dict = field(default_factory=dict)
    registered: int = 0

    def headers(self) -> dict:
        if not self.tokens or not self._active():
            client = self.app.test_client()
            self.tokens = register(self.app, client, surveys=True)
            self.registered += 1
        return bearer(self.tokens)

    def _active(self) -> bool:
        from panel.db import db
        with self.app.app_context():
            panelist = auth.authenticate(self.tokens["access_token"])
            active = panelist is not None and panelist.status == "active"
            db.session.remove()
        return active


def receipt_photo() -> bytes:
    return jpeg_bytes(render_receipt([("KIOSK", ""), ("Cola", "1,50"), ("SUMME", "1,50")]))


def open_survey(app) -> str:
    with app.app_context():
        return surveys.create("Breakfast", "0.50", "all_active", [
            {"text": "Coffee or tea?", "kind": "single_choice", "choices": ["coffee", "tea"]},
            {"text": "How hungry?", "kind": "rating"}]).id


@pytest.fixture
def panelists(app) -> Panelists:
    return Panelists(app)


@pytest.fixture
def api_schema(app, panelists):
    """The OpenAPI document the app serves, with the fixed seed and a bounded example count;
    cases carry the panelist's token unless the case is about a missing or wrong one."""
    loaded = schemathesis.openapi.from_wsgi("/api/openapi.json", app,
                                            config=schemathesis.Config.from_dict(CONFIG))

    class PanelistToken:
        def get(self, case, context):
            return panelists.headers()["Authorization"]

        def set(self, case, data, context):
            case.headers = {**(case.headers or {}), "Authorization": data}

    loaded.auth(PanelistToken, refresh_interval=None)
    return loaded
