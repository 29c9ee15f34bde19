"""Abuse limits at their default values: per token, account and address, on the real
Redis at 127.0.0.1:6379 and in memory; a refusal is a 429 in the API's error shape with a
Retry-After header, and the OpenAPI document says so."""
from __future__ import annotations

import base64
import logging
import uuid

import pytest
import redis

from panel.config import RATE_LIMITS
from tests.support.apps import make_app
from tests.support.celery_worker import REDIS_URL
from tests.support.factories import bearer, register

REDIS_DB = f"{REDIS_URL}/0"  # the Celery fixtures flush databases 1 to 15 only


MASTER_KEY = base64.b64encode(bytes(range(32))).decode()  # keys are hashed under it


def limits_app(tmp_path, storage: str, prefix: str, name: str = "a", **overrides):
    """An app with the default limits; ``storage`` is "memory" or "redis"."""
    uri = REDIS_DB if storage == "redis" else "memory://"
    return make_app(tmp_path / name, f"sqlite:///{tmp_path / 'panel.sqlite3'}",
                    RATELIMIT_STORAGE_URI=uri, RATELIMIT_KEY_PREFIX=prefix,
                    MASTER_KEY=MASTER_KEY, **{**RATE_LIMITS, **overrides})


@pytest.fixture
def prefix():
    """A key prefix of this test's own; its Redis keys are deleted afterwards."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    yield name
    store = redis.Redis.from_url(REDIS_DB)
    for key in store.scan_iter(f"*{name}*"):
        store.delete(key)


@pytest.fixture(params=["memory", "redis"])
def limited(request, tmp_path, prefix):
    application = limits_app(tmp_path, request.param, prefix)
    application.storage_kind = request.param
    return application


def at(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def assert_refused(response, *words):
    assert response.status_code == 429, response.get_json()
    body = response.get_json()
    assert body["code"] == 429 and body["status"] == "Too Many Requests"
    assert all(word in body["message"] for word in words), body["message"]
    assert 1 <= int(response.headers["Retry-After"]) <= 61


def redis_keys(prefix: str) -> list[bytes]:
    return list(redis.Redis.from_url(REDIS_DB).scan_iter(f"*{prefix}*"))


def test_upload_is_limited_per_token(limited, prefix):
    client = limited.test_client()
    first, second = register(limited, client), register(limited, client)
    for _ in range(20):  # RATELIMIT_UPLOAD_PER_TOKEN: 20/minute; refused bodies count too
        assert client.post("/api/v1/receipts", headers=bearer(first)).status_code == 422
    assert_refused(client.post("/api/v1/receipts", headers=bearer(first)),
                   "this login", "20 per 1 minute")
    assert client.post("/api/v1/receipts", headers=bearer(second)).status_code == 422
    if limited.storage_kind == "redis":  # counted in Redis itself, not a fallback
        assert redis_keys(prefix)


@pytest.mark.parametrize("storage", ["memory", "redis"])
def test_upload_is_limited_per_address(tmp_path, prefix, storage):
    app = limits_app(tmp_path, storage, prefix, RATELIMIT_UPLOAD_PER_TOKEN="1000/minute")
    client = app.test_client()
    tokens = register(app, client)
    for _ in range(120):  # RATELIMIT_UPLOAD_PER_ADDRESS: 120/minute, whatever the token
        assert client.post("/api/v1/receipts", headers=bearer(tokens),
                           **at("198.51.100.1")).status_code == 422
    assert_refused(client.post("/api/v1/receipts", headers=bearer(tokens),
                               **at("198.51.100.1")), "network address")
    assert client.post("/api/v1/receipts", headers=bearer(tokens),
                       **at("198.51.100.2")).status_code == 422


def test_login_is_limited_per_account_and_per_address(limited):
    client = limited.test_client()
    tokens = register(limited, client)
    email = tokens["panelist"]["email"]
    for _ in range(5):  # RATELIMIT_LOGIN_PER_ACCOUNT: 5/minute, per account and address
        wrong = client.post("/api/v1/auth/token", json={"email": email, "password": "nope"},
                            **at("198.51.100.1"))
        assert wrong.status_code == 401
    right = {"email": email.upper(), "password": "correct horse battery"}
    assert_refused(client.post("/api/v1/auth/token", json=right, **at("198.51.100.1")),
                   "this account from your network address")
    # the owner elsewhere is not slowed down by what was tried from that address
    assert client.post("/api/v1/auth/token", json=right, **at("198.51.100.9")).status_code == 200
    for _ in range(20):  # RATELIMIT_LOGIN_PER_ADDRESS: 20/minute, whatever the account
        assert client.post("/api/v1/auth/token", json={}, **at("192.0.2.1")).status_code == 422
    assert_refused(client.post("/api/v1/auth/token", json={}, **at("192.0.2.1")))


def test_register_and_waitlist_are_limited_per_address(limited):
    client = limited.test_client()
    for path, allowed in (("/api/v1/auth/register", 10), ("/api/v1/waitlist", 5)):
        for _ in range(allowed):
            assert client.post(path, json={}, **at("192.0.2.7")).status_code == 422
        assert_refused(client.post(path, json={}, **at("192.0.2.7")), "network address")
        assert client.post(path, json={}, **at("192.0.2.8")).status_code == 422


def test_refresh_is_limited_per_refresh_token_and_per_address(limited):
    client = limited.test_client()
    body = {"refresh_token": "a-refresh-token-that-was-never-issued"}
    for n in range(5):  # RATELIMIT_REFRESH_PER_TOKEN: 5/minute
        assert client.post("/api/v1/auth/refresh", json=body,
                           **at(f"203.0.113.{n}")).status_code == 401
    assert_refused(client.post("/api/v1/auth/refresh", json=body, **at("203.0.113.9")),
                   "refresh token")
    for n in range(30):  # RATELIMIT_REFRESH_PER_ADDRESS: 30/minute
        assert client.post("/api/v1/auth/refresh", json={"refresh_token": f"other-{n}"},
                           **at("203.0.113.50")).status_code == 401
    assert_refused(client.post("/api/v1/auth/refresh", json={"refresh_token": "fresh"},
                               **at("203.0.113.50")), "network address")


def test_redis_counts_are_shared_by_every_process_and_memory_counts_are_not(tmp_path, prefix):
    """Two apps stand for two worker processes of one deployment."""
    for kind, shared in (("redis", True), ("memory", False)):
        one = limits_app(tmp_path, kind, f"{prefix}-{kind}", "one").test_client()
        two = limits_app(tmp_path, kind, f"{prefix}-{kind}", "two").test_client()
        for client in (one, two, one, two, one):  # RATELIMIT_WAITLIST_PER_ADDRESS: 5/minute
            assert client.post("/api/v1/waitlist", json={}).status_code == 422
        assert two.post("/api/v1/waitlist", json={}).status_code == (429 if shared else 422)


def test_redis_is_used_by_default_when_the_broker_is_redis(tmp_path, prefix):
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}",
                   CELERY_BROKER_URL=REDIS_DB, RATELIMIT_STORAGE_URI=None,
                   RATELIMIT_KEY_PREFIX=prefix, **RATE_LIMITS)
    assert app.config["RATELIMIT_STORAGE_URI"] == REDIS_DB
    app.test_client().post("/api/v1/waitlist", json={})
    assert redis_keys(prefix)


def test_without_redis_the_limits_carry_on_in_memory(tmp_path):
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}",
                   RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0", **RATE_LIMITS)
    client = app.test_client()
    for _ in range(5):
        assert client.post("/api/v1/waitlist", json={}).status_code == 422
    assert_refused(client.post("/api/v1/waitlist", json={}))


def test_limits_can_be_switched_off_and_a_bad_setting_stops_the_start(tmp_path):
    url = f"sqlite:///{tmp_path / 'panel.sqlite3'}"
    off = make_app(tmp_path / "off", url, RATELIMIT_ENABLED=False, **RATE_LIMITS)
    client = off.test_client()
    assert all(client.post("/api/v1/waitlist", json={}).status_code == 422 for _ in range(8))
    with pytest.raises(ValueError, match="RATELIMIT_LOGIN_PER_ADDRESS"):
        make_app(tmp_path / "bad", url, RATELIMIT_LOGIN_PER_ADDRESS="lots")


def test_a_refusal_logs_no_address_email_or_token(limited, caplog):
    client = limited.test_client()
    caplog.set_level(logging.DEBUG)
    # Alembic's logging set-up during the test's migration disables loggers made before it.
    logging.getLogger("flask-limiter").disabled = False
    body = {"email": "someone.private@example.org", "password": "wrong password"}
    for _ in range(6):
        client.post("/api/v1/auth/token", json=body, **at("198.51.100.77"))
    assert client.post("/api/v1/auth/token", json=body, **at("198.51.100.77")).status_code == 429
    assert "exceeded" in caplog.text  # Flask-Limiter did log the refusal, with a hashed key
    for secret in ("198.51.100.77", "someone.private", "wrong password"):
        assert secret not in caplog.text


def test_the_openapi_document_shows_each_limit(limited):
    spec = limited.test_client().get("/api/openapi.json").get_json()
    for path in ("/api/v1/receipts", "/api/v1/auth/token", "/api/v1/auth/register",
                 "/api/v1/auth/refresh", "/api/v1/waitlist"):
        refusal = spec["paths"][path]["post"]["responses"]["429"]
        assert refusal["headers"]["Retry-After"]["schema"]["type"] == "integer"
        assert refusal["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"}
    assert "429" not in spec["paths"]["/api/v1/receipts"]["get"]["responses"]


def test_another_face_shares_the_login_counts_through_the_decorator(tmp_path, prefix):
    """What the dashboard's login form would do: ``@rate_limited("login")`` on its view reads
    the email from the form, and the API's logins and the form's draw on the same counts."""
    from panel.ratelimit import rate_limited

    app = limits_app(tmp_path, "memory", prefix)
    app.add_url_rule("/probe-login", "probe_login", rate_limited("login")(lambda: "counted"),
                     methods=["POST"])
    client = app.test_client()
    for _ in range(3):
        assert client.post("/api/v1/auth/token", json={"email": "Form@Example.org",
                           "password": "wrong"}, **at("192.0.2.1")).status_code == 401
    for _ in range(2):
        assert client.post("/probe-login", data={"email": "form@example.org"},
                           **at("192.0.2.1")).status_code == 200
    refused = client.post("/probe-login", data={"email": "form@example.org"}, **at("192.0.2.1"))
    assert refused.status_code == 429 and "this account" in refused.get_json()["message"]
