"""Privacy: each consent with its plain words and a one-click change, the consent history,
the log of staff looks at my data, export, leaving the panel, and erasing the account."""
from __future__ import annotations

from flask import Response, g, redirect, render_template, request, url_for
from flask_babel import gettext

from panel import i18n, ratelimit
from panel.dashboard.access import end_session
from panel.dashboard.blueprint import blp
from panel.services import account, audit, consents, export, personal, recipients, releases
from panel.services.errors import N_, Invalid, NotFound, PanelError
from panel.services.review import ACCEPT_REASONS, REJECT_REASONS

NOTICES = {"granted": N_("Thank you, your consent is recorded."),
           "withdrawn": N_("Your consent is withdrawn. Nothing more is used for that purpose."),
           "left": N_("You have left the panel. Your data stays until you erase it."),
           "rejoined": N_("Welcome back: you can share receipts again.")}
ROLE_WORDS = {"reviewer": N_("A reviewer"), "admin": N_("An administrator"),
              "analyst": N_("An analyst"), "operator": N_("An operator")}
ACTION_WORDS = {"receipt.viewed": N_("Looked at a receipt's shop, date, items and totals"),
                "receipt.image_viewed": N_("Looked at a receipt's redacted image"),
                "receipt.reviewed": N_("Decided on a receipt")}
CONFIRM_WORD = "ERASE"


@blp.get("/privacy")
def privacy():
    panelist = g.panelist
    chosen = {c.purpose: c for c in consents.current(panelist)}
    return render_template(
        "dashboard/privacy.html", profile=personal.profile(panelist),
        purposes=[(p, chosen.get(p.name)) for p in consents.PURPOSES.values()],
        history=consents.history(panelist), notice=_notice(request.args.get("done")),
        access_log=[_in_words(e) for e in audit.access_log_of(panelist.id)],
        recipients=recipients.for_panelist(panelist),
        contributions=releases.contributed_by(panelist.id))


@blp.post("/privacy/recipients/<code>")
def recipient_consent(code):
    """Consent to one recipient abroad, given or withdrawn on its own."""
    granted = request.form.get("granted") == "yes"
    recipients.set_consent(g.panelist, code, granted)
    return redirect(url_for("dashboard.privacy", done="granted" if granted else "withdrawn",
                            _anchor="recipients"), 303)


@blp.post("/privacy/consents/<purpose>")
def consent(purpose):
    if purpose not in consents.PURPOSES:
        raise NotFound("There is no such consent purpose.")
    granted = request.form.get("granted") == "yes"
    if purpose == "receipts" and not granted:  # leaving: explained and confirmed first
        return redirect(url_for("dashboard.leave"), 303)
    rejoining = purpose == "receipts" and g.panelist.status == "left"
    account.set_consent(g.panelist, purpose, granted)
    done = "rejoined" if rejoining else "granted" if granted else "withdrawn"
    return redirect(url_for("dashboard.privacy", done=done, _anchor="consents"), 303)


@blp.route("/privacy/leave", methods=["GET", "POST"])
def leave():
    if request.method == "POST":
        account.leave(g.panelist)
        return redirect(url_for("dashboard.privacy", done="left"), 303)
    return render_template("dashboard/leave.html", left=g.panelist.status == "left")


@blp.get("/privacy/export")
def export_data():
    return Response(export.export_zip(g.panelist), mimetype="application/zip", headers={
        "Content-Disposition": 'attachment; filename="my-receipt-panel-data.zip"'})


@blp.route("/privacy/erase", methods=["GET", "POST"])
def erase():
    if request.method == "POST":
        if request.form.get("confirm", "").strip().upper() != CONFIRM_WORD:
            return _erase_page(gettext("Type %(word)s in the box to confirm.",
                                       word=CONFIRM_WORD)), Invalid.status
        try:
            ratelimit.check("password_check")
            account.erase(g.panelist, request.form.get("password", ""),
                          request.form.get("forfeit_balance") == "yes")
        except PanelError as refusal:
            return _erase_page(i18n.refusal_text(refusal)), refusal.status
        response = redirect(url_for("dashboard.goodbye"), 303)
        g.pop("new_session", None)
        end_session(response)
        return response
    return _erase_page()


def _notice(done: str | None) -> str | None:
    return gettext(NOTICES[done]) if done in NOTICES else None


def _erase_page(error: str | None = None):
    return render_template("dashboard/erase.html", word=CONFIRM_WORD, error=error,
                           money=account.money_left(g.panelist))


def _in_words(entry: dict) -> dict:
    """A staff look as the panelist reads it: when, which role (never who), what, why."""
    reason = entry["reason"] or ""
    if reason == "review":
        why = gettext("To check a receipt we could not read with confidence")
    elif ": " in reason:
        outcome, code = reason.split(": ", 1)
        words = ACCEPT_REASONS.get(code) or REJECT_REASONS.get(code, code)
        why = f"{outcome.capitalize()}: {words}"
    else:
        why = reason.replace("_", " ").capitalize()
    return {"at": entry["at"], "receipt_id": entry["receipt_id"], "why": why,
            "deleted_receipt": not entry["receipt_id"] and entry["action"].startswith("receipt."),
            "who": gettext(ROLE_WORDS.get(entry["staff_role"], N_("Staff"))),
            "what": gettext(ACTION_WORDS.get(entry["action"], entry["action"].replace(".", " ")))}
