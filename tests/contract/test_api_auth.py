"""Every operation in the OpenAPI document, without a token and with a wrong one: 401 where
the document asks for a token, before anything else is looked at (a junk body or an unknown
id changes nothing), with a message and ``WWW-Authenticate: Bearer``. Operations open to
anyone are listed here, so a new one must be added on purpose."""
from __future__ import annotations

import re

import pytest

from tests.support.factories import PASSWORD, bearer, register

PUBLIC = {
    ("POST", "/api/v1/auth/register"), ("POST", "/api/v1/auth/token"),
    ("POST", "/api/v1/auth/refresh"), ("GET", "/api/v1/consents/purposes"),
    ("POST", "/api/v1/waitlist"), ("POST", "/api/v1/waitlist/status"),
    ("POST", "/api/v1/auth/password-reset"), ("POST", "/api/v1/auth/password-reset/confirm"),
    ("POST", "/api/v1/payouts/webhook"),  # signed by the payout provider, no token
}
JUNK = {"json": {"answers": "nope", "granted": "perhaps", "amount": -1}}
WRONG = [{}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic dXNlcjpwdw=="},
         {"Authorization": "Bearer "}]


def operations(app) -> list[tuple[str, str, bool]]:
    """(method, path with ids filled in, needs a token) for every documented operation."""
    document = app.test_client().get("/api/openapi.json").get_json()
    found = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                url = re.sub(r"{[^}]+}", "receipts", path)  # also a valid consent purpose
                found.append((method.upper(), url, bool(operation.get("security"))))
    return found


def test_exactly_the_public_operations_need_no_token(app):
    open_ones = {(method, url) for method, url, secured in operations(app) if not secured}
    assert open_ones == PUBLIC


def test_no_or_a_wrong_token_is_401_everywhere_it_is_needed(app):
    client = app.test_client()
    secured = [(method, url) for method, url, needs in operations(app) if needs]
    assert len(secured) >= 19
    for method, url in secured:
        for headers in WRONG:
            response = client.open(url, method=method, headers=headers, **JUNK)
            where = f"{method} {url} {headers}"
            assert response.status_code == 401, (where, response.get_json())
            assert response.get_json()["message"], where
            assert response.headers["WWW-Authenticate"] == "Bearer", where


@pytest.mark.parametrize("ended_by", ["logout", "erasure"])
def test_a_token_that_ended_is_401_everywhere(app, ended_by):
    client = app.test_client()
    tokens = register(app, client)
    if ended_by == "logout":
        assert client.post("/api/v1/auth/logout", headers=bearer(tokens)).status_code == 204
    else:
        erased = client.delete("/api/v1/me", headers=bearer(tokens), json={"password": PASSWORD})
        assert erased.status_code == 202
    for method, url, needs in operations(app):
        if needs:
            response = client.open(url, method=method, headers=bearer(tokens), **JUNK)
            assert response.status_code == 401, (method, url, response.status_code)
