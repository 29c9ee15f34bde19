"""Helpers for redaction tests: pages from plain text lines, and the real tesseract engine."""
from __future__ import annotations

import pytest

from ocr import TesseractEngine
from tests.ocr.synthetic import make_page as page_from_texts


@pytest.fixture
def make_page():
    """``make_page("line one", "line two")``: an OcrPage with made-up word boxes."""
    return lambda *texts: page_from_texts(list(texts))


@pytest.fixture(scope="session")
def tesseract_engine():
    return TesseractEngine(lang="eng")
