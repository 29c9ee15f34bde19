"""The issue's "done when", through the real service: a receipt holding every kind of
personal and payment detail goes through upload, OCR, redaction and verification, and then
nothing sensitive is in any stored artefact: the database (every row of every table, and the
SQLite file itself), the stored files (the redacted image, read by tesseract), the API's
answer, the export ZIP and the log."""
from __future__ import annotations

import io
import json
import logging
import re
import zipfile

import pytesseract
from PIL import Image
from sqlalchemy import inspect, text

from panel.db import db
from panel.extensions import storage_for
from tests.ocr.synthetic import render_receipt
from tests.support.apps import make_app, process_waiting
from tests.support.factories import bearer, jpeg_bytes, register, upload

SECRETS = {
    "card_number": "4532 0151 1283 0366", "card_expiry": "09/29", "auth_code": "5YSFAO",
    "masked_card": "XXXXXXXXXXXX4242", "email": "lena.wagner@example.de",
    "phone": "0171 9858770", "loyalty_id": "3081 2345 6789", "person_name": "Anna Koch",
    "address_name": "Mia Evans", "address_street": "Rosenallee 51",
    "address_town": "49850 Lippstadt", "health": "Schwangerschaftstest",
}
LINES = [
    ("EDEKA MARKT", ""), ("Hauptstr. 5, 10115 Berlin", ""), ("12.11.2026 14:33", ""),
    ("Milch 1L", "1,19"), ("Brot", "2,49"), (SECRETS["health"], "8,99"), ("Kaese", "3,99"),
    ("SUMME EUR", "16,66"), (f"Es bediente Sie: {SECRETS['person_name']}", ""),
    (f"Kunde: {SECRETS['email']}", ""), (f"Kunde Tel. {SECRETS['phone']}", ""),
    (f"PAYBACK-Nr. {SECRETS['loyalty_id']}", ""), ("Lieferadresse:", ""),
    (SECRETS["address_name"], ""), (SECRETS["address_street"], ""),
    (SECRETS["address_town"], ""), (f"VISA {SECRETS['card_number']}", ""),
    (f"Gueltig bis {SECRETS['card_expiry']}", ""),
    (f"Genehmigungs-Nr. {SECRETS['auth_code']}", ""),
    (f"Karte {SECRETS['masked_card']}", ""), ("Vielen Dank", ""),
]


def compact(value: str) -> str:
    return re.sub(r"[\s\-/.]", "", value).casefold()


def leaks(artefact: str) -> list[str]:
    """The secrets (by name, never their text) found in ``artefact``."""
    folded = compact(artefact)
    return [name for name, secret in SECRETS.items() if compact(secret) in folded]


def test_no_stored_artefact_holds_anything_sensitive(tmp_path, caplog):
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}")
    client = app.test_client()
    tokens = register(app, client)
    caplog.set_level(logging.DEBUG)
    receipt_id = upload(client, tokens, jpeg_bytes(render_receipt(LINES))).get_json()["id"]
    process_waiting(app)

    receipt = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(tokens)).get_json()
    assert receipt["status"] in ("accepted", "needs_review"), receipt["status_reason"]
    categories = {r["category"] for r in receipt["redactions"]}
    assert {"card_number", "email", "address", "health", "auth_code"} <= categories
    assert [i["amount"] for i in receipt["items"]] == ["1.19", "2.49", "3.99"]  # health gone
    assert leaks(json.dumps(receipt)) == []
    # the per-line report: the health item is line 6 of the receipt, removed, and why
    lines = {mark["line"]: mark for mark in receipt["redacted_lines"]}
    assert lines[6]["action"] == "line_removed" and lines[6]["reasons"] == ["health"]
    assert all(0 <= m["top"] < m["top"] + m["height"] <= 1 for m in lines.values())

    export = client.get("/api/v1/me/export", headers=bearer(tokens))
    assert export.status_code == 200
    with zipfile.ZipFile(io.BytesIO(export.data)) as archive:
        for name in archive.namelist():
            assert leaks(archive.read(name).decode("utf-8", "replace")) == [], name

    with app.app_context():
        for table in inspect(db.engine).get_table_names():
            rows = db.session.execute(text(f'SELECT * FROM "{table}"')).all()
            assert leaks(" ".join(map(str, rows))) == [], table
        keys = storage_for().keys()
        assert keys == [f"redacted/{receipt_id}.jpg"]  # the original is gone
        image = Image.open(io.BytesIO(storage_for().get(keys[0])))
        db.session.remove()
        db.engine.dispose()
    for path in tmp_path.glob("panel.sqlite3*"):  # the file, its journal and its WAL
        assert leaks(path.read_bytes().decode("latin-1")) == [], path.name
    reading = pytesseract.image_to_string(image, lang="deu+eng", config="--psm 6")
    assert "Milch" in reading  # the image is read: the rest of the receipt is still there
    assert leaks(reading) == []
    assert leaks("\n".join(record.getMessage() for record in caplog.records)) == []
