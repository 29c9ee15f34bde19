"""Where the time goes: pyinstrument profiles of the paths the speed goals are about, run in
this process on a throwaway PostgreSQL database (as the benchmarks fill it).

    python -m benchmarks.profile reading [--page-size 100] [--requests 50]
    python -m benchmarks.profile upload [--requests 20]
    python -m benchmarks.profile close [--panelists 20000]

Prints pyinstrument's call tree (slowest paths first), and the mean wall time per request.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from pyinstrument import Profiler

from benchmarks import close_period, reading, served, upload


def _app(url: str, folder: Path):
    env = served.panel_environment(url, folder)
    return served.migrated_app(env)


def _panelist(app) -> tuple[str, str]:
    from panel.db import db
    from panel.models import Panelist
    from panel.services import auth
    client = app.test_client()
    with app.app_context():
        code = auth.create_invite("profile@example.org")
    answer = client.post("/api/v1/auth/register", json={
        "invite_code": code, "email": "profile@example.org", "password": "profile " * 3,
        "consents": {"receipts": True}}).get_json()
    with app.app_context():
        panelist_id = db.session.query(Panelist.id).scalar()
    return answer["access_token"], panelist_id


def profile_reading(page_size: int, requests: int, receipts: int = 5000) -> None:
    with tempfile.TemporaryDirectory() as scratch, served.scratch_database() as url:
        app = _app(url, Path(scratch))
        token, panelist_id = _panelist(app)
        reading.fill(url, panelist_id, receipts, 2000)
        client, headers = app.test_client(), {"Authorization": f"Bearer {token}"}
        pages = -(-receipts // page_size)
        client.get(f"/api/v1/receipts?page=1&page_size={page_size}", headers=headers)  # warm
        _run(lambda n: client.get(f"/api/v1/receipts?page={1 + n % pages}"
                                  f"&page_size={page_size}", headers=headers), requests)
        _dispose(app)


def profile_upload(requests: int) -> None:
    with tempfile.TemporaryDirectory() as scratch, served.scratch_database() as url:
        app = _app(url, Path(scratch))
        token, _ = _panelist(app)
        body, content_type = upload.multipart(upload.phone_photo())
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": content_type}
        _run(lambda n: client.post("/api/v1/receipts", data=body, headers=headers), requests)
        _dispose(app)


def profile_close(panelists: int) -> None:
    from sqlalchemy import text

    from panel.db import db
    from panel.services import rewards
    with served.scratch_database() as url:
        app = _app(url, Path(tempfile.mkdtemp()))
        with app.app_context():
            for sql in close_period.FILL:
                db.session.execute(text(sql), {"panelists": panelists, "receipts": 10})
            db.session.commit()
            _explain_close(app)
            _run(lambda n: rewards.close_period("2026-10"), 1)
        _dispose(app)


def _explain_close(app) -> None:
    """PostgreSQL's own account of the close's one statement (rolled back) and of the bare
    aggregate: where the database spends the time."""
    from sqlalchemy import literal, select, true
    from sqlalchemy.dialects import postgresql

    from panel.db import UtcDateTime, db, utcnow
    from panel.models import LedgerEntry
    from panel.services import ledger, rewards
    rule = rewards.rules()
    per = rewards.counts_per_panelist(rule, "2026-10")
    source = select(per.c.panelist_id, literal(rule.monthly_minor)).where(
        per.c.n >= rule.goal).subquery()
    rows = select(ledger.random_id(), source.c[0], literal("period_reward"), source.c[1],
                  literal(rule.currency), literal("2026-10"), literal("period_reward:2026-10"),
                  literal("Reward for 2026-10"), literal(utcnow(), UtcDateTime))
    statement = postgresql.insert(LedgerEntry).from_select(
        ledger.COLUMNS, rows.where(true())).on_conflict_do_nothing(
        index_elements=["panelist_id", "dedupe_key"]).returning(LedgerEntry.id)
    compiled = statement.compile(dialect=db.engine.dialect,
                                 compile_kwargs={"render_postcompile": True})
    connection = db.session.connection()
    connection.exec_driver_sql("SET LOCAL work_mem = '64MB'")
    for title, sql, params in (
            ("the close's INSERT ... SELECT", str(compiled), compiled.params),
            ("the bare aggregate", close_period.BASELINE.replace(":goal", "%(goal)s"),
             {"goal": rule.goal})):
        plan = connection.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        print(f"--- {title}")
        print("\n".join(row[0] for row in plan))
    db.session.rollback()


def _run(action, times: int) -> None:
    """pyinstrument's wall-clock tree, then cProfile's CPU time by function (the two differ
    on a busy machine, where waiting on the database weighs in the first only)."""
    def runs():
        for n in range(times):
            answer = action(n)
            status = getattr(answer, "status_code", 200)
            if status >= 300:
                raise RuntimeError(f"answered {status}")

    profiler, began, cpu = Profiler(interval=0.0005), time.perf_counter(), time.process_time()
    with profiler:
        runs()
    print(f"{1000 * (time.perf_counter() - began) / times:.1f} ms per run, "
          f"{1000 * (time.process_time() - cpu) / times:.1f} ms of CPU (profiled)")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    by_cpu = cProfile.Profile(time.process_time)
    by_cpu.runcall(runs)
    pstats.Stats(by_cpu).sort_stats("cumulative").print_stats(45)


def _dispose(app) -> None:
    from panel.db import db
    with app.app_context():
        db.engine.dispose()
    app.extensions["panel.keys"].dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", choices=["reading", "upload", "close"])
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--panelists", type=int, default=20_000)
    options = parser.parse_args()
    if options.path == "reading":
        profile_reading(options.page_size, options.requests)
    elif options.path == "upload":
        profile_upload(options.requests)
    else:
        profile_close(options.panelists)


if __name__ == "__main__":
    main()
