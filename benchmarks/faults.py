"""The fault suite: the real stack on loopback (benchmarks.stack: PostgreSQL, SeaweedFS S3,
its own Redis, Celery workers, gunicorn), a bounded load of uploads, and one fault per
scenario while the load runs. An outage may delay receipts; it must never reject or lose one.

    python -m benchmarks.faults [--uploads 30] [--only storage broker ...]

Scenarios: none (the baseline), worker_kill (a worker and its pool process SIGKILLed
mid-job, then started again), broker (Redis stopped, started again), storage (SeaweedFS
stopped, started again), database (every connection to the database terminated with
pg_terminate_backend, again and again), web_restart (gunicorn stopped and started).
The clients act as a phone does: an answer 503, or a refused connection, is sent again
with the same Idempotency-Key after Retry-After (at most 1 s here).

Per scenario: uploads sent; uploads answered 202; the other answers (by status, "refused"
for no connection); 500s; the median and slowest 503; receipts final at the end; of those,
rejected or sent to review because of a fault (image_missing, processing_failed); stuck (not
final when the wait ends); finished twice (two "finish" rows); originals left in storage;
resumed, from the fault's end until the first receipt finished after it; and the time to
drain, from the fault's end until every accepted receipt was final. On a shared machine the
drain is mostly the work itself (receipts uploaded during an outage are still to be read
after it), so it is held against the drain of the same load without a fault ("none").
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from benchmarks import served
from benchmarks.stack import Stack
from benchmarks.upload import multipart

FAULT_REASONS = ("image_missing", "processing_failed")
SCENARIOS = ("none", "worker_kill", "broker", "storage", "database", "web_restart")
# The suite's settings: a shorter lease than the default 120 s, so a SIGKILLed worker's
# receipt is taken up again within the 30 s the issue asks for (the lease must outlast a
# job); no second readings, which the suite does not measure and which only make each
# receipt slower on a shared machine.
SETTINGS = {"JOB_LEASE_SECONDS": 20, "OCR_WHOLE_LOOK": "off", "OCR_PRICE_LOOK": "off",
            "OCR_DATE_LOOK": "off"}


@dataclass
class Outcome:
    scenario: str
    uploads: int = 0
    accepted: list[str] = field(default_factory=list)
    answers: Counter = field(default_factory=Counter)
    slowest_503: float = 0.0
    final: int = 0
    by_fault: int = 0
    stuck: int = 0
    twice: int = 0
    originals_left: int = 0
    drain: float | None = None
    resumed: float | None = None
    statuses: Counter = field(default_factory=Counter)
    latencies_503: list[float] = field(default_factory=list)

    @property
    def errors_500(self) -> int:
        return sum(count for status, count in self.answers.items()
                   if isinstance(status, int) and status >= 500 and status != 503)

    def holds(self, baseline: float = 0.0) -> bool:
        """What the issue asks under every fault: every upload accepted, no 500, 503s within
        2 s, nothing rejected or stuck or finished twice, no original left, and drained within
        30 s of the fault's end (beyond ``baseline``, the drain of the same load without a
        fault: the time the receipts take anyway)."""
        return (len(self.accepted) == self.uploads and self.errors_500 == 0
                and self.slowest_503 < 2 and self.by_fault == 0 and self.stuck == 0
                and self.twice == 0 and self.originals_left == 0
                and self.drain is not None and self.drain - baseline < 30
                and (self.resumed is None or self.resumed < 30))


def receipt_photo(number: int) -> bytes:
    """A receipt of its own (items and total differ by ``number``), so none is a duplicate."""
    from PIL import Image  # noqa: F401  (render_receipt draws with Pillow)

    from tests.ocr.synthetic import render_receipt
    from tests.support.factories import jpeg_bytes
    bought = (date.today() - timedelta(days=2)).strftime("%d.%m.%Y")
    cents = [119 + number, 249 + 3 * number, 399 + 7 * number]
    money = [f"{c // 100},{c % 100:02d}" for c in cents + [sum(cents)]]
    return jpeg_bytes(render_receipt([
        ("REWE MARKT", ""), ("Bahnhofstr. 12, 50667 Koeln", ""), (f"{bought} 09:12", ""),
        (f"Milch {number}", money[0]), ("Brot", money[1]), ("Kaese", money[2]),
        ("SUMME EUR", money[3])]))


class Load:
    """``count`` uploads spread over ``seconds``, sent by ``clients`` threads."""

    def __init__(self, port: int, tokens: list[str], photos: list[bytes], seconds: float,
                 clients: int = 4, give_up_after: float = 120):
        self.port, self.tokens, self.photos = port, tokens, photos
        self.seconds, self.give_up_after = seconds, give_up_after
        self.accepted: list[str] = []
        self.answers: Counter = Counter()
        self.slowest_503 = 0.0
        self.latencies_503: list[float] = []
        self._next = 0
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._client, daemon=True)
                         for _ in range(clients)]

    def start(self) -> None:
        self.began = time.monotonic()
        for thread in self._threads:
            thread.start()

    def join(self) -> None:
        for thread in self._threads:
            thread.join()

    def _client(self) -> None:
        while True:
            with self._lock:
                number, self._next = self._next, self._next + 1
            if number >= len(self.photos):
                return
            due = self.began + number * self.seconds / len(self.photos)
            time.sleep(max(0.0, due - time.monotonic()))
            self._send(number)

    def _send(self, number: int) -> None:
        body, content_type = multipart(self.photos[number])
        headers = {"Authorization": f"Bearer {self.tokens[number % len(self.tokens)]}",
                   "Content-Type": content_type, "Idempotency-Key": uuid.uuid4().hex}
        give_up = time.monotonic() + self.give_up_after
        while True:
            started = time.monotonic()
            try:
                status, answer_headers, answer = served.request(
                    self.port, "POST", "/api/v1/receipts", body, headers)
            except OSError:
                status, answer_headers, answer = "refused", {}, b""
            took = time.monotonic() - started
            with self._lock:
                self.answers[status] += 1
                if status == 503:
                    self.slowest_503 = max(self.slowest_503, took)
                    self.latencies_503.append(took)
                if status == 202:
                    self.accepted.append(json.loads(answer)["id"])
            if status == 202 or status not in (503, "refused") or time.monotonic() > give_up:
                return
            time.sleep(min(1.0, float(answer_headers.get("Retry-After", 1))))


def inject(stack: Stack, scenario: str, hold: float) -> None:
    """The fault, from its start to its end (the part that was stopped is running again)."""
    if scenario == "worker_kill":
        deadline = time.monotonic() + 20  # wait for a job to be under way
        while time.monotonic() < deadline and not stack.query(
                "SELECT 1 FROM receipts WHERE status = 'processing' AND lease_owner IS NOT NULL"):
            time.sleep(0.05)
        stack.workers.kill(0)
        time.sleep(1)
        stack.workers.start(0)
    elif scenario == "broker":
        stack.redis.stop()
        time.sleep(hold)
        stack.redis.start()
    elif scenario == "storage":
        stack.s3.stop()
        time.sleep(hold)
        stack.s3.start()
    elif scenario == "database":
        until = time.monotonic() + hold
        while time.monotonic() < until:
            stack.terminate_connections()
            time.sleep(0.5)
    elif scenario == "web_restart":
        stack.web.stop()
        stack.web.start()


def run_scenario(stack: Stack, scenario: str, tokens: list[str], uploads: int,
                 load_seconds: float, hold: float, drain_limit: float = 120) -> Outcome:
    offset = sum(ord(c) for c in scenario) * 1000  # receipts unlike every other scenario's
    photos = [receipt_photo(offset + n) for n in range(uploads)]
    load = Load(stack.web.port, tokens, photos, load_seconds)
    load.start()
    time.sleep(load_seconds * 0.3)
    inject(stack, scenario, hold)
    fault_ended, fault_ended_at = time.monotonic(), stack.query("SELECT now()")[0][0]
    load.join()
    outcome = Outcome(scenario, uploads, load.accepted, load.answers, load.slowest_503,
                      latencies_503=load.latencies_503)
    outcome.drain = _wait_until_final(stack, load.accepted, fault_ended, drain_limit)
    first = stack.query("SELECT min(processed_at) - %s FROM receipts WHERE id = ANY(%s) AND "
                        "processed_at > %s", fault_ended_at, load.accepted, fault_ended_at)[0][0]
    outcome.resumed = first.total_seconds() if first is not None else None
    _count(stack, outcome)
    return outcome


def _unfinished(stack: Stack, ids: list[str]) -> int:
    return stack.query("SELECT count(*) FROM receipts WHERE id = ANY(%s) AND status IN "
                       "('queued', 'processing')", ids)[0][0]


def _wait_until_final(stack: Stack, ids: list[str], since: float, limit: float) -> float | None:
    deadline = time.monotonic() + limit
    while _unfinished(stack, ids):
        if time.monotonic() > deadline:
            return None
        time.sleep(0.25)
    return max(0.0, time.monotonic() - since)


def _count(stack: Stack, outcome: Outcome) -> None:
    ids = outcome.accepted
    rows = stack.query("SELECT status, status_reason FROM receipts WHERE id = ANY(%s)", ids)
    outcome.statuses = Counter(status for status, _ in rows)
    outcome.final = sum(1 for status, _ in rows if status not in ("queued", "processing"))
    outcome.stuck = len(ids) - outcome.final
    outcome.by_fault = sum(1 for _, reason in rows if reason in FAULT_REASONS)
    outcome.twice = stack.query(
        "SELECT count(*) FROM (SELECT receipt_id FROM receipt_events WHERE step = 'finish' "
        "AND receipt_id = ANY(%s) GROUP BY receipt_id HAVING count(*) > 1) AS twice", ids)[0][0]
    final_ids = {row[0] for row in stack.query(
        "SELECT id FROM receipts WHERE id = ANY(%s) AND status NOT IN ('queued', "
        "'processing')", ids)}
    left = stack.s3.keys(stack.bucket, "originals/")
    outcome.originals_left = len({key.split("/")[1] for key in left} & final_ids)


def run_suite(scenarios, uploads: int, load_seconds: float, hold: float, workers: int = 2,
              folder: Path | None = None, log=print) -> list[Outcome]:
    folder = folder or Path(tempfile.mkdtemp(prefix="panel-faults-"))
    stack = Stack(folder, workers=workers, settings=SETTINGS)
    try:
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION"):
            os.environ[name] = stack.env[name]
        app = stack.app()
        tokens = [served.register(app, stack.web.port, f"faults{n}@example.org")
                  for n in range(4)]
        outcomes = []
        for scenario in scenarios:
            log(f"scenario {scenario} ...")
            outcomes.append(run_scenario(stack, scenario, tokens, uploads, load_seconds, hold))
        return outcomes
    finally:
        stack.close()


def baseline(outcomes: list[Outcome]) -> float:
    """The drain without a fault, when the run has the "none" scenario."""
    return next((o.drain or 0.0 for o in outcomes if o.scenario == "none"), 0.0)


def _latency(seconds: list[float]) -> str:
    if not seconds:
        return "-"
    return f"{sorted(seconds)[len(seconds) // 2]:.2f} / {max(seconds):.2f}"


def render(outcomes: list[Outcome]) -> str:
    head = ("scenario", "uploads", "202s", "other answers", "500s", "503 s median/max",
            "final", "by fault", "stuck", "finished twice", "originals left", "resumed s",
            "drain s", "holds")
    rows = [head]
    for o in outcomes:
        other = ", ".join(f"{status} x{count}" for status, count in sorted(
            o.answers.items(), key=str) if status != 202) or "-"
        rows.append((o.scenario, str(o.uploads), str(len(o.accepted)), other,
                     str(o.errors_500), _latency(o.latencies_503),
                     str(o.final), str(o.by_fault), str(o.stuck), str(o.twice),
                     str(o.originals_left), "-" if o.resumed is None else f"{o.resumed:.1f}",
                     "-" if o.drain is None else f"{o.drain:.1f}",
                     "yes" if o.holds(baseline(outcomes)) else "NO"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths)) for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    for o in outcomes:
        lines.append(f"{o.scenario}: final statuses " + ", ".join(
            f"{status} {count}" for status, count in sorted(o.statuses.items())))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uploads", type=int, default=30, help="uploads per scenario")
    parser.add_argument("--seconds", type=float, default=20, help="seconds the load lasts")
    parser.add_argument("--hold", type=float, default=15, help="seconds an outage lasts")
    parser.add_argument("--workers", type=int, default=2, help="Celery worker processes")
    parser.add_argument("--only", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    options = parser.parse_args()
    began = time.monotonic()
    outcomes = run_suite(options.only, options.uploads, options.seconds, options.hold,
                         options.workers, log=lambda text: print(text, file=sys.stderr))
    print(render(outcomes))
    print(f"{options.uploads} uploads over {options.seconds:.0f} s per scenario, outages of "
          f"{options.hold:.0f} s, {options.workers} workers, settings {SETTINGS}; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"{time.monotonic() - began:.0f} s in all")
    sys.exit(0 if all(o.holds(baseline(outcomes)) for o in outcomes) else 1)


if __name__ == "__main__":
    main()
