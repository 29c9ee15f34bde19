"""Surveys: the open ones to answer, one form per survey with an input per question kind,
answered ones marked; answers are read with the API's own schema."""
from __future__ import annotations

from flask import current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from panel import i18n
from panel.dashboard import forms
from panel.dashboard.blueprint import blp
from panel.dashboard.format import money
from panel.schemas import SurveyResponseSchema
from panel.services import consents, surveys
from panel.services.errors import PanelError
from panel.services.money import from_minor


@blp.get("/surveys", endpoint="surveys")
def surveys_page():
    listing = surveys.open_for(g.panelist)
    done = next((s for s, _ in listing if s.id == request.args.get("answered")), None)
    notice = (gettext("Thank you for your answers. %(reward)s was added to your balance.",
                      reward=_reward(done)) if done else None)
    rows = [(found, answered, _reward(found)) for found, answered in listing]
    return render_template("dashboard/surveys.html", listing=rows, notice=notice,
                           consented=_consented(), left=g.panelist.status != "active")


@blp.route("/surveys/<survey_id>", methods=["GET", "POST"])
def survey(survey_id):
    found, answered = surveys.open_one(g.panelist, survey_id)
    if request.method == "GET":
        return _form(found, answered, MultiDict())
    try:
        body = forms.load(SurveyResponseSchema(), {"answers": [
            {"question_id": q.id, "value": _value(q, request.form)} for q in found.questions]})
        surveys.answer(g.panelist, found.id, body["answers"])
    except PanelError as refusal:
        return _form(found, answered, request.form, i18n.refusal_text(refusal)), refusal.status
    return redirect(url_for("dashboard.surveys", answered=found.id), 303)


def _value(question, form: MultiDict):
    """What the form says for one question, in the API's shape; an unanswered question is
    an empty value, which the service refuses by naming the question."""
    name = f"q-{question.id}"
    if question.kind == "multiple_choice":
        return form.getlist(name)
    value = form.get(name, "")
    if question.kind == "rating" and value.isascii() and value.isdigit():
        return int(value)
    return value


def _form(found, answered: bool, form: MultiDict, error: str | None = None):
    return render_template("dashboard/survey.html", survey=found, answered=answered,
                           form=form, error=error, reward=_reward(found))


def _reward(found) -> str:
    return money(from_minor(found.reward_minor), current_app.config["REWARD_CURRENCY"])


def _consented() -> bool:
    choice = consents.current_of(g.panelist, "surveys")
    return bool(choice and choice.granted)
