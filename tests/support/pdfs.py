"""PDF e-receipts built byte by byte for tests: a text layer in Helvetica, and variants with
a script, an attached file, encryption, or damage."""
from __future__ import annotations

import io


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def receipt_pdf(lines: list[tuple[str, str]], catalog_extra: str = "",
                extra_objects: list[str] | None = None, width: int = 300) -> bytes:
    """One page, each line a description at the left and an amount at the right, in the
    standard Helvetica (no font embedded). ``catalog_extra`` goes into the catalog;
    ``extra_objects`` are numbered from 5 on."""
    height = 60 + 18 * len(lines)
    content = ["BT", "/F1 11 Tf"]
    for number, (left, right) in enumerate(lines):
        y = height - 30 - 18 * number
        content.append(f"1 0 0 1 20 {y} Tm ({_escape(left)}) Tj")
        if right:
            content.append(f"1 0 0 1 {width - 80} {y} Tm ({_escape(right)}) Tj")
    content.append("ET")
    stream = "\n".join(content).encode("latin-1")
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>".encode(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
         "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>").encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        *[text.encode() for text in extra_objects or []],
    ]
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
              f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def with_script(lines) -> bytes:
    """The same receipt opening with JavaScript."""
    return receipt_pdf(lines, "/OpenAction 6 0 R",
                       ["<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"])


def with_attachment(lines) -> bytes:
    """The same receipt carrying an attached file (as a Factur-X invoice carries its XML)."""
    return receipt_pdf(lines, "/Names << /EmbeddedFiles << /Names [(x.xml) 6 0 R] >> >>", [
        "<< /Type /Filespec /F (x.xml) /EF << /F 7 0 R >> >>",
        "<< /Type /EmbeddedFile /Length 5 >>\nstream\n<x/>\n\nendstream"])


def encrypted(lines) -> bytes:
    """The same receipt encrypted with an empty user password (opens without asking)."""
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(receipt_pdf(lines))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_only_pdf(image) -> bytes:
    """A scan saved as PDF: one page, pixels only, no text layer."""
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PDF", resolution=150)
    return out.getvalue()


def content_bomb(inflated: int = 30 * 1024 * 1024) -> bytes:
    """One page whose drawing instructions are a small Flate stream inflating to ``inflated``
    bytes of spaces (a "zip bomb")."""
    import zlib
    stream = zlib.compress(b" " * inflated, 9)
    return _assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n"
        + stream + b"\nendstream"])
