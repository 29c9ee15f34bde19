"""Widening a decision with what verification still read on the painted image."""
import numpy as np
from PIL import Image

from ocr.types import Box, ParsedReceipt
from redaction import Policy, analyze, paint, redact_receipt, verify, widen
from redaction.findings import Finding
from redaction.lighting import flatten_lighting
from tests.redaction.test_end_to_end import RECEIPT, digits_of, render


def leak(category, *boxes):
    return Finding(category, "verify", 0, 0, 1, 0.9, tuple(boxes))


def test_leaks_mask_the_first_reading_words_under_them(make_page):
    page = make_page("SHOP", "Milch 1,29", "Autor-Nr LIPPHO", "SUMME 1,29")
    decision = Policy().decide([], page)
    code = page.lines[2].words[1].box
    wider = widen(decision, [leak("auth_code", Box(code.left - 2, code.top, 40, code.height))],
                  page)
    assert wider.masked_spans == {2: [(9, 15)]} and wider.removed_lines == frozenset()
    assert ("auth_code", "masked", 1) in wider.counts
    new_page, _ = redact_receipt(page, ParsedReceipt(), wider)
    assert "LIPPHO" not in new_page.text and "Milch" in new_page.text


def test_a_special_category_leak_removes_its_line(make_page):
    page = make_page("SHOP", "Milch 1,29", "Kondome 7,99", "SUMME 9,28")
    wider = widen(Policy().decide([], page), [leak("health", page.lines[2].words[0].box)], page)
    assert wider.removed_lines == frozenset({2})  # in the text; the leak's box is painted
    assert wider.paint_boxes == [page.lines[2].words[0].box]


def test_a_prescription_leak_removes_the_receipt(make_page):
    page = make_page("APOTHEKE", "Ramipril 5 mg 3,00")
    wider = widen(Policy().decide([], page), [leak("prescription", page.lines[1].words[0].box)],
                  page)
    assert wider.remove_receipt and wider.reason == "prescription"


def test_flattened_lighting_keeps_size_and_evens_out_a_shadow():
    shade = np.tile(np.linspace(90, 250, 400, dtype=np.float32), (200, 1))
    shade[90:110, 50:350] *= 0.2  # a printed bar, from the shadow into the light
    even = np.asarray(flatten_lighting(Image.fromarray(shade.astype(np.uint8)).convert("RGB")))
    assert even.shape == (200, 400)
    paper_dark, paper_light = even[:60, 20:60].mean(), even[:60, 340:380].mean()
    assert abs(paper_light - paper_dark) < 30 < 160  # was 160 apart
    assert even[95:105, 60:340].max() < 20  # the ink stays black


def test_verify_reads_through_a_shadow(tesseract_engine):
    image = render(RECEIPT).convert("L")
    pixels = np.asarray(image, dtype=np.float32)
    pixels = pixels * np.linspace(0.35, 1.0, pixels.shape[1], dtype=np.float32)[None, :]
    dark = Image.fromarray(pixels.clip(0, 255).astype(np.uint8)).convert("RGB")
    leaks = verify(dark, tesseract_engine)
    assert "card_number" in {finding.category for finding in leaks}
    page = tesseract_engine.read(dark)
    painted = paint(dark, widen(Policy().decide(analyze(page), page), leaks, page))
    again = tesseract_engine.read(flatten_lighting(painted).convert("RGB"))
    assert "0366" not in digits_of(again.text)
