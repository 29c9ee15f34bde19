"""A server (socketserver's, e.g. werkzeug's make_server) serving from a thread, for tests
that talk to it over loopback."""
from __future__ import annotations

import threading

# serve_forever looks for shutdown() every poll interval, 0.5 s by default: every server
# stopped at the end of a test held the test half a second.
POLL_SECONDS = 0.05


def serve_in_thread(server) -> threading.Thread:
    """Start ``server.serve_forever`` on a daemon thread; ``server.shutdown()`` ends it."""
    thread = threading.Thread(target=server.serve_forever, args=(POLL_SECONDS,), daemon=True)
    thread.start()
    return thread
