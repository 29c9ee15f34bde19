"""Running one request many times at once, on real threads, as racing clients would."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor


def at_once(count: int, call) -> list:
    """``call(n)`` for n in 0..count-1, each on its own thread, all released together;
    the answers in order."""
    barrier = threading.Barrier(count)

    def released(n: int):
        barrier.wait()
        return call(n)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(released, range(count)))
