"""A release over a month of many panelists on PostgreSQL, against the bare aggregate.

    python -m benchmarks.release [--panelists 100000] [--receipts 6] [--items 2]

Makes a fresh database (dropped afterwards) on the local PostgreSQL (TEST_POSTGRES_ADMIN,
default postgresql://postgres@127.0.0.1:5432/test), fills it with accepted receipts in
October 2026 at 40 merchants, items in 12 product categories, everyone consenting to
research partners and nine in ten to the recipient abroad; then times, per grouping
(merchant, category): the baseline, one GROUP BY with the same receipts, panelists and
spend and no protection at all; and ``releases.approve``, which checks the consents,
bounds each panelist, suppresses small groups, adds OpenDP noise, charges the budget and
records every contributor, in one transaction.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from benchmarks import served
from benchmarks.table import Figure, render
from panel.db import db
from panel.services import recipients, releases
from panel.services.audit import COMMAND_LINE
from tests.support.apps import make_app

BASELINES = {
    "merchant": """SELECT merchant_name, count(*), count(DISTINCT panelist_id), sum(total)
                   FROM receipts WHERE period = '2026-10' AND status = 'accepted'
                   GROUP BY merchant_name""",
    "category": """SELECT i.category_code, count(DISTINCT r.id), count(DISTINCT r.panelist_id),
                          sum(i.amount)
                   FROM receipt_items AS i JOIN receipts AS r ON r.id = i.receipt_id
                   WHERE r.period = '2026-10' AND r.status = 'accepted'
                   GROUP BY i.category_code""",
}
FILL = [
    """INSERT INTO panelists (id, email_hash, email_sealed, password_hash, status, joined_at)
       SELECT gen_random_uuid()::text, md5(i::text), '\\x00'::bytea, 'x', 'active', now()
       FROM generate_series(1, :panelists) AS i""",
    """INSERT INTO consents (id, panelist_id, purpose, granted, version, recorded_at)
       SELECT gen_random_uuid()::text, id, 'research_partners', true, '1', now() FROM panelists""",
    """INSERT INTO consents (id, panelist_id, purpose, granted, version, recorded_at)
       SELECT gen_random_uuid()::text, id, 'recipient:acme-cn', true, '1', now()
       FROM panelists WHERE random() < 0.9""",
    """INSERT INTO receipts (id, panelist_id, status, submitted_at, period, week, page_count,
                            attempts, merchant_name, total, currency)
       SELECT gen_random_uuid()::text, p.id, 'accepted', ts, '2026-10', '2026-W41', 1, 1,
              'Shop ' || (1 + floor(random() * 40))::int, round((2 + random() * 80)::numeric, 2),
              'EUR'
       FROM panelists AS p, generate_series(0, :receipts - 1) AS n,
            LATERAL (SELECT timestamptz '2026-10-01 10:00+02' + n * interval '4 days') AS t(ts)""",
    """INSERT INTO receipt_items (id, receipt_id, position, description, quantity, amount,
                                 category_code, category_name)
       SELECT gen_random_uuid()::text, receipt_id, k, 'item', 1,
              round((0.5 + random() * 9)::numeric, 2), '01.1.' || c, 'Category ' || c
       FROM (SELECT r.id AS receipt_id, k, (1 + floor(random() * 12))::int AS c
             FROM receipts AS r, generate_series(1, :items) AS k) AS drawn""",
    "ANALYZE",
]


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(panelists: int = 100_000, receipts: int = 6, items: int = 2
            ) -> tuple[list[Figure], str]:
    """Each grouping's release beside its bare aggregate, and a line about the data."""
    sizes = {"panelists": panelists, "receipts": receipts, "items": items}
    figures, notes = [], []
    with served.scratch_database() as url:
        app = make_app(Path(tempfile.mkdtemp()), served.sqlalchemy_url(url),
                       PANEL_COUNTRY="DE", RELEASE_PERIOD_EPSILON=10.0)
        with app.app_context():
            fill = timed(lambda: [db.session.execute(text(sql), sizes) for sql in FILL])
            db.session.commit()
            acme = recipients.create(COMMAND_LINE, "acme-cn", {
                "name": "Acme", "contact": "dpo@acme.example", "country": "CN",
                "role": "client", "purposes": "Reports", "data_categories": "Noisy counts",
                "legal_basis": "Consent", "retention": "2 years",
                "transfer_mechanism": "Standard contract"})
            for group_by, sql in BASELINES.items():
                baseline = min(timed(lambda: db.session.execute(text(sql)).all())
                               for _ in range(3))
                db.session.rollback()
                release = releases.define(COMMAND_LINE, "2026-10", group_by,
                                          ["receipts", "panelists", "spend"], 1.0)
                seconds = timed(lambda: releases.approve(COMMAND_LINE, release, acme))
                contributors = db.session.execute(text(
                    "SELECT count(*) FROM release_contributions WHERE release_id = :id"),
                    {"id": release.id}).scalar()
                figures.append(Figure(
                    f"release per {group_by}, {panelists:,} panelists: s", seconds, baseline,
                    "under 30 s", seconds < 30))
                notes.append(f"{group_by}: {len(release.figures)} groups, "
                             f"{contributors:,} contributors recorded")
            db.engine.dispose()
    return figures, (f"release: {panelists * receipts:,} receipts and "
                     f"{panelists * receipts * items:,} items filled in {fill:.1f} s; "
                     + "; ".join(notes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--panelists", type=int, default=100_000)
    parser.add_argument("--receipts", type=int, default=6)
    parser.add_argument("--items", type=int, default=2)
    options = parser.parse_args()
    figures, note = measure(options.panelists, options.receipts, options.items)
    print(render(figures))
    print(f"{note}; baseline: the bare GROUP BY aggregate (receipts, panelists, spend) with "
          "no consent check, bound, suppression or noise")


if __name__ == "__main__":
    main()
