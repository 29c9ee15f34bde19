"""The service's second readings (ocr.second_reading), on by default: the price column where
the items do not add up (OCR_PRICE_LOOK: the stored items are those of the second reading,
and redaction works on it) and the date's words (OCR_DATE_LOOK). Real tesseract and
RapidOCR, the embedded worker, SQLite and local storage."""
from __future__ import annotations

import pytest

from tests.ocr.test_date_look import barcode_receipt
from tests.ocr.test_price_look import AMOUNTS, receipt_with_show_through
from tests.support.apps import database_url, empty_tables, make_app
from tests.support.factories import BOUGHT, BOUGHT_PRINTED, jpeg_bytes, register, upload
from tests.support.waiting import wait_until_final


@pytest.fixture(params=["on", "off"])
def live_app(request, tmp_path):
    application = make_app(tmp_path, database_url("sqlite", request, tmp_path),
                           EMBEDDED_WORKER="on", WORKER_POLL_SECONDS=0.5,
                           OCR_PRICE_LOOK=request.param == "on",
                           OCR_DATE_LOOK=request.param == "on")
    yield application
    application.extensions["panel.worker"].stop()
    empty_tables(application)


def test_items_come_from_the_second_reading_of_the_prices(live_app):
    client = live_app.test_client()
    tokens = register(live_app, client)
    photo = jpeg_bytes(receipt_with_show_through("20,44", printed=BOUGHT_PRINTED))
    receipt = wait_until_final(client, tokens, upload(client, tokens, photo).get_json()["id"])
    assert receipt["total"] == "20.44"
    amounts = [item["amount"] for item in receipt["items"]]
    if live_app.config["OCR_PRICE_LOOK"]:
        assert amounts == AMOUNTS
    else:  # tesseract alone reads two prices with a minus sign
        assert amounts != AMOUNTS


def test_a_date_lost_under_a_barcode_comes_from_the_second_reading(live_app):
    client = live_app.test_client()
    tokens = register(live_app, client)
    printed = BOUGHT.strftime("%d.%m.%y")
    photo = jpeg_bytes(barcode_receipt(f"3182  748433/01  {printed}  15:59"))
    receipt = wait_until_final(client, tokens, upload(client, tokens, photo).get_json()["id"])
    if live_app.config["OCR_DATE_LOOK"]:
        assert (receipt["purchase_date"], receipt["status"]) == (BOUGHT.isoformat(), "accepted")
    else:  # tesseract alone loses the date line under the bars
        assert (receipt["purchase_date"], receipt["status"]) == (None, "needs_review")
