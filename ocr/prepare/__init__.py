"""Preparing the pages for reading: find the paper (``crop``, ``text_block``), straighten it
(``perspective``), put it upright (``orient``, ``upside_down``), stitch several pages
(``stitch``) and scale it to the working line height (``line_height``). Every geometric
step is a replayable ``geometry`` step, so word boxes are in the prepared image's pixels."""
from ocr.prepare.steps import prepare

__all__ = ["prepare"]
