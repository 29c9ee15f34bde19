"""Who may reach which admin page: the network allow-list, CSRF on every form, the staff
session cookie, and each view's roles (deny by default: a view that names no roles is
refused to everyone)."""
from __future__ import annotations

import ipaddress
from functools import wraps

from flask import abort, current_app, g, redirect, request, url_for

from panel import web
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
    web.csrf_cookie_for_request(CSRF_COOKIE)
    if request.method not in ("GET", "HEAD", "OPTIONS") and not web.csrf_ok(CSRF_COOKIE):
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
    return web.protect(response, "/admin")


def set_cookie(response, name: str, value: str, max_age: int | None = None) -> None:
    web.set_cookie(response, name, value, "/admin", max_age)


csrf_token = web.csrf_token


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
