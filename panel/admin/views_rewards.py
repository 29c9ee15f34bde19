"""Payouts to send (admins) and surveys with their aggregate answers (admins, analysts)."""
import json

from flask import current_app, redirect, render_template, request, url_for

from panel.admin.access import actor, roles
from panel.admin.blueprint import blp
from panel.db import db
from panel.models import Survey
from panel.services import payouts, surveys
from panel.services.errors import Invalid


@blp.get("/payouts")
@roles()
def payouts_page():
    return render_template("admin/payouts.html", pending=payouts.pending(),
                           totals=payouts.totals(), notice=request.args.get("notice"))


@blp.post("/payouts/<entry_id>/sent")
@roles()
def payout_sent(entry_id):
    payouts.mark_sent(actor(), entry_id)
    return redirect(url_for("admin.payouts_page", notice="marked sent"), 303)


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
