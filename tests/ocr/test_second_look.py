"""The second look: a whitened reading only where the first one's items do not add up."""
from datetime import date

from ocr import make_engine, parse, prepare, read_receipt
from ocr.engine import TesseractEngine
from ocr.second_look import second_look, whitened_engine
from tests.ocr.synthetic import render_receipt

TODAY = date(2026, 3, 10)
CLEAN = [("BIOMARKT SONNE", ""), ("Hauptstraße 5", ""), ("Milch 1L", "1,29 A"),
         ("Brot", "2,49 A"), ("SUMME EUR", "3,78"), ("10.03.26 12:00", "")]


def test_the_whitened_engine_keeps_language_and_layout():
    engine = TesseractEngine(lang="deu", psm=6)
    other = whitened_engine(engine)
    assert isinstance(other, TesseractEngine)
    assert (other.lang, other.psm, other.whiten) == ("deu", 6, True)
    assert whitened_engine(other) is None  # already whitened: nothing to look again with


def test_a_receipt_that_adds_up_keeps_its_first_reading():
    engine = make_engine("tesseract")
    image = prepare([render_receipt(CLEAN)])
    page = engine.read(image)
    receipt = parse(page, today=TODAY)
    assert receipt.items_add_up
    assert second_look(image, engine, page, receipt, TODAY) == (page, receipt)


def test_read_receipt_with_a_second_look_parses_the_same_clean_receipt():
    _, _, first = read_receipt([render_receipt(CLEAN)], today=TODAY)
    _, _, looked = read_receipt([render_receipt(CLEAN)], today=TODAY, second_look=True)
    assert (looked.total, looked.items_add_up) == (first.total, True)
