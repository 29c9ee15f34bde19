"""Real tesseract: render a receipt with a card number, redact the image, read it again."""
from PIL import Image, ImageDraw, ImageFont

from ocr.types import ParsedReceipt
from redaction import Policy, analyze, paint, redact_receipt, verify

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
CARD = "4532 0151 1283 0366"  # Luhn-valid
RECEIPT = ["SUPERMARKT MUSTER", "Hauptstrasse 1, Berlin", "Milch            1,29",
           "Brot             2,49", "SUMME EUR        3,78", "Kartenzahlung VISA",
           f"Karte {CARD}", "Datum 12.03.2024 14:35", "Vielen Dank"]


def render(lines):
    font = ImageFont.truetype(FONT, 28)
    image = Image.new("RGB", (760, 60 + 46 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(lines):
        draw.text((30, 30 + 46 * row), text, font=font, fill="black")
    return image


def digits_of(text):
    return "".join(char for char in text if char.isdigit())


def test_card_number_is_gone_after_painting(tesseract_engine):
    image = render(RECEIPT)
    page = tesseract_engine.read(image)
    assert digits_of(CARD) in digits_of(page.text)  # tesseract read the number

    findings = analyze(page)
    assert [f.category for f in findings] == ["card_number"]
    decision = Policy().decide(findings, page)
    assert not decision.remove_receipt and decision.paint_boxes

    painted = paint(image, decision)
    again = tesseract_engine.read(painted)
    assert digits_of(CARD)[-4:] not in digits_of(again.text)
    assert "0151" not in again.text and "SUMME" in again.text  # the rest is still readable
    assert verify(painted, tesseract_engine) == []

    redacted_page, _ = redact_receipt(page, ParsedReceipt(), decision)
    assert digits_of(CARD)[:6] not in digits_of(redacted_page.text)


def test_verify_reports_an_unpainted_card(tesseract_engine):
    leaks = verify(render(RECEIPT), tesseract_engine)
    assert [f.category for f in leaks] == ["card_number"]
