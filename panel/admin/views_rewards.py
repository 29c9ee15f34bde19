"""Payouts and the gift-card inventory (admins and the payouts role); surveys with their
aggregate answers (admins, analysts)."""
import json

from flask import current_app, redirect, render_template, request, url_for

from panel.admin.access import actor, roles
from panel.admin.blueprint import blp
from panel.db import db
from panel.models import PayoutState, Survey
from panel.services import gift_cards, payouts, surveys
from panel.services.errors import Invalid

PAYOUTS = "payouts"


@blp.get("/payouts")
@roles(PAYOUTS)
def payouts_page():
    state = request.args.get("state") or None
    return render_template(
        "admin/payouts.html", rows=payouts.for_staff(actor(), state), state=state,
        states=list(PayoutState), totals=payouts.totals(), stock=gift_cards.stock(),
        low=gift_cards.low_stock(), method=current_app.config["PAYOUT_METHOD"],
        notice=request.args.get("notice"))


@blp.post("/payouts/<entry_id>/sent")
@roles(PAYOUTS)
def payout_sent(entry_id):
    payouts.mark_sent(actor(), entry_id)
    return redirect(url_for("admin.payouts_page", notice="marked sent"), 303)


@blp.post("/payouts/<entry_id>/failed")
@roles(PAYOUTS)
def payout_failed(entry_id):
    payouts.mark_failed(actor(), entry_id, request.form.get("reason", ""))
    return redirect(url_for("admin.payouts_page", notice="marked failed; amount returned"), 303)


@blp.post("/payouts/<entry_id>/reversed")
@roles(PAYOUTS)
def payout_reversed(entry_id):
    payouts.reverse(actor(), entry_id, request.form.get("reason", ""))
    return redirect(url_for("admin.payouts_page", notice="reversed; amount returned"), 303)


@blp.post("/payouts/codes")
@roles(PAYOUTS)
def gift_cards_import():
    upload = request.files.get("file")
    if upload is None:
        raise Invalid("Choose a CSV file of codes.")
    done = gift_cards.import_csv(actor(), upload.read())
    return redirect(url_for("admin.payouts_page", notice=(
        f"{done.imported} codes imported, {done.duplicates} already known")), 303)


@blp.get("/surveys")
@roles("analyst")
def surveys_page():
    listed = db.session.scalars(db.select(Survey).order_by(Survey.created_at.desc()))
    return render_template("admin/surveys.html", surveys=[
        (survey, surveys.aggregate(survey.id)) for survey in listed],
        minimum=current_app.config["INSIGHTS_MIN_PANELISTS"], notice=request.args.get("notice"))


@blp.post("/surveys")
@roles()
def survey_create():
    try:
        spec = json.loads(request.form.get("spec", ""))
        created = surveys.create(spec["title"], spec["reward"],
                                 spec.get("audience", "surveys_consent"), spec["questions"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise Invalid("The survey must be JSON with a title, a reward and questions.") from None
    return redirect(url_for("admin.surveys_page", notice=f"survey {created.id} created"), 303)
