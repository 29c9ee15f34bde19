"""Telling the panelist at once to take a photo again (``ocr.quality``), in words: what is
wrong with the page and what to do, before anything is stored."""
from __future__ import annotations

from PIL import Image

from ocr import quality
from panel.services.errors import N_, PhotoRefused

# Orientation tag value -> how to turn the decoded pixels upright (as ImageOps.exif_transpose).
UPRIGHT = {2: [Image.Transpose.FLIP_LEFT_RIGHT], 3: [Image.Transpose.ROTATE_180],
           4: [Image.Transpose.FLIP_TOP_BOTTOM], 5: [Image.Transpose.TRANSPOSE],
           6: [Image.Transpose.ROTATE_270], 7: [Image.Transpose.TRANSVERSE],
           8: [Image.Transpose.ROTATE_90]}
WORDS = {
    "blank": (N_("There is nothing to read on this page, or it is badly blurred."),
              N_("Leave it out, or hold the phone still over the receipt and take it again.")),
    "too_small": (N_("The photo is too small to read."),
                  N_("Take the photo with the phone's camera, close enough that the receipt "
                     "fills the picture.")),
    "too_dark": (N_("The photo is too dark to read."),
                 N_("Take it again in better light, or switch on the flash.")),
    "blurred": (N_("The photo is blurred."),
                N_("Hold the phone still and tap the receipt on the screen to focus, then take "
                   "it again.")),
    "cut_off_bottom": (N_("The bottom of the receipt is cut off."),
                       N_("Photograph it whole, or add a page for the rest.")),
    "cut_off_top": (N_("The top of the receipt is cut off."),
                    N_("Photograph it whole, or add a page for the rest.")),
}


def ensure_readable(number: int, grey: Image.Image, size: tuple[int, int], blank: bool,
                    orientation: int = 1) -> None:
    """Refuse page ``number`` (a grey, possibly reduced copy of a photo of ``size``, not yet
    turned upright by its EXIF ``orientation``) if it should be taken again. A ``blank`` page
    (services.uploads: no edge or print anywhere) that would be refused as blurred is said to
    show nothing (a badly blurred photo looks blank too)."""
    for step in UPRIGHT.get(orientation, []):
        grey = grey.transpose(step)
        size = (size[1], size[0]) if step in (Image.Transpose.TRANSPOSE,
                                                Image.Transpose.TRANSVERSE,
                                                Image.Transpose.ROTATE_90,
                                                Image.Transpose.ROTATE_270) else size
    problem = quality.check(grey, size)
    if problem is None:
        return
    reason = f"{problem.code}_{problem.edge}" if problem.edge else problem.code
    if blank and reason == "blurred":
        reason = "blank"
    message, hint = WORDS[reason]
    raise PhotoRefused(message, reason, hint, number)
