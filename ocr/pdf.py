"""E-receipts as PDF: checked, their text layer read, their pages rendered.

    document = read_pdf(data, PdfLimits())
    image, page = text_layer.reading(document.pages, document.layers)  # when has_text

``check`` opens the file with pypdf and refuses what the panel will not touch: damage,
encryption (even with an empty password), and anything active or carried along (JavaScript,
launch and submit actions, embedded files, rich media, XFA forms). ``read_pdf`` then reads each
page's words with their boxes (pdfplumber, on pdfminer.six) and renders each page with PDFium
(pypdfium2) within a pixel budget: the resolution is lowered until all pages together fit.
Only pixels and words leave this module; the file itself goes nowhere. All three libraries
are under permissive licences (BSD, MIT, Apache-2.0/BSD).
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from PIL import Image

from ocr.read.text_layer import LayerWord

PDF_MAGIC = b"%PDF-"
# Names that make a PDF act: refused wherever they appear (as a key, or as an action's /S).
SCRIPT_NAMES = {"/JS", "/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/RichMedia",
                "/XFA", "/Sound", "/Movie", "/Rendition"}
# Names of files carried along: refused only when PdfLimits.refuse_attachments (e-invoices in
# the Factur-X / ZUGFeRD format carry their XML so; it is never read and never stored).
ATTACHMENT_NAMES = {"/EmbeddedFile", "/EmbeddedFiles", "/FileAttachment", "/GoToE"}
MAX_OBJECTS = 200_000  # objects walked looking for them; a receipt has a few hundred
MIN_WORDS = 3  # fewer words on a page than this: the page is read by OCR instead
# What the pages' drawing instructions may come to once decompressed, all pages together
# (a receipt's are a few hundred KB): a stream that inflates beyond (a "zip bomb") is refused
# before pdfminer, which sets no limit, would inflate it. pypdf itself stops at 75 MB a stream.
MAX_CONTENT_BYTES = 20 * 1024 * 1024

for _name in ("pypdf", "pdfminer"):  # their warnings quote the document's contents
    logging.getLogger(_name).setLevel(logging.ERROR)


class PdfRefused(ValueError):
    """The PDF cannot be taken; ``reason`` is a stable code, the message is for people."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class PdfLimits:
    max_bytes: int = 10 * 1024 * 1024
    max_pages: int = 6
    dpi: int = 200  # rendering resolution, lowered to keep within max_pixels
    max_pixels: int = 16_000_000  # all rendered pages together
    max_page_points: int = 50_000_000  # a page's area in points (72 a inch): 49 square metres
    refuse_attachments: bool = False


@dataclass
class PdfDocument:
    pages: list[Image.Image]
    layers: list[list[LayerWord]] = field(default_factory=list)  # per page, may be empty

    @property
    def has_text(self) -> bool:
        """Every page has a text layer worth reading (else all pages go to OCR)."""
        return all(len(layer) >= MIN_WORDS for layer in self.layers)


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def read_pdf(data: bytes, limits: PdfLimits = PdfLimits()) -> PdfDocument:
    """The checked PDF's pages as RGB images and each page's words. Raises PdfRefused."""
    sizes = check(data, limits)
    scale = render_scale(sizes, limits)
    layers = text_layers(data)
    return PdfDocument(render(data, scale), layers)


def check(data: bytes, limits: PdfLimits) -> list[tuple[float, float]]:
    """Each page's size in points, once the file is known whole, plain and small enough."""
    from pypdf import PdfReader
    if len(data) > limits.max_bytes:
        raise PdfRefused("too_large", f"The PDF is larger than {limits.max_bytes // 2**20} MB.")
    if not is_pdf(data):
        raise PdfRefused("not_pdf", "The file is not a PDF.")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise PdfRefused("encrypted", "The PDF is encrypted or password-protected; "
                                          "save or print it without protection and send it again.")
        count = len(reader.pages)
        if count == 0:
            raise PdfRefused("malformed", "The PDF has no pages.")
        if count > limits.max_pages:
            raise PdfRefused("too_many_pages",
                             f"A receipt PDF can have at most {limits.max_pages} pages.")
        names = SCRIPT_NAMES | (ATTACHMENT_NAMES if limits.refuse_attachments else set())
        if active := _active_content(reader.trailer, names):
            raise PdfRefused("active_content", "The PDF carries scripts, actions or attached "
                                               f"files ({active.lstrip('/')}); these are not "
                                               "accepted. Print it to a new PDF and send that.")
        sizes = [(float(page.mediabox.width), float(page.mediabox.height))
                 for page in reader.pages]
        _contents_within(reader.pages)
    except PdfRefused:
        raise
    except Exception:  # noqa: BLE001  (anything that breaks the reader: a damaged file)
        raise PdfRefused("malformed", "The PDF is damaged and cannot be read.") from None
    if any(w <= 0 or h <= 0 or w * h > limits.max_page_points for w, h in sizes):
        raise PdfRefused("malformed", "A page of the PDF has an impossible size.")
    return sizes


def _contents_within(pages) -> None:
    from pypdf.errors import LimitReachedError
    total = 0
    for page in pages:
        try:
            contents = page.get_contents()
            total += len(contents.get_data()) if contents is not None else 0
        except LimitReachedError:
            total = MAX_CONTENT_BYTES + 1
        if total > MAX_CONTENT_BYTES:
            raise PdfRefused("too_large", "The PDF's pages hold far more drawing than a "
                                          "receipt's; it cannot be taken.")


def _active_content(trailer, names: set[str]) -> str | None:
    """The first of ``names`` anywhere in the document, as a key or as the type or subtype
    of a dictionary, walking every object reachable from the trailer once (streams by their
    dictionaries)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
    seen: set[tuple[int, int]] = set()
    todo, walked = [trailer], 0
    while todo:
        node = todo.pop()
        walked += 1
        if walked > MAX_OBJECTS:
            raise PdfRefused("malformed", "The PDF has far too many objects for a receipt.")
        if isinstance(node, IndirectObject):
            ref = (node.idnum, node.generation)
            if ref in seen:
                continue
            seen.add(ref)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for key, value in node.items():
                if key in names:
                    return key
                if key in ("/S", "/Subtype", "/Type") and value in names:
                    return str(value)
                if key != "/Parent":
                    todo.append(value)
        elif isinstance(node, ArrayObject):
            todo.extend(node)
    return None


def render_scale(sizes: list[tuple[float, float]], limits: PdfLimits) -> float:
    """Pixels per point: ``dpi`` / 72, lowered so the pages together keep to max_pixels
    (with a margin for PDFium rounding each side up to a whole pixel)."""
    points = sum(w * h for w, h in sizes)
    return min(limits.dpi / 72, 0.98 * (limits.max_pixels / points) ** 0.5)


def render(data: bytes, scale: float) -> list[Image.Image]:
    import pypdfium2 as pdfium
    try:
        document = pdfium.PdfDocument(data)
    except Exception:  # noqa: BLE001  (PDFium could not open it: damaged)
        raise PdfRefused("malformed", "The PDF is damaged and cannot be read.") from None
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            try:
                bitmap = page.render(scale=scale, may_draw_forms=False)
                pages.append(bitmap.to_pil().convert("RGB"))
            finally:
                page.close()
        return pages
    finally:
        document.close()


def text_layers(data: bytes) -> list[list[LayerWord]]:
    """Each page's words, boxes as fractions of the page (upright text only)."""
    import pdfplumber
    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            return [_page_words(page) for page in document.pages]
    except Exception:  # noqa: BLE001  (anything that breaks the reader: a damaged file)
        raise PdfRefused("malformed", "The PDF's text cannot be read.") from None


def _page_words(page) -> list[LayerWord]:
    width, height = float(page.width), float(page.height)
    left, top = float(page.bbox[0]), float(page.bbox[1])
    words = []
    for word in page.extract_words(keep_blank_chars=False, use_text_flow=False):
        text = word["text"].strip()
        if not text or not word.get("upright", True):
            continue
        words.append(LayerWord(
            text, _fraction(word["x0"] - left, width), _fraction(word["top"] - top, height),
            _fraction(word["x1"] - left, width), _fraction(word["bottom"] - top, height)))
    return words


def _fraction(value: float, whole: float) -> float:
    return min(1.0, max(0.0, value / whole))
