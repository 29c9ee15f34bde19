"""A perceptual hash (dHash, 64 bits) of a receipt image, to tell the same receipt shared
twice from two receipts that merely agree on shop, date and total."""
from __future__ import annotations

from PIL import Image

SAME_IMAGE_BITS = 10  # differing bits up to which two images count as the same photo


def dhash(image: Image.Image) -> str:
    small = image.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
    pixels = list(small.get_flattened_data())
    bits = 0
    for row in range(8):
        for column in range(8):
            left, right = pixels[row * 9 + column], pixels[row * 9 + column + 1]
            bits = (bits << 1) | (left > right)
    return f"{bits:016x}"


def same_image(one: str | None, other: str | None) -> bool:
    if not one or not other:
        return False
    return bin(int(one, 16) ^ int(other, 16)).count("1") <= SAME_IMAGE_BITS
