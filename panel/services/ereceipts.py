"""E-receipts made into the pages a receipt is stored as, before anything is stored.

A PDF is checked and rendered at once (``ocr.pdf``), inside the request: the file itself is
never written anywhere. What is kept until redaction has run, like a photo's original, is
each rendered page as a bare JPEG and, where every page has one, the text layer (each word
with its box as fractions of its page) as ``text.json`` beside them; the worker reads that
text instead of running OCR, and paints redaction on the rendering at the words' places.
An e-mail's body is drawn as text pages the same way (``ocr.read.text_layer.drawn``).
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass

from flask import current_app
from PIL import Image

from ocr.pdf import PdfLimits, PdfRefused, is_pdf, read_pdf
from ocr.read.text_layer import LayerWord, drawn
from panel.services.errors import Invalid, TooLarge, UnsupportedMedia

REFUSAL_TYPES = {"too_large": TooLarge, "too_many_pages": TooLarge, "not_pdf": UnsupportedMedia}


@dataclass(frozen=True)
class Rendered:
    """Pages ready to store: bare JPEGs, their pixels, and the text layer if read."""

    pages: list[bytes]
    pixels: int
    text_layer: bytes | None


def pdf_limits() -> PdfLimits:
    config = current_app.config
    return PdfLimits(max_bytes=config["PDF_MAX_BYTES"], max_pages=config["PDF_MAX_PAGES"],
                     dpi=config["PDF_RENDER_DPI"], max_pixels=config["PDF_RENDER_MAX_PIXELS"],
                     refuse_attachments=config["PDF_REFUSE_ATTACHMENTS"])


def from_pdf(data: bytes) -> Rendered:
    """The PDF's pages rendered, and its text layer where every page has one. Raises a
    PanelError (413 too large, 415 not a PDF, 422 encrypted, damaged or active)."""
    try:
        document = read_pdf(data, pdf_limits())
    except PdfRefused as refusal:
        error = REFUSAL_TYPES.get(refusal.reason, Invalid)
        if error is Invalid:
            raise Invalid(str(refusal), {"image": [f"PDF refused: {refusal.reason}."]}) from None
        raise error(str(refusal)) from None
    layers = document.layers if document.has_text else None
    return _rendered(document.pages, layers)


def from_text(text: str) -> Rendered:
    """Plain text (an e-mail's body, already cleaned) drawn as pages with their text layer."""
    pages, layers = drawn(text, current_app.config["PDF_MAX_PAGES"])
    return _rendered(pages, layers)


def _rendered(images: list[Image.Image], layers: list[list[LayerWord]] | None) -> Rendered:
    pages, pixels = [], 0
    for image in images:
        out = io.BytesIO()
        image.convert("RGB").save(out, format="JPEG", quality=90)
        pages.append(out.getvalue())
        pixels += image.width * image.height
    layer = None if layers is None else json.dumps(
        [[word.as_list() for word in page] for page in layers]).encode()
    return Rendered(pages, pixels, layer)


def read_text_layer(data: bytes) -> list[list[LayerWord]]:
    return [[LayerWord.from_list(row) for row in page] for page in json.loads(data)]


__all__ = ["Rendered", "from_pdf", "from_text", "is_pdf", "read_text_layer", "pdf_limits"]
