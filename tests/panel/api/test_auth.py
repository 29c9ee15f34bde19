"""Joining and login through the API, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from panel.db import db, utcnow
from panel.models import AuthToken, Consent, Invite, Panelist
from panel.services import personal
from tests.support.factories import PASSWORD, bearer, invite, register
from tests.support.parallel import at_once


def test_invite_command_prints_code_as_last_line(app):
    result = app.test_cli_runner().invoke(args=["invites", "create", "--email", "A@Example.org"])
    assert result.exit_code == 0, result.output
    code = result.output.strip().splitlines()[-1]
    with app.app_context():
        stored = db.session.scalar(select(Invite))
        assert stored.email_hash == personal.email_hash("a@example.org")
        assert b"example" not in stored.email_sealed
        assert code not in stored.code_hash and len(stored.code_hash) == 64


def test_register_records_consents_and_returns_tokens(app, client):
    tokens = register(app, client, surveys=False)
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] > 0
    panelist = tokens["panelist"]
    assert panelist["status"] == "active"
    assert {c["purpose"]: c["granted"] for c in panelist["consents"]} == {
        "receipts": True, "surveys": False}
    assert all(c["version"] and c["updated_at"] for c in panelist["consents"])
    with app.app_context():
        stored = db.session.get(Panelist, panelist["id"])
        assert stored.password_hash.startswith("$argon2")
        assert panelist["email"].encode() not in stored.email_sealed
        assert personal.open_field(stored, "email") == panelist["email"]
        assert db.session.scalar(select(Consent).where(Consent.purpose == "receipts")).granted
        hashes = set(db.session.scalars(select(AuthToken.token_hash)))
        assert tokens["access_token"] not in hashes and len(hashes) == 2


def _register_body(app, invited="new@example.org", **changes):
    """A registration body for an invite to ``invited``, with ``changes`` applied."""
    body = {"invite_code": invite(app, invited), "email": invited, "password": PASSWORD,
            "consents": {"receipts": True}}
    body.update(changes)
    return body


@pytest.mark.parametrize("changes, status", [
    ({"consents": {"receipts": False}}, 422),
    ({"consents": {"surveys": True}}, 422),
    ({"consents": {"receipts": True, "horoscopes": True}}, 422),
    ({"email": "someone-else@example.org"}, 422),
    ({"invite_code": "AAAA-BBBB-CCCC-DDDD"}, 422),
    ({"password": "short"}, 422),
    ({"email": "not an email"}, 422),
])
def test_register_refusals(app, client, changes, status):
    response = client.post("/api/v1/auth/register", json=_register_body(app, **changes))
    assert response.status_code == status
    body = response.get_json()
    assert body["code"] == status and body["message"]
    with app.app_context():
        assert db.session.scalar(select(Panelist)) is None


def test_invite_works_once_and_not_after_expiry(app, client):
    body = _register_body(app)
    assert client.post("/api/v1/auth/register", json=body).status_code == 201
    again = client.post("/api/v1/auth/register", json={**body, "email": body["email"]})
    assert again.status_code in (409, 422)
    late = _register_body(app, invited="late@example.org")
    with app.app_context():
        for stored in db.session.scalars(select(Invite).where(
                Invite.email_hash == personal.email_hash("late@example.org"))):
            stored.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert client.post("/api/v1/auth/register", json=late).status_code == 422


def test_malformed_json_is_a_clear_4xx(client):
    response = client.post("/api/v1/auth/register", data="{not json",
                           content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["code"] == 400


def test_login_refresh_logout(app, client):
    email = register(app, client)["panelist"]["email"]
    wrong = client.post("/api/v1/auth/token", json={"email": email, "password": "nope"})
    assert wrong.status_code == 401
    unknown = client.post("/api/v1/auth/token", json={"email": "x@y.org", "password": "nope"})
    assert unknown.status_code == 401 and unknown.get_json() == {**wrong.get_json()}
    tokens = client.post("/api/v1/auth/token", json={"email": email.upper(),
                                                      "password": PASSWORD}).get_json()
    assert client.get("/api/v1/me", headers=bearer(tokens)).get_json()["email"] == email

    renewed = client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert renewed.status_code == 200
    new = renewed.get_json()
    assert client.get("/api/v1/me", headers=bearer(new)).status_code == 200

    assert client.post("/api/v1/auth/logout", headers=bearer(new)).status_code == 204
    assert client.get("/api/v1/me", headers=bearer(new)).status_code == 401
    assert client.post("/api/v1/auth/refresh",
                       json={"refresh_token": new["refresh_token"]}).status_code == 401


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer nonsense", "Basic abc", "bearer "])
def test_me_needs_a_valid_token(client, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.get_json()["code"] == 401


def test_expired_access_token_is_refused(app, client):
    tokens = register(app, client)
    with app.app_context():
        for token in db.session.scalars(select(AuthToken).where(AuthToken.kind == "access")):
            token.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(tokens)).status_code == 401


def _refresh(client, tokens: dict):
    return client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})


def test_a_refresh_token_works_once_even_when_raced(app):
    """Five parallel refreshes with one token: one new pair at most, and as the token was
    used again, that whole login ends (the new pair too)."""
    tokens = register(app, app.test_client())
    answers = at_once(5, lambda _: _refresh(app.test_client(), tokens))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200, 401, 401, 401, 401], statuses
    renewed = next(a.get_json() for a in answers if a.status_code == 200)
    client = app.test_client()
    assert client.get("/api/v1/me", headers=bearer(renewed)).status_code == 401
    assert _refresh(client, renewed).status_code == 401
    assert client.get("/api/v1/me", headers=bearer(tokens)).status_code == 401


def test_the_old_access_token_stops_working_after_a_refresh(app, client):
    tokens = register(app, client)
    renewed = _refresh(client, tokens)
    assert renewed.status_code == 200
    assert client.get("/api/v1/me", headers=bearer(tokens)).status_code == 401
    assert client.get("/api/v1/me", headers=bearer(renewed.get_json())).status_code == 200


def test_reusing_a_spent_refresh_token_ends_the_whole_login(app, client):
    tokens = register(app, client)
    other_login = client.post("/api/v1/auth/token", json={
        "email": tokens["panelist"]["email"], "password": PASSWORD}).get_json()
    renewed = _refresh(client, tokens).get_json()
    again = _refresh(client, renewed).get_json()  # the rightful client carries on
    assert client.get("/api/v1/me", headers=bearer(again)).status_code == 200
    assert _refresh(client, tokens).status_code == 401  # a stolen copy of the first token
    assert client.get("/api/v1/me", headers=bearer(again)).status_code == 401
    assert _refresh(client, again).status_code == 401
    assert client.get("/api/v1/me", headers=bearer(other_login)).status_code == 200


def test_tokens_and_exports_are_kept_in_no_cache(app, client):
    email = "cache@example.org"
    body = {"invite_code": invite(app, email), "email": email, "password": PASSWORD,
            "consents": {"receipts": True}}
    answers = [client.post("/api/v1/auth/register", json=body)]
    answers.append(client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD}))
    tokens = answers[-1].get_json()
    answers.append(_refresh(client, tokens))
    answers.append(client.get("/api/v1/me/export", headers=bearer(answers[-1].get_json())))
    assert [a.status_code for a in answers] == [201, 200, 200, 200]
    assert all(a.headers["Cache-Control"] == "no-store" for a in answers)
    refused = client.post("/api/v1/auth/token", json={"email": email, "password": "nope"})
    assert refused.headers["Cache-Control"] == "no-store"
