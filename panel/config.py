"""Configuration from the environment, with defaults that need no server (see API.md): the
one place settings are read, the admin tool's included. A setting that cannot be read (a
number that is not one, a switch neither on nor off, an unknown redaction policy) stops the
start with an error naming it."""
from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from redaction.policy import Policy


def _instance_secret(instance: Path, name: str, make) -> str:
    """A secret generated once into ``instance/<name>`` (readable by the owner only)."""
    path = instance / name
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return path.read_text().strip()
        with os.fdopen(fd, "w") as out:
            out.write(make())
    return path.read_text().strip()


class SettingError(ValueError):
    """A setting from the environment that cannot be read; the message names it."""


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, default)
    try:
        return int(raw)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {raw!r}") from None


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name, default)
    try:
        return float(raw)
    except ValueError:
        raise SettingError(f"{name} must be a number, not {raw!r}") from None


def country_of_timezone(timezone: str) -> str | None:
    """The country (ISO code) a time zone belongs to, from the system's zone table; None
    where the table is missing or the zone is in none (``UTC``)."""
    import zoneinfo
    for folder in zoneinfo.TZPATH:
        table = Path(folder) / "zone.tab"
        if table.is_file():
            for row in table.read_text().splitlines():
                fields = row.split("\t")
                if len(fields) >= 3 and not row.startswith("#") and fields[2] == timezone:
                    return fields[0]
    return None


ON, OFF = ("1", "on", "true", "yes"), ("0", "off", "false", "no")


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "on" if default else "off").strip().lower()
    if raw not in ON + OFF:
        raise SettingError(f"{name} is on or off, not {raw!r}")
    return raw in ON


# Requests per client within a window, in Flask-Limiter's notation ("20/minute", "5/second;
# 100/hour"): each key (token, account, address) is counted on its own (see panel/ratelimit.py).
RATE_LIMITS = {
    "RATELIMIT_UPLOAD_PER_TOKEN": "20/minute",
    "RATELIMIT_UPLOAD_PER_ADDRESS": "120/minute",
    "RATELIMIT_LOGIN_PER_ACCOUNT": "5/minute",
    "RATELIMIT_LOGIN_PER_ADDRESS": "20/minute",
    "RATELIMIT_REGISTER_PER_ADDRESS": "10/minute",
    "RATELIMIT_WAITLIST_PER_ADDRESS": "5/minute",
    "RATELIMIT_REFRESH_PER_TOKEN": "5/minute",
    "RATELIMIT_REFRESH_PER_ADDRESS": "30/minute",
    "RATELIMIT_STAFF_LOGIN_PER_ADDRESS": "10/minute",
    "RATELIMIT_PASSWORD_RESET_PER_ACCOUNT": "3/hour",
    "RATELIMIT_PASSWORD_RESET_PER_ADDRESS": "20/hour",
    "RATELIMIT_PASSWORD_CHECK_PER_TOKEN": "5/minute",
}


def from_environment(instance_path: str) -> dict:
    instance = Path(instance_path)
    broker = os.environ.get("CELERY_BROKER_URL") or None
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY"),
        "MASTER_KEY": os.environ.get("MASTER_KEY"),  # base64 of 32 bytes; wraps data keys
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "DATABASE_URL", f"sqlite:///{instance / 'panel.sqlite3'}"),
        # The wrapped data keys and the erasure log, apart from the data (panel/keystore.py):
        # a database of their own, so a restored data backup keeps erasures erased.
        "KEYS_DATABASE_URL": os.environ.get(
            "KEYS_DATABASE_URL", f"sqlite:///{instance / 'keys.sqlite3'}"),
        # Log lines: "text" (human-readable) or "json" (one object a line); level, e.g. INFO.
        # Argon2id's cost for new password hashes (argon2-cffi's defaults, RFC 9106's
        # low-memory profile: 3 passes over 64 MiB); a stored hash keeps the cost it was made
        # with. Lower only where no real password is kept (the test suite).
        "PASSWORD_HASH_TIME_COST": _int("PASSWORD_HASH_TIME_COST", 3),
        "PASSWORD_HASH_MEMORY_KIB": _int("PASSWORD_HASH_MEMORY_KIB", 65536),
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "text").lower(),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", ""),
        # /metrics: a bearer token, and/or networks (comma-separated CIDRs) that may scrape
        # without one; with neither, /metrics answers 404.
        "METRICS_TOKEN": os.environ.get("METRICS_TOKEN", ""),
        "METRICS_ALLOWED_NETWORKS": os.environ.get("METRICS_ALLOWED_NETWORKS", ""),
        "STORAGE_BACKEND": os.environ.get("STORAGE_BACKEND", "local"),
        "STORAGE_DIR": os.environ.get("STORAGE_DIR", str(instance / "storage")),
        "S3_BUCKET": os.environ.get("S3_BUCKET"),
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL"),
        "S3_SSE": os.environ.get("S3_SSE") or None,
        "S3_KMS_KEY_ID": os.environ.get("S3_KMS_KEY_ID") or None,
        # An unreachable S3 server is a 503 within about attempts x connect timeout.
        "S3_CONNECT_TIMEOUT": _float("S3_CONNECT_TIMEOUT", 2),
        "S3_READ_TIMEOUT": _float("S3_READ_TIMEOUT", 10),
        "S3_MAX_ATTEMPTS": _int("S3_MAX_ATTEMPTS", 2),
        # After this many failed S3 calls in a row a process stops calling S3 for
        # S3_BREAKER_SECONDS (a 503 at once), then lets one call through to try (0: never).
        "S3_BREAKER_FAILURES": _int("S3_BREAKER_FAILURES", 3),
        "S3_BREAKER_SECONDS": float(os.environ.get("S3_BREAKER_SECONDS", 5)),
        "CELERY_BROKER_URL": broker,
        # The embedded worker runs when no broker is configured ("auto"), or as forced.
        "EMBEDDED_WORKER": os.environ.get("EMBEDDED_WORKER", "auto"),
        "WORKER_POLL_SECONDS": _float("WORKER_POLL_SECONDS", 2),
        "JOB_LEASE_SECONDS": _int("JOB_LEASE_SECONDS", 120),
        # Failures of the receipt itself before it goes to review (processing_failed);
        # failures of storage, database or broker are retried without limit, every
        # 1, 2, 4... seconds up to JOB_RETRY_MAX_SECONDS, logged as errors after
        # JOB_ALERT_ATTEMPTS tries.
        "JOB_MAX_ATTEMPTS": _int("JOB_MAX_ATTEMPTS", 3),
        "JOB_RETRY_MAX_SECONDS": float(os.environ.get("JOB_RETRY_MAX_SECONDS", 10)),
        "JOB_ALERT_ATTEMPTS": _int("JOB_ALERT_ATTEMPTS", 20),
        # An original the row says was stored is missing for good only after this long.
        "JOB_MISSING_SECONDS": _int("JOB_MISSING_SECONDS", 600),
        # Seconds a request waits for the broker to take a job; the row is the job anyway.
        "BROKER_PUBLISH_TIMEOUT": float(os.environ.get("BROKER_PUBLISH_TIMEOUT", 2)),
        "BROKER_VISIBILITY_TIMEOUT": _int("BROKER_VISIBILITY_TIMEOUT", 3600),
        "ACCESS_TOKEN_SECONDS": _int("ACCESS_TOKEN_SECONDS", 3600),
        "REFRESH_TOKEN_SECONDS": _int("REFRESH_TOKEN_SECONDS", 30 * 24 * 3600),
        # Failed panelist logins allowed within the window per email and address together,
        # per address, and per email from addresses it never logged in from (services/auth.py).
        "LOGIN_MAX_FAILURES": _int("LOGIN_MAX_FAILURES", 10),
        "LOGIN_MAX_FAILURES_PER_ADDRESS": _int("LOGIN_MAX_FAILURES_PER_ADDRESS", 100),
        "LOGIN_MAX_FAILURES_PER_ACCOUNT": _int("LOGIN_MAX_FAILURES_PER_ACCOUNT", 50),
        "LOGIN_WINDOW_SECONDS": _int("LOGIN_WINDOW_SECONDS", 15 * 60),
        "INVITE_DAYS": _int("INVITE_DAYS", 30),
        "PASSWORD_RESET_MINUTES": _int("PASSWORD_RESET_MINUTES", 60),
        # Where panelists reach the dashboard, for links in mail (never the request's Host).
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000"),
        "UPLOAD_MAX_IMAGE_BYTES": _int("UPLOAD_MAX_IMAGE_BYTES", 15 * 1024 * 1024),
        "UPLOAD_MAX_PAGES": _int("UPLOAD_MAX_PAGES", 6),
        "UPLOAD_MAX_PIXELS": _int("UPLOAD_MAX_PIXELS", 40_000_000),  # one page
        # All pages of one receipt together, and of one panelist's uploads per clock hour.
        "UPLOAD_MAX_RECEIPT_PIXELS": _int("UPLOAD_MAX_RECEIPT_PIXELS", 60_000_000),
        "UPLOAD_MAX_PIXELS_PER_HOUR": _int("UPLOAD_MAX_PIXELS_PER_HOUR", 480_000_000),
        # PDF e-receipts (ocr.pdf): bytes and pages of one PDF, the rendering's resolution and
        # its pixel budget (all pages together; the resolution is lowered to keep to it), and
        # whether a PDF carrying attached files is refused (Factur-X/ZUGFeRD invoices carry
        # their XML so; attachments are never read or stored either way).
        "PDF_MAX_BYTES": _int("PDF_MAX_BYTES", 10 * 1024 * 1024),
        "PDF_MAX_PAGES": _int("PDF_MAX_PAGES", 6),
        "PDF_RENDER_DPI": _int("PDF_RENDER_DPI", 200),
        "PDF_RENDER_MAX_PIXELS": _int("PDF_RENDER_MAX_PIXELS", 16_000_000),
        "PDF_REFUSE_ATTACHMENTS": _flag("PDF_REFUSE_ATTACHMENTS", False),
        # Receipts forwarded by e-mail (panel/mail_intake.py): off while the domain is empty.
        # Addresses are r-TOKEN@MAIL_INTAKE_DOMAIN; `flask mail-intake` listens on HOST:PORT.
        "MAIL_INTAKE_DOMAIN": os.environ.get("MAIL_INTAKE_DOMAIN", ""),
        "MAIL_INTAKE_HOST": os.environ.get("MAIL_INTAKE_HOST", "127.0.0.1"),
        "MAIL_INTAKE_PORT": _int("MAIL_INTAKE_PORT", 2525),
        "MAIL_INTAKE_MAX_BYTES": _int("MAIL_INTAKE_MAX_BYTES", 20 * 1024 * 1024),
        # Accept forwarded mail only from the panelist's own address (by keyed hash).
        "MAIL_INTAKE_OWN_ADDRESS_ONLY": _flag("MAIL_INTAKE_OWN_ADDRESS_ONLY", False),
        # Refuse at once (422, with a reason and a hint) a page too small, too dark, blurred
        # or cut off, before anything is stored (ocr.quality, docs/photo_quality.md).
        # The server-sent event stream (/api/v1/changes/stream, /events): how often it looks
        # for changes (one short query, no connection held between looks) and how long one
        # connection lasts before the client reconnects (it holds a worker thread).
        "CHANGE_STREAM_POLL_SECONDS": float(os.environ.get("CHANGE_STREAM_POLL_SECONDS", 2)),
        "CHANGE_STREAM_SECONDS": float(os.environ.get("CHANGE_STREAM_SECONDS", 120)),
        "PHOTO_QUALITY_CHECK": os.environ.get("PHOTO_QUALITY_CHECK", "on") == "on",
        # Pixels a worker decodes for one receipt, all pages together (larger pages are
        # decoded at a reduced scale), which bounds a job's memory; OCR's prepared image is
        # at most 16 million pixels anyway (ocr.prepare.steps.MAX_PIXELS).
        "WORKER_MAX_PIXELS": _int("WORKER_MAX_PIXELS", 16_000_000),
        # Bytes of receipt images one panelist may hold; 0 means no quota.
        "PANELIST_STORAGE_QUOTA_BYTES": _int("PANELIST_STORAGE_QUOTA_BYTES", 512 * 1024 * 1024),
        "RECEIPT_MAX_AGE_DAYS": _int("RECEIPT_MAX_AGE_DAYS", 90),
        "RETENTION_DAYS": _int("RETENTION_DAYS", 730),
        # Outbox mail (recipient and body) is deleted after this many days.
        "OUTBOX_RETENTION_DAYS": _int("OUTBOX_RETENTION_DAYS", 30),
        # Retention of everything else, each purged by the periodic job (services/retention.py):
        # expired or used invites and password resets, expired or revoked login tokens, ended
        # or idle staff sessions, idempotency keys, waitlist entries, throttle counts.
        "INVITE_RETENTION_DAYS": _int("INVITE_RETENTION_DAYS", 30),
        "TOKEN_RETENTION_DAYS": _int("TOKEN_RETENTION_DAYS", 7),
        "SESSION_RETENTION_DAYS": _int("SESSION_RETENTION_DAYS", 30),
        "IDEMPOTENCY_RETENTION_DAYS": _int("IDEMPOTENCY_RETENTION_DAYS", 7),
        "WAITLIST_RETENTION_DAYS": _int("WAITLIST_RETENTION_DAYS", 365),
        # A receipt still queued or processing after this many hours is failed, its original
        # deleted (reason processing_timeout).
        "RECEIPT_STUCK_HOURS": _int("RECEIPT_STUCK_HOURS", 24),
        "PERIODIC_JOBS_SECONDS": _int("PERIODIC_JOBS_SECONDS", 3600),
        "PANEL_TIMEZONE": os.environ.get("PANEL_TIMEZONE", "Europe/Berlin"),
        # Where the panel's receipts mostly come from (ISO code): a prior for reading a
        # receipt's own country and date order; by default the time zone's country.
        "PANEL_COUNTRY": os.environ.get("PANEL_COUNTRY") or country_of_timezone(
            os.environ.get("PANEL_TIMEZONE", "Europe/Berlin")),
        # Rewards (amounts in the currency's main unit, e.g. "10.00").
        "REWARD_CURRENCY": os.environ.get("REWARD_CURRENCY", "EUR"),
        "REWARD_MONTHLY_GOAL": _int("REWARD_MONTHLY_GOAL", 10),
        "REWARD_MONTHLY_AMOUNT": os.environ.get("REWARD_MONTHLY_AMOUNT", "10.00"),
        "REWARD_PER_RECEIPT": os.environ.get("REWARD_PER_RECEIPT", "0.00"),
        "REWARD_PER_RECEIPT_MONTHLY_CAP": os.environ.get("REWARD_PER_RECEIPT_MONTHLY_CAP", "0.00"),
        "REWARD_WEEKLY_CAP": _int("REWARD_WEEKLY_CAP", 7),
        "REWARD_EXCLUDED_MERCHANTS": os.environ.get("REWARD_EXCLUDED_MERCHANTS", ""),
        "REWARD_CLOSE_GRACE_DAYS": _int("REWARD_CLOSE_GRACE_DAYS", 2),
        "INSIGHTS_MIN_PANELISTS": _int("INSIGHTS_MIN_PANELISTS", 5),
        # Releases to recipients (docs/releases.md): the most epsilon one release may spend,
        # the most all releases of one month's receipts may spend together, and the bound
        # on each panelist's contribution: receipt-in-group cells kept per panelist and
        # the most one cell's spend counts (in REWARD_CURRENCY).
        "RELEASE_MAX_EPSILON": float(os.environ.get("RELEASE_MAX_EPSILON", "1.0")),
        "RELEASE_PERIOD_EPSILON": float(os.environ.get("RELEASE_PERIOD_EPSILON", "3.0")),
        "RELEASE_MAX_CELLS_PER_PANELIST": _int("RELEASE_MAX_CELLS_PER_PANELIST", 20),
        "RELEASE_MAX_SPEND_PER_CELL": os.environ.get("RELEASE_MAX_SPEND_PER_CELL", "150.00"),
        "PAYOUT_METHODS": os.environ.get("PAYOUT_METHODS", "store_credit,charity,gift_card"),
        # Payouts (README, "Payouts"; docs/payouts.md): how gift cards are paid
        # (inventory | provider), and the rules every payout meets.
        "PAYOUT_METHOD": os.environ.get("PAYOUT_METHOD", "inventory"),
        "PAYOUT_MINIMUM": os.environ.get("PAYOUT_MINIMUM", "0.00"),
        "PAYOUT_AMOUNTS": os.environ.get("PAYOUT_AMOUNTS", "gift_card=5.00|10.00|25.00|50.00"),
        "PAYOUT_HOLD_DAYS": _int("PAYOUT_HOLD_DAYS", 0),
        "PAYOUT_DAILY_LIMIT_PER_PANELIST": os.environ.get("PAYOUT_DAILY_LIMIT_PER_PANELIST",
                                                          "0.00"),  # 0.00: no limit
        "PAYOUT_DAILY_LIMIT_TOTAL": os.environ.get("PAYOUT_DAILY_LIMIT_TOTAL", "0.00"),
        "PAYOUT_LOW_INVENTORY": _int("PAYOUT_LOW_INVENTORY", 10),
        "PAYOUT_PROVIDER_URL": os.environ.get("PAYOUT_PROVIDER_URL", ""),
        "PAYOUT_PROVIDER_API_KEY": os.environ.get("PAYOUT_PROVIDER_API_KEY", ""),
        "PAYOUT_PROVIDER_WEBHOOK_SECRET": os.environ.get("PAYOUT_PROVIDER_WEBHOOK_SECRET", ""),
        "PAYOUT_PROVIDER_TIMEOUT": float(os.environ.get("PAYOUT_PROVIDER_TIMEOUT", 5)),
        "PAYOUT_PROVIDER_ATTEMPTS": _int("PAYOUT_PROVIDER_ATTEMPTS", 3),
        # Redaction policy over the defaults, e.g. "person_name=kept, *=masked" (docs/redaction.md)
        "REDACTION_POLICY": os.environ.get("REDACTION_POLICY", ""),
        # Verification re-reads the bands around the paint, or the whole page (docs/redaction.md)
        "REDACTION_VERIFY": os.environ.get("REDACTION_VERIFY", "painted"),
        "OCR_ENGINE": os.environ.get("OCR_ENGINE", "tesseract"),  # or rapidocr
        "OCR_LANGUAGES": os.environ.get("OCR_LANGUAGES", "deu+eng"),
        # After tesseract, read the price column again where the items do not add up
        "OCR_PRICE_LOOK": _flag("OCR_PRICE_LOOK", True),
        # ... and the date's words where the date is not read twice alike
        "OCR_DATE_LOOK": _flag("OCR_DATE_LOOK", True),
        # ... and, before both, the whole receipt with RapidOCR where tesseract read it poorly
        "OCR_WHOLE_LOOK": _flag("OCR_WHOLE_LOOK", True),
        # Proxies in front of the app whose X-Forwarded-For/-Proto are believed: a number of
        # proxies, or their networks (comma-separated CIDRs); none when empty (panel/web.py).
        "TRUSTED_PROXIES": os.environ.get("TRUSTED_PROXIES", ""),
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", True),
        # Redis (shared by every process) or memory://; by default the Redis broker if any.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI") or None,
        **{name: os.environ.get(name, default) for name, default in RATE_LIMITS.items()},
        **admin_settings(),
    }


def admin_settings() -> dict:
    """The admin tool's settings (README.md, "The admin tool")."""
    return {
        # Mail: SMTP when SMTP_HOST is set, otherwise the outbox table in the admin tool.
        "SMTP_HOST": os.environ.get("SMTP_HOST") or None,
        "SMTP_PORT": _int("SMTP_PORT", 587),
        "SMTP_USERNAME": os.environ.get("SMTP_USERNAME") or None,
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD") or None,
        "SMTP_STARTTLS": _flag("SMTP_STARTTLS", True),
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


def finish(config: dict, instance_path: str) -> None:
    """Settings derived from others, applied after any overrides."""
    instance = Path(instance_path)
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _instance_secret(instance, "secret_key",
                                                lambda: secrets.token_urlsafe(48))
    if not config.get("MASTER_KEY"):
        config["MASTER_KEY"] = _instance_secret(
            instance, "master_key", lambda: base64.b64encode(secrets.token_bytes(32)).decode())
    config.setdefault(
        "MAX_CONTENT_LENGTH",
        config["UPLOAD_MAX_IMAGE_BYTES"] * config["UPLOAD_MAX_PAGES"] + 64 * 1024)
    if config["LOG_FORMAT"] not in ("text", "json"):
        raise ValueError("LOG_FORMAT is 'text' or 'json'")
    if config["REDACTION_VERIFY"] not in ("painted", "page"):
        raise ValueError("REDACTION_VERIFY is 'painted' or 'page'")
    Policy.from_text(config["REDACTION_POLICY"])  # an unknown action or code: refused here
    if config["PAYOUT_METHOD"] not in ("inventory", "provider"):
        raise ValueError("PAYOUT_METHOD is 'inventory' or 'provider'")
    if not config.get("RATELIMIT_STORAGE_URI"):
        broker = config.get("CELERY_BROKER_URL") or ""
        config["RATELIMIT_STORAGE_URI"] = (
            broker if broker.startswith(("redis://", "rediss://")) else "memory://")
    config.update({
        "API_TITLE": "Receipt panel API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": "/api/docs/static/",
        "SQLALCHEMY_ENGINE_OPTIONS": _engine_options(config["SQLALCHEMY_DATABASE_URI"]),
    })


def _engine_options(url: str) -> dict:
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30, "check_same_thread": False}}
    return {"pool_pre_ping": True}
