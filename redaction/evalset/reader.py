"""A small tesseract reader for the evaluation, producing ``ocr.types.OcrPage``.

The redaction package may not import the project's ``ocr`` engine, so this reads the way it
does (greyscale, the paper's lighting evened out, ``--psm 6``, tesseract's own lines, one
process thread, no inverted-text pass).
"""
from __future__ import annotations

import os

from PIL import Image

from ocr.types import Box, Line, OcrPage, Word
from redaction.lighting import flatten_lighting

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import pytesseract  # noqa: E402  (after the thread limit is set)


class TesseractReader:
    def __init__(self, lang: str = "deu+eng", psm: int = 6) -> None:
        self.lang, self.psm = lang, psm
        self.name = f"tesseract-{lang}-psm{psm}"

    def read(self, image: Image.Image) -> OcrPage:
        grey = flatten_lighting(image)  # as ocr.TesseractEngine evens the lighting first
        data = pytesseract.image_to_data(grey, lang=self.lang,
                                         config=f"--psm {self.psm} -c tessedit_do_invert=0",
                                         output_type=pytesseract.Output.DICT)
        lines: dict[tuple[int, int, int], list[Word]] = {}
        for i, text in enumerate(data["text"]):
            if not (text or "").strip():
                continue
            box = Box(data["left"][i], data["top"][i], data["width"][i], data["height"][i])
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            confidence = max(0.0, min(1.0, float(data["conf"][i]) / 100))
            lines.setdefault(key, []).append(Word(text.strip(), box, confidence))
        ordered = sorted((Line(words) for words in lines.values()),
                         key=lambda line: (line.box.top, line.box.left))
        return OcrPage(image.width, image.height, ordered, self.name)
