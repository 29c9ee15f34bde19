"""A payout provider over HTTPS, speaking the protocol of docs/payouts.md: one request per
payout with an ``Idempotency-Key`` (the payout's id), retried on timeouts, 5xx, 408 and 429
with a growing pause; webhooks signed with HMAC-SHA256 over ``"<timestamp>.<body>"``.

No database and no Flask here: the service (``services/payout_delivery.py``) decides what
an answer means for the payout. Nothing personal is sent: the payout's id, amount, currency
and brand only; the provider answers with a code (a gift card) or just a state.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlparse

SIGNATURE_HEADER = "Payout-Signature"
RETRIED = {408, 429, 500, 502, 503, 504}


@dataclass
class ProviderAnswer:
    """``final`` False: the provider could not be reached or asked to try later."""

    final: bool
    status: str | None = None  # pending | delivered | failed
    reference: str | None = None
    code: str | None = None
    pin: str | None = None
    reason: str | None = None


class ProviderError(Exception):
    pass


class PayoutProvider:
    def __init__(self, base_url: str, api_key: str, timeout: float = 5.0, attempts: int = 3,
                 pause: float = 0.5):
        parsed = urlparse(base_url or "")
        if parsed.scheme != "https" and not _loopback(parsed.hostname):
            raise ProviderError("PAYOUT_PROVIDER_URL must be an https:// address")
        self.base_url, self.api_key = base_url.rstrip("/"), api_key
        self.timeout, self.attempts, self.pause = timeout, max(attempts, 1), pause

    def create(self, reference: str, amount: str, currency: str,
               brand: str | None) -> ProviderAnswer:
        """Ask for the payout; the same ``reference`` is the idempotency key on every try,
        so a request that timed out after the provider acted is answered, not repeated."""
        body = json.dumps({"reference": reference, "amount": amount, "currency": currency,
                           "brand": brand}).encode()
        request = urllib.request.Request(
            f"{self.base_url}/v1/payouts", data=body, method="POST", headers={
                "Authorization": f"Bearer {self.api_key}", "Idempotency-Key": reference,
                "Content-Type": "application/json", "Accept": "application/json"})
        last = "unreachable"
        for attempt in range(self.attempts):
            if attempt:
                time.sleep(self.pause * 2 ** (attempt - 1))
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return _answer(json.loads(response.read() or b"{}"))
            except urllib.error.HTTPError as error:
                if error.code not in RETRIED:
                    return ProviderAnswer(True, "failed", reason=f"provider_refused_{error.code}")
                last = f"provider_{error.code}"
            except (TimeoutError, socket.timeout, urllib.error.URLError, ConnectionError,
                    json.JSONDecodeError) as error:
                last = type(error).__name__
        return ProviderAnswer(False, reason=last)


def _answer(data: dict) -> ProviderAnswer:
    status = data.get("status")
    if status not in ("pending", "delivered", "failed"):
        return ProviderAnswer(False, reason="provider_answer_unreadable")
    return ProviderAnswer(True, status, str(data.get("id") or "")[:80] or None,
                          data.get("code"), data.get("pin"),
                          str(data.get("reason") or "")[:200] or None)


def _loopback(host: str | None) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The signature header's value: ``t=<unix seconds>,v1=<hex HMAC-SHA256>``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def signature_ok(secret: str, body: bytes, header: str | None, tolerance: int = 300) -> bool:
    """Whether ``header`` signs ``body`` with ``secret``, made within ``tolerance`` seconds."""
    if not secret or not header:
        return False
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))
