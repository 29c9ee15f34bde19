"""Logging in (password and TOTP code), logging out, and the start page."""
from flask import current_app, g, redirect, render_template, request, url_for

from panel import ratelimit
from panel.admin.access import SESSION_COOKIE, actor, roles, set_cookie
from panel.admin.blueprint import blp
from panel.services import staff
from panel.services.errors import PanelError


@blp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("admin/login.html")
    form = request.form
    try:
        ratelimit.check("staff_login")
        token, _account = staff.login(form.get("email", ""), form.get("password", ""),
                                      form.get("code", ""), request.remote_addr or "unknown")
    except PanelError as refusal:
        retry = getattr(refusal, "retry_after", None)
        return (render_template("admin/login.html", error=refusal.message), refusal.status,
                {"Retry-After": str(retry)} if retry else {})
    response = redirect(url_for("admin.home"), 303)
    set_cookie(response, SESSION_COOKIE, token, current_app.config["STAFF_SESSION_MAX_SECONDS"])
    return response


@blp.post("/logout")
@roles("reviewer", "analyst", "payouts")
def logout():
    staff.logout(actor(), request.cookies.get(SESSION_COOKIE))
    response = redirect(url_for("admin.login"), 303)
    response.delete_cookie(SESSION_COOKIE, path="/admin")
    return response


@blp.get("/")
@roles("reviewer", "analyst", "payouts")
def home():
    page = {"reviewer": "admin.review_queue", "payouts": "admin.payouts_page"}.get(
        g.staff.role, "admin.overview_page")
    return redirect(url_for(page), 303)
