"""Checking uploaded receipt photos by their real bytes, and stripping them bare.

A JPEG (what phones send) is not decoded in full: its header is read, its data decoded at 1/8
scale to prove it is whole, and its segments rewritten losslessly with nothing of the original
file's metadata (GPS, camera, XMP, ICC, thumbnails, comments) but the EXIF orientation, which
the pipeline applies when it loads the page (panel.jpeg_metadata). Any other page is re-encoded
as a fresh JPEG from its pixels alone, EXIF orientation applied first.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import pillow_heif
from PIL import Image, ImageOps

from panel import jpeg_metadata
from panel.services.errors import Invalid, TooLarge, UnsupportedMedia

pillow_heif.register_heif_opener()

HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
ORIENTATION = 0x0112
PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "heic": "HEIF"}


@dataclass(frozen=True)
class UploadLimits:
    max_image_bytes: int
    max_pages: int
    max_pixels: int


def sniff(data: bytes) -> str | None:
    """The image type the bytes really are, by their magic numbers, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return "heic"
    return None


def check_pages(pages: list[bytes], limits: UploadLimits) -> list[bytes]:
    """Validate every page, then return each as a clean JPEG (a JPEG page may still need
    turning upright by its EXIF orientation). Raises a PanelError."""
    if not pages:
        raise Invalid("Attach at least one receipt photo as an 'image' part.",
                      {"image": ["Missing data for required field."]})
    if len(pages) > limits.max_pages:
        raise TooLarge(f"A receipt can have at most {limits.max_pages} pages.")
    return [_clean_page(number, data, limits) for number, data in enumerate(pages, 1)]


def _clean_page(number: int, data: bytes, limits: UploadLimits) -> bytes:
    if not data:
        raise Invalid(f"Page {number} is empty.", {"image": [f"Page {number} is empty."]})
    if len(data) > limits.max_image_bytes:
        raise TooLarge(f"Page {number} is larger than {limits.max_image_bytes // 2**20} MB.")
    kind = sniff(data)
    if kind is None:
        raise UnsupportedMedia(f"Page {number} is not a JPEG, PNG, WebP or HEIC photo.")
    try:
        with Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[kind]]) as image:
            width, height = image.size
            if width * height > limits.max_pixels:
                raise _too_many_pixels(number)
            if kind == "jpeg":
                return _bare_jpeg(image, data)
            image.load()
            upright = ImageOps.exif_transpose(image).convert("RGB")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(number) from None
    except (OSError, SyntaxError, ValueError, EOFError):  # MalformedJpeg is a ValueError
        raise Invalid(f"Page {number} could not be read as an image; it may be damaged.",
                      {"image": [f"Page {number} is not a readable image."]}) from None
    return _reencoded(upright)


def _bare_jpeg(image: Image.Image, data: bytes) -> bytes:
    """Decode at 1/8 scale (all the entropy-coded data is read, the pixels are made for an
    image 1/64 the size) to prove the JPEG is readable, then keep its own bytes without
    metadata but orientation."""
    orientation = image.getexif().get(ORIENTATION, 1)
    image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
    image.load()
    return jpeg_metadata.strip(data, orientation)


def _reencoded(upright: Image.Image) -> bytes:
    bare = Image.frombytes("RGB", upright.size, upright.tobytes())
    out = io.BytesIO()
    bare.save(out, format="JPEG", quality=90)
    return out.getvalue()


def _too_many_pixels(number: int) -> TooLarge:
    return TooLarge(f"Page {number} has too many pixels for a receipt photo.")


def configure_pillow(max_pixels: int) -> None:
    """Make Pillow refuse (not merely warn about) anything above our pixel limit."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    warnings.simplefilter("error", Image.DecompressionBombWarning)
