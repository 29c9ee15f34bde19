"""A new password by mail (single use, expiring, stored hashed, the same answer for any
address), a password change that ends the other logins, logging out everywhere, and the
password asked again before erasure; on SQLite and PostgreSQL."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select, update

from panel.db import db, utcnow
from panel.models import OutboxMessage, Panelist, PasswordReset
from panel.services import mail
from tests.support.factories import PASSWORD, bearer, register
from tests.support.parallel import at_once

NEW_PASSWORD = "a brand new password"
CODE = re.compile(r"reset code instead: (\S+)")


def reset_codes(app) -> list[str]:
    """The reset codes mailed so far (from the outbox), newest first."""
    with app.app_context():
        messages, _ = mail.outbox()
        return [CODE.search(m.body).group(1) for m in messages if m.kind == "password_reset"]


def ask_reset(client, email: str):
    return client.post("/api/v1/auth/password-reset", json={"email": email})


def confirm(client, code: str, password: str = NEW_PASSWORD):
    return client.post("/api/v1/auth/password-reset/confirm",
                       json={"token": code, "password": password})


def log_in(client, email: str, password: str):
    return client.post("/api/v1/auth/token", json={"email": email, "password": password})


def test_a_reset_by_mail_sets_a_new_password_and_ends_every_login(app, client):
    tokens = register(app, client)
    email = tokens["panelist"]["email"]
    asked = ask_reset(client, email.upper())
    assert asked.status_code == 202 and asked.get_json() == {"status": "sent"}
    (code,) = reset_codes(app)
    with app.app_context():
        message = db.session.scalar(select(OutboxMessage))
        assert email.encode() not in message.recipient_sealed
        assert f"/password-reset/{code}" in mail.outbox()[0][0].body
        stored = db.session.scalar(select(PasswordReset))
        assert stored.token_hash != code and code not in stored.token_hash
    renewed = confirm(client, code)
    assert renewed.status_code == 200 and renewed.headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/me", headers=bearer(renewed.get_json())).status_code == 200
    assert client.get("/api/v1/me", headers=bearer(tokens)).status_code == 401
    assert client.post("/api/v1/auth/refresh",
                       json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert log_in(client, email, PASSWORD).status_code == 401
    assert log_in(client, email, NEW_PASSWORD).status_code == 200
    again = confirm(client, code, "yet another password")
    assert again.status_code == 422 and "expired or was already used" in again.get_json()["message"]


def test_asking_tells_nothing_about_which_addresses_have_an_account(app, client):
    email = register(app, client)["panelist"]["email"]
    known, unknown = ask_reset(client, email), ask_reset(client, "nobody@example.org")
    assert (known.status_code, known.get_json()) == (unknown.status_code, unknown.get_json())
    assert len(reset_codes(app)) == 1  # a mail only to the account's address


def test_a_code_works_once_even_when_raced(app, client):
    email = register(app, client)["panelist"]["email"]
    ask_reset(client, email)
    (code,) = reset_codes(app)
    answers = at_once(5, lambda n: confirm(app.test_client(), code, f"new password {n}"))
    assert sorted(a.status_code for a in answers) == [200, 422, 422, 422, 422]
    winner = next(n for n, a in enumerate(answers) if a.status_code == 200)
    assert log_in(client, email, f"new password {winner}").status_code == 200


def test_a_code_expires_and_a_newer_one_ends_the_one_before(app, client):
    email = register(app, client)["panelist"]["email"]
    ask_reset(client, email)
    ask_reset(client, email)
    newer, older = reset_codes(app)
    assert confirm(client, older).status_code == 422
    with app.app_context():
        db.session.execute(update(PasswordReset).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert confirm(client, newer).status_code == 422
    assert confirm(client, "never-sent").status_code == 422
    assert log_in(client, email, PASSWORD).status_code == 200


def test_changing_the_password_needs_the_current_one_and_ends_other_logins(app, client):
    tokens = register(app, client)
    email = tokens["panelist"]["email"]
    elsewhere = log_in(client, email, PASSWORD).get_json()
    wrong = client.post("/api/v1/me/password", headers=bearer(tokens), json={
        "current_password": "not it", "new_password": NEW_PASSWORD})
    assert wrong.status_code == 403
    short = client.post("/api/v1/me/password", headers=bearer(tokens), json={
        "current_password": PASSWORD, "new_password": "short"})
    assert short.status_code == 422
    changed = client.post("/api/v1/me/password", headers=bearer(tokens), json={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert changed.status_code == 204
    assert client.get("/api/v1/me", headers=bearer(tokens)).status_code == 200
    assert client.get("/api/v1/me", headers=bearer(elsewhere)).status_code == 401
    assert client.post("/api/v1/auth/refresh",
                       json={"refresh_token": elsewhere["refresh_token"]}).status_code == 401
    assert log_in(client, email, PASSWORD).status_code == 401
    assert log_in(client, email, NEW_PASSWORD).status_code == 200


def test_logging_out_everywhere_ends_every_login(app, client):
    tokens = register(app, client)
    elsewhere = log_in(client, tokens["panelist"]["email"], PASSWORD).get_json()
    assert client.post("/api/v1/auth/logout-everywhere", headers=bearer(tokens)).status_code == 204
    for pair in (tokens, elsewhere):
        assert client.get("/api/v1/me", headers=bearer(pair)).status_code == 401
        assert client.post("/api/v1/auth/refresh",
                           json={"refresh_token": pair["refresh_token"]}).status_code == 401


def test_erasure_asks_for_the_password_again(app, client):
    tokens = register(app, client)
    assert client.delete("/api/v1/me", headers=bearer(tokens)).status_code == 422
    assert client.delete("/api/v1/me", headers=bearer(tokens), json={}).status_code == 422
    wrong = client.delete("/api/v1/me", headers=bearer(tokens), json={"password": "not it"})
    assert wrong.status_code == 403
    with app.app_context():
        assert db.session.get(Panelist, tokens["panelist"]["id"]) is not None
    erased = client.delete("/api/v1/me", headers=bearer(tokens), json={"password": PASSWORD})
    assert erased.status_code == 202 and erased.get_json() == {"status": "erased"}
    with app.app_context():
        assert db.session.get(Panelist, tokens["panelist"]["id"]) is None
