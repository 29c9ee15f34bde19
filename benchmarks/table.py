"""A measured figure beside its baseline from the same run, and the table they print as."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str           # what was measured, with its unit
    value: float
    baseline: float     # the same quantity for the baseline, measured in the same run
    goal: str = "-"     # the goal in words, or "-" for a figure shown to explain another
    met: bool | None = None

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")


def number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def render(figures: list[Figure]) -> str:
    header = ("figure", "measured", "baseline", "ratio", "goal", "met")
    rows = [(f.name, number(f.value), number(f.baseline), f"{f.ratio:.2f}x", f.goal,
             "-" if f.met is None else ("yes" if f.met else "NO")) for f in figures]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in
                                             zip(row[1:4], widths[1:4])]
        cells += [row[4].ljust(widths[4]), row[5]]
        lines.append("  ".join(cells))
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)
