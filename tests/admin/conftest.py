"""Helpers for the admin tool's tests: staff members, signed-in clients, CSRF, receipts
waiting for review.

As in tests/dashboard: the admin page tests are about the pages, not the database, and run
on SQLite only, except those marked ``database`` (the audit log's triggers and chain, the
schema, counters, races, what a query finds or deletes), which run on PostgreSQL too. The
services behind the pages are tested on both databases through the API and the panel's
own tests."""
from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

import pyotp
import pytest
from PIL import Image

from panel.db import db
from panel.extensions import storage_for
from panel.models import Receipt, ReceiptItem
from panel.receipt_files import redacted_key
from panel.services import staff
from panel.services.audit import COMMAND_LINE
from tests.support.factories import register

PASSWORD = "a long staff password"
CSRF_COOKIE_VALUE = "test-csrf-cookie"


@dataclass
class Member:
    id: str
    email: str
    role: str
    totp: pyotp.TOTP


def make_staff(app, role: str) -> Member:
    email = f"{role}-{uuid.uuid4().hex[:6]}@staff.example.org"
    with app.app_context():
        created = staff.create(COMMAND_LINE, email, role, PASSWORD)
        return Member(created.account.id, email, role, pyotp.parse_uri(created.provisioning_uri))


def sign_in(app, client, role: str, member: Member | None = None) -> Member:
    """A staff member of ``role`` (new unless given) with a live session cookie on
    ``client`` (no TOTP step)."""
    member = member or make_staff(app, role)
    with app.app_context():
        token = staff.start_session(staff.find(member.id))
        db.session.commit()
    client.set_cookie("admin_session", token, path="/admin")
    return member


def csrf(app, client) -> str:
    client.set_cookie("admin_csrf", CSRF_COOKIE_VALUE, path="/admin")
    from panel.admin.access import csrf_token
    with app.app_context():
        return csrf_token(CSRF_COOKIE_VALUE)


def post(app, client, url: str, data: dict | None = None, **kwargs):
    return client.post(url, data={**(data or {}), "csrf_token": csrf(app, client)}, **kwargs)


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 120), "white").save(out, format="JPEG")
    return out.getvalue()


def receipt_for_review(app, client, tokens: dict | None = None) -> tuple[str, dict]:
    """A receipt in needs_review with a redacted image, as the pipeline leaves one."""
    tokens = tokens or register(app, client)
    with app.app_context():
        receipt = Receipt(panelist_id=tokens["panelist"]["id"], period="2026-11", page_count=1,
                          status="needs_review", status_reason="low_confidence",
                          merchant_name="BIOMARKT", total=None, currency="EUR")
        receipt.items = [ReceiptItem(position=0, description="Bread", quantity=1,
                                     unit_price=None, amount="2.50")]
        receipt.add_event("queued")
        receipt.add_event("needs_review", step="finish", reason="low_confidence")
        db.session.add(receipt)
        db.session.flush()
        receipt.redacted_image_key = redacted_key(receipt.id)
        storage_for().put(receipt.redacted_image_key, jpeg())
        db.session.commit()
        return receipt.id, tokens


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc):
    if "app" in metafunc.fixturenames and not metafunc.definition.get_closest_marker("database"):
        metafunc.definition.add_marker(pytest.mark.parametrize("app", ["sqlite"], indirect=True))


@pytest.fixture
def admin_client(app):
    client = app.test_client()
    client.member = sign_in(app, client, "admin")
    return client
