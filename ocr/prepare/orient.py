"""Put the receipt upright: small skew by projection profiles, quarter turns by reading.

Printed lines make the row sums of ink jump between line and gap; their variance peaks when
the lines are level. A receipt is long: cropped wider than high, it may lie on its side,
and a band of it is test-read three ways, as it is and turned either way (tesseract's own
orientation detection, tried first, was wrong on plain receipt fonts). Upside-down pages
(180 degrees) are test-read both ways when ``check_upside_down`` asks for it (each
test-read costs about 0.2 s), or when a cheap screen of the print's shape (no reading,
``ocr.prepare.upside_down``) leaves doubt; they are turned over only when the turned band reads
clearly and clearly better. Bands are read with their printed lines brought to the working
height (``ocr.prepare.line_height``): small print is enlarged, or it reads as noise either way.
"""
from __future__ import annotations

import numpy as np
import pytesseract
from PIL import Image

from ocr.prepare.geometry import Rotate, Step, grey_copy, replay
from ocr.prepare.line_height import TARGET_LINE_HEIGHT, estimate_line_height
from ocr.prepare.upside_down import print_asymmetry
from ocr.read.lighting import even_lighting

WORK_SIDE = 600
SKEW_ANGLES = np.arange(-5.0, 5.01, 0.5)
MIN_SKEW = 0.75  # degrees; below this the rotation costs more than it helps
SIDEWAYS_RATIO = 1.0  # a receipt cropped wider than high may lie on its side (no longer
# 1.1: a warped paper has lost the slack a turned crop had, and a short receipt lying on its
# side came out 1.09 wide)
BAND_WIDTH = 700  # pixels across when test-reading a band of the page
MAX_BAND_SCALE, MAX_BAND_WIDTH = 4.0, 1400  # a band with small print is enlarged to read it
SCREEN_UPSIDE_DOWN = True  # test-read pages whose print looks top-heavy the other way up
SCREEN_BELOW = 0.03  # print asymmetry under which a page is test-read upside down too
CLEAR_WORDS, CLEAR_MEAN = 5, 70  # a band read this well as it lies is upright
# A band must read this much better turned over (on 40 generated photos, turned upright
# bands read at 86-96 against 44-72 upside down, with 1.7 to 4 times the summed confidence)
TURN_MARGIN, TURN_RATIO = 20, 2.0


def upright(image: Image.Image, check_upside_down: bool = False) -> Image.Image:
    """The page with its printed lines level and reading left to right."""
    return replay(image, upright_steps(image, check_upside_down))


def upright_steps(image: Image.Image, check_upside_down: bool = False) -> list[Step]:
    """The turns that make ``image`` upright: a quarter or half turn, then the skew.

    A page that is not lying on its side is test-read upside down as well when
    ``check_upside_down`` asks for it, or when the cheap screen (``SCREEN_UPSIDE_DOWN``,
    ``ocr.prepare.upside_down``) finds its printed lines top-heavy."""
    turn = 0
    if image.width > SIDEWAYS_RATIO * image.height:
        turn = best_turn(image, (0, 90, 270))
        if turn:
            image = Rotate(turn).apply(image)
    angle, _ = skew_angle(ink_mask(image))
    angle = angle if abs(angle) >= MIN_SKEW else 0.0
    if not turn and (check_upside_down or (
            SCREEN_UPSIDE_DOWN and print_asymmetry(image, angle) < SCREEN_BELOW)):
        if upside_down(image):
            angle += 180
    return [Rotate(r) for r in (turn, angle) if r]


def upside_down(image: Image.Image) -> bool:
    """Whether a band of the page reads clearly only the other way up, and much better so.

    A wrong half turn loses the whole receipt, while leaving an upside-down page as it is
    loses no more than a doubtful reading would: so the page is turned only on a clear
    reading (``reads_clearly``) that beats the reading as it lies clearly: by
    ``TURN_MARGIN`` points of mean confidence, or twice its words' summed confidence
    (more words read as sure). (Picking the better of two poor readings turned upright
    dot-matrix and small thermal print over on real phone photos.)"""
    as_is = word_confidences(image)
    if reads_clearly(as_is):
        return False
    turned = word_confidences(Rotate(180).apply(image))
    return reads_clearly(turned) and (mean(turned) >= mean(as_is) + TURN_MARGIN
                                      or sum(turned) >= TURN_RATIO * sum(as_is))


def mean(confidences: list[float]) -> float:
    return sum(confidences) / len(confidences) if confidences else 0.0


def best_turn(image: Image.Image, turns: tuple[int, ...]) -> int:
    """The turn (degrees counter-clockwise) under which tesseract reads the most words; the
    first turn (as it lies) without trying the others when it reads clearly."""
    scores = {}
    for turn in turns:
        confidences = word_confidences(Rotate(turn).apply(image) if turn else image)
        if not scores and reads_clearly(confidences):
            return turn
        scores[turn] = sum(confidences)
    return max(scores, key=scores.get)


def reads_clearly(confidences: list[float]) -> bool:
    """Enough words read sure enough that no other turn needs trying. On 30 synthetic
    photos, upright bands read 5-20 words at mean confidence 74-96, turned ones at most 60."""
    return len(confidences) >= CLEAR_WORDS and mean(confidences) >= CLEAR_MEAN


def word_confidences(image: Image.Image) -> list[float]:
    """Tesseract's confidence (0-100) of each real word (3+ letters or digits) it reads in a
    band of the page, with the lighting evened out as the engine does (grey-lit paper beside
    a bright patch of table read as nothing)."""
    band = image.crop((0, int(image.height * 0.3), image.width, int(image.height * 0.6)))
    scale = band_scale(band)
    band = band.convert("L").resize((max(1, round(band.width * scale)),
                                     max(1, round(band.height * scale))))
    data = pytesseract.image_to_data(even_lighting(band),
                                     config="--psm 6 -c tessedit_do_invert=0",
                                     output_type=pytesseract.Output.DICT)
    return [float(conf) for text, conf in zip(data["text"], data["conf"])
            if sum(c.isalnum() for c in (text or "")) >= 3 and float(conf) > 0]


def band_scale(band: Image.Image) -> float:
    """The scale that brings the band's printed lines to ``TARGET_LINE_HEIGHT`` (small print
    enlarged up to ``MAX_BAND_SCALE``, within ``MAX_BAND_WIDTH``); where their height is
    not clear, the band at most ``BAND_WIDTH`` wide."""
    height = estimate_line_height(band)
    if height is None:
        return min(1.0, BAND_WIDTH / band.width)
    return min(TARGET_LINE_HEIGHT / height, MAX_BAND_SCALE, MAX_BAND_WIDTH / band.width)


def ink_mask(image: Image.Image) -> np.ndarray:
    """1 where there is print, on a small copy with the lighting evened out."""
    scale = min(1.0, WORK_SIDE / max(image.size))
    grey = np.asarray(even_lighting(grey_copy(image, scale)), dtype=np.float32)
    height, width = grey.shape  # the margins may hold background or the paper's edge
    return (grey[height // 10: height - height // 10, width // 10: width - width // 10]
            < 150).astype(np.float32)


def profile_score(ink: np.ndarray) -> float:
    """Variance of the row means: high when rows alternate between text and gap."""
    return float(np.var(ink.mean(axis=1))) if ink.size else 0.0


def skew_angle(ink: np.ndarray) -> tuple[float, float]:
    """The rotation (degrees, counter-clockwise) that levels the printed lines, and the
    profile score it reaches."""
    picture = Image.fromarray((ink * 255).astype(np.uint8))
    scores = [profile_score(np.asarray(picture.rotate(a, resample=Image.Resampling.BILINEAR,
                                                      expand=True), dtype=np.float32))
              for a in SKEW_ANGLES]
    best, level = int(np.argmax(scores)), int(np.argmin(np.abs(SKEW_ANGLES)))
    if scores[best] <= scores[level] * 1.02:  # no clear gain (or no text): leave it level
        best = level
    return float(SKEW_ANGLES[best]), scores[best]
