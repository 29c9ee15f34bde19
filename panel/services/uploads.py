"""Checking uploaded receipt photos by their real bytes, and stripping them bare.

First every page is measured by its header alone (type, pixels), so a receipt whose pages
claim more pixels than allowed, one page or all together, is refused before anything is
decoded. Then a JPEG (what phones send) is not decoded in full: its data is decoded at 1/8
scale by libjpeg-turbo in strict mode (simplejpeg), which reads all of its entropy-coded data
and refuses a photo cut short even when an end marker was put after the cut, and its segments
are rewritten losslessly with nothing of the original file's metadata (GPS, camera, XMP, ICC,
thumbnails, comments) but the EXIF orientation, which the pipeline applies when it loads the
page (panel.jpeg_metadata). Any other page is re-encoded as a fresh JPEG from its pixels
alone, EXIF orientation applied first. A blank page (no edge or print anywhere) is no page: it
is dropped; of an upload of blank pages only, the first is kept, for the pipeline to answer
``unreadable`` as for any photo with nothing to read.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np
import pillow_heif
import simplejpeg
from PIL import Image, ImageFilter, ImageOps

from ocr.quality import WORK_SIDE
from panel import jpeg_metadata
from panel.services import photo_quality
from panel.services.errors import Invalid, TooLarge, UnsupportedMedia

pillow_heif.register_heif_opener()

HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
ORIENTATION = 0x0112
PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "heic": "HEIF"}
# Blank: on a copy at most BLANK_SIDE pixels wide and high, fewer than BLANK_SHARE of the
# pixels differ by more than BLANK_CONTRAST from their neighbourhood. A receipt of one printed
# line has 1.6 % such pixels, the 103 real scans of shared/eval at least 1.9 %; a blank page,
# uniform or lit unevenly, has none.
BLANK_SIDE, BLANK_CONTRAST, BLANK_SHARE = 256, 24, 0.001


@dataclass(frozen=True)
class UploadLimits:
    max_image_bytes: int
    max_pages: int
    max_pixels: int  # one page
    max_receipt_pixels: int  # all pages of one receipt together


@dataclass(frozen=True)
class SentPage:
    """A page as sent, with its type and size read from its header; nothing decoded yet."""

    number: int
    data: bytes
    kind: str
    pixels: int


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


def check_pages(pages: list[bytes], limits: UploadLimits,
                quality: bool = False) -> list[bytes]:
    """Validate every page, then return each non-blank one as a clean JPEG (a JPEG page may
    still need turning upright by its EXIF orientation). Raises a PanelError."""
    return clean(measure(pages, limits), quality)


def measure(pages: list[bytes], limits: UploadLimits) -> list[SentPage]:
    """Every page's type and pixels from its header, within the limits. Raises a PanelError."""
    if not pages:
        raise Invalid("Attach at least one receipt photo as an 'image' part.",
                      {"image": ["Missing data for required field."]})
    if len(pages) > limits.max_pages:
        raise TooLarge(f"A receipt can have at most {limits.max_pages} pages.")
    sent = [_measured(number, data, limits) for number, data in enumerate(pages, 1)]
    total = sum(page.pixels for page in sent)
    if total > limits.max_receipt_pixels:
        raise TooLarge(
            f"The pages of one receipt may have at most {limits.max_receipt_pixels / 1e6:.0f} "
            f"million pixels together; these have {total / 1e6:.0f} million. Send smaller "
            "photos.", {"image": ["Too many pixels for one receipt."]})
    return sent


def clean(sent: list[SentPage], quality: bool = False) -> list[bytes]:
    """Each page decoded (a JPEG at reduced scale) to prove it whole, blank pages left out
    (but the first, if all are), the rest as bare JPEGs. With ``quality``, a page that is not
    blank but blurred, cut off, too small or too dark is refused (services.photo_quality).
    Raises a PanelError."""
    cleaned = [_clean_page(page, quality) for page in sent]
    return [bare for bare, blank in cleaned if not blank] or [cleaned[0][0]]


def pixels(sent: list[SentPage]) -> int:
    return sum(page.pixels for page in sent)


def _measured(number: int, data: bytes, limits: UploadLimits) -> SentPage:
    if not data:
        raise Invalid(f"Page {number} is empty.", {"image": [f"Page {number} is empty."]})
    if len(data) > limits.max_image_bytes:
        raise TooLarge(f"Page {number} is larger than {limits.max_image_bytes // 2**20} MB.")
    kind = sniff(data)
    if kind is None:
        raise UnsupportedMedia(f"Page {number} is not a JPEG, PNG, WebP or HEIC photo.")
    with _opened(number, data, kind) as image:
        width, height = image.size
    if width * height > limits.max_pixels:
        raise _too_many_pixels(number)
    return SentPage(number, data, kind, width * height)


def _clean_page(page: SentPage, quality: bool) -> tuple[bytes, bool]:
    """The page as a bare JPEG, and whether it is blank."""
    with _opened(page.number, page.data, page.kind) as image:
        if page.kind == "jpeg":
            orientation = image.getexif().get(ORIENTATION, 1)
            grey = _whole_jpeg(page.number, page.data, image.size if quality else (1, 1))
            blank = _blank(grey)
            if quality:
                photo_quality.ensure_readable(page.number, grey, image.size, blank,
                                              orientation)
            return jpeg_metadata.strip(page.data, orientation), blank
        try:
            image.load()
            upright = ImageOps.exif_transpose(image).convert("RGB")
        except (OSError, SyntaxError, ValueError, EOFError):
            raise _unreadable(page.number) from None
    factor = max(1, -(-max(upright.size) // BLANK_SIDE))
    blank = _blank(upright.reduce(factor).convert("L"))
    if quality:
        photo_quality.ensure_readable(page.number, upright.convert("L"), upright.size, blank)
    return _reencoded(upright), blank


class _opened:
    """Pillow's view of a page (its header read, nothing decoded), refusing bombs and
    damage as the panel's errors."""

    def __init__(self, number: int, data: bytes, kind: str):
        self.number = number
        try:
            self.image = Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[kind]])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(number) from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise _unreadable(number) from None

    def __enter__(self) -> Image.Image:
        return self.image

    def __exit__(self, *exc) -> None:
        self.image.close()


def _whole_jpeg(number: int, data: bytes, size: tuple[int, int]) -> Image.Image:
    """Decode at reduced scale (all the entropy-coded data is read, the pixels are made for an
    image up to 1/64 the size; the shorter side of ``size`` kept at up to ``WORK_SIDE`` for
    the quality check) in strict mode: any damage, or data that ends before the last of the
    pixels its header claims, is refused. The grey copy is kept for the blank test."""
    width, height = size
    try:
        grey = simplejpeg.decode_jpeg(
            data, colorspace="GRAY", strict=True,
            min_width=min(width, WORK_SIDE) if width <= height else 1,
            min_height=min(height, WORK_SIDE) if height < width else 1)
    except ValueError:
        raise _unreadable(number) from None
    return Image.fromarray(np.ascontiguousarray(grey[:, :, 0]))


def _blank(grey: Image.Image) -> bool:
    """No edge or print anywhere: a uniform or evenly shaded page."""
    small = grey.copy()
    small.thumbnail((BLANK_SIDE, BLANK_SIDE))
    values = np.asarray(small, dtype=np.int16)
    around = np.asarray(small.filter(ImageFilter.BoxBlur(3)), dtype=np.int16)
    return float((np.abs(values - around) > BLANK_CONTRAST).mean()) < BLANK_SHARE


def _reencoded(upright: Image.Image) -> bytes:
    bare = Image.frombytes("RGB", upright.size, upright.tobytes())
    out = io.BytesIO()
    bare.save(out, format="JPEG", quality=90)
    return out.getvalue()


def _too_many_pixels(number: int) -> TooLarge:
    return TooLarge(f"Page {number} has too many pixels for a receipt photo.")


def _unreadable(number: int) -> Invalid:
    return Invalid(f"Page {number} could not be read as an image; it may be damaged or cut "
                   "off.", {"image": [f"Page {number} is not a readable image."]})


def configure_pillow(max_pixels: int) -> None:
    """Make Pillow refuse (not merely warn about) anything above our pixel limit."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    warnings.simplefilter("error", Image.DecompressionBombWarning)
