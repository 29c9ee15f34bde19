"""Landing page with the waitlist form, registering with an invite, logging in and out."""
from flask import g, redirect, render_template, request, url_for

from panel import i18n, ratelimit
from panel.dashboard import forms
from panel.dashboard.access import end_session, safe_next, session_token, start_session
from panel.dashboard.blueprint import blp
from panel.dashboard.views_account import NOTICES
from panel.schemas import LoginSchema, RegisterSchema, WaitlistJoinSchema
from panel.services import auth, waitlist
from panel.services.consents import PURPOSES
from panel.services.errors import N_, Invalid, PanelError


@blp.get("/")
def landing():
    return render_template("dashboard/landing.html", joined=request.args.get("joined"))


@blp.post("/waitlist")
def join_waitlist():
    ratelimit.check("waitlist")
    form = request.form
    body = forms.load(WaitlistJoinSchema(), {"email": form.get("email", ""),
                                     "country": form.get("country") or None,
                                     "postal_code": form.get("postal_code") or None})
    waitlist.join(body["email"], body["country"], body["postal_code"],
                  request.remote_addr or "unknown", body["language"])
    return redirect(url_for("dashboard.landing", joined=1, _anchor="waitlist"), 303)


@blp.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return _register_page()
    form = request.form
    try:
        ratelimit.check("register")
        body = forms.load(RegisterSchema(), {
            "invite_code": form.get("invite_code", ""), "email": form.get("email", ""),
            "password": form.get("password", ""), "display_name": form.get("display_name") or None,
            "consents": forms.consent_choices(form)})
        pair = auth.register(body["invite_code"], body["email"], body["password"],
                             body["display_name"], body["consents"])
    except PanelError as refusal:
        return _register_page(refusal), refusal.status
    response = redirect(url_for("dashboard.receipts", welcome=1), 303)
    start_session(response, pair)
    return response


def _register_page(refusal: PanelError | None = None):
    """The join form: as sent, or with the code of the invite mail's link filled in."""
    form = request.form if request.method == "POST" else {
        "invite_code": request.args.get("code", "")}
    i18n.speak(auth.invite_language(form.get("invite_code", "")))  # the invitation's
    return render_template("dashboard/register.html", purposes=PURPOSES.values(),
                           form=form, error=i18n.refusal_text(refusal) if refusal else None)


@blp.route("/login", methods=["GET", "POST"])
def login():
    target = safe_next(request.values.get("next"))
    if g.panelist is not None:
        return redirect(target, 303)
    if request.method == "GET":
        return render_template("dashboard/login.html", next=target,
                               notice=NOTICES.get(request.args.get("done")))
    try:
        ratelimit.check("login")
        body = forms.load(LoginSchema(), {"email": request.form.get("email", ""),
                                          "password": request.form.get("password", "")})
        pair = auth.login(body["email"], body["password"], request.remote_addr or "unknown")
    except PanelError as refusal:
        return render_template("dashboard/login.html", next=target,
                               error=i18n.refusal_text(refusal)), refusal.status
    response = redirect(target, 303)
    start_session(response, pair)
    return response


@blp.post("/logout")
def logout():
    auth.logout(session_token())
    response = redirect(url_for("dashboard.login"), 303)
    end_session(response)
    g.pop("new_session", None)
    return response


@blp.get("/goodbye")
def goodbye():
    return render_template("dashboard/goodbye.html")


@blp.route("/waitlist/status", methods=["GET", "POST"])
def waitlist_status():
    """The place in the queue and the rule the panel invites by, for the status code of the
    waitlist mail (sent in a form, never in the address, which proxies and browsers keep)."""
    if request.method == "GET":
        return render_template("dashboard/waitlist.html", found=None, code="")
    code = request.form.get("code", "").strip()
    try:
        if not code:
            raise Invalid(N_("Enter the status code from your waitlist mail."))
        found = waitlist.status(code)
    except PanelError as refusal:
        return render_template("dashboard/waitlist.html", found=None, code=code,
                               error=i18n.refusal_text(refusal)), refusal.status
    i18n.speak(found["language"])  # the language they joined in
    return render_template("dashboard/waitlist.html", found=found, code="")
