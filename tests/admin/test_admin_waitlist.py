"""The waitlist and invitations: joining, position, inviting from the web tool and the
command line, codes that register, revoke, resend, expiry."""
from __future__ import annotations

import getpass
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from panel.db import db, utcnow
from panel.models import Invite, OutboxMessage, Panelist, WaitlistEntry
from panel.services import account, audit, invitations, mail, retention, waitlist
from panel.services.audit import COMMAND_LINE
from tests.admin.conftest import post, sign_in
from tests.support.commits import counting_commits


def join(client, email, address="127.0.0.1", headers=None, **extra):
    return client.post("/api/v1/waitlist", json={"email": email, **extra},
                       environ_base={"REMOTE_ADDR": address}, headers=headers)


def outbox_for(app, email):
    with app.app_context():
        return [m for m in reversed(mail.outbox(1000)[0]) if m.recipient == email]  # oldest first


def code_in(body: str) -> str:
    return re.search(r"Your invite code: (\S+)", body).group(1)


def test_joining_answers_the_same_for_a_known_email(app):
    client = app.test_client()
    first = join(client, "Ann@Example.org", country="de", postal_code="10115")
    again = join(client, "ann@example.org")
    assert first.status_code == again.status_code == 202
    assert first.get_json() == again.get_json() == {"status": "waitlisted"}
    with app.app_context():
        entries = db.session.scalars(select(WaitlistEntry)).all()
        assert len(entries) == 1 and entries[0].country == "DE"
        assert b"ann@example.org" not in entries[0].email_sealed  # stored sealed
    assert len(outbox_for(app, "ann@example.org")) == 1  # no second mail the same day


def test_joining_is_rate_limited_per_address(app):
    app.config["WAITLIST_MAX_REQUESTS"] = 3
    client = app.test_client()
    for n in range(3):
        assert join(client, f"p{n}@example.org", address="10.0.0.9").status_code == 202
    assert join(client, "p9@example.org", address="10.0.0.9").status_code == 429
    assert join(client, "p9@example.org", address="10.0.0.10").status_code == 202


@pytest.mark.database  # the position is a query
def test_a_waitlisted_person_sees_position_and_rule(app):
    client = app.test_client()
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        assert join(client, email).status_code == 202
    body = outbox_for(app, "b@example.org")[0].body
    code = re.search(r"status code in the app.*?:\n\n  (\S+)", body, re.S).group(1)
    status = client.post("/api/v1/waitlist/status", json={"code": code}).get_json()
    assert status["position"] == 2 and status["waiting"] == 3
    assert "order they joined" in status["rule"]
    assert client.post("/api/v1/waitlist/status", json={"code": "nope"}).status_code == 404


def test_command_line_invites_the_first_n_and_the_codes_register(app):
    client = app.test_client()
    for email in ("one@example.org", "two@example.org", "three@example.org"):
        join(client, email)
    result = app.test_cli_runner().invoke(args=["invites", "from-waitlist", "--count", "2"])
    assert result.exit_code == 0, result.output
    assert "Invited 2 people" in result.output
    assert not outbox_for(app, "three@example.org")[1:]  # only the waitlist mail
    code = code_in(outbox_for(app, "two@example.org")[-1].body)
    response = client.post("/api/v1/auth/register", json={
        "invite_code": code, "email": "two@example.org", "password": "a long password",
        "consents": {"receipts": True}})
    assert response.status_code == 201
    listed = app.test_cli_runner().invoke(args=["waitlist", "list", "--state", "all"])
    assert "3 matching." in listed.output and "invited" in listed.output
    with app.app_context():  # once invited, the email lives only in the invite
        sealed = db.session.scalars(select(WaitlistEntry.email_sealed).where(
            WaitlistEntry.invited_at.is_not(None))).all()
        assert sealed == [b"", b""]


def test_web_tool_invites_by_filter_revokes_resends_and_sets_expiry(app):
    client = app.test_client()
    join(client, "berlin@example.org", country="DE", postal_code="10115")
    join(client, "munich@example.org", country="DE", postal_code="80331")
    join(client, "paris@example.org", country="FR", postal_code="75001")
    admin = app.test_client()
    sign_in(app, admin, "admin")
    page = admin.get("/admin/waitlist?country=DE&postal_code=1").get_data(as_text=True)
    assert "berlin@example.org" in page and "munich@example.org" not in page
    response = post(app, admin, "/admin/waitlist/invite",
                    {"mode": "filter", "country": "DE", "postal_code": "1", "days": "3"})
    assert response.status_code == 303 and "1+invited" in response.headers["Location"]
    with app.app_context():
        invite = db.session.scalars(select(Invite)).one()
        assert (invite.expires_at - invite.created_at).days == 3
        invite_id = invite.id
    old_code = code_in(outbox_for(app, "berlin@example.org")[-1].body)
    assert post(app, admin, f"/admin/invites/{invite_id}/expiry", {"days": "9"}).status_code == 303
    assert post(app, admin, f"/admin/invites/{invite_id}/resend").status_code == 303
    new_code = code_in(outbox_for(app, "berlin@example.org")[-1].body)
    assert new_code != old_code
    register = {"email": "berlin@example.org", "password": "a long password",
                "consents": {"receipts": True}}
    assert client.post("/api/v1/auth/register",
                       json={**register, "invite_code": old_code}).status_code == 422
    with app.app_context():
        fresh_id = db.session.scalar(select(Invite.id).order_by(Invite.created_at.desc()))
    assert post(app, admin, f"/admin/invites/{fresh_id}/revoke").status_code == 303
    assert client.post("/api/v1/auth/register",
                       json={**register, "invite_code": new_code}).status_code == 422
    invites_page = admin.get("/admin/invites").get_data(as_text=True)
    assert "berlin@example.org" in invites_page and "expired" in invites_page
    assert "Your invite code" in admin.get("/admin/outbox").get_data(as_text=True)


def test_command_line_revoke_resend_and_expiry(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["invites", "create", "--email", "x@example.org"]).exit_code == 0
    assert runner.invoke(args=["invites", "set-expiry", "--email", "x@example.org",
                               "--days", "2"]).exit_code == 0
    assert runner.invoke(args=["invites", "resend", "--email", "x@example.org"]).exit_code == 0
    assert runner.invoke(args=["invites", "revoke", "--email", "x@example.org"]).exit_code == 0
    listing = runner.invoke(args=["invites", "list"]).output
    assert listing.count("expired") == 2
    outbox = runner.invoke(args=["mail", "outbox"]).output
    assert "Your invite code" in outbox
    with app.app_context():
        assert db.session.scalar(select(OutboxMessage.kind)) == "invite"


def test_no_personal_data_in_the_log(app, caplog):
    caplog.set_level("DEBUG")
    join(app.test_client(), "quiet@example.org")
    app.test_cli_runner().invoke(args=["invites", "from-waitlist", "--count", "1"])
    assert "quiet@example.org" not in caplog.text


@pytest.mark.database  # what a query deletes
def test_erasing_a_panelist_deletes_their_mail_from_the_outbox(app):
    client, runner = app.test_client(), app.test_cli_runner()
    join(client, "Gone@Example.org")
    join(client, "stays@example.org")
    invited = runner.invoke(args=["invites", "from-waitlist", "--count", "1"])
    assert invited.exit_code == 0, invited.output
    response = client.post("/api/v1/auth/register", json={
        "invite_code": code_in(outbox_for(app, "gone@example.org")[-1].body),
        "email": "gone@example.org", "password": "a long password",
        "consents": {"receipts": True}})
    assert response.status_code == 201
    assert len(outbox_for(app, "gone@example.org")) == 2  # the waitlist mail and the invite
    with app.app_context():
        account.erase(db.session.get(Panelist, response.get_json()["panelist"]["id"]),
                      "a long password")
    admin = app.test_client()
    sign_in(app, admin, "admin")
    page = admin.get("/admin/outbox").get_data(as_text=True)
    listed = runner.invoke(args=["mail", "outbox"]).output
    assert "gone@example.org" not in page and "gone@example.org" not in listed
    assert "stays@example.org" in page and "stays@example.org" in listed
    assert "1 messages in the outbox." in listed


@pytest.mark.database  # what a query deletes
def test_outbox_mail_is_deleted_after_its_retention_period(app):
    client = app.test_client()
    join(client, "old@example.org")
    join(client, "new@example.org")
    with app.app_context():
        old = utcnow() - timedelta(days=app.config["OUTBOX_RETENTION_DAYS"], hours=1)
        db.session.execute(update(OutboxMessage).where(OutboxMessage.id == db.session.scalar(
            select(OutboxMessage.id).order_by(OutboxMessage.created_at))).values(created_at=old))
        db.session.commit()
        assert retention.purge_old_mail() == 1
    assert outbox_for(app, "old@example.org") == []
    assert len(outbox_for(app, "new@example.org")) == 1


def test_the_invite_mail_links_to_the_join_page_with_the_code_filled_in(app):
    app.config["PUBLIC_URL"] = "https://panel.example/"
    client = app.test_client()
    join(client, "linked@example.org")
    assert app.test_cli_runner().invoke(
        args=["invites", "from-waitlist", "--count", "1"]).exit_code == 0
    body = outbox_for(app, "linked@example.org")[-1].body
    code = code_in(body)
    link = re.search(r"https://panel\.example(/register\?\S+)", body).group(1)
    assert link == f"/register?code={code}"
    page = client.get(link).get_data(as_text=True)
    assert f'name="invite_code" required value="{code}"' in page
    answer = client.post("/register", data={
        "invite_code": code, "email": "linked@example.org", "password": "a long password",
        "consent-receipts": "yes", "csrf_token": re.search(
            r'name="csrf_token" value="([^"]+)"', page).group(1)})
    assert answer.status_code == 303


def test_command_line_invites_are_audited_and_refused_for_a_registered_address(app):
    runner = app.test_cli_runner()
    created = runner.invoke(args=["invites", "create", "--email", "Cli@Example.org"])
    assert created.exit_code == 0, created.output
    code = created.output.splitlines()[-1]
    assert f"/register?code={code}" in created.output
    with app.app_context():
        entry = audit.recent(1)[0]
        invite_id = db.session.scalar(select(Invite.id))
    assert (entry.action, entry.staff_id, entry.staff_role) == ("invite.created", None, "operator")
    assert entry.address == f"command line: {getpass.getuser()}"[:45]
    assert entry.reason == f"invite={invite_id}; handed over"
    assert outbox_for(app, "cli@example.org") == []  # handed over, not mailed
    assert app.test_client().post("/api/v1/auth/register", json={
        "invite_code": code, "email": "cli@example.org", "password": "a long password",
        "consents": {"receipts": True}}).status_code == 201
    again = runner.invoke(args=["invites", "create", "--email", "cli@example.org"])
    assert again.exit_code == 1 and "cli@example.org is already registered" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Invite)) == 1


@pytest.mark.database  # transactions
def test_each_invitation_commits_once(app):
    """One commit per entry point (a batch: one per person), none hidden in its helpers."""
    client = app.test_client()
    for email in ("first@example.org", "second@example.org"):
        join(client, email)
    with app.app_context():
        with counting_commits() as commits:
            invite = invitations.invite_email("single@example.org", COMMAND_LINE)
        assert len(commits) == 1
        with counting_commits() as commits:
            fresh = invitations.resend(invite, COMMAND_LINE)
        assert len(commits) == 1 and fresh.id != invite.id
        with counting_commits() as commits:
            invited = invitations.invite_entries(
                invitations.waiting(waitlist.Filter()), COMMAND_LINE)
        assert len(commits) == invited == 2
        with counting_commits() as commits:
            invitations.hand_over("handed@example.org", COMMAND_LINE)
        assert len(commits) == 1
        assert db.session.scalar(select(func.count()).select_from(Invite)) == 5
    assert code_in(outbox_for(app, "single@example.org")[-1].body)


def test_web_tool_invites_in_the_language_staff_choose_unless_the_person_joined_in_one(app):
    client = app.test_client()
    join(client, "joined-english@example.org", headers={"Accept-Language": "en"})
    join(client, "joined-german@example.org", language="de")
    admin = app.test_client()
    sign_in(app, admin, "admin")
    page = admin.get("/admin/waitlist").get_data(as_text=True)
    assert '<option value="de">Deutsch</option>' in page and "<td>de</td>" in page
    assert post(app, admin, "/admin/waitlist/invite",
                {"mode": "first", "count": "2", "language": "de"}).status_code == 303
    assert post(app, admin, "/admin/invites",
                {"email": "one@example.org", "language": "de"}).status_code == 303
    assert post(app, admin, "/admin/invites", {"email": "two@example.org"}).status_code == 303
    subjects = {email: outbox_for(app, email)[-1].subject for email in (
        "joined-english@example.org", "joined-german@example.org", "one@example.org",
        "two@example.org")}
    assert subjects == {"joined-english@example.org": "Your invitation to the receipt panel",
                        "joined-german@example.org": "Ihre Einladung zum Kassenbon-Panel",
                        "one@example.org": "Ihre Einladung zum Kassenbon-Panel",
                        "two@example.org": "Your invitation to the receipt panel"}
