"""Draw receipt rows on paper and make a phone photo of it: background, rotation,
perspective, blur, shadow, creases, faded print and JPEG, all from one seeded random."""
from __future__ import annotations

import io
import math
import random as random_module
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = ["DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSans.ttf",
         "DejaVuSansCondensed.ttf", "DejaVuSerif.ttf"]


def draw_paper(rows: list[tuple[str, str, bool]], rng: random_module.Random,
               fit: bool = False) -> Image.Image:
    """The receipt as printed: left text, right-aligned amounts, centred header lines.
    ``fit``: the paper widens where a row would not fit (no line cut or overprinted);
    without it, old seeds draw as they always did."""
    size = rng.randint(22, 30)
    face = ImageFont.truetype(str(FONT_DIR / rng.choice(FONTS)), size)
    width, margin = rng.randint(560, 720), rng.randint(16, 32)
    if fit:
        width = max([width] + [int(face.getlength(f"{left}  {right}")) + 2 * margin + 2
                               for left, right, _ in rows])
    row_height = size + rng.randint(8, 14)
    paper = Image.new("L", (width, 2 * margin + row_height * len(rows)), 255)
    draw = ImageDraw.Draw(paper)
    ink = rng.randint(0, 90)  # faded thermal paper prints grey
    for row, (left, right, centred) in enumerate(rows):
        top = margin + row * row_height
        if centred:
            draw.text((width // 2, top), left, font=face, fill=ink, anchor="ma")
        elif left:
            draw.text((margin, top), left, font=face, fill=ink)
        if right:
            draw.text((width - margin, top), right, font=face, fill=ink, anchor="ra")
    return paper


def photograph(paper: Image.Image, rng: random_module.Random) -> Image.Image:
    """The paper on a table, seen by a phone: returns an RGB photo."""
    paper = crease(paper, rng)
    table = tuple(rng.randint(30, 140) for _ in range(3))
    photo = Image.new("RGB", (int(paper.width * rng.uniform(1.1, 1.4)),
                              int(paper.height * rng.uniform(1.05, 1.2))), table)
    photo.paste(paper, ((photo.width - paper.width) // 2, (photo.height - paper.height) // 2))
    photo = tilt(photo, rng.uniform(0.0, 0.06), table)
    angle = rng.uniform(-4, 4) + (90 if rng.random() < 0.05 else 0)
    photo = photo.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=table)
    photo = shadow(photo, rng.uniform(0.0, 0.3))
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.0, 1.1)))
    return jpeg(add_noise(photo, rng), rng.randint(60, 90))


def crease(paper: Image.Image, rng: random_module.Random) -> Image.Image:
    """Crumpled paper: rows shifted in a gentle wave, and light and dark crease bands."""
    pixels = np.asarray(paper, dtype=np.float32)
    height, width = pixels.shape
    amplitude, period = rng.uniform(0, 3), rng.uniform(200, 500)
    shift = (amplitude * np.sin(np.arange(width) * 2 * math.pi / period)).astype(int)
    rows = (np.arange(height)[:, None] + shift[None, :]).clip(0, height - 1)
    pixels = pixels[rows, np.arange(width)[None, :]]
    bands = 1 - 0.08 * np.maximum(0, np.sin(np.arange(height) / rng.uniform(60, 200)))
    return Image.fromarray((pixels * bands[:, None]).clip(0, 255).astype(np.uint8))


def tilt(photo: Image.Image, amount: float, fill: tuple[int, int, int]) -> Image.Image:
    """Perspective: the phone held at an angle makes the top edge narrower."""
    width, height = photo.size
    inset = amount * width
    source = [(inset, 0), (width - inset, 0), (width, height), (0, height)]
    target = [(0, 0), (width, 0), (width, height), (0, height)]
    return photo.transform(photo.size, Image.Transform.PERSPECTIVE,
                           perspective_coefficients(target, source),
                           Image.Resampling.BICUBIC, fillcolor=fill)


def perspective_coefficients(target, source) -> list[float]:
    rows = []
    for (x, y), (u, v) in zip(target, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    values = [c for point in source for c in point]
    return list(np.linalg.solve(np.array(rows, dtype=float), np.array(values, dtype=float)))


def shadow(photo: Image.Image, depth: float) -> Image.Image:
    """A soft shadow across one side, as from the hand holding the phone."""
    width, height = photo.size
    ramp = np.linspace(1 - depth, 1, width, dtype=np.float32)[None, :, None]
    pixels = np.asarray(photo, dtype=np.float32) * ramp
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8))


def add_noise(photo: Image.Image, rng: random_module.Random) -> Image.Image:
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, rng.uniform(0, 6),
                                                                 (photo.height, photo.width, 1))
    pixels = np.asarray(photo, dtype=np.float32) + noise
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8))


def jpeg(photo: Image.Image, quality: int) -> Image.Image:
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")
