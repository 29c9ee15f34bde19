"""Who may reach which admin page: the network allow-list, CSRF on every form, the staff
session cookie, and each view's roles (deny by default: a view that names no roles is
refused to everyone)."""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from functools import wraps

from flask import abort, current_app, g, redirect, request, url_for

from panel.admin.blueprint import blp
from panel.services import audit, staff

SESSION_COOKIE, CSRF_COOKIE, CSRF_FIELD = "admin_session", "admin_csrf", "csrf_token"
PUBLIC = {"admin.login", "admin.static"}
ROLES_ATTRIBUTE = "staff_roles"


def roles(*names: str):
    """The roles (besides ``admin``, who may do everything) a view is open to."""
    def mark(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)
        setattr(wrapper, ROLES_ATTRIBUTE, frozenset({"admin", *names}))
        return wrapper
    return mark


def allowed_roles(endpoint: str) -> frozenset[str]:
    return getattr(current_app.view_functions.get(endpoint), ROLES_ATTRIBUTE, frozenset())


@blp.before_request
def guard():
    if not _network_allowed(request.remote_addr):
        abort(403, "The admin tool cannot be reached from this network.")
    g.csrf_cookie = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    if request.method not in ("GET", "HEAD", "OPTIONS") and not _csrf_ok():
        abort(400, "The form had expired or did not come from this site. Please try again.")
    if request.endpoint in PUBLIC:
        return None
    g.staff = staff.authenticate(request.cookies.get(SESSION_COOKIE))
    if g.staff is None:
        return redirect(url_for("admin.login"), 303)
    if g.staff.role not in allowed_roles(request.endpoint):
        abort(403, "Your role does not give access to this page.")
    return None


@blp.after_request
def protect(response):
    cookie = g.get("csrf_cookie")
    if cookie and request.cookies.get(CSRF_COOKIE) != cookie:
        set_cookie(response, CSRF_COOKIE, cookie)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
    return response


def set_cookie(response, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/admin", httponly=True,
                        secure=request.is_secure, samesite="Strict")


def csrf_token(cookie: str | None = None) -> str:
    """The form token that goes with the CSRF cookie (signed double submit)."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, (cookie or g.csrf_cookie).encode(), hashlib.sha256).hexdigest()


def _csrf_ok() -> bool:
    cookie, sent = request.cookies.get(CSRF_COOKIE), request.form.get(CSRF_FIELD, "")
    return bool(cookie) and hmac.compare_digest(csrf_token(cookie), sent)


def _network_allowed(address: str | None) -> bool:
    setting = current_app.config.get("ADMIN_ALLOWED_NETWORKS") or ""
    networks = [n.strip() for n in setting.split(",") if n.strip()]
    if not networks:
        return True
    try:
        client = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(client in ipaddress.ip_network(n, strict=False) for n in networks)


def actor() -> audit.Actor:
    """The signed-in staff member, for the audit log."""
    return audit.Actor(g.staff.id, g.staff.role, request.remote_addr)
