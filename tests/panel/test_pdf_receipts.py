"""PDF e-receipts through POST /api/v1/receipts: the text layer read, the rendering redacted,
the file itself never stored; refusals of what the panel will not open."""
from __future__ import annotations

import io

import pytesseract
import pytest
from PIL import Image

from panel.extensions import storage_for
from tests.ocr.synthetic import render_receipt
from tests.support import pdfs
from tests.support.apps import make_app, process_waiting
from tests.support.factories import BOUGHT, BOUGHT_PRINTED, bearer, register, upload

CARD = "4532 0151 1283 0366"
LINES = [("EDEKA MARKT", ""), ("Hauptstr. 5, 10115 Berlin", ""), (f"{BOUGHT_PRINTED} 14:33", ""),
         ("Milch 1L", "1,19"), ("Brot", "2,49"), ("Kaese", "3,99"), ("SUMME EUR", "7,67"),
         (f"VISA {CARD}", "")]


def stored(app) -> list[bytes]:
    with app.app_context():
        storage = storage_for()
        return [storage.get(key) for key in storage.keys()]


def test_pdf_receipt_is_read_from_its_text_layer_and_redacted(app):
    client = app.test_client()
    tokens = register(app, client)
    document = pdfs.receipt_pdf(LINES)
    queued = upload(client, tokens, document)
    assert queued.status_code == 202, queued.get_json()
    assert queued.get_json()["source"] == "pdf"
    kept = stored(app)
    assert kept and not any(blob.startswith(b"%PDF") for blob in kept)  # never the file
    process_waiting(app)
    receipt = client.get(f"/api/v1/receipts/{queued.get_json()['id']}",
                         headers=bearer(tokens)).get_json()
    assert receipt["status"] == "accepted", receipt["status_reason"]
    assert receipt["source"] == "pdf"
    assert receipt["purchase_date"] == BOUGHT.isoformat() and receipt["total"] == "7.67"
    assert [item["amount"] for item in receipt["items"]] == ["1.19", "2.49", "3.99"]
    assert "card_number" in {r["category"] for r in receipt["redactions"]}
    # the only file left is the redacted rendering, and the card number is painted over
    kept = stored(app)
    assert len(kept) == 1 and kept[0].startswith(b"\xff\xd8")
    text = pytesseract.image_to_string(Image.open(io.BytesIO(kept[0])), config="--psm 6")
    assert "Brot" in text and "0366" not in text and "4532" not in text


def test_pdf_without_text_is_read_by_ocr(app):
    client = app.test_client()
    tokens = register(app, client)
    scan = pdfs.image_only_pdf(render_receipt(LINES[:7]))
    queued = upload(client, tokens, scan)
    assert queued.status_code == 202, queued.get_json()
    process_waiting(app)
    receipt = client.get(f"/api/v1/receipts/{queued.get_json()['id']}",
                         headers=bearer(tokens)).get_json()
    assert receipt["source"] == "pdf" and receipt["total"] == "7.67"


@pytest.mark.parametrize("make, status, reason", [
    (pdfs.with_script, 422, "JavaScript"),
    (pdfs.encrypted, 422, "encrypted"),
    (lambda lines: pdfs.receipt_pdf(lines)[:400], 422, "damaged"),
    (lambda lines: b"%PDF-1.7\n" + b"\x00" * 200, 422, "damaged"),
    (lambda lines: pdfs.content_bomb(), 413, "far more drawing"),
])
def test_pdfs_the_panel_will_not_open_are_refused(app, make, status, reason):
    client = app.test_client()
    tokens = register(app, client)
    answer = upload(client, tokens, make(LINES))
    assert answer.status_code == status, answer.get_json()
    assert reason in answer.get_json()["message"]
    assert stored(app) == []


def test_attached_files_are_refused_only_when_configured(tmp_path, app):
    client = app.test_client()
    tokens = register(app, client)
    assert upload(client, tokens, pdfs.with_attachment(LINES)).status_code == 202
    strict = make_app(tmp_path / "strict", f"sqlite:///{tmp_path / 'strict.sqlite3'}",
                      PDF_REFUSE_ATTACHMENTS=True)
    client = strict.test_client()
    tokens = register(strict, client)
    answer = upload(client, tokens, pdfs.with_attachment(LINES))
    assert answer.status_code == 422 and "EmbeddedFiles" in answer.get_json()["message"]


def test_pdf_limits(tmp_path):
    small = make_app(tmp_path, f"sqlite:///{tmp_path / 'limits.sqlite3'}", PDF_MAX_BYTES=2000,
                     PDF_RENDER_MAX_PIXELS=50_000)
    client = small.test_client()
    tokens = register(small, client)
    big = pdfs.receipt_pdf(LINES * 12)
    assert len(big) > 2000
    assert upload(client, tokens, big).status_code == 413
    # the rendering is kept to its pixel budget by a lower resolution
    assert upload(client, tokens, pdfs.receipt_pdf(LINES)).status_code == 202
    with small.app_context():
        storage = storage_for()
        pages = [Image.open(io.BytesIO(storage.get(key))) for key in storage.keys()
                 if key.endswith(".jpg")]
    assert pages and all(page.width * page.height <= 50_000 for page in pages)


def test_a_pdf_is_sent_alone(app):
    client = app.test_client()
    tokens = register(app, client)
    document = pdfs.receipt_pdf(LINES)
    answer = upload(client, tokens, document, document)
    assert answer.status_code == 422 and "only part" in answer.get_json()["message"]


def test_the_same_purchase_photographed_and_as_pdf_counts_once(app):
    from tests.panel.test_pipeline import SHOP_LINES, photo
    client = app.test_client()
    tokens = register(app, client)
    first = upload(client, tokens, photo(SHOP_LINES)).get_json()["id"]
    process_waiting(app)
    second = upload(client, tokens, pdfs.receipt_pdf(SHOP_LINES)).get_json()["id"]
    process_waiting(app)
    shown = {rid: client.get(f"/api/v1/receipts/{rid}", headers=bearer(tokens)).get_json()
             for rid in (first, second)}
    assert (shown[first]["source"], shown[first]["status"]) == ("photo", "accepted")
    assert shown[second]["source"] == "pdf"
    assert (shown[second]["merchant"], shown[second]["total"]) == (
        shown[first]["merchant"], shown[first]["total"])
    assert (shown[second]["status"], shown[second]["status_reason"]) == ("rejected", "duplicate")
    # another panelist's PDF of a purchase alike is theirs (no image alike across sources)
    other = register(app, client)
    third = upload(client, other, pdfs.receipt_pdf(SHOP_LINES[:-1] + [("Bar", "")]))
    process_waiting(app)
    shown = client.get(f"/api/v1/receipts/{third.get_json()['id']}", headers=bearer(other))
    assert shown.get_json()["status"] == "accepted", shown.get_json()["status_reason"]


def test_the_age_limit_counts_from_the_purchase_date(app):
    from datetime import date, timedelta
    client = app.test_client()
    tokens = register(app, client)
    old = (date.today() - timedelta(days=app.config["RECEIPT_MAX_AGE_DAYS"] + 5))
    lines = [(old.strftime("%d.%m.%Y") if "14:33" in left else left, right)
             for left, right in LINES]
    queued = upload(client, tokens, pdfs.receipt_pdf(lines)).get_json()["id"]
    process_waiting(app)
    receipt = client.get(f"/api/v1/receipts/{queued}", headers=bearer(tokens)).get_json()
    assert receipt["purchase_date"] == old.isoformat()
    assert (receipt["status"], receipt["status_reason"]) == ("rejected", "too_old")
