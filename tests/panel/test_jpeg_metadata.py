"""Stripping JPEGs bare at the byte level: the same pixels, no metadata but orientation."""
from __future__ import annotations

import io
import struct

import numpy as np
import pytest
from PIL import Image, ImageCms, ImageOps

from panel.jpeg_metadata import MalformedJpeg, orientation_exif, strip

PLANTED = b"planted-secret-42"
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
       b'22-rdf-syntax-ns#"><rdf:Description>' + PLANTED + b"</rdf:Description></rdf:RDF>"
       b"</x:xmpmeta>")
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
# what must never be left in the bytes: camera, GPS, XMP, ICC, MPF, IPTC, the planted text
LEFTOVERS = [b"PhoneMaker", b"adobe:ns:meta", b"ICC_PROFILE", b"MPF\x00", b"Photoshop 3.0",
             b"JFXX", PLANTED[:12]]


def picture(mode: str = "RGB", size=(96, 64)) -> Image.Image:
    """Noise (so the entropy-coded data holds stuffed 0xFF bytes) and a dark corner mark."""
    pixels = np.random.default_rng(7).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
    image = Image.fromarray(pixels)
    image.paste((10, 10, 10), (0, 0, 24, 16))
    return image.convert(mode)


def saved(image: Image.Image, fmt: str = "JPEG", **args) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, quality=90, **args)
    return out.getvalue()


def camera_exif(orientation: int = 6) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x9286] = PLANTED.decode()  # UserComment in IFD0, as some apps write
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 18.0)})
    return exif.tobytes()


def with_segments(data: bytes, *segments: tuple[int, bytes]) -> bytes:
    """The JPEG with extra segments planted right after its start-of-image marker."""
    planted = b"".join(bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload
                       for marker, payload in segments)
    return data[:2] + planted + data[2:]


def jfif_with_thumbnail() -> bytes:
    thumbnail = PLANTED[:12]  # a 2x2 RGB thumbnail
    return b"JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x02\x02" + thumbnail


def multi_picture() -> bytes:
    """A phone's MPO: the photo, an MPF index, and a second picture after the first EOI."""
    return saved(picture(), "MPO", save_all=True, append_images=[picture(size=(40, 30))],
                 exif=camera_exif())


CASES = {
    "exif with gps": lambda: saved(picture(), exif=camera_exif()),
    "xmp": lambda: saved(picture(), xmp=XMP),
    "icc profile": lambda: saved(picture(), icc_profile=ICC),
    "comment": lambda: saved(picture(), comment=PLANTED),
    "iptc": lambda: with_segments(saved(picture()), (0xED, b"Photoshop 3.0\x00" + PLANTED)),
    "jfif thumbnail and jfxx": lambda: with_segments(
        saved(picture()), (0xE0, jfif_with_thumbnail()), (0xE0, b"JFXX\x00\x10" + PLANTED)),
    "multi picture with thumbnail": multi_picture,
    "progressive": lambda: saved(picture(), progressive=True, exif=camera_exif(), xmp=XMP),
    "restart markers": lambda: saved(picture(), restart_marker_blocks=2, exif=camera_exif()),
    "grayscale": lambda: saved(picture("L"), exif=camera_exif(), comment=PLANTED),
    "cmyk": lambda: saved(picture("CMYK"), icc_profile=ICC, exif=camera_exif()),
    "rgb coded (adobe colour transform)": lambda: with_segments(
        rgb_numbered_one_two_three(), (0xE1, camera_exif()), (0xE2, b"ICC_PROFILE\x00" + ICC)),
    "everything at once": lambda: with_segments(
        saved(picture(), exif=camera_exif(), xmp=XMP, icc_profile=ICC, comment=PLANTED,
              progressive=True), (0xED, b"Photoshop 3.0\x00" + PLANTED)),
}


def rgb_numbered_one_two_three() -> bytes:
    """A JPEG coded in RGB (no YCbCr) whose components are numbered 1, 2, 3 instead of 'R',
    'G', 'B': only its Adobe marker (transform 0) tells a decoder the colours are RGB."""
    data = bytearray(saved(picture(), keep_rgb=True))
    sof, sos = data.index(b"\xff\xc0"), data.index(b"\xff\xda")
    for n in range(3):
        data[sof + 10 + 3 * n] = data[sos + 5 + 2 * n] = n + 1
    return bytes(data)


def without_adobe(data: bytes) -> bytes:
    start = data.index(b"\xff\xee")
    return data[:start] + data[start + 2 + struct.unpack_from(">H", data, start + 2)[0]:]


def pixels(data: bytes) -> tuple[str, tuple[int, int], bytes]:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.mode, image.size, image.tobytes()


@pytest.mark.parametrize("name", CASES)
def test_stripping_keeps_every_pixel_and_no_metadata(name):
    original = CASES[name]()
    bare = strip(original, orientation=6)
    assert pixels(bare) == pixels(original)  # lossless: the same decoded image
    with Image.open(io.BytesIO(bare)) as image:
        assert image.format == "JPEG" and getattr(image, "n_frames", 1) == 1
        assert dict(image.getexif()) == {0x0112: 6}
        assert image.getexif().get_ifd(0x8825) == {} and "icc_profile" not in image.info
        assert not {"xmp", "comment", "photoshop", "mp", "mpoffset"} & set(image.info)
    for leftover in LEFTOVERS:
        assert leftover not in bare
    assert bare.endswith(b"\xff\xd9") and bare.count(b"\xff\xd8") == 1


def test_the_cases_really_carry_what_is_stripped():
    """Guards the test above: each planted thing is in the file before stripping."""
    everything = CASES["everything at once"]()
    for leftover in (b"PhoneMaker", b"adobe:ns:meta", b"ICC_PROFILE", b"Photoshop", PLANTED):
        assert leftover in everything
    assert b"MPF\x00" in multi_picture() and len(multi_picture()) > len(strip(multi_picture()))
    assert b"\xff\x00" in saved(picture())  # entropy-coded data with stuffed 0xFF bytes
    assert any(bytes((0xFF, rst)) in CASES["restart markers"]() for rst in range(0xD0, 0xD8))
    coded_rgb = CASES["rgb coded (adobe colour transform)"]()
    assert pixels(without_adobe(coded_rgb)) != pixels(coded_rgb)  # the Adobe marker matters


@pytest.mark.parametrize("orientation", range(1, 9))
def test_each_orientation_is_kept_and_still_turns_the_photo_upright(orientation):
    original = saved(picture(), exif=camera_exif(orientation))
    bare = strip(original, orientation)
    with Image.open(io.BytesIO(bare)) as image:
        assert dict(image.getexif()) == ({} if orientation == 1 else {0x0112: orientation})
        turned = ImageOps.exif_transpose(image)
    with Image.open(io.BytesIO(original)) as image:
        expected = ImageOps.exif_transpose(image)
    assert turned.size == expected.size and turned.tobytes() == expected.tobytes()


def test_the_orientation_exif_is_read_alike_by_pillow():
    exif = Image.Exif()
    exif.load(orientation_exif(8))
    assert dict(exif) == {0x0112: 8}


def test_fill_bytes_before_markers_are_followed():
    original = saved(picture())
    padded = original[:2] + b"\xff\xff\xff" + original[2:-2] + b"\xff\xff\xd9"
    assert pixels(strip(padded)) == pixels(original)


def test_stray_bytes_between_segments_are_skipped_as_libjpeg_does_and_left_out():
    original = saved(picture())
    sof = original.index(b"\xff\xc0")
    stray = original[:sof] + PLANTED + b"\xff\x00" + original[sof:]
    assert pixels(stray) == pixels(original)  # decoders read past them
    bare = strip(stray)
    assert pixels(bare) == pixels(original) and PLANTED not in bare


BROKEN = {
    "not a jpeg": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "jpeg magic then junk": b"\xff\xd8\xff" + b"\x00" * 500,
    "cut in the headers": saved(picture())[:120],
    "cut in the entropy-coded data": saved(picture())[:-400],
    "no end of image": saved(picture())[:-2],
    "segment longer than the file": b"\xff\xd8\xff\xe1\xff\xf0Exif\x00\x00",
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_jpegs_are_refused(name):
    with pytest.raises(MalformedJpeg):
        strip(BROKEN[name])
