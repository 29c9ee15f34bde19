"""A small payout provider on loopback that speaks docs/payouts.md, for the adapter's tests:
a real HTTP server in a thread (not a mock object). It keeps one payout per idempotency key,
can be told to time out or answer 500 on the next requests, and signs webhooks with the
shared secret as a real provider would."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from panel.payout_provider import SIGNATURE_HEADER, sign
from tests.support.serving import serve_in_thread

API_KEY, WEBHOOK_SECRET = "test-provider-key", "test-webhook-secret"


class LoopbackProvider:
    def __init__(self):
        self.payouts: dict[str, dict] = {}  # idempotency key -> payout
        self.requests = 0
        self.faults: list[str] = []  # "timeout" | "500" | "400", one per coming request
        self.answer_status = "pending"  # or "delivered" (with a code)
        self.sleep = 1.5
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        serve_in_thread(self.server)

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def _create(self, key: str, body: dict) -> dict:
        with self._lock:
            if key not in self.payouts:  # a retry with the same key gets the same payout
                number = len(self.payouts) + 1
                payout = {"id": f"prov-{number}", "reference": body["reference"],
                          "amount": body["amount"], "currency": body["currency"],
                          "status": self.answer_status}
                if self.answer_status == "delivered":
                    payout["code"] = f"PROVIDER-CODE-{number:04d}"
                self.payouts[key] = payout
            return self.payouts[key]

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with provider._lock:
                    provider.requests += 1
                    fault = provider.faults.pop(0) if provider.faults else None
                if self.path != "/v1/payouts" or \
                        self.headers.get("Authorization") != f"Bearer {API_KEY}":
                    return self._send(401, {"error": "unauthorized"})
                if fault == "500":
                    return self._send(500, {"error": "try again"})
                if fault == "400":
                    return self._send(400, {"error": "amount not offered"})
                payout = provider._create(self.headers["Idempotency-Key"], body)
                if fault == "timeout":  # acted on it, but answers too late
                    time.sleep(provider.sleep)
                self._send(201, payout)

            def _send(self, status: int, data: dict):
                raw = json.dumps(data).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler

    def webhook(self, reference: str, kind: str, secret: str = WEBHOOK_SECRET,
                **data) -> tuple[bytes, dict]:
        """A signed event for one of its payouts: (body, headers)."""
        payout = next((p for p in self.payouts.values() if p["reference"] == reference), {})
        body = json.dumps({"id": f"evt-{time.monotonic_ns()}", "type": f"payout.{kind}",
                           "data": {"id": payout.get("id"), "reference": reference, **data}}
                          ).encode()
        return body, {SIGNATURE_HEADER: sign(secret, body),
                      "Content-Type": "application/json"}
