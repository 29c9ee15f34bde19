"""The tests' fake engine (tests/support/fake_ocr.py) reads the receipts the page, control
and isolation tests draw as tesseract does: same fields, same redaction, put upright by the
same steps; what it was not drawn it hands to tesseract."""
from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

import ocr
import redaction
from ocr import TesseractEngine
from ocr.prepare import orient
from ocr.prepare.steps import page_steps
from tests.dashboard.test_receipts_pages import SHOP
from tests.ocr.synthetic import DEFAULT_FONT, render_receipt
from tests.panel.api.test_control import LINES as CONTROL
from tests.support.factories import BOUGHT, jpeg_bytes
from tests.support.fake_ocr import FakeEngine

KIOSK = [("KIOSK", ""), ("Cola", "1,50"), ("SUMME", "1,50")]


def real() -> TesseractEngine:
    return TesseractEngine(lang="deu+eng")


def uploaded(lines) -> Image.Image:
    """The drawn receipt as the pipeline has it: a JPEG, prepared (cropped, scaled)."""
    return ocr.prepare([Image.open(io.BytesIO(jpeg_bytes(render_receipt(lines)))).convert("RGB")])


def fields(receipt: ocr.ParsedReceipt) -> tuple:
    return (receipt.merchant, receipt.purchase_date, receipt.total, receipt.currency,
            [(item.description, item.amount) for item in receipt.items])


@pytest.mark.parametrize("lines", [SHOP, CONTROL, KIOSK], ids=["shop", "control", "kiosk"])
def test_the_fake_reads_a_drawn_receipt_as_tesseract_does(lines):
    image, fake = uploaded(lines), FakeEngine(real)
    results = []
    for engine in (real(), fake):
        page, parsed = ocr.understand(image, engine.read(image), engine, BOUGHT, "DE")
        done = redaction.redact(image, page, parsed, engine, redaction.Policy())
        results.append((fields(parsed), sorted(done.decision.counts), done.page.text))
    assert results[0] == results[1]
    assert fake.real_reads == 0 and fake.fake_reads >= 1


@pytest.mark.parametrize("lines", [SHOP, CONTROL, KIOSK], ids=["shop", "control", "kiosk"])
def test_the_fake_puts_a_drawn_receipt_upright_as_tesseract_does(lines, monkeypatch):
    """The test-reads that decide a page's turn (a band read as it lies, turned a quarter
    way and upside down), answered by the fake, lead to the same steps as tesseract's."""
    page = Image.open(io.BytesIO(jpeg_bytes(render_receipt(lines)))).convert("RGB")
    steps = page_steps(page)[1]
    fake = FakeEngine(real, orient.word_confidences)
    monkeypatch.setattr(orient, "word_confidences", fake.word_confidences)
    assert page_steps(page)[1] == steps
    assert fake.real_reads == 0 and fake.fake_reads >= 1


def test_what_was_not_drawn_goes_to_the_real_engine():
    """A page drawn otherwise than by render_receipt: the fake does not know it."""
    image = Image.new("RGB", (640, 200), "white")
    face = ImageFont.truetype(str(DEFAULT_FONT), 26)
    ImageDraw.Draw(image).text((24, 24), "BAECKEREI KORN", font=face, fill="black")
    ImageDraw.Draw(image).text((24, 70), "SUMME 3,10", font=face, fill="black")
    prepared = ocr.prepare([image])
    fake = FakeEngine(real, orient.word_confidences)
    assert fake.read(prepared).text == real().read(prepared).text
    assert fake.word_confidences(prepared) == orient.word_confidences(prepared)
    assert fake.real_reads == 2 and fake.fake_reads == 0
