"""A stacked bar chart of receipts per day by status, as plain SVG geometry for a template
(no script, so the admin pages stay within a strict Content-Security-Policy)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from panel.models import ReceiptStatus

COLOURS = {ReceiptStatus.ACCEPTED: "#2e7d32", ReceiptStatus.NEEDS_REVIEW: "#f9a825",
           ReceiptStatus.REJECTED: "#c62828", ReceiptStatus.REMOVED: "#6a1b9a",
           ReceiptStatus.WITHDRAWN: "#757575", ReceiptStatus.QUEUED: "#1565c0",
           ReceiptStatus.PROCESSING: "#4fc3f7"}
BAR, GAP, HEIGHT = 18, 4, 160


@dataclass
class Segment:
    x: int
    y: float
    height: float
    colour: str
    label: str


@dataclass
class Chart:
    width: int
    height: int
    top: int
    segments: list[Segment]
    labels: list[tuple[int, str]]
    legend: list[tuple[str, str]]


def receipts_per_day(days: list[tuple[date, dict[str, int]]]) -> Chart:
    top = max([sum(counts.values()) for _, counts in days] + [1])
    segments, labels = [], []
    for n, (day, counts) in enumerate(days):
        x, y = n * (BAR + GAP), float(HEIGHT)
        for status, colour in COLOURS.items():
            if counts.get(status):
                height = counts[status] / top * HEIGHT
                y -= height
                segments.append(Segment(x, y, height, colour,
                                        f"{day.isoformat()}: {counts[status]} {status}"))
        if n % 7 == 0 or (n == len(days) - 1 and n % 7 >= 3):
            labels.append((x, day.strftime("%m-%d")))
    return Chart(len(days) * (BAR + GAP), HEIGHT, top, segments, labels,
                 list(COLOURS.items()))
