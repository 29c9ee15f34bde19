"""The quality check at upload: a blurred, dark or tiny photo is refused at once with its
reason and a hint, and nothing is stored; a good photo (a real scan) is taken. Real scans
from tests/data/eval (CC-BY-4.0), spoiled the way ocr.quality.evaluate spoils them; a
generated phone photo (ocr.synthetic.framed) framed whole is taken, and refused as cut off
when the receipt runs out of the picture at the bottom."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageFilter
from sqlalchemy import func, select

from ocr.quality.evaluate import spoiled
from ocr.synthetic.framed import framed
from panel.db import db
from panel.models import Receipt
from tests.support.apps import database_url, empty_tables, make_app
from tests.support.factories import jpeg_bytes, register, upload

SCANS = Path(__file__).resolve().parents[2] / "data" / "eval" / "softmatic"
SCAN = SCANS / "A_lidl_07042020_06_01569.jpg"


@pytest.fixture(params=["sqlite", "postgres"])
def checking_app(request, tmp_path):
    application = make_app(tmp_path, database_url(request.param, request, tmp_path),
                           PHOTO_QUALITY_CHECK=True)
    yield application
    empty_tables(application)


@pytest.fixture
def client(checking_app):
    return checking_app.test_client()


@pytest.fixture
def tokens(checking_app, client):
    return register(checking_app, client)


def scan() -> Image.Image:
    return Image.open(SCAN).convert("RGB")


def receipts_stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Receipt))


@pytest.mark.parametrize("name, reason", [("blurred", "blurred"), ("dark", "too_dark"),
                                          ("small", "too_small")])
def test_a_spoiled_photo_is_refused_with_its_reason_and_nothing_is_stored(
        checking_app, client, tokens, name, reason):
    _, bad = spoiled(scan())[name]
    response = upload(client, tokens, jpeg_bytes(bad))
    assert response.status_code == 422
    body = response.get_json()
    assert body["reason"] == reason and body["page"] == 1
    assert body["hint"] and body["hint"] in body["message"]
    assert receipts_stored(checking_app) == 0
    assert not any((Path(checking_app.config["STORAGE_DIR"])).rglob("*.jpg"))


def test_a_good_scan_is_taken(checking_app, client, tokens):
    assert upload(client, tokens, SCAN.read_bytes()).status_code == 202
    assert receipts_stored(checking_app) == 1


def test_a_generated_photo_framed_whole_is_taken_and_cut_at_the_bottom_is_refused(
        checking_app, client, tokens):
    whole, _, cut_bottom = framed(1)
    response = upload(client, tokens, jpeg_bytes(cut_bottom))
    assert response.status_code == 422
    body = response.get_json()
    assert body["reason"] == "cut_off_bottom" and body["page"] == 1
    assert body["hint"] == "Photograph it whole, or add a page for the rest."
    assert receipts_stored(checking_app) == 0
    assert upload(client, tokens, jpeg_bytes(whole)).status_code == 202
    assert receipts_stored(checking_app) == 1


def test_the_second_page_is_named_and_a_sideways_photo_is_turned_first(client, tokens):
    """EXIF orientation 6 (taken sideways): the check sees the page upright; a blurred second
    page is refused as page 2."""
    sideways = scan().transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    blurred = scan().filter(ImageFilter.GaussianBlur(6))
    response = upload(client, tokens, jpeg_bytes(sideways, exif=exif), jpeg_bytes(blurred))
    assert response.status_code == 422
    assert response.get_json()["page"] == 2 and response.get_json()["reason"] == "blurred"


def test_a_png_is_checked_too(client, tokens):
    out = io.BytesIO()
    spoiled(scan())["dark"][1].save(out, format="PNG")
    response = upload(client, tokens, out.getvalue())
    assert response.status_code == 422 and response.get_json()["reason"] == "too_dark"
