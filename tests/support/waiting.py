"""Waiting for a receipt to reach a final state, through the API as a phone would."""
from __future__ import annotations

import time

from tests.support.factories import bearer

FINAL = {"accepted", "needs_review", "rejected", "removed", "withdrawn"}


def wait_until_final(client, tokens: dict, receipt_id: str, timeout: float = 90) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(tokens)).get_json()
        if body["status"] in FINAL:
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"receipt still {body['status']} after {timeout} s")
        time.sleep(0.2)
