"""What a band of ink is: text, or a printed rule (``=====``, ``*****``, ``#####``, a solid
line) that a receipt draws between its parts and that OCR reads as nothing or as noise."""
from __future__ import annotations

import numpy as np

INK = 110            # grey level (after evening the lighting) below which a pixel is ink
MIN_MARKS = 6        # a row of repeated symbols has at least this many marks ...
SAME = 0.08          # ... of widths and amounts of ink this alike (coefficient of variation;
                     # letters of text differ by 0.15 and more in ink even in a monospace font)
LONG_STROKE = 6      # a mark this many times wider than high is a drawn line


def marks(ink: np.ndarray) -> list[tuple[int, int]]:
    """Column ranges of the separate marks in a band (runs of columns holding ink)."""
    columns = np.concatenate([[0], ink.any(axis=0).astype(np.int8), [0]])
    edges = np.flatnonzero(np.diff(columns))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def alike(values: np.ndarray) -> bool:
    return values.mean() > 0 and values.std() / values.mean() < SAME


def printed_rule(grey: np.ndarray) -> bool:
    """True when the band ``grey`` (rows x columns, lighting evened) holds a rule rather
    than text: one long stroke, or a row of one symbol repeated (text's letters differ in
    width and ink)."""
    ink = grey < INK
    found = marks(ink)
    if not found:
        return False
    height = max(1, int(ink.any(axis=1).sum()))
    widths = np.array([end - start for start, end in found])
    if len(found) <= 3 and widths.max() > LONG_STROKE * height:
        return True
    if len(found) < MIN_MARKS:
        return False
    inner = found[1:-1]  # the first and last mark may be cut by the paper's edge
    amounts = np.array([ink[:, start:end].sum() for start, end in inner])
    return alike(widths[1:-1]) and alike(amounts)
