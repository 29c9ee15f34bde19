"""A receipt's whole way: upload, embedded worker, OCR, parse, redact, check, finish.

Runs on SQLite with local storage and on PostgreSQL with a real S3 server, with the real
embedded worker thread and real tesseract.
"""
from __future__ import annotations

import io

import pytesseract
import pytest
from PIL import Image
from sqlalchemy import update

from panel.db import db, utcnow
from panel.extensions import storage_for
from panel.models import Receipt
from panel.tasks import steps
from tests.ocr.synthetic import render_receipt
from tests.support.apps import empty_tables, make_app, process_waiting, stack_app
from tests.support.factories import BOUGHT, BOUGHT_PRINTED, bearer, jpeg_bytes, register, upload
from tests.support.waiting import wait_until_final

CARD = "4532 0151 1283 0366"
SHOP_LINES = [("EDEKA MARKT", ""), ("Hauptstr. 5, 10115 Berlin", ""),
              (f"{BOUGHT_PRINTED} 14:33", ""), ("Milch 1L", "1,19"), ("Brot", "2,49"),
              ("Kaese", "3,99"), ("SUMME EUR", "7,67"), (f"VISA {CARD}", "")]
PHARMACY_LINES = [("LINDEN APOTHEKE", ""), ("Marktplatz 1, 33100 Paderborn", ""),
                  (BOUGHT_PRINTED, ""), ("Rezept Nr. 448812", ""),
                  ("Atorvastatin 20 mg", "12,50"), ("SUMME EUR", "12,50")]


def photo(lines) -> bytes:
    return jpeg_bytes(render_receipt(lines))


@pytest.fixture(params=["sqlite-local", "postgres-s3"])
def live_app(request, tmp_path, monkeypatch):
    """The app with its embedded worker thread running, on each storage and database."""
    application = stack_app(request.param, request, tmp_path, monkeypatch,
                            EMBEDDED_WORKER="on", WORKER_POLL_SECONDS=0.5)
    yield application
    application.extensions["panel.worker"].stop()
    empty_tables(application)


def stored_keys(app) -> list[str]:
    with app.app_context():
        return storage_for().keys()


def test_receipt_is_read_redacted_and_accepted(live_app):
    client = live_app.test_client()
    tokens = register(live_app, client)
    queued = upload(client, tokens, photo(SHOP_LINES))
    assert queued.status_code == 202 and queued.get_json()["status"] == "queued"
    receipt = wait_until_final(client, tokens, queued.get_json()["id"])

    assert receipt["status"] == "accepted", receipt["status_reason"]
    assert receipt["merchant"] == {"name": "Edeka"}
    assert receipt["purchase_date"] == BOUGHT.isoformat() and receipt["total"] == "7.67"
    assert [i["amount"] for i in receipt["items"]] == ["1.19", "2.49", "3.99"]
    # every stored item has what it is: milk, bread, cheese (COICOP 2018)
    assert [i["category_code"] for i in receipt["items"]] == ["01.1.4", "01.1.1", "01.1.4"]
    assert receipt["items"][1]["category_name"] == "Cereals and cereal products"
    assert all(i["category_confidence"] >= 0.5 for i in receipt["items"])
    assert {"category": "card_number", "action": "masked"} in [
        {k: r[k] for k in ("category", "action")} for r in receipt["redactions"]]
    steps = [event["step"] for event in receipt["timeline"] if event["step"]]
    assert steps == ["load", "ocr", "parse", "redact", "check", "finish"]
    assert receipt["counts_toward_reward"] is True

    image = client.get(receipt["image_url"], headers=bearer(tokens))
    assert image.status_code == 200 and image.mimetype == "image/jpeg"
    text = pytesseract.image_to_string(Image.open(io.BytesIO(image.data)), config="--psm 6")
    assert "Brot" in text and "Kaese" in text and "0366" not in text and "4532" not in text
    assert stored_keys(live_app) == [f"redacted/{receipt['id']}.jpg"]  # original gone


def test_prescription_receipt_is_removed_whole(live_app):
    client = live_app.test_client()
    tokens = register(live_app, client)
    receipt_id = upload(client, tokens, photo(PHARMACY_LINES)).get_json()["id"]
    receipt = wait_until_final(client, tokens, receipt_id)
    assert (receipt["status"], receipt["status_reason"]) == ("removed", "prescription")
    assert receipt["items"] == [] and receipt["merchant"] is None and receipt["total"] is None
    assert receipt["image_url"] is None
    assert {"category": "prescription", "action": "receipt_removed"} in [
        {k: r[k] for k in ("category", "action")} for r in receipt["redactions"]]
    assert client.get(f"/api/v1/receipts/{receipt_id}/image",
                      headers=bearer(tokens)).status_code == 404
    assert stored_keys(live_app) == []


def test_blank_photo_is_rejected_as_unreadable(live_app):
    client = live_app.test_client()
    tokens = register(live_app, client)
    blank = jpeg_bytes(Image.new("RGB", (600, 900), (250, 250, 250)))
    receipt = wait_until_final(client, tokens, upload(client, tokens, blank).get_json()["id"])
    assert (receipt["status"], receipt["status_reason"]) == ("rejected", "unreadable")
    assert not [k for k in stored_keys(live_app) if k.startswith("originals/")]


def test_receipts_queued_before_a_restart_are_processed_after_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'panel.sqlite3'}"
    before = make_app(tmp_path, url)  # no worker: the process "dies" with receipts queued
    client = before.test_client()
    tokens = register(before, client)
    ids = [upload(client, tokens, photo(SHOP_LINES[:-1] + [(f"Bon {n}", "")])).get_json()["id"]
           for n in range(2)]
    after = make_app(tmp_path, url, EMBEDDED_WORKER="on", WORKER_POLL_SECONDS=0.5)
    try:
        for receipt_id in ids:
            final = wait_until_final(after.test_client(), tokens, receipt_id)
            assert final["status"] in ("accepted", "rejected")  # the second is a duplicate
    finally:
        after.extensions["panel.worker"].stop()


def test_a_job_interrupted_after_redaction_finishes_from_what_was_stored(app, client):
    tokens = register(app, client)
    receipt_id = upload(client, tokens, photo(SHOP_LINES)).get_json()["id"]
    process_waiting(app)
    first = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(tokens)).get_json()
    with app.app_context():  # as if the worker died between redaction and finish
        db.session.execute(update(Receipt).where(Receipt.id == receipt_id).values(
            status="processing", lease_expires_at=utcnow(), lease_owner="dead-worker"))
        db.session.commit()
    process_waiting(app)
    again = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(tokens)).get_json()
    assert again["status"] == first["status"] == "accepted"
    assert again["items"] == first["items"] and again["redactions"] == first["redactions"]
    rerun = [e["step"] for e in again["timeline"] if e["step"]][6:]
    assert rerun == ["check", "finish"]  # nothing before redaction ran again


@pytest.mark.parametrize("orientation, stored_as", [
    (6, Image.Transpose.ROTATE_90), (3, Image.Transpose.ROTATE_180)])
def test_a_sideways_phone_jpeg_is_read_upright_from_its_orientation(app, client, orientation,
                                                                     stored_as):
    """Phones store the sensor's pixels and an EXIF orientation; the upload keeps only that
    tag, and the pipeline turns the photo upright before reading it."""
    tokens = register(app, client)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    sideways = render_receipt(SHOP_LINES).transpose(stored_as)
    receipt_id = upload(client, tokens, jpeg_bytes(sideways, exif=exif)).get_json()["id"]
    process_waiting(app)
    receipt = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(tokens)).get_json()
    assert receipt["status"] == "accepted", receipt["status_reason"]
    assert receipt["merchant"] == {"name": "Edeka"} and receipt["total"] == "7.67"
    image = client.get(receipt["image_url"], headers=bearer(tokens))
    with Image.open(io.BytesIO(image.data)) as redacted:
        assert not redacted.getexif() and "exif" not in redacted.info


def test_whole_page_verification_is_a_setting(tmp_path):
    with pytest.raises(ValueError, match="REDACTION_VERIFY"):
        make_app(tmp_path / "bad", f"sqlite:///{tmp_path / 'bad.sqlite3'}",
                 REDACTION_VERIFY="sometimes")
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}", REDACTION_VERIFY="page")
    client = app.test_client()
    tokens = register(app, client)
    receipt_id = upload(client, tokens, photo(SHOP_LINES)).get_json()["id"]
    process_waiting(app)
    receipt = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(tokens)).get_json()
    assert receipt["status"] == "accepted" and receipt["total"] == "7.67"
    image = client.get(receipt["image_url"], headers=bearer(tokens))
    text = pytesseract.image_to_string(Image.open(io.BytesIO(image.data)), config="--psm 6")
    assert "Brot" in text and "Kaese" in text and "0366" not in text and "4532" not in text


def test_a_large_upload_is_read_from_a_copy_within_the_worker_budget(app, client):
    """Pages together larger than WORKER_MAX_PIXELS are decoded at a reduced scale (never
    at full size): the job's memory is bounded by the budget, not by what was uploaded."""
    app.config["WORKER_MAX_PIXELS"] = 2_000_000
    tokens = register(app, client)
    sideways = render_receipt(SHOP_LINES).resize((2560, 1408)).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    pages = [jpeg_bytes(sideways, exif=exif), photo(SHOP_LINES[:2])]  # 3.6 + 0.1 megapixels
    receipt_id = upload(client, tokens, *pages).get_json()["id"]
    with app.app_context():
        job = steps.Job(db.session.get(Receipt, receipt_id))
        steps.load(job)
        sizes = [page.size for page in job.pages]
        assert 1_700_000 <= sum(w * h for w, h in sizes) <= 2_100_000
        assert sizes[0][0] > sizes[0][1]  # turned upright: wider than tall, as printed
        assert len(job.receipt.page_hashes.split(",")) == 2
        db.session.rollback()
    process_waiting(app)
    receipt = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(tokens)).get_json()
    assert receipt["status"] == "accepted", receipt["status_reason"]
    assert receipt["total"] == "7.67" and receipt["merchant"] == {"name": "Edeka"}
