"""Staff login: password and TOTP both needed, a code works once, failures are throttled
per account and per address, sessions end on logout, disabling, idling and age; CSRF on
every form; the network allow-list."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from panel.db import db, utcnow
from panel.models import AuditEntry, StaffSession
from tests.admin.conftest import PASSWORD, make_staff, post, sign_in
from tests.support.parallel import at_once


def log_in(app, client, member, code=None, password=PASSWORD, address="127.0.0.1"):
    data = {"email": member.email, "password": password,
            "code": member.totp.now() if code is None else code}
    return post(app, client, "/admin/login", data, environ_base={"REMOTE_ADDR": address})


def test_password_and_code_open_a_session(app):
    member, client = make_staff(app, "admin"), app.test_client()
    response = log_in(app, client, member)
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert "admin_session=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/admin/overview").status_code == 200


def test_missing_and_wrong_codes_are_refused(app):
    member, client = make_staff(app, "reviewer"), app.test_client()
    assert log_in(app, client, member, code="").status_code == 401
    wrong = f"{(int(member.totp.now()) + 1) % 1_000_000:06d}"
    assert log_in(app, client, member, code=wrong).status_code == 401
    assert log_in(app, client, member, password="not the password").status_code == 401
    assert client.get("/admin/review").status_code == 303  # still not signed in


@pytest.mark.database  # a used code is remembered in a row
def test_a_code_works_once(app):
    member = make_staff(app, "analyst")
    code = member.totp.now()
    assert log_in(app, app.test_client(), member, code=code).status_code == 303
    assert log_in(app, app.test_client(), member, code=code).status_code == 401


@pytest.mark.database  # the database's atomic counters
def test_failures_are_throttled_per_account(app):
    member, client = make_staff(app, "admin"), app.test_client()
    for attempt in range(5):
        assert log_in(app, client, member, code="000000",
                      address=f"10.0.0.{attempt}").status_code == 401
    # now even the right answers are refused, from any address
    assert log_in(app, client, member, address="10.0.1.1").status_code == 429


@pytest.mark.database  # the database's atomic counters
def test_failures_are_throttled_per_address(app):
    client = app.test_client()
    members = [make_staff(app, "reviewer") for _ in range(6)]
    for member in members[:5]:
        assert log_in(app, client, member, password="wrong password").status_code == 401
    assert log_in(app, client, members[5]).status_code == 429
    assert log_in(app, client, members[5], address="10.9.9.9").status_code == 303


def test_logout_ends_the_session_at_once(app):
    client = app.test_client()
    sign_in(app, client, "admin")
    assert client.get("/admin/staff").status_code == 200
    token = client.get_cookie("admin_session", path="/admin").value
    assert post(app, client, "/admin/logout").status_code == 303
    client.set_cookie("admin_session", token, path="/admin")  # a stolen copy
    assert client.get("/admin/staff").status_code == 303


def test_disabling_ends_sessions_at_once(app):
    admin, reviewer = app.test_client(), app.test_client()
    sign_in(app, admin, "admin")
    member = sign_in(app, reviewer, "reviewer")
    assert reviewer.get("/admin/review").status_code == 200
    assert post(app, admin, f"/admin/staff/{member.id}/disable").status_code == 303
    assert reviewer.get("/admin/review").status_code == 303
    assert log_in(app, app.test_client(), member).status_code == 401


def test_sessions_expire_when_idle_and_by_age(app):
    client = app.test_client()
    sign_in(app, client, "admin")
    with app.app_context():
        db.session.execute(update(StaffSession).values(
            last_seen_at=utcnow() - timedelta(seconds=app.config["STAFF_SESSION_IDLE_SECONDS"] + 5)))
        db.session.commit()
    assert client.get("/admin/staff").status_code == 303
    sign_in(app, client, "admin")
    with app.app_context():
        db.session.execute(update(StaffSession).where(StaffSession.ended_at.is_(None)).values(
            created_at=utcnow() - timedelta(seconds=app.config["STAFF_SESSION_MAX_SECONDS"] + 5)))
        db.session.commit()
    assert client.get("/admin/staff").status_code == 303


def test_forms_need_the_csrf_token(app):
    client = app.test_client()
    sign_in(app, client, "admin")
    client.set_cookie("admin_csrf", "some-cookie", path="/admin")
    response = client.post("/admin/invites", data={"email": "x@example.org"})
    assert response.status_code == 400
    response = client.post("/admin/invites", data={"email": "x@example.org",
                                                   "csrf_token": "forged"})
    assert response.status_code == 400
    assert post(app, client, "/admin/invites", {"email": "x@example.org"}).status_code == 303


def test_allowed_networks(app):
    app.config["ADMIN_ALLOWED_NETWORKS"] = "10.1.0.0/16, 192.168.5.0/24"
    client = app.test_client()
    assert client.get("/admin/login", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 403
    assert client.get("/admin/login", environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 200


@pytest.mark.database  # concurrent transactions
def test_racing_failures_are_all_counted(app):
    """16 wrong passwords at once: only 5 (STAFF_LOGIN_MAX_FAILURES) are checked at all."""
    member = make_staff(app, "admin")
    answers = at_once(16, lambda n: log_in(app, app.test_client(), member,
                                           password=f"wrong password {n}"))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [401] * 5 + [429] * 11, statuses
    with app.app_context():
        failed = db.session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "login.failed"))
    assert failed == 5
    assert log_in(app, app.test_client(), member, address="10.0.1.1").status_code == 429


def test_the_login_form_is_limited_per_request(app):
    app.config["RATELIMIT_STAFF_LOGIN_PER_ADDRESS"] = "3/hour"  # no minute's edge to cross
    client = app.test_client()
    answers = [post(app, client, "/admin/login", {"email": "x@staff.example.org"},
                    environ_base={"REMOTE_ADDR": "10.7.7.7"}) for _ in range(4)]
    assert [a.status_code for a in answers] == [401, 401, 401, 429]
    assert 1 <= int(answers[3].headers["Retry-After"]) <= 3600
    member = make_staff(app, "admin")
    assert log_in(app, client, member, address="10.7.7.8").status_code == 303
