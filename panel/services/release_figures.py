"""A release's figures: bounded per panelist, small groups suppressed, differential-privacy
noise from OpenDP on every count and sum.

The unit of contribution is a cell: one receipt in one group (a merchant, or a product
category of its items). Each panelist keeps at most ``max_cells`` cells of the month (the
earliest submitted), and a cell's spend is clamped to ``[0, max_spend]``. So adding or
removing one panelist changes the receipts and panelists counts by at most ``max_cells``
in total over all groups (L1) and the spend by at most ``max_cells * max_spend``; those are
the sensitivities handed to OpenDP's Laplace mechanism on integer vectors (the discrete
Laplace), whose privacy map reports the epsilon each measure spends.

Groups with fewer than ``INSIGHTS_MIN_PANELISTS`` panelists (counted exactly, before
noise) are left out. What is shown and when it is noisy is in docs/releases.md.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version

import opendp.prelude as dp
from sqlalchemy import (
    BigInteger,
    Column,
    MetaData,
    Numeric,
    Select,
    String,
    Table,
    case,
    cast,
    func,
    insert,
    literal,
    select,
)

from panel.models import Receipt, ReceiptItem, ReceiptStatus

dp.enable_features("contrib")

MEASURES = ("receipts", "panelists", "spend")
GROUPINGS = ("merchant", "category")
ALPHA = 0.05  # accuracy is stated at 95 %


@dataclass(frozen=True)
class Bounds:
    """What limits one panelist's influence, and the smallest group shown."""

    max_cells: int
    max_spend_cents: int
    min_panelists: int
    currency: str


def cells(period: str, group_by: str, currency: str, eligible: Select):
    """One row per panelist, receipt and group, numbered per panelist (earliest first)."""
    where = (Receipt.period == period, Receipt.status == ReceiptStatus.ACCEPTED,
             Receipt.currency == currency, Receipt.panelist_id.in_(eligible))
    if group_by == "merchant":  # a receipt is one cell: no grouping needed
        key = Receipt.merchant_name
        query = select(Receipt.panelist_id, Receipt.id.label("receipt_id"),
                       key.label("group_key"), Receipt.total.label("spend")).where(
            *where, key.is_not(None), Receipt.total.is_not(None))
    else:  # a receipt's items of one category are one cell
        key = ReceiptItem.category_code
        query = select(Receipt.panelist_id, Receipt.id.label("receipt_id"),
                       key.label("group_key"), func.sum(ReceiptItem.amount).label("spend")
                       ).join(ReceiptItem, ReceiptItem.receipt_id == Receipt.id).where(
            *where, key.is_not(None)).group_by(
            Receipt.panelist_id, Receipt.id, Receipt.submitted_at, key)
    ordinal = func.row_number().over(partition_by=Receipt.panelist_id,
                                     order_by=(Receipt.submitted_at, Receipt.id, key))
    return query.add_columns(ordinal.label("ordinal")).subquery("cells")


def kept_cells(period: str, group_by: str, bounds: Bounds, eligible: Select):
    """The cells within each panelist's bound."""
    every = cells(period, group_by, bounds.currency, eligible)
    return select(every).where(every.c.ordinal <= bounds.max_cells).subquery("kept")


def materialise(kept, connection) -> Table:
    """The kept cells written once into a temporary table of this connection (dropped by
    ``forget``), so the figures and the contributors are read from it without bounding
    the month twice."""
    table = Table("release_cells", MetaData(), Column("panelist_id", String(36)),
                  Column("receipt_id", String(36)), Column("group_key", String(200)),
                  Column("spend", Numeric(14, 2)), prefixes=["TEMPORARY"])
    table.drop(connection, checkfirst=True)
    table.create(connection)
    columns = ["panelist_id", "receipt_id", "group_key", "spend"]
    connection.execute(insert(table).from_select(columns, select(*(kept.c[c] for c in columns))))
    return table


def forget(table: Table, connection) -> None:
    table.drop(connection, checkfirst=True)


def exact_groups(kept, bounds: Bounds) -> Select:
    """Per group: receipts, panelists, spend in cents (each cell clamped), big groups only."""
    cents = func.round(kept.c.spend * 100)
    clamped = case((cents > bounds.max_spend_cents, bounds.max_spend_cents),
                   (cents < 0, 0), else_=cents)
    return (select(kept.c.group_key, func.count(), func.count(kept.c.panelist_id.distinct()),
                   cast(func.coalesce(func.sum(clamped), 0), BigInteger))
            .group_by(kept.c.group_key)
            .having(func.count(kept.c.panelist_id.distinct()) >= bounds.min_panelists)
            .order_by(kept.c.group_key))


def contributors(kept, shown: list[str], release_id: str) -> Select:
    """(release, panelist, receipts) of everyone with a cell in a group that is shown."""
    return (select(literal(release_id), kept.c.panelist_id,
                   func.count(kept.c.receipt_id.distinct()))
            .where(kept.c.group_key.in_(shown)).group_by(kept.c.panelist_id))


def sensitivity(measure: str, bounds: Bounds) -> int:
    """How much one panelist can change the measure's vector over all groups (L1)."""
    return bounds.max_cells * (bounds.max_spend_cents if measure == "spend" else 1)


def mechanism(measure: str, bounds: Bounds, epsilon: float):
    """OpenDP's Laplace mechanism on an integer vector, scaled for ``epsilon``; returns the
    measurement, its scale and the epsilon its privacy map reports."""
    d_in = sensitivity(measure, bounds)
    space = dp.vector_domain(dp.atom_domain(T="i64")), dp.l1_distance(T="i64")
    scale = d_in / epsilon
    measurement = dp.m.make_laplace(*space, scale=scale)
    return measurement, scale, measurement.map(d_in)


def accuracy(scale: float, alpha: float = ALPHA) -> float:
    """|noise| is at most this with probability 1 - alpha (OpenDP's accuracy bound)."""
    return dp.discrete_laplacian_scale_to_accuracy(scale, alpha)


def noisy(exact: list[tuple], measures: list[str], bounds: Bounds, epsilon: float
          ) -> tuple[list[dict], dict]:
    """The groups with each measure noised; and the parameters that did it. The release's
    epsilon is split evenly over its measures (basic composition)."""
    share = epsilon / len(measures)
    figures = [{"group": row[0]} for row in exact]
    spent, per_measure = 0.0, {}
    for measure in measures:
        column = 1 + MEASURES.index(measure)
        measurement, scale, used = mechanism(measure, bounds, share)
        values = measurement([int(row[column]) for row in exact]) if exact else []
        for figure, value in zip(figures, values):
            figure[measure] = _shown(measure, max(0, value))
        spent += used
        per_measure[measure] = {
            "epsilon": used, "sensitivity": sensitivity(measure, bounds), "scale": scale,
            "accuracy_95": _shown(measure, accuracy(scale))}
    parameters = {
        "mechanism": "discrete Laplace (OpenDP make_laplace on integer vectors)",
        "library": f"opendp {version('opendp')}", "epsilon": spent, "alpha": ALPHA,
        "min_panelists": bounds.min_panelists,
        "max_cells_per_panelist": bounds.max_cells,
        "max_spend_per_cell": f"{bounds.max_spend_cents / 100:.2f}",
        "currency": bounds.currency, "measures": per_measure}
    return figures, parameters


def _shown(measure: str, value: float):
    """Counts as whole numbers, spend in the currency's main unit with two places."""
    return f"{value / 100:.2f}" if measure == "spend" else round(value)
