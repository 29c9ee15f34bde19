"""Closing a month for many panelists on PostgreSQL, against a bare SQL aggregate.

    python -m benchmarks.close_period [--panelists 100000] [--receipts 10]

Makes a fresh database (dropped afterwards) on the local PostgreSQL (TEST_POSTGRES_ADMIN,
default postgresql://postgres@127.0.0.1:5432/test), fills it with accepted receipts in
October 2026, then times: the baseline, one GROUP BY that finds who met the goal; and
``rewards.close_period``, which writes the ledger (weekly cap and excluded merchants applied).
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
from panel.services import rewards
from tests.support.apps import make_app

BASELINE = """SELECT panelist_id, count(*) FROM receipts
              WHERE period = '2026-10' AND status = 'accepted'
              GROUP BY panelist_id HAVING count(*) >= :goal"""
FILL = [
    """INSERT INTO panelists (id, email_hash, email_sealed, password_hash, status, joined_at)
       SELECT gen_random_uuid()::text, md5(i::text), '\\x00'::bytea, 'x', 'active', now()
       FROM generate_series(1, :panelists) AS i""",
    """INSERT INTO receipts (id, panelist_id, status, submitted_at, period, week, page_count,
                            attempts, merchant_name, total)
       SELECT gen_random_uuid()::text, p.id, 'accepted', ts, '2026-10',
              to_char(ts AT TIME ZONE 'Europe/Berlin', 'IYYY-"W"IW'), 1, 1, 'Corner Shop', 9.99
       FROM panelists AS p, generate_series(0, :receipts - 1) AS n,
            LATERAL (SELECT timestamptz '2026-10-01 10:00+02' + (n * 3) * interval '1 day') AS t(ts)""",
    "ANALYZE",
]


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(panelists: int = 100_000, receipts: int = 10) -> tuple[list[Figure], str]:
    """The month close beside the bare aggregate, and a line about the data and the rewards."""
    sizes = {"panelists": panelists, "receipts": receipts}
    with served.scratch_database() as url:
        app = make_app(Path(tempfile.mkdtemp()), served.sqlalchemy_url(url))
        with app.app_context():
            fill = timed(lambda: [db.session.execute(text(sql), sizes) for sql in FILL])
            db.session.commit()
            goal = app.config["REWARD_MONTHLY_GOAL"]
            baseline = min(timed(lambda: db.session.execute(text(BASELINE), {"goal": goal})
                                 .all()) for _ in range(3))
            written = []
            close = timed(lambda: written.append(rewards.close_period("2026-10")))
            db.engine.dispose()
    figure = Figure(f"month close, {panelists:,} panelists: s", close, baseline,
                    "at most 3x baseline, under 30 s", close <= 3 * baseline and close < 30)
    return [figure], (f"month close: {panelists * receipts:,} receipts filled in {fill:.1f} s, "
                      f"{written[0]:,} rewards written")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--panelists", type=int, default=100_000)
    parser.add_argument("--receipts", type=int, default=10)
    options = parser.parse_args()
    figures, note = measure(options.panelists, options.receipts)
    print(render(figures))
    print(f"{note}; baseline: the bare GROUP BY aggregate that finds who met the goal")


if __name__ == "__main__":
    main()
