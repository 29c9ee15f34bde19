"""Every admin route, for every role: allowed or 403, as the role says. The routes come from
the app's URL map, so a new route without a row here fails the test."""
from __future__ import annotations

import re

import pytest

from tests.admin.conftest import make_staff, post, receipt_for_review, sign_in

ALL, ADMIN = {"admin", "reviewer", "analyst", "payouts"}, {"admin"}
REVIEW, FIGURES = {"admin", "reviewer"}, {"admin", "analyst"}
PAYOUTS = {"admin", "payouts"}
PUBLIC = "public"
EXPECTED = {
    ("admin.login", "GET"): PUBLIC, ("admin.login", "POST"): PUBLIC,
    ("admin.static", "GET"): PUBLIC,
    ("admin.logout", "POST"): ALL, ("admin.home", "GET"): ALL,
    ("admin.overview_page", "GET"): FIGURES,
    ("admin.review_queue", "GET"): REVIEW, ("admin.review_receipt", "GET"): REVIEW,
    ("admin.review_image", "GET"): REVIEW, ("admin.review_decide", "POST"): REVIEW,
    ("admin.waitlist_page", "GET"): ADMIN, ("admin.waitlist_invite", "POST"): ADMIN,
    ("admin.invites_page", "GET"): ADMIN, ("admin.invite_create", "POST"): ADMIN,
    ("admin.invite_expiry", "POST"): ADMIN, ("admin.invite_revoke", "POST"): ADMIN,
    ("admin.invite_resend", "POST"): ADMIN, ("admin.outbox_page", "GET"): ADMIN,
    ("admin.staff_page", "GET"): ADMIN, ("admin.staff_create", "POST"): ADMIN,
    ("admin.staff_disable", "POST"): ADMIN, ("admin.staff_enable", "POST"): ADMIN,
    ("admin.audit_page", "GET"): ADMIN,
    ("admin.payouts_page", "GET"): PAYOUTS, ("admin.payout_sent", "POST"): PAYOUTS,
    ("admin.payout_failed", "POST"): PAYOUTS, ("admin.payout_reversed", "POST"): PAYOUTS,
    ("admin.gift_cards_import", "POST"): PAYOUTS,
    ("admin.surveys_page", "GET"): FIGURES, ("admin.survey_create", "POST"): ADMIN,
    ("admin.recipients_page", "GET"): FIGURES, ("admin.recipient_create", "POST"): ADMIN,
    ("admin.recipient_change", "POST"): ADMIN, ("admin.recipient_retire", "POST"): ADMIN,
    ("admin.recipient_key", "POST"): ADMIN, ("admin.recipient_keys_revoke", "POST"): ADMIN,
    ("admin.processing_records_csv", "GET"): ADMIN,
    ("admin.processing_records_json", "GET"): ADMIN,
    ("admin.releases_page", "GET"): FIGURES, ("admin.release_define", "POST"): FIGURES,
    ("admin.release_approve", "POST"): ADMIN, ("admin.release_refuse", "POST"): ADMIN,
    ("admin.release_download", "GET"): ADMIN,
}


def admin_routes(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, rule) for every route under /admin."""
    return sorted((rule.endpoint, method, rule.rule) for rule in app.url_map.iter_rules()
                  if rule.rule.startswith("/admin")
                  for method in rule.methods - {"HEAD", "OPTIONS"})


def test_every_admin_route_is_in_the_table(app):
    found = {(endpoint, method) for endpoint, method, _ in admin_routes(app)}
    assert found == set(EXPECTED), "add new admin routes to EXPECTED with their roles"


def _url(rule: str, ids: dict) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: ids[m.group(1)], rule)


def test_each_role_on_each_route(app):
    client = app.test_client()
    receipt_id, _ = receipt_for_review(app, client)
    with app.app_context():
        from panel.services import invitations
        from panel.services.audit import COMMAND_LINE
        invite_id = invitations.invite_email("someone@example.org", COMMAND_LINE).id
    ids = {"item_id": receipt_id, "invite_id": invite_id, "filename": "admin.css",
           "staff_id": make_staff(app, "analyst").id, "entry_id": "no-such-payout",
           "recipient_id": "no-such-recipient", "release_id": "no-such-release"}
    for role in ("analyst", "reviewer", "payouts", "admin"):
        member = make_staff(app, role)
        for endpoint, method, rule in admin_routes(app):
            allowed = EXPECTED[(endpoint, method)]
            if allowed == PUBLIC:
                continue
            client = app.test_client()
            sign_in(app, client, role, member)
            url = _url(rule, ids)
            response = (client.get(url) if method == "GET" else
                        post(app, client, url, {"days": "5", "count": "1"}))
            where = f"{role} {method} {url}: {response.status_code}"
            if role in allowed:
                assert response.status_code not in (401, 403), where
                if endpoint != "admin.logout":  # which rightly ends at the login page
                    assert "/admin/login" not in response.headers.get("Location", ""), where
            else:
                assert response.status_code == 403, where


def test_anonymous_is_sent_to_login_everywhere_but_login(app):
    client = app.test_client()
    for endpoint, method, rule in admin_routes(app):
        if EXPECTED[(endpoint, method)] == PUBLIC:
            continue
        url = _url(rule, {"item_id": "x", "invite_id": "x", "staff_id": "x", "entry_id": "x",
                          "recipient_id": "x", "release_id": "x"})
        response = client.get(url) if method == "GET" else post(app, client, url)
        assert response.status_code == 303, url
        assert response.headers["Location"].endswith("/admin/login"), url


def test_public_pages_answer(app):
    client = app.test_client()
    assert client.get("/admin/login").status_code == 200
    assert client.get("/admin/static/admin.css").status_code == 200


@pytest.mark.parametrize("package", ["panel/admin"])
def test_admin_views_do_not_commit(package):
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    for path in (root / package).rglob("*.py"):
        assert "commit(" not in path.read_text(), path


@pytest.mark.parametrize("url", ["/admin/waitlist", "/admin/invites", "/admin/outbox",
                                 "/admin/review", "/admin/audit"])
def test_any_page_number_shows_a_page(app, url):
    client = app.test_client()
    sign_in(app, client, "admin")
    assert client.get(f"{url}?page=99999999999999999999999999").status_code == 200
