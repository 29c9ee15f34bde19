"""The service reads the price column again (OCR_PRICE_LOOK, on by default) where the items
do not add up: the stored items are those of the second reading, and redaction works on it.
Real tesseract and RapidOCR, the embedded worker, SQLite and local storage."""
from __future__ import annotations

import pytest

from tests.ocr.test_price_look import AMOUNTS, receipt_with_show_through
from tests.support.apps import database_url, empty_tables, make_app
from tests.support.factories import BOUGHT_PRINTED, jpeg_bytes, register, upload
from tests.support.waiting import wait_until_final


@pytest.fixture(params=["on", "off"])
def live_app(request, tmp_path):
    application = make_app(tmp_path, database_url("sqlite", request, tmp_path),
                           EMBEDDED_WORKER="on", WORKER_POLL_SECONDS=0.5,
                           OCR_PRICE_LOOK=request.param == "on")
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
