"""The password and the logins: a new password by mail (for a visitor who forgot it), a
password change, and logging out everywhere."""
from flask import g, redirect, render_template, request, url_for
from flask_babel import gettext

from panel import i18n, ratelimit
from panel.dashboard import forms
from panel.dashboard.access import end_session, start_session
from panel.dashboard.blueprint import blp
from panel.schemas import PasswordChangeSchema, PasswordResetRequestSchema, PasswordResetSchema
from panel.services import credentials
from panel.services.errors import N_, PanelError

NOTICES = {"changed": N_("Your password is changed. Every other login of yours has ended."),
           "everywhere": N_("You are logged out everywhere: in every app and every browser.")}


@blp.route("/password-reset", methods=["GET", "POST"])
def password_reset():
    """Ask for a mail with a link to choose a new password."""
    if request.method == "GET":
        return render_template("dashboard/password_reset.html", sent=request.args.get("sent"))
    try:
        ratelimit.check("password_reset")
        body = forms.load(PasswordResetRequestSchema(), {"email": request.form.get("email", "")})
        credentials.request_reset(body["email"])
    except PanelError as refusal:
        return render_template("dashboard/password_reset.html",
                               error=i18n.refusal_text(refusal)), refusal.status
    return redirect(url_for("dashboard.password_reset", sent=1), 303)


@blp.route("/password-reset/<token>", methods=["GET", "POST"])
def password_reset_confirm(token):
    """The link from the mail: choose the new password; the browser is then logged in."""
    if request.method == "GET":
        return render_template("dashboard/password_new.html", token=token)
    try:
        ratelimit.check("password_reset")
        body = forms.load(PasswordResetSchema(), {"token": token,
                                                  "password": request.form.get("password", "")})
        pair = credentials.reset(body["token"], body["password"])
    except PanelError as refusal:
        return render_template("dashboard/password_new.html", token=token,
                               error=i18n.refusal_text(refusal)), refusal.status
    response = redirect(url_for("dashboard.receipts"), 303)
    g.pop("new_session", None)
    start_session(response, pair)
    return response


@blp.route("/account/password", methods=["GET", "POST"])
def change_password():
    if request.method == "GET":
        return render_template("dashboard/password_change.html",
                               notice=_notice(request.args.get("done")))
    try:
        ratelimit.check("password_check")
        body = forms.load(PasswordChangeSchema(), {
            "current_password": request.form.get("current_password", ""),
            "new_password": request.form.get("new_password", "")})
        credentials.change(g.panelist, body["current_password"], body["new_password"],
                           g.login_id)
    except PanelError as refusal:
        return render_template("dashboard/password_change.html",
                               error=i18n.refusal_text(refusal)), refusal.status
    return redirect(url_for("dashboard.change_password", done="changed"), 303)


@blp.post("/logout-everywhere")
def logout_everywhere():
    credentials.log_out_everywhere(g.panelist)
    response = redirect(url_for("dashboard.login", done="everywhere"), 303)
    end_session(response)
    g.pop("new_session", None)
    return response


def _notice(done: str | None) -> str | None:
    return gettext(NOTICES[done]) if done in NOTICES else None
