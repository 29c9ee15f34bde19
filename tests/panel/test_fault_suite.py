"""The fault suite's short form (python -m benchmarks.faults has the full one): the real
stack on loopback, a few uploads, Redis and then SeaweedFS stopped mid-load and started
again. Nothing may be lost, rejected, stuck or finished twice; no 500; drained in 30 s."""
from __future__ import annotations

from benchmarks import faults


def test_a_broker_and_a_storage_outage_delay_receipts_and_lose_none(tmp_path):
    outcomes = faults.run_suite(["broker", "storage"], uploads=3, load_seconds=3, hold=4,
                                workers=2, folder=tmp_path / "stack", log=lambda _: None)
    table = faults.render(outcomes)
    print(table)
    for outcome in outcomes:
        assert len(outcome.accepted) == outcome.uploads, table
        assert outcome.errors_500 == 0 and outcome.slowest_503 < 2, table
        assert (outcome.by_fault, outcome.stuck, outcome.twice) == (0, 0, 0), table
        assert outcome.originals_left == 0, table
        assert outcome.drain is not None and outcome.drain < 30, table
