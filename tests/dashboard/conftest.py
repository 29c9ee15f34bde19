"""Helpers for the dashboard's tests: a panelist signed in through the real /register form,
and the CSRF token read from a page, as a browser would.

The ``app`` fixture is the suite's own (tests/conftest.py). Page tests are about the page,
not the database: they run on SQLite only, except those marked ``database`` (the pages whose
queries, constraints or counters are their subject), which run on PostgreSQL too. The
services behind the pages are tested on both databases through the API; the browser journey
runs on both setups.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient

from panel.dashboard.access import SESSION_COOKIE
from panel.services import auth

PASSWORD = "a long dashboard password"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Session:
    """A browser-like client signed in as one panelist."""
    client: FlaskClient
    email: str
    panelist_id: str


def csrf(client: FlaskClient, url: str = "/login") -> str:
    """The CSRF token of the form on ``url``, read from the page (sets the cookie too)."""
    page = client.get(url)
    found = CSRF_FIELD.search(page.get_data(as_text=True))
    assert found, f"no CSRF field on {url} ({page.status_code})"
    return found.group(1)


def post(client: FlaskClient, url: str, data: dict | None = None, **kwargs):
    """POST a form to ``url`` with a valid CSRF token (read from the login page's form)."""
    return client.post(url, data={"csrf_token": csrf(client, "/"), **(data or {})}, **kwargs)


def sign_up(app, client: FlaskClient | None = None, email: str | None = None,
            **consents: bool) -> Session:
    """Register through the /register form with a fresh invite; ``receipts`` consent is
    given, other purposes as passed (e.g. ``surveys=True``)."""
    client = client or app.test_client()
    email = email or f"d-{uuid.uuid4().hex[:8]}@example.org"
    with app.app_context():
        code = auth.create_invite(email)
    form = {"invite_code": code, "email": email, "password": PASSWORD,
            "csrf_token": csrf(client, "/register"), "consent-receipts": "yes"}
    form.update({f"consent-{name}": "yes" for name, given in consents.items() if given})
    response = client.post("/register", data=form)
    assert response.status_code == 303, response.get_data(as_text=True)
    token = client.get_cookie(SESSION_COOKIE).value
    with app.app_context():
        panelist_id = auth.authenticate(token).id
    return Session(client, email, panelist_id)


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc):
    if "app" in metafunc.fixturenames and not metafunc.definition.get_closest_marker("database"):
        metafunc.definition.add_marker(pytest.mark.parametrize("app", ["sqlite"], indirect=True))


@pytest.fixture
def session(app) -> Session:
    """A new panelist, signed in."""
    return sign_up(app)
