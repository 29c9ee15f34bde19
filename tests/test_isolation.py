"""Who can reach what, for every route in the app's URL map.

ROUTES classifies each (endpoint, method): public, static, panelist API, panelist dashboard,
or the admin tool (whose roles are the table in tests/admin/test_admin_routes.py, which
also tries each role and the anonymous visitor there). A route missing from ROUTES fails.

- Panelist B, on every route and with each of panelist A's receipt ids: 404, nothing of A in
  any page or answer, and A's data the same afterwards, whatever B did.
- An anonymous visitor: 401 on the API, the login page from the dashboard.
- Each staff role's session: nothing on the API (401) or the dashboard (login page).
- A panelist's session: nothing in the admin tool (its login page).
"""
from __future__ import annotations

import io
import re
import zipfile
from itertools import product
from urllib.parse import urlparse

import pytest

from panel.dashboard.access import SESSION_COOKIE
from panel.db import db
from panel.services import ledger, staff, surveys
from tests.admin.conftest import make_staff, receipt_for_review
from tests.admin.conftest import post as admin_post
from tests.admin.test_admin_routes import EXPECTED as ADMIN_ROLES
from tests.dashboard.conftest import post as dashboard_post
from tests.dashboard.conftest import sign_up
from tests.ocr.synthetic import render_receipt
from tests.support.apps import process_waiting
from tests.support.factories import jpeg_bytes, upload

# Not about OCR: the receipts drawn here are read back by the fake engine (tests/support/
# fake_ocr.py); the pipeline, redaction and browser journeys keep tesseract.
pytestmark = pytest.mark.usefixtures("fake_ocr")

PUBLIC, STATIC, API, DASHBOARD, ADMIN = "public", "static", "API", "dashboard", "admin"
RECIPIENT = "recipient API"  # a recipient's key, never a panelist's token
OPERATOR = "operator"  # /metrics: a token or an allowed network (tests/panel/test_probes.py)


def kind_of(kind: str, methods_by_endpoint: dict[str, str]) -> dict:
    """{(endpoint, method): kind} from {endpoint: "GET POST"}."""
    return {(endpoint, method): kind for endpoint, methods in methods_by_endpoint.items()
            for method in methods.split()}


ROUTES = {
    ("static", "GET"): STATIC, ("dashboard.static", "GET"): STATIC,
    ("admin.static", "GET"): STATIC, ("api_docs_static", "GET"): STATIC,
    **kind_of(PUBLIC, {
        "dashboard.landing": "GET", "dashboard.join_waitlist": "POST",
        "dashboard.register": "GET POST", "dashboard.login": "GET POST",
        "dashboard.goodbye": "GET", "admin.login": "GET POST",
        "api-docs.openapi_json": "GET", "api-docs.openapi_swagger_ui": "GET",
        "auth.Register": "POST", "auth.Token": "POST", "auth.Refresh": "POST",
        "consents.Purposes": "GET", "waitlist.Join": "POST", "waitlist.Status": "POST",
        "auth.PasswordResetRequest": "POST", "auth.PasswordReset": "POST",
        "dashboard.password_reset": "GET POST", "dashboard.password_reset_confirm": "GET POST",
        "payout_webhooks.Webhook": "POST",  # signed by the payout provider
        "probes.healthz": "GET", "probes.readyz": "GET",
        "dashboard.manifest": "GET", "dashboard.service_worker": "GET",
        "dashboard.waitlist_status": "GET POST", "dashboard.language": "POST",
    }),
    ("probes.metrics_page", "GET"): OPERATOR,
    **kind_of(API, {
        "auth.Logout": "POST", "me.Me": "GET DELETE", "me.Consents": "GET",
        "me.ConsentByPurpose": "PUT", "me.ConsentHistory": "GET", "me.Export": "GET",
        "me.Leave": "POST", "receipts.Receipts": "GET POST",
        "receipts.ReceiptById": "GET DELETE", "receipts.ReceiptImage": "GET",
        "receipts.Withdraw": "POST", "rewards.Rewards": "GET", "rewards.Ledger": "GET",
        "rewards.Redemptions": "POST", "surveys.Surveys": "GET", "surveys.Responses": "POST",
        "auth.LogoutEverywhere": "POST", "me.Password": "POST",
        "me.ForwardingAddress": "GET", "me.RenewForwardingAddress": "POST",
        "me.Recipients": "GET", "me.RecipientConsent": "PUT", "me.Contributions": "GET",
        "rewards.Payouts": "GET", "rewards.PayoutById": "GET", "rewards.PayoutCode": "POST",
        "changes.Changes": "GET", "changes.ChangeStream": "GET", "me.Language": "GET PUT",
    }),
    **kind_of(RECIPIENT, {"releases.Releases": "GET", "releases.ReleaseById": "GET"}),
    **kind_of(DASHBOARD, {
        "dashboard.logout": "POST", "dashboard.privacy": "GET", "dashboard.consent": "POST",
        "dashboard.erase": "GET POST", "dashboard.export_data": "GET",
        "dashboard.leave": "GET POST", "dashboard.receipts": "GET",
        "dashboard.share_receipt": "POST", "dashboard.receipt": "GET",
        "dashboard.confirm_delete_receipt": "GET", "dashboard.delete_receipt": "POST",
        "dashboard.receipt_image": "GET", "dashboard.confirm_withdraw_receipt": "GET",
        "dashboard.withdraw_receipt": "POST", "dashboard.rewards": "GET",
        "dashboard.redeem": "POST", "dashboard.surveys": "GET", "dashboard.survey": "GET POST",
        "dashboard.change_password": "GET POST", "dashboard.logout_everywhere": "POST",
        "dashboard.renew_forwarding_address": "POST",
        "dashboard.recipient_consent": "POST",
        "dashboard.payout": "GET", "dashboard.payout_code": "POST",
        "dashboard.events": "GET",
    }),
    **{key: ADMIN for key, roles in ADMIN_ROLES.items() if roles != "public"},
}
# Requests that end the session they are made with: made last.
ENDING = {"auth.Logout", "me.Me", "me.Leave", "me.ConsentByPurpose", "dashboard.logout",
          "dashboard.erase", "dashboard.leave", "dashboard.consent", "auth.LogoutEverywhere",
          "dashboard.logout_everywhere", "me.Password", "dashboard.change_password"}
# A panelist route's ids: a receipt or a payout belongs to one panelist (another gets 404);
# surveys and consent purposes are the same for everyone. A new kind of id must be added here.
OWNED_IDS = {"receipt_id", "payout_id"}
PARAM = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")  # a rule's <converter:name>
OTHER_IDS = {"survey_id": "survey", "purpose": "receipts", "filename": "no-such-file.css",
             "item_id": "x", "invite_id": "x", "staff_id": "x", "entry_id": "x",
             "token": "not-a-reset-code", "code": "no-such-recipient",
             "recipient_id": "x", "release_id": "x"}


def routes(app, *kinds: str) -> list[tuple[str, str, str]]:
    """(endpoint, method, rule) of the given kinds; GETs first, session-ending ones last."""
    found = [(rule.endpoint, method, rule.rule) for rule in app.url_map.iter_rules()
             for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
             if ROUTES.get((rule.endpoint, method)) in kinds]
    return sorted(found, key=lambda r: (r[0] in ENDING and r[1] != "GET", r[1] != "GET", r))


def url(rule: str, ids: dict) -> str:
    return PARAM.sub(lambda m: ids[m.group(1)], rule)


def call(app, client, kind: str, method: str, path: str, token: str | None = None):
    """One request the way its face expects it: API with a bearer token and a junk JSON
    body, dashboard forms with a CSRF token read from a page."""
    if kind in (API, RECIPIENT):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return client.open(path, method=method, headers=headers, json={"granted": "junk"})
    if method == "GET":
        return client.get(path)
    return admin_post(app, client, path) if path.startswith("/admin") else dashboard_post(
        client, path)


def text_of(response) -> str:
    """The body as text; a ZIP (the data export) with every member unpacked."""
    if response.mimetype == "application/zip":
        with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
            return "".join(archive.read(name).decode(errors="replace")
                           for name in archive.namelist())
    return response.get_data().decode(errors="replace")


def test_every_route_is_classified(app):
    found = {(rule.endpoint, method) for rule in app.url_map.iter_rules()
             for method in rule.methods - {"HEAD", "OPTIONS"}}
    classified = set(ROUTES)
    assert not found - classified, f"classify these routes in ROUTES: {found - classified}"
    assert not classified - found, f"these rows name no route: {classified - found}"
    ids = {name for _, _, rule in routes(app, API, DASHBOARD, RECIPIENT)
           for name in PARAM.findall(rule)}
    assert ids <= OWNED_IDS | set(OTHER_IDS), f"say whose these ids are: {ids - OWNED_IDS}"


@pytest.fixture
def world(app):
    """Panelist A with a processed, a queued and a reviewed receipt and an answered survey;
    panelist B signed in beside them."""
    a = sign_up(app, surveys=True)
    a.token = a.client.get_cookie(SESSION_COOKIE).value
    tokens = {"access_token": a.token}
    photo = jpeg_bytes(render_receipt([("KIOSK", ""), ("Cola", "1,50"), ("SUMME", "1,50")]))
    receipt_ids = [upload(a.client, tokens, photo).get_json()["id"]]
    process_waiting(app)
    receipt_ids.append(upload(a.client, tokens, photo, key="second").get_json()["id"])
    receipt_ids.append(receipt_for_review(app, a.client, {"panelist": {"id": a.panelist_id}})[0])
    with app.app_context():
        survey = surveys.create("Tea", "0.50", "all_active", [
            {"text": "Tea?", "kind": "single_choice", "choices": ["yes", "no"]}])
        question_id, survey_id = survey.questions[0].id, survey.id
    answered = a.client.post(f"/api/v1/surveys/{survey_id}/responses", headers=_bearer(a),
                             json={"answers": [{"question_id": question_id, "value": "yes"}]})
    assert answered.status_code == 201
    with app.app_context():
        ledger.credit(a.panelist_id, "survey_reward", 500, "EUR", "isolation", "Test credit")
        db.session.commit()
    payout = a.client.post("/api/v1/rewards/redemptions", headers=_bearer(a),
                           json={"amount": "2.00", "method": "charity"})
    assert payout.status_code == 201
    b = sign_up(app, surveys=True)
    b.token = b.client.get_cookie(SESSION_COOKIE).value
    return {"a": a, "b": b, "receipt_ids": receipt_ids,
            "ids": {**OTHER_IDS, "survey_id": survey_id, "payout_id": payout.get_json()["id"]}}


def _bearer(session) -> dict:
    return {"Authorization": f"Bearer {session.token}"}


def snapshot(client, a, receipt_ids) -> dict:
    """Everything A can read about themselves through the API."""
    paths = ["/api/v1/me", "/api/v1/me/consents/history", "/api/v1/receipts",
             "/api/v1/rewards", "/api/v1/rewards/ledger", "/api/v1/surveys",
             "/api/v1/rewards/payouts"]
    paths += [f"/api/v1/receipts/{rid}{tail}" for rid in receipt_ids for tail in ("", "/image")]
    return {path: (response.status_code, response.data) for path in paths
            for response in [client.get(path, headers=_bearer(a))]}


def test_another_panelist_finds_and_changes_nothing_of_a(app, world):
    a, b, receipt_ids = world["a"], world["b"], world["receipt_ids"]
    before = snapshot(app.test_client(), a, receipt_ids)
    payout_id = world["ids"]["payout_id"]
    secrets = [*receipt_ids, payout_id, a.panelist_id, a.email]
    for endpoint, method, rule in routes(app, API, DASHBOARD, RECIPIENT):
        kind = ROUTES[(endpoint, method)]
        targets = receipt_ids if "<receipt_id>" in rule else [None]  # OWNED_IDS
        for receipt_id in targets:
            path = url(rule, {**world["ids"], "receipt_id": receipt_id or ""})
            response = call(app, b.client, kind, method, path, b.token)
            where = f"B: {method} {path} -> {response.status_code}"
            assert response.status_code < 500, where
            if receipt_id or "<payout_id>" in rule:
                assert response.status_code == 404, where
                assert kind != API or response.get_json()["message"], where
            assert not [s for s in secrets if s in text_of(response)], where
    assert snapshot(app.test_client(), a, receipt_ids) == before


def test_anonymous_visitor_is_asked_to_log_in(app, world):
    for endpoint, method, rule in routes(app, API, DASHBOARD, RECIPIENT, PUBLIC, STATIC):
        kind, client = ROUTES[(endpoint, method)], app.test_client()
        path = url(rule, {**world["ids"], "receipt_id": world["receipt_ids"][0]})
        response = call(app, client, kind, method, path)
        where = f"anonymous: {method} {path} -> {response.status_code}"
        if kind in (API, RECIPIENT):
            assert response.status_code == 401 and response.get_json()["message"], where
        elif kind == DASHBOARD:
            assert response.status_code == 303, where
            assert urlparse(response.headers["Location"]).path == "/login", where
        else:  # open to anyone: a wrong login may be refused, but no page asks for one
            assert response.status_code < 500, where
            assert method != "GET" or response.status_code not in (401, 403), where
            assert "login" not in response.headers.get("Location", ""), where


def staff_token(app, role: str) -> str:
    with app.app_context():
        token = staff.start_session(staff.find(make_staff(app, role).id))
        db.session.commit()
        return token


def test_staff_sessions_open_nothing_for_panelists(app, world):
    tokens = {role: staff_token(app, role) for role in ("admin", "reviewer", "analyst", "payouts")}
    for (endpoint, method, rule), (role, token) in product(routes(app, API, DASHBOARD, RECIPIENT),
                                                           tokens.items()):
        client = app.test_client()
        for name in ("admin_session", SESSION_COOKIE):
            client.set_cookie(name, token, path="/")
        path = url(rule, {**world["ids"], "receipt_id": world["receipt_ids"][0]})
        response = call(app, client, ROUTES[(endpoint, method)], method, path, token)
        where = f"{role}: {method} {path} -> {response.status_code}"
        assert response.status_code in (303, 401), where
        if response.status_code == 303:
            assert urlparse(response.headers["Location"]).path == "/login", where


def test_panelist_sessions_open_nothing_in_the_admin_tool(app, world):
    a = world["a"]
    for endpoint, method, rule in routes(app, ADMIN):
        client = app.test_client()
        client.set_cookie(SESSION_COOKIE, a.token, path="/")
        client.set_cookie("admin_session", a.token, path="/admin")
        path = url(rule, world["ids"])
        response = (client.get(path, headers=_bearer(a)) if method == "GET"
                    else admin_post(app, client, path, headers=_bearer(a)))
        assert response.status_code == 303, (method, path, response.status_code)
        assert response.headers["Location"].endswith("/admin/login"), (method, path)
