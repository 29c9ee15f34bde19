"""Text below the items that the reading could not read is painted (redaction.unread).

The tables draw a receipt and give ``unread_boxes`` a reading of it that misses some lines
or reads them as noise; the last test runs the real tesseract on a generated photo whose
delivery address it reads as noise."""
import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ocr.types import Box, Line, OcrPage, Word
from redaction import Policy
from redaction.evalset.content import generate
from redaction.evalset.photo import deskew, render
from redaction.evalset.pipeline import redact_photo
from redaction.evalset.reader import TesseractReader
from redaction.unread import unread, unread_boxes
from redaction.verified import paint_unread

FONT = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 22)
ROWS = ["SUPERMARKT", "Milch 1,19", "Brot 2,49", "SUMME 3,68", "Lieferadresse:",
        "Lena Novak", "Rosenallee 51", "Vielen Dank"]
ROW_HEIGHT, TOP = 36, 20


def receipt(rows=ROWS, barcode_after=None):
    image = Image.new("RGB", (480, TOP * 2 + ROW_HEIGHT * (len(rows) + 3)), "white")
    draw = ImageDraw.Draw(image)
    boxes = []
    for index, text in enumerate(rows):
        top = TOP + index * ROW_HEIGHT
        draw.text((20, top), text, font=FONT, fill="black")
        left, upper, right, lower = draw.textbbox((20, top), text, font=FONT)
        boxes.append(Box(left, upper, right - left, lower - upper))
        if barcode_after == index:
            for x in range(20, 300, 6):
                draw.rectangle((x, top + ROW_HEIGHT, x + 2, top + 3 * ROW_HEIGHT), fill="black")
    return image, boxes


def reading(image, boxes, rows=ROWS, missed=(), noise=()):
    """A page holding the rows except ``missed``; rows in ``noise`` read with confidence 0.2."""
    lines = [Line([Word(rows[i], boxes[i], 0.2 if i in noise else 0.9)])
             for i in range(len(rows)) if i not in missed]
    return OcrPage(image.width, image.height, lines, "test")


def painted_rows(boxes, rows=ROWS, missed=(), noise=(), barcode_after=None):
    image, drawn = receipt(rows, barcode_after)
    found = unread_boxes(image, reading(image, drawn, rows, missed, noise))
    return [rows[i] for i, box in enumerate(drawn)
            if any(b.top <= box.top and box.bottom <= b.bottom for b in found)]


@pytest.mark.parametrize("missed, noise, expected", [
    ((), (), []),                                              # all read: nothing painted
    ((5,), (), ["Lena Novak"]),                                # a line the reading skipped
    ((4, 5), (), ["Lieferadresse:", "Lena Novak"]),
    ((), (6,), ["Rosenallee 51"]),                             # read as noise
    ((1,), (), []),                                            # an item missed: above the total
    ((), (2,), []),                                            # an item read as noise
    ((0,), (), []),                                            # the header
])
def test_unread_lines_below_the_last_amount_are_painted(missed, noise, expected):
    assert painted_rows(None, missed=missed, noise=noise) == expected


def test_a_barcode_below_the_total_is_not_a_line_of_text():
    rows = ROWS[:4] + ["Vielen Dank"]
    assert painted_rows(None, rows=rows, barcode_after=4) == []


def test_nothing_without_an_amount():
    rows = ["SUPERMARKT", "Lieferadresse:", "Lena Novak"]
    assert painted_rows(None, rows=rows, missed=(2,)) == []


def test_the_policy_can_keep_unread_text():
    image, drawn = receipt()
    page = reading(image, drawn, missed=(5,))
    decision = Policy().decide([], page)
    painted = paint_unread(image, page, decision, Policy())
    assert painted.counts == [("unread", "masked", 1)] and len(painted.paint_boxes) == 1
    kept = paint_unread(image, page, decision, Policy({"unread": "kept"}))
    assert kept.counts == [] and kept.paint_boxes == []


def test_the_text_of_a_noise_line_is_masked_too():
    image, drawn = receipt()
    page = reading(image, drawn, noise=(6,))
    decision = paint_unread(image, page, Policy().decide([], page), Policy())
    assert decision.masked_spans == {6: [(0, len("Rosenallee 51"))]}
    assert paint_unread(image, reading(image, drawn), Policy().decide([], page),
                        Policy()).masked_spans == {}


def test_a_delivery_address_tesseract_reads_as_noise_is_painted():
    """Seed 11, photo 89 of the evaluation: faded 19 px type, blur, noise, a shadow; the
    reading misses the cue and the address lines or makes noise of them."""
    receipt_89 = generate(90, 11)[89]
    photo = deskew(render(receipt_89, random.Random(11 * 1000 + 89)))
    result = redact_photo(photo.image, TesseractReader("deu+eng"))
    assert result.painted is not None
    paint = np.asarray(result.painted.convert("L")) == 0
    for index, row in enumerate(receipt_89.rows):
        ink = photo.secrets == index + 1
        if row.label == "address":
            assert (ink & paint).sum() / ink.sum() >= 0.98, row.label
        if row.label == "item":
            assert (ink & paint).sum() / max(ink.sum(), 1) < 0.3


def rendered(rows, blot=None):
    """A plain receipt drawn in a monospace font; ``blot``: the index of a row smudged past
    reading (blurred ink that stays as dark and as tall as text)."""
    image = Image.new("RGB", (520, 40 + ROW_HEIGHT * len(rows) + 40), "white")
    draw = ImageDraw.Draw(image)
    for index, text in enumerate(rows):
        draw.text((20, TOP + ROW_HEIGHT * index), text, font=FONT, fill="black")
    if blot is not None:
        top = TOP + ROW_HEIGHT * blot
        band = image.crop((0, top - 4, image.width, top + 30))
        for _ in range(3):
            band = band.filter(ImageFilter.GaussianBlur(2.2))
        band = band.point(lambda v: 0 if v < 200 else 255)
        image.paste(band, (0, top - 4))
    return image


@pytest.mark.parametrize("rule", ["=" * 30, "*" * 30, "#" * 30, "-" * 30, "_" * 30])
def test_a_plain_receipt_with_printed_rules_gets_no_band(rule):
    import ocr
    rows = ["SUPERMARKT MUSTER", "Milch 1,5% 1L     1,19 A", "SUMME            1,19", rule,
            "Vielen Dank fuer Ihren Einkauf", rule, "Bis bald!"]
    image = ocr.prepare([rendered(rows)])
    page = ocr.make_engine("tesseract", lang="deu+eng").read(image)
    assert unread(image, page) == ([], [])
    assert paint_unread(image, page, Policy().decide([], page), Policy()).counts == []


def test_an_unreadable_blot_of_text_below_the_items_gets_a_band():
    import ocr
    rows = ["SUPERMARKT MUSTER", "Milch 1,5% 1L     1,19 A", "SUMME            1,19",
            "=" * 30, "Lena Novak Rosenallee 51", "Vielen Dank"]
    photo = rendered(rows, blot=4)
    image = ocr.prepare([photo])  # scaled to the working line height
    page = ocr.make_engine("tesseract", lang="deu+eng").read(image)
    _, boxes = unread(image, page)
    scale = image.width / photo.width
    blot_middle = (TOP + ROW_HEIGHT * 4 + 10) * scale
    assert len(boxes) == 1 and boxes[0].top <= blot_middle <= boxes[0].bottom
    decision = paint_unread(image, page, Policy().decide([], page), Policy())
    assert decision.counts == [("unread", "masked", 1)]
