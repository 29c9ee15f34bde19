"""The dashboard's front door: landing and waitlist, registering with per-purpose consent,
logging in and out, the session cookies, CSRF on every form, and login throttling."""
from __future__ import annotations

from datetime import timedelta

import markupsafe
import pytest
from sqlalchemy import select, update

from panel.dashboard.access import CSRF_COOKIE, REFRESH_COOKIE, SESSION_COOKIE
from panel.db import db, utcnow
from panel.models import AuthToken, Consent, WaitlistEntry
from panel.services import auth
from panel.services.consents import PURPOSES
from tests.dashboard.conftest import CSRF_FIELD, PASSWORD, csrf, post, sign_up

PAGES_FOR_PANELISTS = ["/receipts", "/rewards", "/surveys", "/privacy"]


def test_the_landing_page_explains_the_panel_and_takes_waitlist_entries(app):
    client = app.test_client()
    page = client.get("/").get_data(as_text=True)
    assert "prescription receipts are deleted whole" in page
    answer = post(client, "/waitlist", {"email": "curious@example.org", "country": "de"})
    assert answer.status_code == 303 and "joined=1" in answer.headers["Location"]
    assert "Check your inbox" in client.get(answer.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        entry = db.session.scalar(select(WaitlistEntry))
        assert entry.country == "DE"


def test_a_bad_waitlist_entry_is_a_readable_422(app):
    answer = post(app.test_client(), "/waitlist", {"email": "not an email"})
    assert answer.status_code == 422
    assert "Not a valid email address" in answer.get_data(as_text=True)


def test_registering_shows_every_purpose_and_records_each_choice(app):
    client = app.test_client()
    page = client.get("/register").get_data(as_text=True)
    for purpose in PURPOSES.values():
        assert str(markupsafe.escape(purpose.text)) in page and f'name="consent-{purpose.name}"' in page
    session = sign_up(app, client, surveys=True)
    with app.app_context():
        choices = {c.purpose: c.granted for c in db.session.scalars(
            select(Consent).where(Consent.panelist_id == session.panelist_id))}
    assert choices == {"receipts": True, "surveys": True, "research_partners": False}


@pytest.mark.parametrize("change, message", [
    ({"consent-receipts": None}, "consent to share receipts"),
    ({"invite_code": "AAAA-BBBB-CCCC-DDDD"}, "invite code is not valid"),
    ({"password": "short"}, "Password"),
])
def test_registering_refuses_with_a_readable_page(app, change, message):
    client = app.test_client()
    email = "new@example.org"
    with app.app_context():
        code = auth.create_invite(email)
    form = {"invite_code": code, "email": email, "password": PASSWORD,
            "consent-receipts": "yes", "csrf_token": csrf(client, "/register")}
    form.update(change)
    answer = client.post("/register", data={k: v for k, v in form.items() if v is not None})
    assert answer.status_code == 422
    assert message in answer.get_data(as_text=True)
    assert client.get_cookie(SESSION_COOKIE) is None


def test_cookies_are_httponly_lax_and_secure_over_https(app):
    client = app.test_client()
    with app.app_context():
        code = auth.create_invite("tls@example.org")
    page = client.get("/register", base_url="https://panel.example")
    assert "Secure" in page.headers["Set-Cookie"]
    token = CSRF_FIELD.search(page.get_data(as_text=True)).group(1)
    answer = client.post("/register", base_url="https://panel.example", data={
        "invite_code": code, "email": "tls@example.org", "password": PASSWORD,
        "consent-receipts": "yes", "csrf_token": token})
    cookies = answer.headers.getlist("Set-Cookie")
    for name in (SESSION_COOKIE, REFRESH_COOKIE):
        cookie = next(c for c in cookies if c.startswith(name + "="))
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
        assert "Max-Age" not in cookie and "Expires" not in cookie  # ends with the browser
    plain = app.test_client().get("/").headers.getlist("Set-Cookie")
    assert any(c.startswith(CSRF_COOKIE) and "Secure" not in c for c in plain)


def test_log_out_and_in_again(app):
    session = sign_up(app)
    client = session.client
    old_token = client.get_cookie(SESSION_COOKIE).value
    assert post(client, "/logout").status_code == 303
    with app.app_context():
        assert auth.authenticate(old_token) is None  # the session is revoked, not forgotten
    assert client.get("/receipts").status_code == 303
    answer = post(client, "/login", {"email": session.email, "password": PASSWORD,
                                     "next": "/privacy"})
    assert answer.status_code == 303 and answer.headers["Location"] == "/privacy"
    assert client.get("/privacy").status_code == 200


OFF_SITE = ["https://evil.example/", "//evil.example/", "/\\evil", "/\t/evil.example",
            "/\n/evil.example", "/\r\n/x", "\t//evil.example", "/ /evil.example",
            "///evil.example", "javascript:alert(1)", "/\x00/x", "/\u3000/evil.example"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_never_sends_a_person_off_site(app, target):
    session = sign_up(app)
    post(session.client, "/logout")
    answer = post(session.client, "/login", {"email": session.email, "password": PASSWORD,
                                             "next": target})
    assert answer.headers["Location"] == "/receipts"


@pytest.mark.parametrize("query", ["next=/%09/evil.example", "next=/%0a/x", "next=/%0d%0a/x"])
def test_a_signed_in_visitor_is_never_sent_off_site_either(app, query):
    session = sign_up(app)
    answer = session.client.get(f"/login?{query}")
    assert answer.status_code == 303 and answer.headers["Location"] == "/receipts"


def test_a_path_on_this_site_is_kept_after_login(app):
    session = sign_up(app)
    answer = session.client.get("/login?next=/receipts%3Fstatus%3Daccepted")
    assert answer.headers["Location"] == "/receipts?status=accepted"


def test_an_expired_access_token_is_renewed_with_the_refresh_token(app):
    session = sign_up(app)
    with app.app_context():
        db.session.execute(update(AuthToken).where(AuthToken.kind == "access")
                           .values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    answer = session.client.get("/rewards")
    assert answer.status_code == 200
    assert any(c.startswith(SESSION_COOKIE + "=") for c in answer.headers.getlist("Set-Cookie"))
    assert session.client.get("/privacy").status_code == 200


def test_a_logged_out_visitor_is_sent_to_login(app):
    client = app.test_client()
    for url in PAGES_FOR_PANELISTS:
        answer = client.get(url)
        assert answer.status_code == 303
        assert answer.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("url", ["/waitlist", "/register", "/login", "/logout"])
def test_every_front_door_form_needs_the_csrf_token(app, url):
    client = app.test_client()
    client.get("/")  # has the cookie, but not the form's token
    answer = client.post(url, data={"email": "x@example.org", "password": PASSWORD,
                                    "csrf_token": "forged"})
    assert answer.status_code == 400
    assert "did not come from this site" in answer.get_data(as_text=True)


def test_a_form_token_works_only_in_its_own_session(app):
    first, second = sign_up(app), sign_up(app)
    token = csrf(first.client, "/privacy")
    second.client.set_cookie(CSRF_COOKIE, first.client.get_cookie(CSRF_COOKIE).value)
    stolen = second.client.post("/privacy/leave", data={"csrf_token": token})
    assert stolen.status_code == 400
    anonymous = app.test_client()  # the same browser's cookie, before logging in
    anonymous.set_cookie(CSRF_COOKIE, second.client.get_cookie(CSRF_COOKIE).value)
    before_login = csrf(anonymous, "/login")
    assert second.client.post("/privacy/leave", data={"csrf_token": before_login}
                              ).status_code == 400
    assert post(second.client, "/privacy/leave").status_code == 303


@pytest.mark.database
def test_failed_logins_are_throttled_per_account(app):
    app.config["LOGIN_MAX_FAILURES"] = 3
    session = sign_up(app)
    post(session.client, "/logout")
    for _ in range(3):
        wrong = post(session.client, "/login", {"email": session.email, "password": "nope"})
        assert wrong.status_code == 401
        assert "not right" in wrong.get_data(as_text=True)
    right = post(session.client, "/login", {"email": session.email, "password": PASSWORD})
    assert right.status_code == 429
    assert "Too many failed attempts" in right.get_data(as_text=True)


def test_pages_carry_the_privacy_headers(app):
    headers = app.test_client().get("/").headers
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/receipts", "/rewards"])
@pytest.mark.parametrize("page", ["99999999999999999999999999", "-3", "x"])
def test_any_page_number_shows_a_page(app, url, page):
    session = sign_up(app)
    assert session.client.get(f"{url}?page={page}").status_code == 200


@pytest.mark.parametrize("url, setting, form", [
    ("/login", "RATELIMIT_LOGIN_PER_ACCOUNT", {"email": "same@example.org", "password": "x"}),
    ("/register", "RATELIMIT_REGISTER_PER_ADDRESS", {"email": "new@example.org"}),
    ("/waitlist", "RATELIMIT_WAITLIST_PER_ADDRESS", {"email": "wait@example.org"}),
])
def test_the_forms_share_the_api_request_limits(app, url, setting, form):
    app.config[setting] = "2/minute"
    client = app.test_client()
    answers = [post(client, url, form).status_code for _ in range(3)]
    assert 429 not in answers[:2] and answers[2] == 429


def test_sharing_receipts_is_limited_per_session(app):
    app.config["RATELIMIT_UPLOAD_PER_TOKEN"] = "1/minute"
    first, second = sign_up(app), sign_up(app)
    assert post(first.client, "/receipts").status_code == 422  # counted: nothing chosen
    refused = post(first.client, "/receipts")
    assert refused.status_code == 429 and "for this login" in refused.get_data(as_text=True)
    assert post(second.client, "/receipts").status_code == 422  # another session's count


def test_stylesheets_are_served_without_touching_the_session(app):
    session = sign_up(app)
    with app.app_context():
        db.session.execute(update(AuthToken).where(AuthToken.kind == "access")
                           .values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    asset = session.client.get("/assets/dashboard.css")
    assert asset.status_code == 200 and asset.headers.getlist("Set-Cookie") == []
    assert session.client.get("/privacy").status_code == 200  # the refresh token still works
