"""Verification around the paint (real tesseract): what it reads again, what it finds, and
what only a whole-page verification would find."""
from ocr.types import Box, OcrPage
from redaction import Policy, analyze, paint, paint_verified, verify
from redaction.verify_painted import bands, verify_painted
from tests.redaction.test_end_to_end import CARD, render

LINES = ["SUPERMARKT MUSTER", "Kunde: max.mustermann@example.de", "Milch            1,29",
         "Brot             2,49", "Butter           1,99", "Kaese            3,49",
         "SUMME EUR        9,26", "Kartenzahlung VISA", f"Karte {CARD}",
         "Genehmigungs-Nr 5YSFAO", "Vielen Dank"]


def test_bands_reach_past_each_box_merge_and_stay_on_the_page():
    decision = Policy().decide([], OcrPage(100, 340, []))
    decision.paint_boxes = [Box(10, 10, 50, 20), Box(10, 40, 50, 20), Box(10, 300, 50, 20)]
    assert bands(decision, 340) == [(0, 91), (270, 340)]


def read(engine):
    image = render(LINES)
    page = engine.read(image)
    return image, page, analyze(page)


def test_what_the_decision_left_next_to_the_paint_or_on_read_lines_is_found(tesseract_engine):
    image, page, findings = read(tesseract_engine)
    assert {"card_number", "auth_code", "email"} <= {f.category for f in findings}
    cards = [f for f in findings if f.category == "card_number"]
    decision = Policy().decide(cards, page)  # as if only the card had been found
    painted = paint(image, decision)
    leaks = verify_painted(painted, page, decision, tesseract_engine)
    # the code beside the card is read again in its band; the e-mail, six lines from any
    # paint, stands as the first reading read it and is analysed again with the rest
    assert {leak.category for leak in leaks} == {"auth_code", "email"}


def test_a_line_the_first_reading_missed_far_from_paint_is_not_read_again(tesseract_engine):
    image, page, findings = read(tesseract_engine)
    email_line = next(i for i, line in enumerate(page.lines) if "@" in line.text)
    blind = OcrPage(page.width, page.height,
                    [line for i, line in enumerate(page.lines) if i != email_line])
    cards = [f for f in analyze(blind) if f.category in ("card_number", "auth_code")]
    decision = Policy().decide(cards, blind)
    painted = paint(image, decision)
    assert verify_painted(painted, blind, decision, tesseract_engine) == []  # the limit
    assert {leak.category for leak in verify(painted, tesseract_engine)} == {"email"}


def test_everything_painted_leaves_nothing(tesseract_engine):
    image, page, findings = read(tesseract_engine)
    decision = Policy().decide(findings, page)
    assert verify_painted(paint(image, decision), page, decision, tesseract_engine) == []
    final, painted = paint_verified(image, page, decision, tesseract_engine)
    assert painted is not None and final.paint_boxes == decision.paint_boxes


def test_nothing_painted_nothing_read_again(tesseract_engine):
    image, page, findings = read(tesseract_engine)
    nothing = Policy().decide([], page)
    assert verify_painted(image, page, nothing, tesseract_engine) == []
    final, _ = paint_verified(image, page, nothing, tesseract_engine, scope="page")
    assert {"card_number", "email"} <= {category for category, _, _ in final.counts}
