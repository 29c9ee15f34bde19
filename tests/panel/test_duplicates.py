"""What keeps a receipt from counting twice or counting late, through the real pipeline
(tesseract, the check step): a receipt shared before is a duplicate, also with a page added;
another receipt's page in a new one goes to a person; a purchase older than
RECEIPT_MAX_AGE_DAYS is too old."""
from __future__ import annotations

from datetime import timedelta

from PIL import Image, ImageDraw

from tests.panel.test_pipeline import SHOP_LINES, photo
from tests.support.apps import process_waiting
from tests.support.factories import BOUGHT, bearer, jpeg_bytes, register, upload

OTHER_SHOP_LINES = [("REWE MARKT", ""), ("Bahnhofstr. 9, 50667 Koeln", ""),
                    (BOUGHT.strftime("%d.%m.%Y 09:12"), ""), ("Butter", "2,29"),
                    ("Aepfel 1kg", "3,49"), ("SUMME EUR", "5,78")]


def shared(app, client, tokens, *pages: bytes) -> dict:
    """Upload the pages as one receipt and run the pipeline; the receipt as the API shows it."""
    response = upload(client, tokens, *pages)
    assert response.status_code == 202, response.get_json()
    process_waiting(app)
    return client.get(f"/api/v1/receipts/{response.get_json()['id']}",
                      headers=bearer(tokens)).get_json()


def outcome(receipt: dict) -> tuple[str, str | None]:
    return receipt["status"], receipt["status_reason"]


def unprinted_page() -> bytes:
    """A photo of a page with no print on it, not blank (a shadow and a fold): read as nothing."""
    image = Image.new("RGB", (640, 700), (236, 236, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 90, 700), fill=(120, 120, 112))
    draw.line((90, 350, 640, 340), fill=(200, 200, 194), width=3)
    return jpeg_bytes(image)


def test_a_receipt_shared_again_by_anyone_is_a_duplicate(app, client):
    first = shared(app, client, register(app, client), photo(SHOP_LINES))
    assert outcome(first) == ("accepted", None)
    again = shared(app, client, register(app, client), photo(SHOP_LINES))
    assert outcome(again) == ("rejected", "duplicate")
    assert again["counts_toward_reward"] is False


def test_the_same_photo_with_a_page_added_is_still_a_duplicate(app, client):
    assert outcome(shared(app, client, register(app, client), photo(SHOP_LINES)))[0] == "accepted"
    tokens = register(app, client)
    with_unprinted_page = shared(app, client, tokens, photo(SHOP_LINES), unprinted_page())
    assert outcome(with_unprinted_page) == ("rejected", "duplicate")
    blank = jpeg_bytes(Image.new("RGB", (640, 900), "white"))
    with_blank_page = shared(app, client, tokens, blank, photo(SHOP_LINES))
    assert outcome(with_blank_page) == ("rejected", "duplicate")


def test_a_page_counted_before_in_a_receipt_of_several_pages_goes_to_a_person(app, client):
    tokens = register(app, client)
    first = shared(app, client, tokens, photo(SHOP_LINES))
    assert outcome(first) == ("accepted", None)
    both = shared(app, client, register(app, client), photo(SHOP_LINES), photo(OTHER_SHOP_LINES))
    assert both["status"] != "accepted" and outcome(both) in (
        ("rejected", "duplicate"), ("needs_review", "pages_mismatch"))
    mine = shared(app, client, tokens, photo(OTHER_SHOP_LINES), photo(SHOP_LINES))
    assert outcome(mine) in (("rejected", "duplicate"), ("needs_review", "pages_mismatch"))


def test_two_new_receipts_of_several_pages_each_count(app, client):
    """The rule for pages that do not belong together needs a page counted before: a new
    receipt of two pages is accepted."""
    tokens = register(app, client)
    top, bottom = SHOP_LINES[:4], SHOP_LINES[4:]
    receipt = shared(app, client, tokens, photo(top), photo(bottom))
    assert outcome(receipt) == ("accepted", None), receipt
    assert receipt["total"] == "7.67"


def test_a_purchase_older_than_the_limit_is_too_old(app, client):
    app.config["RECEIPT_MAX_AGE_DAYS"] = 30
    old = BOUGHT - timedelta(days=40)
    lines = [(text if n != 2 else old.strftime("%d.%m.%Y 14:33"), price)
             for n, (text, price) in enumerate(SHOP_LINES)]
    tokens = register(app, client)
    receipt = shared(app, client, tokens, photo(lines))
    assert receipt["purchase_date"] == old.isoformat()
    assert outcome(receipt) == ("rejected", "too_old")
    app.config["RECEIPT_MAX_AGE_DAYS"] = 60
    assert outcome(shared(app, client, tokens, photo(lines + [("Bon 2", "")]))) == (
        "accepted", None)
