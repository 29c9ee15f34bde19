"""A quick look at a receipt photo before anything is stored: is it worth reading, or
should the panelist take it again? See ``check`` and docs/photo_quality.md."""
from ocr.quality.check import WORK_SIDE, PhotoProblem, check, measure

__all__ = ["WORK_SIDE", "PhotoProblem", "check", "measure"]
