"""Synthetic photos that know where the receipt lies: on a table (as ``photo.photograph``
makes them) or scanned on a white page, optionally upside down.

    photo, truth, ink, paper = scene(seed=7, white_page=True, upside_down=False)

``ink`` and ``paper`` are masks (mode "L", 255 inside) of the receipt's print and of its
paper in the photo's pixels; the crop measurement (``ocr.synthetic.crop_check``) compares
them with what ``prepare`` keeps. ``write_scenes`` writes a set ``ocr.evaluate`` reads.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from ocr.synthetic import TODAY
from ocr.synthetic.photo import add_noise, crease, draw_paper, jpeg, shadow, tilt
from ocr.synthetic.world import make_content

INK = 180  # below this grey level the drawn paper holds print


def scene(seed: int, white_page: bool = False, upside_down: bool = False, today=TODAY,
          locales=None):
    """(photo, truth, ink mask, paper mask) from one seed; ``locales`` as in
    ``ocr.synthetic.synthetic_receipt``."""
    rng = random.Random(seed)
    rows, truth = make_content(rng, today, locales)
    paper = crease(draw_paper(rows, rng, fit=locales is not None), rng)
    ink = paper.point(lambda v: 255 if v < INK else 0)
    place = on_white_page if white_page else on_table
    photo, ink, whole = place(paper, ink, rng)
    if upside_down:
        photo, ink, whole = (image.rotate(180) for image in (photo, ink, whole))
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.0, 1.0)))
    return jpeg(add_noise(photo, rng), rng.randint(60, 90)), truth, ink, whole


def on_table(paper: Image.Image, ink: Image.Image, rng: random.Random):
    """The paper on a darker table, tilted and turned as ``photo.photograph`` does."""
    table = tuple(rng.randint(30, 140) for _ in range(3))
    size = (int(paper.width * rng.uniform(1.1, 1.4)), int(paper.height * rng.uniform(1.05, 1.2)))
    at = ((size[0] - paper.width) // 2, (size[1] - paper.height) // 2)
    photo = Image.new("RGB", size, table)
    photo.paste(paper, at)
    masks = [Image.new("L", size, 0) for _ in range(2)]
    masks[0].paste(ink, at)
    masks[1].paste(255, at + (at[0] + paper.width, at[1] + paper.height))
    amount = rng.uniform(0.0, 0.06)
    angle = rng.uniform(-4, 4) + (90 if rng.random() < 0.05 else 0)
    photo = turn(tilt(photo, amount, table), angle, table)
    masks = [turn(tilt(mask, amount, 0), angle, 0) for mask in masks]
    return shadow(photo, rng.uniform(0.0, 0.3)), *masks


def on_white_page(paper: Image.Image, ink: Image.Image, rng: random.Random):
    """The receipt (greyer than the page) on a white A4 page, scanned whole: slightly
    askew, sometimes beside punch holes and a dark strip where the scanner's lid ends."""
    width = int(paper.width * rng.uniform(2.6, 3.6))
    size = (width, max(int(width * 1.414), int(paper.height * 1.1)))
    tone = rng.uniform(0.88, 0.97)
    paper = paper.point(lambda v: int(v * tone))
    angle = rng.uniform(-2, 2)
    outline = turn(Image.new("L", paper.size, 255), angle, 0)
    paper, ink = turn(paper, angle, 0), turn(ink, angle, 0)
    at = (rng.randint(size[0] // 20, size[0] - paper.width - size[0] // 20),
          rng.randint(0, max(0, size[1] - paper.height)))
    photo = Image.new("L", size, rng.randint(242, 255))
    draw = ImageDraw.Draw(photo)
    if rng.random() < 0.5 and at[0] > size[0] * 0.08:  # punch holes beside the receipt
        radius, grey = size[0] // 70, rng.randint(150, 200)
        for y in (0.35, 0.65):
            centre = (size[0] * 0.04, size[1] * y)
            draw.ellipse([centre[0] - radius, centre[1] - radius,
                          centre[0] + radius, centre[1] + radius], fill=grey)
    photo.paste(paper, at, outline)
    if rng.random() < 0.5:  # the scanner's dark edge along the left
        draw.rectangle([0, 0, size[0] // 100, size[1]], fill=rng.randint(20, 60))
    masks = [Image.new("L", size, 0) for _ in range(2)]
    masks[0].paste(ink, at, outline)
    masks[1].paste(outline, at, outline)
    return photo.convert("RGB"), *masks


def turn(image: Image.Image, angle: float, fill) -> Image.Image:
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)


def write_scenes(folder: str | Path, count: int, seed: int = 1, white_pages: float = 0.0,
                 upside_down: float = 0.0, locales=None) -> Path:
    """``count`` scenes as ``scene_NNN.jpg`` plus ``manifest.json``: a share ``white_pages``
    of them on a white page, a share ``upside_down`` turned over (both chosen by seed);
    ``locales`` as in ``ocr.synthetic.synthetic_receipt``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for number in range(count):
        photo, truth, *_ = scene(seed * 100_000 + number,
                                 *kinds(seed, number, white_pages, upside_down), locales=locales)
        name = f"scene_{number:03d}.jpg"
        photo.save(folder / name, quality=92)
        entries.append({"image": name, "today": TODAY.isoformat(), **truth})
    (folder / "manifest.json").write_text(json.dumps(entries, indent=1, ensure_ascii=False))
    return folder


def kinds(seed: int, number: int, white_pages: float, upside_down: float) -> tuple[bool, bool]:
    """Whether scene ``number`` lies on a white page and whether it is upside down."""
    pick = random.Random(f"{seed}-{number}")
    return pick.random() < white_pages, pick.random() < upside_down
