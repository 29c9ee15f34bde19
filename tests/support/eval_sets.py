"""The receipts the accuracy tests measure on: six real scans kept in the repository
(``tests/data/eval``, CC-BY-4.0, see its ATTRIBUTION.md), and the full evaluation sets in
``../shared/eval`` beside the repository, which a clone does not have (CI always does)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IN_REPOSITORY = ROOT / "tests" / "data" / "eval"
EXTERNAL = ROOT.parent / "shared" / "eval"


def external_set() -> Path:
    """``../shared/eval``; where it is missing, the test is skipped with one line saying what
    is missing and how to run it (or fails, with EVAL_SETS_REQUIRED=on, as in CI)."""
    if (EXTERNAL / "manifest.json").is_file():
        return EXTERNAL
    message = (f"the external evaluation sets are missing ({EXTERNAL}/manifest.json): put "
               f"shared/eval beside the repository to run this test")
    if os.environ.get("EVAL_SETS_REQUIRED", "off") == "on":
        pytest.fail(message)
    pytest.skip(message)
