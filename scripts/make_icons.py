"""Draw the installable web app's icons with Pillow: python scripts/make_icons.py

A white receipt with printed lines and a zigzag foot on the panel's green, as PNGs under
panel/dashboard/static/icons/ (committed; run again only to change them). The "maskable"
icon keeps the receipt inside the middle 80 % that every platform's mask leaves visible."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "panel" / "dashboard" / "static" / "icons"
GREEN, PAPER, INK = (21, 101, 74), (255, 255, 255), (40, 48, 56)


def icon(size: int, fill: float) -> Image.Image:
    """The icon at ``size`` px, the receipt taking ``fill`` of its height."""
    scale = 4  # drawn large, then reduced: smooth edges
    side = size * scale
    image = Image.new("RGB", (side, side), GREEN)
    draw = ImageDraw.Draw(image)
    height = side * fill
    width = height * 0.62
    left, top = (side - width) / 2, (side - height) / 2
    bottom = top + height
    teeth = 6
    tooth = width / teeth
    outline = [(left, top), (left + width, top), (left + width, bottom)]
    for n in range(teeth):
        x = left + width - n * tooth
        outline += [(x - tooth / 2, bottom - tooth / 2), (x - tooth, bottom)]
    draw.polygon(outline, fill=PAPER)
    line = height * 0.045
    for n, share in enumerate((0.55, 0.8, 0.7, 0.8, 0.45)):
        y = top + height * (0.14 + n * 0.12)
        draw.rounded_rectangle((left + width * 0.14, y, left + width * (0.14 + 0.72 * share),
                                y + line), radius=line / 2, fill=INK)
    y = top + height * 0.78
    draw.rounded_rectangle((left + width * 0.14, y, left + width * 0.86, y + line * 1.4),
                           radius=line / 2, fill=GREEN)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size, fill in (("icon-192.png", 192, 0.72), ("icon-512.png", 512, 0.72),
                             ("icon-maskable-512.png", 512, 0.56),
                             ("apple-touch-icon.png", 180, 0.66), ("favicon-32.png", 32, 0.8)):
        icon(size, fill).save(OUT / name, optimize=True)
        print(OUT / name)


if __name__ == "__main__":
    main()
