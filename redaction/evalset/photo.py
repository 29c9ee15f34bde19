"""Photos of generated receipts: fonts, sizes, widths, rotation, blur, lighting, noise, JPEG;
with label maps that say, per pixel, which row's ink (and which secret's ink) is there."""
from __future__ import annotations

import io
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from redaction.evalset.content import Receipt
from redaction.lighting import flatten_lighting

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONTS = ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSans.ttf",
         "DejaVuSansCondensed.ttf", "DejaVuSerif.ttf", "DejaVuSerifCondensed.ttf")


@dataclass
class Photo:
    image: Image.Image
    rows: np.ndarray     # per pixel: 1 + index of the row whose ink is there, else 0
    secrets: np.ndarray  # the same for the ink of each row's secret (or the whole row)
    style: str


def render(receipt: Receipt, rng: random.Random) -> Photo:
    font_name = rng.choice(FONTS)
    size = rng.randint(18, 30)
    ink = rng.choice([0, 0, 40, 80])  # black, or the grey of faded thermal paper
    font = ImageFont.truetype(FONT_DIR + font_name, size)
    width = rng.randint(560, 760)
    margin, row_height = 28, size + rng.randint(8, 16)
    height = 2 * margin + row_height * len(receipt.rows)
    image = Image.new("L", (width, height), 255)
    rows = Image.new("L", (width, height), 0)
    secrets = Image.new("L", (width, height), 0)
    draw, row_draw, secret_draw = (ImageDraw.Draw(i) for i in (image, rows, secrets))
    row_draw.fontmode = secret_draw.fontmode = "1"  # no anti-aliasing: exact labels
    for index, row in enumerate(receipt.rows):
        top = margin + index * row_height
        draw.text((margin, top), row.left, font=font, fill=ink)
        row_draw.text((margin, top), row.left, font=font, fill=index + 1)
        secret = row.secret or row.left
        offset = row.left.find(secret) if row.secret else 0
        left = margin + font.getlength(row.left[:offset])
        secret_draw.text((left, top), secret, font=font, fill=index + 1)
        if row.right:
            right = (width - margin, top)
            draw.text(right, row.right, font=font, fill=ink, anchor="ra")
            row_draw.text(right, row.right, font=font, fill=index + 1, anchor="ra")
    angle = rng.uniform(-4, 4)
    blur = rng.choice([0, 0, 0.6, 1.0, 1.4])
    light = rng.uniform(0.55, 1.0)
    noise = rng.choice([0, 4, 8, 12])
    style = (f"{font_name[:-4]} {size}px ink {ink} rot {angle:+.1f} blur {blur}"
             f" light {light:.2f} noise {noise}")
    image = degrade(image, angle, blur, light, noise, rng)
    rows, secrets = (i.rotate(angle, Image.NEAREST, expand=True, fillcolor=0)
                     for i in (rows, secrets))
    return Photo(image, np.asarray(rows), np.asarray(secrets), style)


def degrade(image: Image.Image, angle: float, blur: float, light: float, noise: int,
            rng: random.Random) -> Image.Image:
    """Rotate, blur, light unevenly (a gradient from one side), add noise, save as JPEG."""
    image = image.rotate(angle, Image.BICUBIC, expand=True, fillcolor=235)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    pixels = np.asarray(image, dtype=np.float32)
    gradient = np.linspace(light, 1.0, pixels.shape[1], dtype=np.float32)
    pixels = pixels * (gradient if rng.random() < 0.5 else gradient[::-1])[None, :]
    if noise:
        pixels += np.random.default_rng(rng.randint(0, 2 ** 31)).normal(0, noise, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=rng.randint(60, 90))
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def deskew(photo: Photo) -> Photo:
    """Turn the photo (and its label maps) upright, as the pipeline's ``ocr.prepare`` does
    before reading: the angle that makes the rows of ink sharpest."""
    grey = flatten_lighting(photo.image)
    scale = 400 / grey.width
    small = grey.resize((400, max(1, round(grey.height * scale))), Image.BOX)
    ink = small.point(lambda value: 255 if value < 128 else 0)
    best = max(np.arange(-5, 5.01, 0.25), key=lambda angle: np.asarray(
        ink.rotate(angle, Image.BILINEAR), dtype=np.float32).sum(axis=1).var())
    if abs(best) < 0.25:
        return photo
    image = photo.image.rotate(best, Image.BICUBIC, fillcolor=(235, 235, 235))
    rows, secrets = (np.asarray(Image.fromarray(labels).rotate(best, Image.NEAREST))
                     for labels in (photo.rows, photo.secrets))
    return Photo(image, rows, secrets, f"{photo.style} deskew {best:+.2f}")
