"""Operators: redacted copies of the text and parsed receipt, and painted images."""
from decimal import Decimal

import numpy as np
import pytest
from PIL import Image

from ocr.types import Box, ParsedItem, ParsedReceipt
from redaction import Decision, Policy, analyze, paint, redact_receipt
from redaction.findings import Finding


@pytest.fixture
def page(make_page):
    return make_page("SHOP", "Milch 1,29", "Kirchenkerze 3,00", "Bestellt von max@example.de 2,00",
                     "SUMME 6,29", "VISA 4111 1111 1111 1111")


@pytest.fixture
def parsed():
    return ParsedReceipt(
        merchant="SHOP", currency="EUR", total=Decimal("6.29"), subtotal=Decimal("6.29"),
        items=[ParsedItem("Milch", Decimal("1.29"), line_index=1),
               ParsedItem("Kirchenkerze", Decimal("3.00"), line_index=2),
               ParsedItem("Bestellt von max@example.de", Decimal("2.00"), line_index=3)],
        confidence={"total": 0.9})


@pytest.fixture
def decision(page):
    religion = Finding("religion", "test", 2, 0, 12, 0.9, (page.lines[2].words[0].box,))
    return Policy().decide([*analyze(page), religion], page)


def test_redacted_copies(page, parsed, decision):
    new_page, new_parsed = redact_receipt(page, parsed, decision)
    assert new_page.lines[3].text == "Bestellt von ************** 2,00"
    assert new_page.lines[5].text == "VISA **** **** **** ****"
    assert new_page.lines[2].text == "************ ****"      # removed line keeps its place
    assert [w.box for w in new_page.lines[5].words] == [w.box for w in page.lines[5].words]
    assert [item.description for item in new_parsed.items] == [
        "Milch", "Bestellt von **************"]
    assert [item.line_index for item in new_parsed.items] == [1, 3]
    assert (new_parsed.total, new_parsed.subtotal, new_parsed.currency) == (
        parsed.total, parsed.subtotal, parsed.currency)
    assert "4111" not in new_page.text and "example" not in new_page.text
    # the originals are untouched
    assert "4111" in page.lines[5].text and len(parsed.items) == 3


def test_redacting_a_removed_receipt_is_refused(page, parsed):
    with pytest.raises(ValueError):
        redact_receipt(page, parsed, Decision(remove_receipt=True, reason="prescription"))


def test_paint_blacks_out_boxes_with_margin_and_nothing_else():
    image = Image.new("RGB", (200, 100), "white")
    decision = Decision(paint_boxes=[Box(50, 30, 40, 20)], page_size=(200, 100))
    painted = paint(image, decision, margin=4)
    pixels = np.asarray(painted)
    assert painted is not image and np.asarray(image).min() == 255
    assert (pixels[26:54, 46:94] == 0).all()                      # box grown by 4 px
    outside = np.ones(pixels.shape[:2], bool)
    outside[26:54, 46:94] = False
    assert (pixels[outside] == 255).all()


def test_paint_scales_boxes_to_a_resized_image():
    image = Image.new("L", (100, 50), 255)
    decision = Decision(paint_boxes=[Box(50, 30, 40, 20)], page_size=(200, 100))
    pixels = np.asarray(paint(image, decision, margin=0))
    assert (pixels[15:25, 25:45] == 0).all()
    assert pixels[:15].min() == 255 and pixels[25:].min() == 255


def test_paint_keeps_inside_the_image_and_handles_palette_images():
    image = Image.new("P", (60, 40))
    decision = Decision(paint_boxes=[Box(0, 0, 10, 10), Box(55, 35, 20, 20)])
    painted = paint(image, decision)
    assert painted.mode == "RGB" and painted.getpixel((0, 0)) == (0, 0, 0)
    assert painted.getpixel((59, 39)) == (0, 0, 0)


def test_paint_refuses_a_removed_receipt():
    with pytest.raises(ValueError):
        paint(Image.new("RGB", (10, 10)), Decision(remove_receipt=True, reason="prescription"))


def test_items_and_merchant_read_from_a_removed_line_are_dropped(make_page):
    page = make_page("Ev. Kirchengemeinde Basar", "Kuchen 2,00", "Spende Kirchengemeinde",
                     "5,00", "SUMME 7,00")
    parsed = ParsedReceipt(
        merchant="Ev. Kirchengemeinde Basar", total=Decimal("7.00"),
        items=[ParsedItem("Kuchen", Decimal("2.00"), line_index=1),
               # the parser joined a description with the price on the next line
               ParsedItem("Spende Kirchengemeinde", Decimal("5.00"), line_index=3)])
    decision = Policy().decide(analyze(page), page)
    assert decision.removed_lines == frozenset({0, 2})
    new_page, new_parsed = redact_receipt(page, parsed, decision)
    assert [item.description for item in new_parsed.items] == ["Kuchen"]
    assert new_parsed.merchant is None and new_parsed.total == Decimal("7.00")
    assert "irchengemeinde" not in new_page.text


def test_masked_span_is_painted_as_one_box_over_its_words(make_page):
    page = make_page("SHOP", "VISA 4111 1111 1111 1111")
    decision = Policy().decide(analyze(page), page)
    words = page.lines[1].words
    assert decision.paint_boxes == [words[1].box.union(words[4].box)]
