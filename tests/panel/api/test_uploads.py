"""Uploading receipt photos: only real images within limits are stored, bare of metadata."""
from __future__ import annotations

import io
import threading
from datetime import timedelta

import pytest
from PIL import Image, ImageCms, ImageOps
from sqlalchemy import func, select, update

from panel.db import db, utcnow
from panel.extensions import storage_for
from panel.models import IdempotencyKey, Receipt
from tests.support.factories import bearer, jpeg_bytes, register, upload


@pytest.fixture
def tokens(app, client):
    return register(app, client)


def photo(size=(400, 600), color=(240, 240, 235)) -> Image.Image:
    return Image.new("RGB", size, color)


def marked(size=(400, 600)) -> Image.Image:
    """A page with something on it (a dark bar): not blank."""
    image = photo(size)
    image.paste((20, 20, 20), (size[0] // 4, size[1] // 3, size[0] * 3 // 4, size[1] // 2))
    return image


def encoded(image: Image.Image, fmt: str, **args) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **args)
    return out.getvalue()


def stored_nothing(app) -> bool:
    with app.app_context():
        return (db.session.scalar(select(func.count()).select_from(Receipt)) == 0
                and storage_for().keys() == [])


def bomb_png() -> bytes:
    """A tiny file that would decode to 400 million pixels."""
    return encoded(Image.new("1", (20_000, 20_000)), "PNG", optimize=True)


def bomb_jpeg() -> bytes:
    """A small JPEG whose header claims 20,000 x 20,000 pixels."""
    data = bytearray(jpeg_bytes(photo((64, 64))))
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = (20_000).to_bytes(2, "big") * 2
    return bytes(data)


def claiming_jpeg(side: int) -> bytes:
    """A 64 x 64 JPEG (under 1 KB) whose header claims ``side`` x ``side`` pixels."""
    data = bytearray(jpeg_bytes(photo((64, 64))))
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = side.to_bytes(2, "big") * 2
    return bytes(data)


def cut_with_end_marker(**save_args) -> bytes:
    """A photo cut short in its image data, an end-of-image marker put after the cut."""
    data = jpeg_bytes(Image.effect_noise((300, 300), 80), **save_args)
    return data[:len(data) // 2] + b"\xff\xd9"


BAD_PAGES = {
    "empty": (b"", 422),
    "text": (b"hello, this is not a photo", 415),
    "gif": (encoded(photo(), "GIF"), 415),
    # a PDF is an e-receipt since issue 19: one without pages is damaged
    "pdf without pages": (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", 422),
    "svg": (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', 415),
    "truncated jpeg": (jpeg_bytes(photo())[:300], 422),
    "jpeg cut in its image data": (jpeg_bytes(Image.effect_noise((300, 300), 80))[:-3000], 422),
    "jpeg without its end": (jpeg_bytes(Image.effect_noise((300, 300), 80))[:-2], 422),
    "jpeg magic then junk": (b"\xff\xd8\xff" + b"\x00" * 500, 422),
    "jpeg cut short, then an end marker": (cut_with_end_marker(), 422),
    "progressive jpeg cut short, then an end marker": (cut_with_end_marker(progressive=True),
                                                       422),
    "64 x 64 jpeg claiming 6000 x 6000": (claiming_jpeg(6000), 422),
    "decompression bomb": (bomb_png(), 413),
    "jpeg decompression bomb": (bomb_jpeg(), 413),
}


@pytest.mark.parametrize("name", BAD_PAGES)
def test_bad_pages_are_refused_and_nothing_is_stored(app, client, tokens, name):
    data, status = BAD_PAGES[name]
    response = upload(client, tokens, data)
    assert response.status_code == status, response.get_json()
    assert response.get_json()["message"]
    assert stored_nothing(app)


def test_one_bad_page_refuses_the_whole_receipt(app, client, tokens):
    response = upload(client, tokens, jpeg_bytes(photo()), b"GIF89a not really")
    assert response.status_code == 415
    assert stored_nothing(app)


def test_too_many_pages(app, client, tokens):
    pages = [jpeg_bytes(photo((50, 50)))] * (app.config["UPLOAD_MAX_PAGES"] + 1)
    assert upload(client, tokens, *pages).status_code == 413
    assert stored_nothing(app)


def test_oversized_image_and_request(app, client, tokens):
    app.config["UPLOAD_MAX_IMAGE_BYTES"] = 2000
    noisy = Image.effect_noise((300, 300), 80).convert("RGB")
    assert upload(client, tokens, jpeg_bytes(noisy)).status_code == 413
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = upload(client, tokens, jpeg_bytes(noisy))
    assert response.status_code == 413 and response.get_json()["code"] == 413
    assert stored_nothing(app)


def test_wrong_form_field_and_no_file(app, client, tokens):
    wrong = upload(client, tokens, jpeg_bytes(photo()), field="file")
    assert wrong.status_code == 422 and "image" in wrong.get_json()["message"]
    json_body = client.post("/api/v1/receipts", json={"image": "abc"}, headers=bearer(tokens))
    assert json_body.status_code == 422
    assert stored_nothing(app)


def test_upload_needs_a_token(app, client):
    response = upload(client, {"access_token": "nope"}, jpeg_bytes(photo()))
    assert response.status_code == 401
    assert stored_nothing(app)


def gps_exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 18.0)})
    return exif


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_accepted_formats_are_stored_bare_and_turn_upright(app, client, tokens, fmt):
    import pillow_heif  # noqa: F401  (registers HEIF saving)
    image = photo((300, 200))
    image.paste((10, 10, 10), (0, 0, 60, 40))  # a dark mark in the top-left corner
    data = encoded(image, fmt, exif=gps_exif(orientation=6).tobytes())
    response = upload(client, tokens, data)
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert body["status"] == "queued" and body["image_url"] is None
    stored = stored_page(app, body["id"])
    with Image.open(io.BytesIO(stored)) as kept:
        assert kept.format == "JPEG"
        # a JPEG keeps its own pixels and only its orientation; others are re-encoded upright
        assert dict(kept.getexif()) == ({0x0112: 6} if fmt == "JPEG" else {})
        assert "xmp" not in kept.info and "icc_profile" not in kept.info
        assert b"PhoneMaker" not in stored
        upright = ImageOps.exif_transpose(kept)  # as the pipeline's load step does
    assert upright.size == (200, 300)  # orientation 6 applied: turned upright
    assert upright.getpixel((195, 5))[0] < 80  # the mark moved to the top-right corner


def test_a_jpeg_is_stored_losslessly_without_its_metadata(app, client, tokens):
    noisy = Image.effect_noise((320, 240), 60).convert("RGB")
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encoded(noisy, "JPEG", quality=90, exif=gps_exif(orientation=3).tobytes(),
                   xmp=b"<x:xmpmeta>home-address</x:xmpmeta>", icc_profile=icc,
                   comment=b"secret comment", progressive=True)
    body = upload(client, tokens, data).get_json()
    stored = stored_page(app, body["id"])
    assert len(stored) < len(data)
    for leftover in (b"PhoneMaker", b"home-address", b"ICC_PROFILE", b"secret comment"):
        assert leftover in data and leftover not in stored
    with Image.open(io.BytesIO(stored)) as kept, Image.open(io.BytesIO(data)) as sent:
        assert dict(kept.getexif()) == {0x0112: 3}
        assert kept.tobytes() == sent.tobytes()  # the same pixels: not re-encoded


def stored_page(app, receipt_id: str, number: int = 1) -> bytes:
    with app.app_context():
        return storage_for().get(f"originals/{receipt_id}/{number}.jpg")


def test_pages_are_kept_in_order(app, client, tokens):
    pages = [jpeg_bytes(marked((100, 100 + n))) for n in range(3)] + [jpeg_bytes(marked((50, 30)))]
    body = upload(client, tokens, *pages).get_json()
    with app.app_context():
        heights = [Image.open(io.BytesIO(storage_for().get(f"originals/{body['id']}/{n}.jpg")))
                   .size[1] for n in (1, 2, 3, 4)]
    assert heights == [100, 101, 102, 30]


def test_idempotent_retry_returns_the_first_receipt(app, client, tokens):
    first = upload(client, tokens, jpeg_bytes(photo()), key="phone-123").get_json()
    again = upload(client, tokens, jpeg_bytes(photo()), key="phone-123")
    assert again.status_code == 202 and again.get_json()["id"] == first["id"]
    other = upload(client, tokens, jpeg_bytes(photo()), key="phone-124").get_json()
    assert other["id"] != first["id"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Receipt)) == 2
        assert len(storage_for().keys()) == 2


def test_a_key_reused_with_another_photo_is_422(app, client, tokens):
    first = upload(client, tokens, jpeg_bytes(photo()), key="phone-123")
    other_photo = upload(client, tokens, jpeg_bytes(marked()), key="phone-123")
    assert other_photo.status_code == 422, other_photo.get_json()
    assert "Idempotency-Key" in other_photo.get_json()["message"]
    more_pages = upload(client, tokens, jpeg_bytes(photo()), jpeg_bytes(marked()),
                        key="phone-123")
    assert more_pages.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Receipt)) == 1
        assert storage_for().keys() == [f"originals/{first.get_json()['id']}/1.jpg"]


def test_a_key_older_than_a_day_makes_a_new_receipt(app, client, tokens):
    first = upload(client, tokens, jpeg_bytes(photo()), key="phone-123").get_json()
    with app.app_context():
        db.session.execute(update(IdempotencyKey).values(created_at=utcnow() - timedelta(hours=25)))
        db.session.commit()
    again = upload(client, tokens, jpeg_bytes(marked()), key="phone-123")  # not a 422 now
    assert again.status_code == 202 and again.get_json()["id"] != first["id"]
    with app.app_context():
        assert db.session.scalars(select(IdempotencyKey.resource_id)).all() == [
            again.get_json()["id"]]


def test_the_same_key_of_another_panelist_is_separate(app, client, tokens):
    mine = upload(client, tokens, jpeg_bytes(photo()), key="k").get_json()
    theirs = upload(client, register(app, client), jpeg_bytes(photo()), key="k").get_json()
    assert mine["id"] != theirs["id"]


def test_concurrent_retries_create_exactly_one_receipt(app, tokens):
    data = jpeg_bytes(photo())
    ids, barrier = [], threading.Barrier(6)

    def send():
        barrier.wait()
        response = upload(app.test_client(), tokens, data, key="same-key")
        ids.append((response.status_code, response.get_json()["id"]))

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {status for status, _ in ids} == {202} and len({i for _, i in ids}) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Receipt)) == 1
        assert len(storage_for().keys()) == 1


def test_too_long_idempotency_key(app, client, tokens):
    assert upload(client, tokens, jpeg_bytes(photo()), key="x" * 201).status_code == 422
    assert stored_nothing(app)


def blank_png(side: int) -> bytes:
    return encoded(Image.new("L", (side, side), 255), "PNG", optimize=True)


def test_pages_beyond_the_receipt_pixel_budget_are_refused_unread(app, client, tokens):
    """Six blank 6300 x 6300 PNG pages (each within the page limit, 40 million pixels) claim
    238 million pixels together: refused from their headers, before any is decoded."""
    pages = [blank_png(6300)] * 6
    assert sum(len(page) for page in pages) < 2**20
    response = upload(client, tokens, *pages)
    assert response.status_code == 413, response.get_json()
    assert "60 million pixels together" in response.get_json()["message"]
    assert stored_nothing(app)


def test_pixels_per_panelist_and_hour_are_budgeted(app, client, tokens):
    app.config["UPLOAD_MAX_PIXELS_PER_HOUR"] = 500_000
    page = jpeg_bytes(marked())  # 240,000 pixels
    assert [upload(client, tokens, page).status_code for _ in range(2)] == [202, 202]
    refused = upload(client, tokens, page)
    assert refused.status_code == 429, refused.get_json()
    assert "budget" in refused.get_json()["message"]
    assert int(refused.headers["Retry-After"]) > 0
    assert upload(client, register(app, client), page).status_code == 202  # per panelist


def page_count(app, receipt_id: str) -> int:
    with app.app_context():
        return db.session.get(Receipt, receipt_id).page_count


def test_blank_pages_are_no_pages(app, client, tokens):
    body = upload(client, tokens, jpeg_bytes(photo()), jpeg_bytes(marked()),
                  encoded(photo(), "PNG")).get_json()
    assert page_count(app, body["id"]) == 1
    with Image.open(io.BytesIO(stored_page(app, body["id"]))) as kept:
        assert kept.getpixel((200, 250))[0] < 80  # the marked page
    only_blank = upload(client, tokens, jpeg_bytes(photo()), jpeg_bytes(photo((300, 300))))
    assert only_blank.status_code == 202  # the pipeline answers it as unreadable
    assert page_count(app, only_blank.get_json()["id"]) == 1
