"""Reading a long receipt list: GET /api/v1/receipts for a panelist with 5,000 receipts on
PostgreSQL, under gunicorn, against the same SQL run directly.

    python -m benchmarks.reading [--receipts 5000] [--page-size 10 100] [--passes 2]

A panelist joins by invite on a throwaway database; their receipts (with items, redaction
counts and timelines, most accepted, one every three hours back from now) and those of
20,000 other panelists (ten each) are written in SQL. One client
then pages through the whole list with the API's pagination (``page``, ``page_size``), newest
first, on 127.0.0.1. The baseline, per page, is the listing's own two statements (the count
and the page) sent directly by psycopg. Goal: p99 under 30 ms. Also the CPU the gunicorn
workers spend per request, against what psycopg alone spends in this process per page.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import psycopg

from benchmarks import served
from benchmarks.table import Figure, render

FILL = [
    """INSERT INTO receipts (id, panelist_id, status, status_reason, submitted_at, processed_at,
                            period, week, page_count, attempts, redacted_at, redacted_image_key,
                            merchant_name, purchase_date, currency, total, parse_confidence)
       SELECT gen_random_uuid()::text, %(panelist)s, s.status, s.reason, ts, ts + interval '40 s',
              to_char(ts AT TIME ZONE 'Europe/Berlin', 'YYYY-MM'),
              to_char(ts AT TIME ZONE 'Europe/Berlin', 'IYYY-"W"IW'), 1, 1,
              ts + interval '30 s', 'redacted/bench/' || i, 'Corner Shop ' || i %% 7,
              (ts - interval '1 day')::date, 'EUR', 5 + i %% 50, 0.9
       FROM generate_series(1, %(receipts)s) AS i,
            LATERAL (SELECT now() - i * interval '3 hours') AS t(ts),
            LATERAL (SELECT CASE WHEN i %% 20 = 0 THEN 'needs_review'
                                 WHEN i %% 20 = 1 THEN 'rejected'
                                 WHEN i %% 20 = 2 THEN 'withdrawn' ELSE 'accepted' END,
                            CASE WHEN i %% 20 = 1 THEN 'duplicate' END) AS s(status, reason)""",
    """INSERT INTO receipt_items (id, receipt_id, position, description, quantity, unit_price,
                                 amount)
       SELECT gen_random_uuid()::text, r.id, n, 'Item ' || n, 1, 1.99, 1.99
       FROM receipts AS r, generate_series(1, 6) AS n
       WHERE r.panelist_id = %(panelist)s AND r.status <> 'rejected'""",
    """INSERT INTO receipt_redactions (id, receipt_id, category, action, count)
       SELECT gen_random_uuid()::text, id, 'card_number', 'masked', 1 FROM receipts
       WHERE panelist_id = %(panelist)s""",
    """INSERT INTO receipt_events (id, receipt_id, sequence, at, status, step)
       SELECT gen_random_uuid()::text, r.id, n, r.submitted_at + n * interval '5 s',
              CASE WHEN n = 0 THEN 'queued' WHEN n = 5 THEN r.status ELSE 'processing' END,
              (ARRAY[NULL, 'ocr', 'parse', 'redact', 'check', NULL])[n + 1]
       FROM receipts AS r, generate_series(0, 5) AS n WHERE r.panelist_id = %(panelist)s""",
    # The rest of the panel: other panelists with ten receipts each, in the same tables.
    """INSERT INTO panelists (id, email_hash, email_sealed, password_hash, status, joined_at)
       SELECT gen_random_uuid()::text, md5(i::text), '\\x00'::bytea, 'x', 'active', now()
       FROM generate_series(1, %(others)s) AS i""",
    """INSERT INTO receipts (id, panelist_id, status, submitted_at, period, week, page_count,
                            attempts)
       SELECT gen_random_uuid()::text, p.id, 'accepted', ts,
              to_char(ts AT TIME ZONE 'Europe/Berlin', 'YYYY-MM'),
              to_char(ts AT TIME ZONE 'Europe/Berlin', 'IYYY-"W"IW'), 1, 1
       FROM panelists AS p, generate_series(1, 10) AS n,
            LATERAL (SELECT now() - n * interval '3 days') AS t(ts)
       WHERE p.id <> %(panelist)s""",
    "VACUUM ANALYZE",
]
# The listing's statements as panel.services.receipts.page_for sends them.
COUNT = "SELECT count(*) FROM receipts WHERE panelist_id = %s"
PAGE = """SELECT * FROM receipts WHERE panelist_id = %s
          ORDER BY submitted_at DESC, id DESC LIMIT %s OFFSET %s"""


def fill(url: str, panelist_id: str, receipts: int, others: int) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in FILL:
            conn.execute(statement, {"panelist": panelist_id, "receipts": receipts,
                                     "others": others})


def bytes_per_receipt(url: str, panelist_id: str) -> float:
    """Database bytes (tables and indexes) per receipt of the listed panelist: a receipt row at
    the average of all, plus the panelist's items, redactions and timeline per receipt."""
    with psycopg.connect(url) as conn:
        def size(table: str) -> int:
            return conn.execute("SELECT pg_total_relation_size(%s)", (table,)).fetchone()[0]
        rows = conn.execute("SELECT count(*) FROM receipts").fetchone()[0]
        own = conn.execute("SELECT count(*) FROM receipts WHERE panelist_id = %s",
                           (panelist_id,)).fetchone()[0]
        parts = sum(size(t) for t in ("receipt_items", "receipt_redactions", "receipt_events"))
        return size("receipts") / rows + parts / own


def api_pages(port: int, token: str, page_size: int, pages: int) -> list[float]:
    times, seen = [], set()
    for page in range(1, pages + 1):
        began = time.perf_counter()
        status, headers, body = served.request(
            port, "GET", f"/api/v1/receipts?page={page}&page_size={page_size}",
            headers={"Authorization": f"Bearer {token}"})
        times.append(time.perf_counter() - began)
        if status != 200:
            raise RuntimeError(f"GET /api/v1/receipts answered {status}")
        seen.update(receipt["id"] for receipt in json.loads(body))
    if len(seen) != json.loads(headers["X-Pagination"])["total"]:
        raise RuntimeError("paging did not return every receipt exactly once")
    return times


def sql_pages(url: str, panelist_id: str, page_size: int,
              pages: int) -> tuple[list[float], float]:
    """Seconds per page, and this process's CPU seconds in all (psycopg's share)."""
    times, cpu = [], time.process_time()
    with psycopg.connect(url, autocommit=True) as conn:
        for page in range(1, pages + 1):
            began = time.perf_counter()
            conn.execute(COUNT, (panelist_id,)).fetchone()
            conn.execute(PAGE, (panelist_id, page_size, (page - 1) * page_size)).fetchall()
            times.append(time.perf_counter() - began)
    return times, time.process_time() - cpu


def measure(receipts: int = 5000, page_sizes: tuple[int, ...] = (10, 100), passes: int = 2,
            workers: int = 4, others: int = 20_000) -> tuple[list[Figure], str]:
    """The figures, and a line on the database bytes per receipt."""
    figures = []
    with tempfile.TemporaryDirectory(prefix="bench-reading-") as scratch, \
            served.scratch_database() as url:
        env = served.panel_environment(url, Path(scratch))
        app = served.migrated_app(env)
        with served.gunicorn("app:app", env, workers, Path(scratch) / "panel.log") as server:
            token = served.register(app, server.port, "bench-reading@example.org")
            with psycopg.connect(url) as conn:
                panelist_id = conn.execute("SELECT id FROM panelists").fetchone()[0]
            fill(url, panelist_id, receipts, others)
            per_receipt = bytes_per_receipt(url, panelist_id)
            for size in page_sizes:
                pages = -(-receipts // size)
                api, sql, cpu, sql_cpu = [], [], 0.0, 0.0
                for _ in range(passes):
                    before = server.cpu_seconds()
                    api += api_pages(server.port, token, size, pages)
                    cpu += server.cpu_seconds() - before
                    times, used = sql_pages(url, panelist_id, size, pages)
                    sql, sql_cpu = sql + times, sql_cpu + used
                p99 = served.percentile(api, 0.99) * 1000
                figures += [
                    Figure(f"GET /receipts of {receipts:,}, {size} a page: p50 ms",
                           served.percentile(api, 0.5) * 1000,
                           served.percentile(sql, 0.5) * 1000),
                    Figure(f"GET /receipts of {receipts:,}, {size} a page: p99 ms", p99,
                           served.percentile(sql, 0.99) * 1000, "under 30 ms", p99 < 30),
                    Figure(f"GET /receipts, {size} a page: app CPU ms",
                           1000 * cpu / len(api), 1000 * sql_cpu / len(sql))]
        with app.app_context():
            from panel.db import db
            db.engine.dispose()
    return figures, (f"reading: {per_receipt:,.0f} database bytes per receipt with six items, "
                     f"its redaction counts and a six-step timeline (tables and indexes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--receipts", type=int, default=5000)
    parser.add_argument("--page-size", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--passes", type=int, default=2, help="times through the whole list")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--others", type=int, default=20_000,
                        help="other panelists, ten receipts each")
    options = parser.parse_args()
    figures, note = measure(options.receipts, tuple(options.page_size), options.passes,
                            options.workers, options.others)
    print(render(figures))
    print(f"{note}; baseline: the listing's count and page statements sent directly by psycopg")


if __name__ == "__main__":
    main()
