"""What every server-rendered page shares, in the admin tool and the panelist dashboard:
CSRF protection by signed double submit, cookies, and the security headers; for every
answer of the app: the proxies it trusts (``TRUSTED_PROXIES``) and HSTS over HTTPS; and the
answer of the dashboard's and the API's event streams."""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets

from flask import Flask, Response, current_app, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from panel.services import changes

# The dashboard keeps the panelist's access token (the API's own) in this cookie.
PANELIST_SESSION_COOKIE = "panel_session"
MAX_PAGE = 100_000  # beyond any real list; a larger ?page= would overflow the database's offset


def page_number(args) -> int:
    """The ``page`` query argument, 1 to MAX_PAGE whatever was sent."""
    return min(max(args.get("page", 1, type=int) or 1, 1), MAX_PAGE)


def change_events(panelist_id: str, since: str | None) -> Response:
    """The panelist's change events as server-sent events (``changes.stream``), from the
    cursor a reconnecting EventSource names (``Last-Event-ID``), else ``since``."""
    config = current_app.config
    events = changes.stream(panelist_id, config["CHANGE_STREAM_POLL_SECONDS"],
                            config["CHANGE_STREAM_SECONDS"],
                            request.headers.get("Last-Event-ID"), since)
    return Response(events, mimetype="text/event-stream",
                    headers={"X-Accel-Buffering": "no", "Cache-Control": "no-store"})


def csrf_cookie_for_request(cookie_name: str) -> str:
    """The browser's CSRF cookie, or a new one to send back (see ``protect``)."""
    g.csrf_cookie = request.cookies.get(cookie_name) or secrets.token_urlsafe(32)
    g.csrf_cookie_name = cookie_name
    return g.csrf_cookie


def csrf_token(cookie: str | None = None) -> str:
    """The form token that goes with the CSRF cookie and with the login it was made for
    (``g.csrf_binding``, e.g. the dashboard session's id): a token from one session fails in
    another, even with the same cookie."""
    key = current_app.config["SECRET_KEY"].encode()
    signed = f"{cookie or g.csrf_cookie}\0{g.get('csrf_binding') or ''}"
    return hmac.new(key, signed.encode(), hashlib.sha256).hexdigest()


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


HSTS = "max-age=31536000"  # a year: browsers then refuse plain HTTP to this site


def init_app(app: Flask) -> None:
    """Trust the proxies ``TRUSTED_PROXIES`` names (none by default), and send HSTS with
    every answer over HTTPS (as the request, after the trusted proxies, says)."""
    if app.config.get("TRUSTED_PROXIES"):
        app.wsgi_app = TrustedProxies(app.wsgi_app, app.config["TRUSTED_PROXIES"])
    app.after_request(_strict_transport)


def _strict_transport(response):
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response


class TrustedProxies:
    """werkzeug's ``ProxyFix`` for X-Forwarded-For and X-Forwarded-Proto, applied only to
    what trusted proxies wrote. ``setting`` is a number of proxies in front of the app
    (each adds itself to X-Forwarded-For), or comma-separated networks: a request from an
    address in them is a proxy's, and so is each address it forwards from them."""

    def __init__(self, wsgi_app, setting: str):
        self.wsgi_app, setting = wsgi_app, str(setting).strip()
        try:
            self.hops = int(setting) if setting.isdigit() else None
            self.networks = () if self.hops is not None else tuple(
                ipaddress.ip_network(n.strip(), strict=False)
                for n in setting.split(",") if n.strip())
        except ValueError as error:
            raise ValueError(f"TRUSTED_PROXIES: {error} (write a number of proxies, e.g. 1, "
                             "or networks, e.g. 10.0.0.0/8, 127.0.0.1)") from None

    def __call__(self, environ, start_response):
        hops = self.hops if self.hops is not None else self._trusted_hops(environ)
        if not hops:
            return self.wsgi_app(environ, start_response)
        protos = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")
        proto_hops = hops if self.hops is not None else min(hops, len(protos))
        return ProxyFix(self.wsgi_app, x_for=hops, x_proto=proto_hops)(environ, start_response)

    def _trusted_hops(self, environ) -> int:
        """1 for a trusted peer, one more for each trusted proxy it forwarded from."""
        if not self._trusted(environ.get("REMOTE_ADDR")):
            return 0
        forwarded = [a.strip() for a in environ.get("HTTP_X_FORWARDED_FOR", "").split(",")
                     if a.strip()]
        hops = 1
        while hops < len(forwarded) and self._trusted(forwarded[-hops]):
            hops += 1
        return hops

    def _trusted(self, address: str | None) -> bool:
        try:
            client = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(client in network for network in self.networks)
