"""RapidOCR (PP-OCRv4 models run by onnxruntime) behind the ``OcrEngine`` interface.

Only the models inside the ``rapidocr-onnxruntime`` wheel are used: nothing is downloaded.
One inference thread, like tesseract with OMP_THREAD_LIMIT=1: parallelism comes from
processes. The model is loaded once per process, on first use.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np
from PIL import Image

from ocr.layout import build_lines, split_run
from ocr.types import Box, OcrPage, Word

# Recognised runs below this score are mostly paper texture and logos.
MIN_SCORE = 0.5
# RapidOCR shrinks images whose long side exceeds max_side_len before detection; a long
# receipt at reading resolution is 3000-4000 px tall and must not lose half its pixels.
MAX_SIDE = 5000


@lru_cache(maxsize=1)
def rapid_model():
    from rapidocr_onnxruntime import RapidOCR  # optional dependency, imported when used
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, max_side_len=MAX_SIDE,
                    use_cls=False, text_score=MIN_SCORE)


def recognise_lines(crops: list[Image.Image]) -> list[tuple[str, float]]:
    """Text and score of each crop holding one line of print, by the recogniser alone (no
    detection): a cheap second reading of parts of a page. Text is NFKC-normalised (the
    model reads some commas as their full-width form). Crops are read one at a time:
    batches were slower on one thread (padded to the widest crop of the batch)."""
    model = rapid_model().text_rec
    results = []
    for crop in crops:
        pixels = np.ascontiguousarray(np.asarray(crop.convert("RGB"))[:, :, ::-1])
        [(text, score)], _ = model([pixels])
        results.append((unicodedata.normalize("NFKC", text), float(score)))
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
