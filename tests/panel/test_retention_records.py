"""Everything stored has a retention period: invites, password resets, login tokens, staff
sessions, idempotency keys and waitlist entries past theirs are purged, the rest kept; a
receipt stuck unfinished past RECEIPT_STUCK_HOURS is failed and its original deleted."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from panel.db import db, utcnow
from panel.extensions import storage_for
from panel.models import (
    AuthToken,
    IdempotencyKey,
    Invite,
    PasswordReset,
    Receipt,
    ReceiptStatus,
    StaffSession,
    WaitlistEntry,
)
from panel.receipt_files import original_prefix
from panel.services import retention, staff
from tests.admin.conftest import make_staff
from tests.ocr.synthetic import render_receipt
from tests.support.factories import bearer, invite, jpeg_bytes, register, upload

MODELS = {"invites": Invite, "password_resets": PasswordReset, "auth_tokens": AuthToken,
          "staff_sessions": StaffSession, "idempotency_keys": IdempotencyKey,
          "waitlist_entries": WaitlistEntry}


def counts() -> dict[str, int]:
    return {name: db.session.scalar(select(func.count()).select_from(model))
            for name, model in MODELS.items()}


def age(model, days: int, *columns) -> None:
    """Move every row's ``columns`` back by ``days``."""
    then = utcnow() - timedelta(days=days)
    db.session.execute(update(model).values({column: then for column in columns}))


def test_records_past_their_period_are_purged_and_the_rest_kept(app):
    client = app.test_client()
    tokens = register(app, client, email="kept@example.org")
    photo = jpeg_bytes(render_receipt([("KIOSK", ""), ("Tee", "1,50"), ("SUMME", "1,50")]))
    assert upload(client, tokens, photo, key="k1").status_code == 202
    invite(app, "unused@example.org")
    assert client.post("/api/v1/waitlist", json={
        "email": "waiting@example.org", "country": "DE"}).status_code in (200, 201, 202)
    assert client.post("/api/v1/auth/password-reset", json={
        "email": "kept@example.org"}).status_code < 300
    member = make_staff(app, "admin")
    with app.app_context():
        staff.start_session(staff.find(member.id))
        db.session.commit()
        before = counts()
        assert retention.purge_records() == {name: 0 for name in MODELS}
        assert counts() == before
        assert before["invites"] == 2 and before["auth_tokens"] == 2
        assert before["idempotency_keys"] == 1 and before["waitlist_entries"] == 1
        assert before["staff_sessions"] == 1 and before["password_resets"] == 1
        age(Invite, 31, Invite.expires_at)
        age(AuthToken, 8, AuthToken.expires_at)
        age(StaffSession, 31, StaffSession.last_seen_at)
        age(IdempotencyKey, 8, IdempotencyKey.created_at)
        age(WaitlistEntry, 366, WaitlistEntry.created_at)
        age(PasswordReset, 8, PasswordReset.expires_at)
        db.session.commit()
        purged = retention.purge_records()
        assert purged["invites"] == 2 and purged["auth_tokens"] == 2
        assert purged["idempotency_keys"] == 1 and purged["waitlist_entries"] == 1
        assert purged["staff_sessions"] == before["staff_sessions"]
        assert counts() == {name: 0 for name in MODELS}
    assert client.get("/api/v1/me", headers=bearer(tokens)).status_code == 401


def test_a_receipt_stuck_unfinished_is_failed_and_its_original_deleted(app):
    client = app.test_client()
    tokens = register(app, client)
    photo = jpeg_bytes(render_receipt([("KIOSK", ""), ("Tee", "1,50"), ("SUMME", "1,50")]))
    stuck = upload(client, tokens, photo, key="old").get_json()["id"]
    fresh = upload(client, tokens, photo, key="new").get_json()["id"]
    with app.app_context():
        db.session.execute(update(Receipt).where(Receipt.id == stuck).values(
            status=ReceiptStatus.PROCESSING, submitted_at=utcnow() - timedelta(hours=25)))
        db.session.commit()
        assert retention.fail_stuck_receipts() == 1
        assert retention.fail_stuck_receipts() == 0
        assert storage_for().keys(original_prefix(stuck)) == []
        assert storage_for().keys(original_prefix(fresh)) != []
        assert db.session.get(Receipt, fresh).status == ReceiptStatus.QUEUED
    shown = client.get(f"/api/v1/receipts/{stuck}", headers=bearer(tokens)).get_json()
    assert shown["status"] == "rejected" and shown["status_reason"] == "processing_timeout"
