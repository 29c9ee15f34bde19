"""The panelist's controls: withdraw, delete, consents, leave, export, erase, retention."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from panel.db import db, utcnow
from panel.extensions import storage_for
from panel.models import (
    AuthToken,
    Consent,
    DeletionRecord,
    Invite,
    Panelist,
    Receipt,
    ReceiptEvent,
    ReceiptItem,
    ReceiptRedaction,
)
from panel.services import retention
from tests.ocr.synthetic import render_receipt
from tests.support.apps import process_waiting
from tests.support.factories import BOUGHT_PRINTED, PASSWORD, bearer, jpeg_bytes, register, upload

# Not about OCR: the receipts drawn here are read back by the fake engine (tests/support/
# fake_ocr.py); the pipeline, redaction and browser journeys keep tesseract.
pytestmark = pytest.mark.usefixtures("fake_ocr")

LINES = [("KIOSK AM PARK", ""), (BOUGHT_PRINTED, ""), ("Cola", "1,50"), ("Chips", "2,20"),
         ("SUMME EUR", "3,70"), ("VISA 4532 0151 1283 0366", "")]


@pytest.fixture
def app(stack):
    """These run on SQLite with local storage and on PostgreSQL with a real S3 server."""
    return stack


@pytest.fixture
def tokens(app, client):
    return register(app, client)


def shared_receipt(app, client, tokens, process=True) -> str:
    receipt_id = upload(client, tokens, jpeg_bytes(render_receipt(LINES))).get_json()["id"]
    if process:
        process_waiting(app)
    return receipt_id


def get(client, tokens, path):
    return client.get(f"/api/v1{path}", headers=bearer(tokens))


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_withdraw_keeps_the_record_but_takes_it_out_of_use(app, client, tokens):
    receipt_id = shared_receipt(app, client, tokens)
    path = f"/api/v1/receipts/{receipt_id}/withdraw"
    first = client.post(path, headers=bearer(tokens)).get_json()
    again = client.post(path, headers=bearer(tokens))
    assert again.status_code == 200 and again.get_json() == first
    assert first["status"] == "withdrawn" and first["counts_toward_reward"] is False
    assert first["items"] and first["withdrawn_at"]
    assert [e["status"] for e in first["timeline"]].count("withdrawn") == 1
    listed = get(client, tokens, "/receipts?status=withdrawn").get_json()
    assert [r["id"] for r in listed] == [receipt_id]


def test_withdrawing_a_queued_receipt_drops_its_original_and_stops_processing(app, client,
                                                                              tokens):
    receipt_id = shared_receipt(app, client, tokens, process=False)
    client.post(f"/api/v1/receipts/{receipt_id}/withdraw", headers=bearer(tokens))
    process_waiting(app)
    receipt = get(client, tokens, f"/receipts/{receipt_id}").get_json()
    assert receipt["status"] == "withdrawn" and receipt["items"] == []
    with app.app_context():
        assert storage_for().keys() == []


def test_delete_erases_rows_and_files_and_every_route_answers_404(app, client, tokens):
    receipt_id = shared_receipt(app, client, tokens)
    assert count(app, ReceiptItem) and count(app, ReceiptRedaction)
    assert client.delete(f"/api/v1/receipts/{receipt_id}",
                         headers=bearer(tokens)).status_code == 204
    for method, rule in [(m, r.rule) for r in app.url_map.iter_rules()
                         if r.rule.startswith("/api/") and "<receipt_id>" in r.rule
                         for m in r.methods - {"HEAD", "OPTIONS"}]:
        response = client.open(rule.replace("<receipt_id>", receipt_id), method=method,
                               headers=bearer(tokens))
        assert response.status_code == 404, (method, rule)
    for model in (Receipt, ReceiptItem, ReceiptRedaction, ReceiptEvent):
        assert count(app, model) == 0, model
    with app.app_context():
        assert storage_for().keys() == []
        record = db.session.scalar(select(DeletionRecord))
        assert record.kind == "receipt" and receipt_id not in json.dumps(record.details)
        assert record.subject_hash != receipt_id


def test_consents_are_a_ledger_and_withdrawing_receipts_is_leaving(app, client, tokens):
    purposes = client.get("/api/v1/consents/purposes").get_json()
    assert {p["purpose"] for p in purposes} == {"receipts", "surveys", "research_partners"}
    assert all(p["text"] and p["version"] for p in purposes)

    granted = client.put("/api/v1/me/consents/surveys", json={"granted": True},
                         headers=bearer(tokens))
    assert granted.status_code == 200 and granted.get_json()["granted"] is True
    client.put("/api/v1/me/consents/surveys", json={"granted": False}, headers=bearer(tokens))
    history = get(client, tokens, "/me/consents/history").get_json()
    assert [(c["purpose"], c["granted"]) for c in history if c["purpose"] == "surveys"] == [
        ("surveys", True), ("surveys", False)]
    current = {c["purpose"]: c["granted"] for c in get(client, tokens, "/me/consents").get_json()}
    assert current == {"receipts": True, "surveys": False}

    client.put("/api/v1/me/consents/receipts", json={"granted": False}, headers=bearer(tokens))
    assert get(client, tokens, "/me").get_json()["status"] == "left"
    assert upload(client, tokens, jpeg_bytes(render_receipt(LINES))).status_code == 403


@pytest.mark.parametrize("purpose, body, status", [
    ("horoscopes", {"granted": True}, 404), ("surveys", {"granted": "maybe"}, 422),
    ("surveys", {}, 422)])
def test_consent_refusals(client, tokens, purpose, body, status):
    response = client.put(f"/api/v1/me/consents/{purpose}", json=body, headers=bearer(tokens))
    assert response.status_code == status and response.get_json()["message"]


def test_leave_stops_uploads_and_keeps_the_data(app, client, tokens):
    receipt_id = shared_receipt(app, client, tokens)
    before = get(client, tokens, f"/receipts/{receipt_id}").get_json()
    for _ in range(2):
        left = client.post("/api/v1/me/leave", headers=bearer(tokens))
        assert left.status_code == 200 and left.get_json()["status"] == "left"
    refused = upload(client, tokens, jpeg_bytes(render_receipt(LINES)))
    assert refused.status_code == 403 and refused.get_json()["message"]
    assert get(client, tokens, f"/receipts/{receipt_id}").get_json() == before


def test_export_holds_everything_and_the_redacted_images(app, client, tokens):
    kept = shared_receipt(app, client, tokens)
    withdrawn = shared_receipt(app, client, tokens)
    client.post(f"/api/v1/receipts/{withdrawn}/withdraw", headers=bearer(tokens))
    deleted = shared_receipt(app, client, tokens)
    client.delete(f"/api/v1/receipts/{deleted}", headers=bearer(tokens))

    response = get(client, tokens, "/me/export")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    document = json.loads(archive.read("panelist.json"))
    assert document["profile"]["email"] == tokens["panelist"]["email"]
    assert [c["purpose"] for c in document["consent_history"]] == ["receipts"]
    by_id = {r["id"]: r for r in document["receipts"]}
    assert set(by_id) == {kept, withdrawn} and deleted not in response.data.decode("latin-1")
    assert by_id[withdrawn]["status"] == "withdrawn"
    assert by_id[kept]["items"] and by_id[kept]["redactions"]
    # the per-line report: the card number on line 6, hidden
    [mark] = by_id[kept]["redacted_lines"]
    assert (mark["line"], mark["action"]) == (6, "masked") and "card_number" in mark["reasons"]
    image = archive.read(by_id[kept]["image_file"])
    assert image.startswith(b"\xff\xd8")
    for key in ("reward_ledger", "survey_answers", "staff_access_log"):
        assert document[key] == []


def test_erase_removes_the_account_at_once(app, client, tokens):
    shared_receipt(app, client, tokens)
    email = tokens["panelist"]["email"]
    response = client.delete("/api/v1/me", headers=bearer(tokens), json={"password": PASSWORD})
    assert response.status_code == 202
    assert get(client, tokens, "/me").status_code == 401
    assert client.post("/api/v1/auth/refresh",
                       json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert client.post("/api/v1/auth/token",
                       json={"email": email, "password": PASSWORD}).status_code == 401
    for model in (Panelist, Consent, AuthToken, Invite, Receipt, ReceiptItem):
        assert count(app, model) == 0, model
    with app.app_context():
        assert storage_for().keys() == []
        record = db.session.scalar(select(DeletionRecord).where(DeletionRecord.kind == "account"))
        assert record.details == {"receipts": 1}


def test_retention_purges_old_receipts_and_shows_the_date(app, client, tokens):
    receipt_id = shared_receipt(app, client, tokens)
    receipt = get(client, tokens, f"/receipts/{receipt_id}").get_json()
    days = app.config["RETENTION_DAYS"]
    assert receipt["purge_at"] == (utcnow() + timedelta(days=days)).date().isoformat()
    with app.app_context():
        db.session.execute(update(Receipt).values(
            submitted_at=utcnow() - timedelta(days=days + 1)))
        db.session.commit()
        assert retention.purge_expired() == 1
        assert retention.purge_expired() == 0
        assert storage_for().keys() == []
    purged = get(client, tokens, f"/receipts/{receipt_id}").get_json()
    assert purged["purged_at"] and purged["items"] == [] and purged["image_url"] is None
    assert purged["total"] is None and purged["status"] == receipt["status"]
