"""Request rate limits (Flask-Limiter), for any face of the panel: per access token, per
refresh token, per account (email) and per client address.

Counts live on Redis when ``RATELIMIT_STORAGE_URI`` (or a Redis ``CELERY_BROKER_URL``) says
so, so every process shares them, and in memory otherwise. If Redis goes away, limits carry
on in memory until it is back. Keys are keyed hashes (the vault's lookup key), never the
address, email or token itself, so neither the store nor Flask-Limiter's log lines hold
personal data.

A face limits a view with ``@rate_limited("login")`` (the API through ``panel.api.limits``,
which also documents the 429), or calls ``check("login")`` itself. A refusal is a
``RateLimited`` error (429) carrying ``retry_after`` seconds. ``spend_pixels`` counts what an
upload costs rather than the request: the pixels of its pages, per panelist and clock hour.
"""
from __future__ import annotations

import logging
import math
import time
from functools import wraps

from flask import Flask, current_app, request
from flask_limiter import Limiter, RateLimitExceeded
from limits import RateLimitItemPerHour, parse_many

from panel import metrics, web
from panel.services import personal
from panel.services.throttle import TooManyRequests

log = logging.getLogger(__name__)

EXTENSION = "panel.limiter"

# rule -> (key, setting) pairs: each key is counted on its own, and any one refuses.
RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "upload": (("token", "RATELIMIT_UPLOAD_PER_TOKEN"),
               ("address", "RATELIMIT_UPLOAD_PER_ADDRESS")),
    # per account from one address: an attacker elsewhere never slows the owner down
    "login": (("account_address", "RATELIMIT_LOGIN_PER_ACCOUNT"),
              ("address", "RATELIMIT_LOGIN_PER_ADDRESS")),
    "register": (("address", "RATELIMIT_REGISTER_PER_ADDRESS"),),
    "waitlist": (("address", "RATELIMIT_WAITLIST_PER_ADDRESS"),),
    "refresh": (("refresh_token", "RATELIMIT_REFRESH_PER_TOKEN"),
                ("address", "RATELIMIT_REFRESH_PER_ADDRESS")),
    "staff_login": (("address", "RATELIMIT_STAFF_LOGIN_PER_ADDRESS"),),
    "password_reset": (("account", "RATELIMIT_PASSWORD_RESET_PER_ACCOUNT"),
                       ("address", "RATELIMIT_PASSWORD_RESET_PER_ADDRESS")),
    # the password asked again (change, erasure): guesses with a stolen token are slow
    "password_check": (("token", "RATELIMIT_PASSWORD_CHECK_PER_TOKEN"),),
}

WHOSE = {"token": "for this login", "refresh_token": "for this refresh token",
         "account": "for this account", "address": "from your network address",
         "account_address": "for this account from your network address"}


class RateLimited(TooManyRequests):
    """Too many requests; ``retry_after`` says in how many seconds to try again."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def init_app(app: Flask) -> None:
    """One limiter per app (Flask-Limiter keeps its storage on the instance), and one small
    checker per rule and key, decorated once with Flask-Limiter's ``shared_limit``."""
    limiter = Limiter(key_func=lambda: "", storage_uri=app.config["RATELIMIT_STORAGE_URI"],
                      in_memory_fallback_enabled=True, headers_enabled=False,
                      key_prefix=app.config.get("RATELIMIT_KEY_PREFIX", "panel"))
    limiter.init_app(app)
    checkers = {}
    for rule, keys in RULES.items():
        for key_name, setting in keys:
            _validate(app.config, setting)
            checkers[rule, key_name] = _checker(limiter, rule, key_name, setting)
    app.extensions[EXTENSION] = limiter
    app.extensions[f"{EXTENSION}.checkers"] = checkers


def _validate(config, setting: str) -> None:
    try:
        parse_many(config[setting])
    except ValueError as error:
        raise ValueError(f"{setting}: {error} (write e.g. '20/minute')") from None


def _checker(limiter: Limiter, rule: str, key_name: str, setting: str):
    def count() -> None:
        """Counts the request; Flask-Limiter's decorator raises RateLimitExceeded if over."""
    count.__qualname__ = count.__name__ = f"count_{rule}_{key_name}"
    return limiter.shared_limit(lambda: current_app.config[setting], scope=f"{rule}:{key_name}",
                                key_func=lambda: _key(key_name),
                                exempt_when=lambda: not _key(key_name))(count)


def rate_limited(rule: str):
    """A view decorator: ``check(rule)`` before the view (and before its body is read)."""
    if rule not in RULES:
        raise KeyError(f"No rate limit rule {rule!r}; known: {', '.join(RULES)}")

    def decorator(view):
        @wraps(view)
        def limited_view(*args, **kwargs):
            check(rule)
            return view(*args, **kwargs)
        return limited_view
    return decorator


def check(rule: str) -> None:
    """Count this request against each key of ``rule``; raise ``RateLimited`` if any is over.
    A key the request does not carry (no token, no email) is not counted."""
    checkers = current_app.extensions[f"{EXTENSION}.checkers"]
    for key_name, _ in RULES[rule]:
        try:
            checkers[rule, key_name]()
        except RateLimitExceeded as exceeded:
            current = current_app.extensions[EXTENSION].current_limit
            window = exceeded.limit.limit.get_expiry()  # the reset, in whole seconds, may
            # round one past the window
            wait = max(1, min(window, math.ceil(current.reset_at - time.time()))) \
                if current else 60
            metrics.RATE_LIMITED.labels(rule=rule).inc()
            raise RateLimited(f"Too many requests {WHOSE[key_name]}: at most "
                              f"{exceeded.limit.limit}. Please try again in {wait} s.",
                              wait) from None


def spend_pixels(panelist_id: str, pixels: int) -> None:
    """Count an upload's pixels (all pages) against ``UPLOAD_MAX_PIXELS_PER_HOUR`` for the
    panelist; raise ``RateLimited`` if they do not fit in this clock hour's budget. Kept with
    the request counts (so on Redis shared by every process) and off with them; a deleted
    receipt gives nothing back, as its work was done."""
    budget = current_app.config["UPLOAD_MAX_PIXELS_PER_HOUR"]
    limiter = current_app.extensions[EXTENSION]
    if budget <= 0 or not limiter.enabled:
        return
    item = RateLimitItemPerHour(budget)
    key = personal.vault().lookup_hash(f"ratelimit:pixels:{panelist_id}")
    try:
        spent = limiter.limiter.hit(item, "pixels", key, cost=pixels)
        reset_at = limiter.limiter.get_window_stats(item, "pixels", key).reset_time
    except Exception:  # noqa: BLE001  (the store is down: the request limits still hold)
        log.warning("pixel budget not counted: rate limit storage unavailable")
        return
    if not spent:
        wait = max(1, math.ceil(reset_at - time.time()))
        metrics.RATE_LIMITED.labels(rule="upload_pixels").inc()
        raise RateLimited(
            f"Your uploads of this hour have used your budget of {budget / 1e6:.0f} million "
            f"pixels (this one has {pixels / 1e6:.1f} million). Please try again in {wait} s, "
            "or send smaller photos.", wait)


def _key(name: str) -> str:
    """The keyed hash of the request's address, token or account; "" when it has none."""
    if name == "address":
        value = request.remote_addr or "unknown"
    elif name == "token":  # the API's bearer token, or the same token in the dashboard cookie
        scheme, _, value = request.headers.get("Authorization", "").partition(" ")
        value = (value.strip() if scheme.lower() == "bearer"
                 else request.cookies.get(web.PANELIST_SESSION_COOKIE, ""))
    else:
        body = request.get_json(silent=True) if request.is_json else request.form
        field = "email" if name.startswith("account") else name
        value = body.get(field) if hasattr(body, "get") else ""
        if field == "email" and isinstance(value, str) and value:
            value = personal.normalise_email(value)
            if name == "account_address":
                value = f"{value} {request.remote_addr or 'unknown'}"
    if not isinstance(value, str) or not value:
        return ""
    return personal.vault().lookup_hash(f"ratelimit:{name}:{value}")
