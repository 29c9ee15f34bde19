"""Runs of True in a row of flags: printed lines in a profile of inked rows, words in a band
of inked columns. Shared by prepare, the date look and redaction's unread text."""
from __future__ import annotations

import numpy as np


def runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in ``flags`` (end exclusive)."""
    edges = np.diff(np.concatenate([[0], np.asarray(flags).astype(np.int8), [0]]))
    return [(int(a), int(b)) for a, b in zip(np.flatnonzero(edges == 1),
                                              np.flatnonzero(edges == -1))]
