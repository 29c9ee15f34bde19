"""The dashboard's receipts pages: share, list and filter, detail, image, withdraw, delete.

Real forms with real CSRF tokens, real photos through the real pipeline (tesseract), on
SQLite and PostgreSQL.
"""
from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from panel.db import db
from panel.extensions import storage_for
from panel.models import Panelist, Receipt
from panel.receipt_files import original_prefix
from panel.services import account
from tests.dashboard.conftest import csrf, post, sign_up
from tests.ocr.synthetic import render_receipt
from tests.support.apps import process_waiting
from tests.support.factories import jpeg_bytes
from tests.support.rewards import put_receipt

# Not about OCR: the receipts drawn here are read back by the fake engine (tests/support/
# fake_ocr.py); the pipeline, redaction and browser journeys keep tesseract.
pytestmark = pytest.mark.usefixtures("fake_ocr")

CARD = "4532 0151 1283 0366"
BOUGHT = date.today() - timedelta(days=3)
SHOP = [("EDEKA MARKT", ""), ("Hauptstr. 5, 10115 Berlin", ""),
        (BOUGHT.strftime("%d.%m.%Y 14:33"), ""), ("Milch 1L", "1,19"), ("Brot", "2,49"),
        ("Kaese", "3,99"), ("SUMME EUR", "7,67"), (f"VISA {CARD}", "")]
KEY_FIELD = re.compile(r'name="idempotency_key" value="([^"]+)"')


def photo(lines=SHOP) -> bytes:
    return jpeg_bytes(render_receipt(lines))


def share(session, *pages: bytes, key: str | None = None, names=None):
    """Post the upload form as a browser does, with the key the page rendered."""
    page = session.client.get("/receipts").get_data(as_text=True)
    names = names or [f"page{n}.jpg" for n in range(len(pages))]
    data = {"csrf_token": csrf(session.client, "/receipts"),
            "idempotency_key": key or KEY_FIELD.search(page).group(1),
            "image": [(io.BytesIO(data), name) for data, name in zip(pages, names)]}
    return session.client.post("/receipts", data=data, content_type="multipart/form-data")


def receipts_of(app, session) -> list[Receipt]:
    with app.app_context():
        rows = db.session.scalars(select(Receipt).where(
            Receipt.panelist_id == session.panelist_id)).all()
        db.session.expunge_all()
        return rows


def text(response) -> str:
    return response.get_data(as_text=True)


def shows_card_ending(page: str) -> bool:
    """Whether the card's last four digits stand on their own in what the page shows: not
    inside an id, a token or a time in an attribute, where four digits turn up by chance."""
    shown = re.sub(r"<[^>]*>", " ", page)
    return re.search(rf"(?<![0-9A-Za-z]){CARD[-4:]}(?![0-9A-Za-z])", shown) is not None


def test_share_one_page_then_watch_it_become_accepted(app, session):
    page = session.client.get("/receipts?welcome=1")
    assert page.status_code == 200
    assert "Welcome to the panel" in text(page) and "Share a receipt" in text(page)
    assert 'for="receipt-photos"' in text(page) and "Your receipts" in text(page)

    shared = share(session, photo())
    assert shared.status_code == 303 and shared.location.endswith("/receipts?shared=1")
    listing = text(session.client.get(shared.location))
    assert "Your receipt is being read" in listing
    assert 'class="badge queued">Waiting<' in listing and "data-refresh" in listing

    process_waiting(app)
    [receipt] = receipts_of(app, session)
    listing = text(session.client.get("/receipts"))
    assert receipt.status == "accepted", receipt.status_reason
    assert ">Accepted<" in listing and ">Edeka</strong>" in listing and "7.67 EUR" in listing
    assert f'src="/receipts/{receipt.id}/image"' in listing and 'alt="Redacted photo of Edeka"' in listing
    assert "data-refresh" not in listing

    detail = text(session.client.get(f"/receipts/{receipt.id}"))
    for shown in ("<h1>Edeka</h1>", "Milch 1L", "2.49", "7.67 EUR", BOUGHT.strftime("%-d %b %Y"),
                  "Card number: hidden", "What happened", "Counts toward the reward of",
                  "Kept until", ">Withdraw</button>", ">Delete</button>",
                  "Line 8: hidden (card number", 'class="line-marks"', ">8</text>"):
        assert shown in detail, shown
    assert CARD not in detail and not shows_card_ending(detail)

    image = session.client.get(f"/receipts/{receipt.id}/image")
    assert image.status_code == 200 and image.mimetype == "image/jpeg"
    assert image.data[:3] == b"\xff\xd8\xff"
    assert "public" not in image.headers["Cache-Control"]


def test_several_pages_make_one_receipt(app, session):
    top, bottom = photo(SHOP[:4]), photo(SHOP[3:])
    assert share(session, top, bottom).status_code == 303
    [receipt] = receipts_of(app, session)
    assert receipt.page_count == 2
    process_waiting(app)
    [receipt] = receipts_of(app, session)
    assert receipt.status in ("accepted", "needs_review"), receipt.status_reason
    assert receipt.redacted_image_key


@pytest.mark.database
def test_a_double_submit_makes_one_receipt(app, session):
    first = share(session, photo(), key="one-render-of-the-form")
    second = share(session, photo(), key="one-render-of-the-form")
    assert first.status_code == second.status_code == 303
    assert len(receipts_of(app, session)) == 1
    keys = {KEY_FIELD.search(text(session.client.get("/receipts"))).group(1) for _ in range(2)}
    assert len(keys) == 2  # each render of the form is a new upload


@pytest.mark.parametrize("files, status, words", [
    ([(b"hello, this is not a photo", "notes.txt")], 415, "is not a JPEG, PNG, WebP or HEIC"),
    ([(b"", "")], 422, "Choose at least one photo"),  # the file input left empty
    ([(b"", "page.jpg")], 422, "Page 1 is empty"),
])
def test_bad_uploads_are_readable_refusals(app, session, files, status, words):
    data = {"csrf_token": csrf(session.client, "/receipts"), "idempotency_key": "k",
            "image": [(io.BytesIO(page), name) for page, name in files]}
    response = session.client.post("/receipts", data=data, content_type="multipart/form-data")
    assert response.status_code == status
    assert words in text(response) and 'role="alert"' in text(response)
    assert "Share a receipt" in text(response)  # the form is there to try again
    assert receipts_of(app, session) == []


def test_too_many_pages_too_big_and_a_panelist_who_left_are_refused(app, session):
    pages = [jpeg_bytes(render_receipt([("A", "1,00")]))] * (app.config["UPLOAD_MAX_PAGES"] + 1)
    too_many = share(session, *pages)
    assert too_many.status_code == 413 and "at most" in text(too_many)
    app.config["UPLOAD_MAX_IMAGE_BYTES"] = 2000
    too_big = share(session, photo())
    assert too_big.status_code == 413 and "Page 1 is larger than" in text(too_big)
    app.config["MAX_CONTENT_LENGTH"] = 1000
    whole_request = share(session, photo())
    assert whole_request.status_code == 413 and 'role="alert"' in text(whole_request)
    app.config["MAX_CONTENT_LENGTH"] = app.config["UPLOAD_MAX_IMAGE_BYTES"] = 10**7
    with app.app_context():
        account.leave(db.session.get(Panelist, session.panelist_id))
    left = share(session, photo())
    assert left.status_code == 403 and "You have left the panel" in text(left)
    assert receipts_of(app, session) == []


@pytest.mark.database
def test_filters_by_status_and_month(app, session):
    september = datetime(2026, 9, 14, 10, tzinfo=timezone.utc)
    october = datetime(2026, 10, 14, 10, tzinfo=timezone.utc)
    with app.app_context():
        put_receipt(session.panelist_id, september, merchant="Alpha Market")
        put_receipt(session.panelist_id, october, merchant="Beta Bakery")
        put_receipt(session.panelist_id, october, status="rejected", merchant="Gamma Garage")
    everything = text(session.client.get("/receipts"))
    assert all(name in everything for name in ("Alpha Market", "Beta Bakery", "Gamma Garage"))
    assert everything.index("Beta Bakery") < everything.index("Alpha Market")  # newest first
    assert re.search(r'<option value="2026-10"\s*>October 2026</option>', everything)
    assert re.search(r'<option value="2026-09"\s*>September 2026</option>', everything)

    accepted = text(session.client.get("/receipts?status=accepted"))
    assert "Alpha Market" in accepted and "Beta Bakery" in accepted
    assert "Gamma Garage" not in accepted
    in_october = text(session.client.get("/receipts?month=2026-10"))
    assert "Beta Bakery" in in_october and "Gamma Garage" in in_october
    assert "Alpha Market" not in in_october
    assert re.search(r'<option value="2026-10"\s+selected>', in_october)
    both = text(session.client.get("/receipts?month=2026-10&status=rejected"))
    assert "Gamma Garage" in both and "Beta Bakery" not in both and "Alpha Market" not in both
    none = text(session.client.get("/receipts?month=2026-09&status=rejected"))
    assert "No receipts match these filters" in none


@pytest.mark.database
def test_pages_of_24(app, session):
    start = datetime(2026, 11, 1, 8, tzinfo=timezone.utc)
    with app.app_context():
        for n in range(26):
            put_receipt(session.panelist_id, start + timedelta(hours=n), merchant=f"Shop {n:02d}")
    first = text(session.client.get("/receipts"))
    assert len(re.findall(r">Shop \d\d<", first)) == 24
    assert ">Shop 25<" in first and ">Shop 01<" not in first and "Older receipts" in first
    second = text(session.client.get("/receipts?page=2"))
    assert re.findall(r">Shop \d\d<", second) == [">Shop 01<", ">Shop 00<"]
    assert "Newer receipts" in second and "page 2 of 2" in second
    beyond = session.client.get("/receipts?page=9")
    assert beyond.status_code == 200 and "no receipts on this page" in text(beyond)
    assert session.client.get("/receipts?page=nonsense").status_code == 200


def test_withdraw_after_a_confirmation(app, session):
    share(session, photo())
    process_waiting(app)
    [receipt] = receipts_of(app, session)
    confirm = session.client.get(f"/receipts/{receipt.id}/withdraw")
    assert confirm.status_code == 200
    assert "You still see it here" in text(confirm) and "excluded from every use" in text(confirm)
    assert ">Yes, withdraw it</button>" in text(confirm)
    assert receipts_of(app, session)[0].status == "accepted"  # looking changes nothing

    done = post(session.client, f"/receipts/{receipt.id}/withdraw")
    assert done.status_code == 303 and done.location.endswith(f"/receipts/{receipt.id}?withdrawn=1")
    detail = text(session.client.get(done.location))
    assert "You withdrew this receipt" in detail and 'class="badge withdrawn"' in detail
    assert ">Withdraw</button>" not in detail and "Does not count: withdrawn" in detail
    assert receipts_of(app, session)[0].status == "withdrawn"
    again = text(session.client.get(f"/receipts/{receipt.id}/withdraw"))
    assert "already withdrawn" in again and "Yes, withdraw it" not in again


def test_withdrawing_a_waiting_receipt_deletes_its_photo(app, session):
    share(session, photo())
    [receipt] = receipts_of(app, session)
    confirm = text(session.client.get(f"/receipts/{receipt.id}/withdraw"))
    assert "delete your photo now" in confirm
    with app.app_context():
        assert storage_for().keys(original_prefix(receipt.id))
    post(session.client, f"/receipts/{receipt.id}/withdraw")
    with app.app_context():
        assert storage_for().keys() == []
    process_waiting(app)
    assert receipts_of(app, session)[0].status == "withdrawn"


def test_delete_after_a_confirmation(app, session):
    share(session, photo())
    process_waiting(app)
    [receipt] = receipts_of(app, session)
    confirm = text(session.client.get(f"/receipts/{receipt.id}/delete"))
    assert "cannot be undone" in confirm and "every stored version" in confirm
    assert ">Yes, delete it forever</button>" in confirm

    done = post(session.client, f"/receipts/{receipt.id}/delete")
    assert done.status_code == 303 and done.location.endswith("/receipts?deleted=1")
    assert "The receipt is deleted" in text(session.client.get(done.location))
    assert receipts_of(app, session) == []
    with app.app_context():
        assert storage_for().keys() == []
    for path in ("", "/image", "/withdraw", "/delete"):
        assert session.client.get(f"/receipts/{receipt.id}{path}").status_code == 404


def test_image_is_404_while_there_is_none(app, session):
    share(session, photo())
    [receipt] = receipts_of(app, session)
    listing = text(session.client.get("/receipts"))
    assert f"/receipts/{receipt.id}/image" not in listing and "Being read" in listing
    assert session.client.get(f"/receipts/{receipt.id}/image").status_code == 404


def receipt_routes(app) -> list[tuple[str, str]]:
    """Every dashboard route that takes a receipt id, with each of its methods."""
    routes = [(rule.rule, method) for rule in app.url_map.iter_rules()
              if rule.endpoint.startswith("dashboard.") and "receipt_id" in rule.arguments
              for method in rule.methods - {"HEAD", "OPTIONS"}]
    assert len(routes) >= 6, routes
    return routes


def test_another_panelists_receipt_is_404_on_every_route(app, session):
    share(session, photo())
    process_waiting(app)
    [receipt] = receipts_of(app, session)
    stranger = sign_up(app)
    for rule, method in receipt_routes(app):
        url = rule.replace("<receipt_id>", receipt.id)
        if method == "GET":
            response = stranger.client.get(url)
        else:
            response = post(stranger.client, url)
        assert response.status_code == 404, (method, url)
        assert "Edeka" not in text(response)
    [still] = receipts_of(app, session)
    assert still.status == "accepted" and still.redacted_image_key


def test_posts_without_a_csrf_token_are_400(app, session):
    share(session, photo())
    [receipt] = receipts_of(app, session)
    image = (io.BytesIO(photo()), "page.jpg")
    assert session.client.post("/receipts", data={"image": [image]},
                               content_type="multipart/form-data").status_code == 400
    for path in ("withdraw", "delete"):
        refused = session.client.post(f"/receipts/{receipt.id}/{path}",
                                      data={"csrf_token": "forged"})
        assert refused.status_code == 400
    [unchanged] = receipts_of(app, session)
    assert unchanged.status == "queued"


def test_a_visitor_is_sent_to_login(app):
    client = app.test_client()
    for path in ("/receipts", "/receipts/some-id", "/receipts/some-id/image"):
        response = client.get(path)
        assert response.status_code == 303 and "/login?next=" in response.location
