"""Canary: a panelist whose email, name and receipts carry unique markers is erased (or one
receipt is deleted); then a full database dump, every stored object and version, and the
captured logs are scanned. The scans are shown to work by finding the markers before."""
from __future__ import annotations

import io
import logging
import random
import subprocess
from pathlib import Path

import pytesseract
import pytest
from PIL import Image

from panel.db import db
from panel.extensions import storage_for
from panel.services import audit
from tests.ocr.synthetic import render_receipt
from tests.support.apps import process_waiting
from tests.support.factories import BOUGHT_PRINTED, PASSWORD, bearer, invite, jpeg_bytes, upload


def marker() -> str:
    """Nine capitals OCR reads as printed: none it confuses with a digit or another letter
    (G, I, J, O, Q), nor the diagonals it runs together (V, W, Y: "VCBFVWLDS" was read
    "VCBFWLDS" once, and the scan found nothing)."""
    return "".join(random.choice("ABCDEFHKLMNPRSTUXZ") for _ in range(9))


def database_dump(app) -> bytes:
    """pg_dump of the whole database, or the SQLite file with its write-ahead log."""
    with app.app_context():
        url = db.engine.url
    if url.get_backend_name() == "postgresql":
        plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
        return subprocess.run(["pg_dump", plain], check=True, capture_output=True).stdout
    path = Path(url.database)
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def stored_objects(app) -> list[bytes]:
    with app.app_context():
        return list(storage_for().all_versions_bytes())


def text_in_images(blobs: list[bytes]) -> str:
    """What OCR reads in every stored image: markers painted in pixels are found too."""
    return "\n".join(pytesseract.image_to_string(Image.open(io.BytesIO(blob)),
                                                 config="--psm 6") for blob in blobs)


def register_canary(app, client, name: str) -> tuple[dict, str]:
    email = f"canary.{name.lower()}@example.org"
    body = {"invite_code": invite(app, email), "email": email, "password": PASSWORD,
            "display_name": f"Canary {name}", "consents": {"receipts": True}}
    response = client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 201
    return response.get_json(), email


def share(client, tokens, item: str) -> str:
    lines = [("KIOSK AM PARK", ""), (BOUGHT_PRINTED, ""), (item, "4,20"), ("SUMME EUR", "4,20")]
    return upload(client, tokens, jpeg_bytes(render_receipt(lines))).get_json()["id"]


def hits(markers: list[str], *sources: bytes | str) -> list[str]:
    return [m for m in markers for s in sources
            if m.encode() in (s if isinstance(s, bytes) else s.encode())]


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def test_erased_account_leaves_nothing_behind(stack, logs):
    client = stack.test_client()
    name, item = marker(), marker()
    tokens, email = register_canary(stack, client, name)
    receipt_id = share(client, tokens, f"{item} TEE")
    process_waiting(stack)
    with stack.app_context():  # a staff look, recorded in the append-only audit log
        audit.note(audit.COMMAND_LINE, "receipt.viewed", tokens["panelist"]["id"], receipt_id)

    dump, objects = database_dump(stack), stored_objects(stack)
    assert hits([item], dump) == [item]  # the scans see what is stored...
    assert item in text_in_images(objects)
    assert hits([email, name], dump, *objects) == []  # ...and personal fields are sealed

    erased = client.delete("/api/v1/me", headers=bearer(tokens), json={"password": PASSWORD})
    assert erased.status_code == 202
    dump, objects = database_dump(stack), stored_objects(stack)
    assert objects == []
    assert hits([email, name, item, tokens["panelist"]["id"], receipt_id], dump) == []
    assert hits([email, name, item], logs.text) == []


def test_deleted_receipt_leaves_nothing_behind(stack, logs):
    client = stack.test_client()
    name, gone, kept = marker(), marker(), marker()
    tokens, email = register_canary(stack, client, name)
    gone_id = share(client, tokens, f"{gone} TEE")
    share(client, tokens, f"{kept} TEE")
    process_waiting(stack)
    assert hits([gone, kept], database_dump(stack)) == [gone, kept]

    assert client.delete(f"/api/v1/receipts/{gone_id}", headers=bearer(tokens)).status_code == 204
    dump, objects = database_dump(stack), stored_objects(stack)
    assert hits([gone, gone_id], dump) == [] and hits([kept], dump) == [kept]
    seen = text_in_images(objects)
    assert kept in seen and gone not in seen and len(objects) == 1
    assert hits([email, name, gone, kept], logs.text) == []
