"""What every server-rendered page shares, in the admin tool and the panelist dashboard:
CSRF protection by signed double submit, cookies, and the security headers."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app, g, request


# The dashboard keeps the panelist's access token (the API's own) in this cookie.
PANELIST_SESSION_COOKIE = "panel_session"
MAX_PAGE = 100_000  # beyond any real list; a larger ?page= would overflow the database's offset


def page_number(args) -> int:
    """The ``page`` query argument, 1 to MAX_PAGE whatever was sent."""
    return min(max(args.get("page", 1, type=int) or 1, 1), MAX_PAGE)


def csrf_cookie_for_request(cookie_name: str) -> str:
    """The browser's CSRF cookie, or a new one to send back (see ``protect``)."""
    g.csrf_cookie = request.cookies.get(cookie_name) or secrets.token_urlsafe(32)
    g.csrf_cookie_name = cookie_name
    return g.csrf_cookie


def csrf_token(cookie: str | None = None) -> str:
    """The form token that goes with the CSRF cookie."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, (cookie or g.csrf_cookie).encode(), hashlib.sha256).hexdigest()


def csrf_ok(cookie_name: str, field: str = "csrf_token") -> bool:
    cookie = request.cookies.get(cookie_name)
    sent = request.form.get(field, "") or request.headers.get("X-CSRF-Token", "")
    return bool(cookie) and hmac.compare_digest(csrf_token(cookie), sent)


def set_cookie(response, name: str, value: str, path: str, max_age: int | None = None,
               samesite: str = "Strict") -> None:
    """HttpOnly always; Secure whenever the page was served over HTTPS."""
    response.set_cookie(name, value, max_age=max_age, path=path, httponly=True,
                        secure=request.is_secure, samesite=samesite)


def protect(response, path: str, samesite: str = "Strict"):
    """Send a new CSRF cookie if one was made, and the headers that keep pages private and
    out of frames."""
    cookie = g.get("csrf_cookie")
    name = g.get("csrf_cookie_name")
    if cookie and name and request.cookies.get(name) != cookie:
        set_cookie(response, name, cookie, path, samesite=samesite)
    response.headers.setdefault("Cache-Control", "no-store")  # a view may allow "private"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' blob: data:; frame-ancestors 'none'; "
        "form-action 'self'; base-uri 'none'")
    return response
