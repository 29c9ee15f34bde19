"""RapidOCR (PP-OCRv4 models run by onnxruntime) behind the ``OcrEngine`` interface.

Only the models inside the ``rapidocr-onnxruntime`` wheel are used: nothing is downloaded.
One inference thread, like tesseract with OMP_THREAD_LIMIT=1: parallelism comes from
processes. The model is loaded once per process, on first use.
"""
from __future__ import annotations

import copy
import unicodedata
from functools import lru_cache

import numpy as np
from PIL import Image

from ocr.read.layout import build_lines, split_run
from ocr.types import Box, OcrPage, Word

# Recognised runs below this score are mostly paper texture and logos.
MIN_SCORE = 0.5
# RapidOCR shrinks images whose long side exceeds max_side_len before detection; a long
# receipt at reading resolution is 3000-4000 px tall and must not lose half its pixels.
MAX_SIDE = 5000
IDEOGRAPHIC_MARKS = str.maketrans({"、": ",", "。": "."})


@lru_cache(maxsize=1)
def rapid_model():
    from rapidocr_onnxruntime import RapidOCR  # optional dependency, imported when used
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, max_side_len=MAX_SIDE,
                    use_cls=False, text_score=MIN_SCORE)


@lru_cache(maxsize=1)
def line_model():
    """The recogniser of ``rapid_model`` (same session) without its minimum input width:
    it pads every line to 320 x 48 pixels, which short crops (a price) do not need. A
    price-column crop then reads in about two thirds of the time, with the same text."""
    model = copy.copy(rapid_model().text_rec)
    model.rec_image_shape = [*model.rec_image_shape[:2], model.rec_image_shape[1]]
    return model


def recognise_lines(crops: list[Image.Image]) -> list[tuple[str, float]]:
    """Text and score of each crop holding one line of print, by the recogniser alone (no
    detection): a cheap second reading of parts of a page. Text is NFKC-normalised and
    ideographic commas and stops are read as ours (the model, trained on Chinese as well,
    reads some decimal commas as ``，`` or ``、``). Crops are read one at a time: batches
    were no faster on one thread."""
    model = line_model()
    results = []
    for crop in crops:
        pixels = np.ascontiguousarray(np.asarray(crop.convert("RGB"))[:, :, ::-1])
        [(text, score)], _ = model([pixels])
        text = unicodedata.normalize("NFKC", text).translate(IDEOGRAPHIC_MARKS)
        results.append((text.strip(), float(score)))
    return results


class RapidOcrEngine:
    name = "rapidocr"

    def read(self, image: Image.Image) -> OcrPage:
        pixels = np.asarray(image.convert("RGB"))[:, :, ::-1]  # the model expects BGR
        result, _ = rapid_model()(pixels)
        groups = [run_words(points, text, score) for points, text, score in result or []]
        return OcrPage(width=image.width, height=image.height, lines=build_lines(groups),
                       engine=self.name)


def run_words(points, text: str, score) -> list[Word]:
    """Words of one detected text run; its quadrilateral becomes an axis-aligned box."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    left, top = int(min(xs)), int(min(ys))
    box = Box(max(0, left), max(0, top), int(max(xs)) - left, int(max(ys)) - top)
    return split_run(text, box, max(0.0, min(1.0, float(score))))
