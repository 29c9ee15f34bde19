"""The password and the logins in the dashboard: forgot my password (a mail through the
outbox, the same page for any address), choosing the new one from the link, changing it
(other logins end), and logging out everywhere; each form needs its CSRF token."""
from __future__ import annotations

import pytest

from panel.dashboard.access import SESSION_COOKIE
from panel.services import auth
from tests.dashboard.conftest import PASSWORD, csrf, post, sign_up
from tests.panel.api.test_passwords import reset_codes
from tests.support.factories import bearer

NEW_PASSWORD = "a brand new dashboard password"


def log_in(client, email: str, password: str):
    return client.post("/login", data={"email": email, "password": password,
                                       "csrf_token": csrf(client)})


def api_login(app, email: str) -> dict:
    answer = app.test_client().post("/api/v1/auth/token",
                                    json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200
    return answer.get_json()


def test_forgot_password_mails_a_link_that_sets_a_new_password(app):
    session = sign_up(app)
    phone = api_login(app, session.email)
    visitor = app.test_client()
    assert "Forgot your password?" in visitor.get("/login").get_data(as_text=True)
    asked = post(visitor, "/password-reset", {"email": session.email})
    unknown = post(app.test_client(), "/password-reset", {"email": "nobody@example.org"})
    assert asked.status_code == unknown.status_code == 303
    assert asked.location == unknown.location
    page = visitor.get(asked.location).get_data(as_text=True)
    assert "If an account uses this address, we have sent it a mail" in page
    (code,) = reset_codes(app)
    form = visitor.get(f"/password-reset/{code}").get_data(as_text=True)
    assert "Choose a new password" in form
    chosen = visitor.post(f"/password-reset/{code}", data={
        "password": NEW_PASSWORD, "csrf_token": csrf(visitor, f"/password-reset/{code}")})
    assert chosen.status_code == 303 and chosen.location == "/receipts"
    assert visitor.get("/receipts").status_code == 200  # logged in
    assert session.client.get("/privacy").status_code == 303  # the old browser session ended
    assert app.test_client().get("/api/v1/me", headers=bearer(phone)).status_code == 401
    assert log_in(app.test_client(), session.email, PASSWORD).status_code == 401
    assert log_in(app.test_client(), session.email, NEW_PASSWORD).status_code == 303
    again = app.test_client()
    used = again.post(f"/password-reset/{code}", data={
        "password": "another new password", "csrf_token": csrf(again, f"/password-reset/{code}")})
    assert used.status_code == 422 and "expired or was already used" in used.get_data(as_text=True)


def test_changing_the_password_needs_the_current_one_and_ends_other_logins(app):
    session = sign_up(app)
    phone = api_login(app, session.email)
    page = session.client.get("/account/password").get_data(as_text=True)
    assert "Current password" in page and "Log out everywhere" in page
    wrong = post(session.client, "/account/password", {"current_password": "not it",
                                                       "new_password": NEW_PASSWORD})
    assert wrong.status_code == 403 and "not right" in wrong.get_data(as_text=True)
    changed = post(session.client, "/account/password", {"current_password": PASSWORD,
                                                         "new_password": NEW_PASSWORD})
    assert changed.status_code == 303
    assert "Every other login of yours has ended" in session.client.get(
        changed.location).get_data(as_text=True)
    assert session.client.get("/privacy").status_code == 200  # this browser carries on
    assert app.test_client().get("/api/v1/me", headers=bearer(phone)).status_code == 401
    assert log_in(app.test_client(), session.email, NEW_PASSWORD).status_code == 303


def test_logging_out_everywhere_ends_every_app_and_browser(app):
    session = sign_up(app)
    other_browser = app.test_client()
    assert log_in(other_browser, session.email, PASSWORD).status_code == 303
    phone = api_login(app, session.email)
    token = session.client.get_cookie(SESSION_COOKIE).value
    answer = post(session.client, "/logout-everywhere")
    assert answer.status_code == 303 and "/login" in answer.location
    assert "logged out everywhere" in session.client.get(answer.location).get_data(as_text=True)
    with app.app_context():
        assert auth.authenticate(token) is None
    assert other_browser.get("/privacy").status_code == 303
    assert app.test_client().get("/api/v1/me", headers=bearer(phone)).status_code == 401


@pytest.mark.parametrize("path", ["/password-reset", "/password-reset/some-code",
                                  "/account/password", "/logout-everywhere"])
def test_each_form_needs_its_csrf_token(app, path):
    session = sign_up(app)
    answer = session.client.post(path, data={"email": session.email, "password": NEW_PASSWORD,
                                             "current_password": PASSWORD,
                                             "new_password": NEW_PASSWORD,
                                             "csrf_token": "forged"})
    assert answer.status_code == 400
    assert session.client.get("/privacy").status_code == 200
