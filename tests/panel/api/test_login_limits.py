"""Failed panelist logins slow an attacker without locking the owner out: counted per
account and address together, per address (much higher) and per account from addresses it
never logged in from; atomically, so racing attempts are all counted; on each database."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from panel.db import db, utcnow
from panel.models import ThrottleCount
from tests.support.apps import make_app
from tests.support.factories import PASSWORD, register
from tests.support.parallel import at_once


def log_in(client, email: str, password: str = PASSWORD, address: str = "198.51.100.1",
           **kwargs):
    return client.post("/api/v1/auth/token", json={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address}, **kwargs)


def fail(client, email: str, times: int, address: str = "198.51.100.1") -> None:
    for _ in range(times):
        assert log_in(client, email, "wrong password", address).status_code == 401


def test_failures_at_one_address_lock_no_other_account_and_not_the_owner_elsewhere(app, client):
    """10 failures (LOGIN_MAX_FAILURES) on one account: that account from that address is
    refused; every other account at that address, and the owner elsewhere, log in."""
    victim, neighbour = (register(app, client)["panelist"]["email"] for _ in range(2))
    fail(client, victim, 10)
    assert log_in(client, victim).status_code == 429
    assert log_in(client, neighbour).status_code == 200
    assert log_in(client, victim, address="203.0.113.7").status_code == 200


def test_the_right_password_works_again_after_the_window(app, client):
    email = register(app, client)["panelist"]["email"]
    fail(client, email, 10)
    assert log_in(client, email).status_code == 429
    with app.app_context():
        db.session.execute(update(ThrottleCount).values(
            window_start=utcnow() - timedelta(seconds=app.config["LOGIN_WINDOW_SECONDS"] + 1)))
        db.session.commit()
    assert log_in(client, email).status_code == 200


def test_an_address_is_limited_over_all_accounts(app, client):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 4
    email = register(app, client)["panelist"]["email"]
    for n in range(4):
        fail(client, f"guess-{n}@example.org", 1)
    assert log_in(client, email).status_code == 429
    assert log_in(client, email, address="198.51.100.2").status_code == 200


def test_many_addresses_slow_an_account_but_not_its_owner_at_home(app, client):
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 4
    email = register(app, client)["panelist"]["email"]
    assert log_in(client, email, address="192.0.2.10").status_code == 200  # home
    for n in range(4):
        fail(client, email, 1, address=f"203.0.113.{n}")
    assert log_in(client, email, address="203.0.113.99").status_code == 429
    assert log_in(client, email, address="192.0.2.10").status_code == 200


def test_racing_failures_are_all_counted(app):
    """16 wrong passwords at once on one account from one address: 10 are checked."""
    email = register(app, app.test_client())["panelist"]["email"]
    answers = at_once(16, lambda n: log_in(app.test_client(), email, f"wrong {n}"))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [401] * 10 + [429] * 6, statuses


def test_behind_a_trusted_proxy_each_client_is_counted_on_its_own(tmp_path):
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}", TRUSTED_PROXIES="1")
    client = app.test_client()
    email = register(app, client)["panelist"]["email"]
    proxy = {"address": "10.0.0.2"}
    for _ in range(10):
        assert log_in(client, email, "wrong", headers={"X-Forwarded-For": "203.0.113.66"},
                      **proxy).status_code == 401
    assert log_in(client, email, headers={"X-Forwarded-For": "203.0.113.66"},
                  **proxy).status_code == 429
    assert log_in(client, email, headers={"X-Forwarded-For": "192.0.2.10"},
                  **proxy).status_code == 200


def test_racing_attempts_and_forgiveness_lock_in_one_order(app):
    """Attempts counted and taken back at once on the same buckets, given in either order,
    never deadlock (a 503 to a person logging in): each ends with its counts back at 0."""
    from panel.services import throttle
    buckets = ["account", "address", "account at address"]

    def attempt_and_forgive(n: int) -> None:
        with app.app_context():
            for _ in range(3):
                throttle.count_attempt(buckets[::1 if n % 2 else -1], 60)
                throttle.forgive(*buckets[::-1 if n % 2 else 1])
                db.session.commit()

    at_once(12, attempt_and_forgive)
    with app.app_context():
        counts = db.session.scalars(select(ThrottleCount.count).where(
            ThrottleCount.bucket.in_(buckets))).all()
    assert sorted(counts) == [0, 0, 0]
