"""Behind a proxy: ``TRUSTED_PROXIES`` (a number of proxies, or their networks) makes
X-Forwarded-For and X-Forwarded-Proto count, and only then; HSTS over HTTPS; cookies are
Secure when the trusted proxy says the browser spoke HTTPS."""
from __future__ import annotations

import pytest

from panel.dashboard.access import CSRF_COOKIE
from tests.support.apps import make_app

TLS_PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.5"}


def proxied_app(tmp_path, trusted: str, **overrides):
    return make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}",
                    TRUSTED_PROXIES=trusted, **overrides)


def csrf_cookie(answer) -> str:
    return next(c for c in answer.headers.getlist("Set-Cookie") if c.startswith(CSRF_COOKIE))


def test_without_trusted_proxies_forwarded_headers_count_for_nothing(tmp_path):
    app = proxied_app(tmp_path, "", ADMIN_ALLOWED_NETWORKS="203.0.113.0/24")
    client = app.test_client()
    answer = client.get("/", headers=TLS_PROXY)
    assert "Secure" not in csrf_cookie(answer)
    assert "Strict-Transport-Security" not in answer.headers
    assert client.get("/admin/login", headers=TLS_PROXY).status_code == 403  # a forged address


def test_a_trusted_proxy_gives_the_client_address_and_https(tmp_path):
    app = proxied_app(tmp_path, "1", ADMIN_ALLOWED_NETWORKS="203.0.113.0/24")
    client = app.test_client()
    answer = client.get("/", headers=TLS_PROXY)
    assert "Secure" in csrf_cookie(answer)
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert client.get("/admin/login", headers=TLS_PROXY).status_code == 200
    plain = app.test_client().get("/", headers={"X-Forwarded-Proto": "http"})
    assert "Strict-Transport-Security" not in plain.headers and "Secure" not in csrf_cookie(plain)


def test_trusted_networks_believe_only_their_own_proxies(tmp_path):
    app = proxied_app(tmp_path, "10.0.0.0/8, 192.168.1.1", ADMIN_ALLOWED_NETWORKS="203.0.113.0/24")
    client = app.test_client()

    def admin_from(peer: str, forwarded: str) -> int:
        return client.get("/admin/login", environ_base={"REMOTE_ADDR": peer},
                          headers={"X-Forwarded-For": forwarded}).status_code

    assert admin_from("10.1.1.1", "203.0.113.5") == 200
    assert admin_from("10.1.1.1", "198.51.100.9, 203.0.113.5, 192.168.1.1") == 200
    assert admin_from("10.1.1.1", "203.0.113.5, 198.51.100.9") == 403  # last hop untrusted
    assert admin_from("198.51.100.1", "203.0.113.5") == 403  # not a proxy of ours


def test_https_answers_carry_hsts(tmp_path):
    app = proxied_app(tmp_path, "")
    client = app.test_client()
    for url in ("/", "/api/v1/consents/purposes", "/admin/login"):
        answer = client.get(url, base_url="https://panel.example")
        assert answer.headers["Strict-Transport-Security"] == "max-age=31536000", url
        assert "Strict-Transport-Security" not in client.get(url).headers


@pytest.mark.parametrize("setting", ["10.0.0.0/33", "proxy.internal", "1, 2"])
def test_a_wrong_setting_stops_the_start(tmp_path, setting):
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        proxied_app(tmp_path, setting)
