"""Who is signed in to the dashboard, and the rules every dashboard request follows.

The session is the mobile API's own token pair, kept in two HttpOnly cookies: an expired
access token is swapped for a new pair with the refresh token, and logging out revokes both
(the same session table the API uses). Both are browser-session cookies: closing the browser
ends the dashboard session, which suits a shared computer.
Every form carries a CSRF token (signed double submit, bound to the login); a visitor who
is not signed in is sent to the login page.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, g, redirect, request, url_for
from flask_babel import gettext

from panel import web
from panel.dashboard.blueprint import blp
from panel.models import Panelist
from panel.services import auth
from panel.services.errors import Unauthorized

SESSION_COOKIE, REFRESH_COOKIE, CSRF_COOKIE = (web.PANELIST_SESSION_COOKIE, "panel_refresh",
                                              "panel_csrf")
PUBLIC = {"dashboard.landing", "dashboard.join_waitlist", "dashboard.register",
          "dashboard.login", "dashboard.static", "dashboard.goodbye", "dashboard.password_reset",
          "dashboard.password_reset_confirm", "dashboard.manifest", "dashboard.service_worker",
          "dashboard.waitlist_status", "dashboard.language"}

csrf_token = web.csrf_token


@blp.before_request
def guard():
    if request.endpoint in ("dashboard.static", "dashboard.manifest",
                            "dashboard.service_worker"):  # stylesheet and scripts: no session needed,
        return None  # and no refresh racing the page's own (a lost race would log out)
    web.csrf_cookie_for_request(CSRF_COOKIE)
    g.panelist = _signed_in()  # first: the form's token is bound to the login (g.csrf_binding)
    if request.method not in ("GET", "HEAD", "OPTIONS") and not web.csrf_ok(CSRF_COOKIE):
        abort(400, gettext("The form had expired or did not come from this site. "
                           "Please try again."))
    if g.panelist is None and request.endpoint not in PUBLIC:
        return redirect(url_for("dashboard.login", next=request.full_path.rstrip("?")), 303)
    return None


def _signed_in() -> Panelist | None:
    """The signed-in panelist (renewing an expired access token); ``g.login_id`` is the id of
    their login, which every form token of theirs is bound to (``g.csrf_binding``)."""
    access = request.cookies.get(SESSION_COOKIE)
    found = auth.login_of(access) if access else None
    refresh = request.cookies.get(REFRESH_COOKIE)
    if found is None and refresh:
        try:
            g.new_session = auth.refresh(refresh)
        except Unauthorized:
            g.end_session = True
            return None
        found = auth.login_of(g.new_session.access_token)
    if found is None:
        return None
    panelist, g.login_id = found
    g.csrf_binding = g.login_id
    return panelist


@blp.after_request
def protect(response):
    if g.get("new_session"):
        start_session(response, g.new_session)
    elif g.get("end_session"):
        end_session(response)
    return web.protect(response, "/", samesite="Lax")


def start_session(response, pair: auth.TokenPair) -> None:
    web.set_cookie(response, SESSION_COOKIE, pair.access_token, "/", samesite="Lax")
    web.set_cookie(response, REFRESH_COOKIE, pair.refresh_token, "/", samesite="Lax")


def end_session(response) -> None:
    for name in (SESSION_COOKIE, REFRESH_COOKIE):
        response.delete_cookie(name, path="/")


def session_token() -> str | None:
    """The access token of this browser session (fresh from a refresh if there was one)."""
    pair = g.get("new_session")
    return pair.access_token if pair else request.cookies.get(SESSION_COOKIE)


def safe_next(target: str | None) -> str:
    r"""Where to go after logging in: only a path on this site. Anything a browser could read
    as another site is refused: control characters and whitespace (browsers drop tabs and
    newlines, so ``/\t/evil`` becomes ``//evil``), backslashes (read as slashes), ``//`` at
    the start, and a scheme or host once parsed."""
    default = url_for("dashboard.receipts")
    if not target or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target or any(not c.isprintable() or c.isspace() for c in target):
        return default
    parts = urlsplit(target)
    return default if parts.scheme or parts.netloc else target
