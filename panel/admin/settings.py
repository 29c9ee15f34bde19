"""The admin tool's settings, from the environment (see README.md, "The admin tool")."""
from __future__ import annotations

import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def from_environment() -> dict:
    return {
        # Mail: SMTP when SMTP_HOST is set, otherwise the outbox table in the admin tool.
        "SMTP_HOST": os.environ.get("SMTP_HOST") or None,
        "SMTP_PORT": _int("SMTP_PORT", 587),
        "SMTP_USERNAME": os.environ.get("SMTP_USERNAME") or None,
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD") or None,
        "SMTP_STARTTLS": os.environ.get("SMTP_STARTTLS", "on").lower() in ("1", "on", "true"),
        "SMTP_SENDER": os.environ.get("SMTP_SENDER", "panel@localhost"),
        # Comma-separated CIDRs that may reach /admin; empty means any address.
        "ADMIN_ALLOWED_NETWORKS": os.environ.get("ADMIN_ALLOWED_NETWORKS", ""),
        "STAFF_SESSION_IDLE_SECONDS": _int("STAFF_SESSION_IDLE_SECONDS", 30 * 60),
        "STAFF_SESSION_MAX_SECONDS": _int("STAFF_SESSION_MAX_SECONDS", 12 * 3600),
        # Failed staff logins allowed per account and per address within the window.
        "STAFF_LOGIN_MAX_FAILURES": _int("STAFF_LOGIN_MAX_FAILURES", 5),
        "STAFF_LOGIN_WINDOW_SECONDS": _int("STAFF_LOGIN_WINDOW_SECONDS", 15 * 60),
        # POST /api/v1/waitlist requests allowed per client address within the window.
        "WAITLIST_MAX_REQUESTS": _int("WAITLIST_MAX_REQUESTS", 10),
        "WAITLIST_WINDOW_SECONDS": _int("WAITLIST_WINDOW_SECONDS", 3600),
        "WAITLIST_RULE": os.environ.get(
            "WAITLIST_RULE",
            "First come, first served: people are invited in the order they joined the "
            "waitlist, sometimes a region (country or postal code) at a time."),
    }
