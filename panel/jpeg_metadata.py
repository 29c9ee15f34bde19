"""Stripping a JPEG bare of metadata without decoding it: a lossless rewrite of its segments.

Kept: what decoding needs (SOI, DQT, SOF*, DHT, DAC, DRI, DNL, SOS with its entropy-coded data,
EOI), the JFIF header (without its thumbnail) and the Adobe header (it says whether the colours
are transformed). Dropped: every other APPn (EXIF with GPS and camera, XMP, ICC, IPTC, MPF and
its thumbnails), comments, and anything after the first image's EOI (a multi-picture file's
other pictures). The orientation, if any, is written back as a fresh EXIF holding only it, so
the image can still be turned upright later. Pure bytes in, bytes out: no Pillow here.
"""
from __future__ import annotations

import re
import struct

SOI, EOI, SOS, APP0, APP1, APP14 = 0xD8, 0xD9, 0xDA, 0xE0, 0xE1, 0xEE
# SOFn except the JPG extension marker (C8), DHT (C4), DAC (CC), DQT, DNL, DRI
DECODING = {*range(0xC0, 0xD0)} - {0xC8} | {0xDB, 0xDC, 0xDD}
# in entropy-coded data 0xFF is followed by 0x00 (stuffing), RSTn or 0xFF (fill): not a marker
SEGMENT_END = re.compile(rb"\xff(?![\x00\xd0-\xd7\xff])")
ORIENTATION = 0x0112


class MalformedJpeg(ValueError):
    """The bytes are not a JPEG whose segments can be followed to the end of its image."""


def strip(data: bytes, orientation: int = 1) -> bytes:
    """The same image, losslessly, with no metadata but ``orientation`` (EXIF 1 to 8; 1, the
    upright default, is not written)."""
    if not data.startswith(b"\xff\xd8"):
        raise MalformedJpeg("no start of image")
    head, body = [b"\xff\xd8"], []
    position = 2
    while True:
        marker, position = _next_marker(data, position)
        if marker == EOI:
            body.append(b"\xff\xd9")
            break
        if marker == SOI or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            raise MalformedJpeg(f"marker {marker:#04x} outside entropy-coded data")
        if position + 2 > len(data):
            raise MalformedJpeg("cut off in a segment's length")
        end = position + struct.unpack_from(">H", data, position)[0]
        if end > len(data) or end < position + 2:
            raise MalformedJpeg("cut off in a segment")
        payload = data[position + 2:end]
        if marker == SOS:
            stop = SEGMENT_END.search(data, end)
            if stop is None:
                raise MalformedJpeg("cut off in entropy-coded data")
            body.append(data[position - 2:stop.start()])
            position = stop.start()
            continue
        if marker in DECODING:
            body.append(data[position - 2:end])
        elif marker == APP0 and payload.startswith(b"JFIF\x00") and len(payload) >= 14 \
                and len(head) == 1:
            head.append(_segment(APP0, payload[:12] + b"\x00\x00"))  # no thumbnail
        elif marker == APP14 and payload.startswith(b"Adobe") and len(payload) >= 12:
            body.append(_segment(APP14, payload[:12]))
        position = end  # any other APPn, COM or unknown marker is left out
    if orientation in range(2, 9):
        head.append(_segment(APP1, orientation_exif(orientation)))
    return b"".join(head + body)


def orientation_exif(orientation: int) -> bytes:
    """An APP1 EXIF payload whose only tag is Orientation (one SHORT in the first IFD)."""
    entry = struct.pack(">HHIHH", ORIENTATION, 3, 1, orientation, 0)
    return b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x01" + entry + b"\x00\x00\x00\x00"


def _next_marker(data: bytes, position: int) -> tuple[int, int]:
    """The next marker from ``position`` and where its segment goes on. As libjpeg does, stray
    bytes before it and 0xFF fill bytes are skipped (and so left out)."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0:
            raise MalformedJpeg("cut off before a marker")
        while position < len(data) and data[position] == 0xFF:
            position += 1
        if position >= len(data):
            raise MalformedJpeg("cut off at a marker")
        if data[position] != 0x00:  # 0xFF 0x00 outside entropy-coded data is a stray byte
            return data[position], position + 1


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload
