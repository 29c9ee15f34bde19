"""Reading a prepared image into an ``OcrPage``: the engines (``engine``: tesseract, and
``rapid``: RapidOCR), the lighting evened out before reading (``lighting``), and printed
lines rebuilt from word boxes for any engine (``layout``)."""
from ocr.read.engine import DEFAULT_ENGINE, ENGINE_NAMES, OcrEngine, TesseractEngine, make_engine

__all__ = ["DEFAULT_ENGINE", "ENGINE_NAMES", "OcrEngine", "TesseractEngine", "make_engine"]
