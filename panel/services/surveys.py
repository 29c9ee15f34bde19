"""Short paid surveys: staff create them, panelists in the audience answer once and are
credited once; answers leave the panel only in aggregate, only for panelists who consent to
``surveys``, and never for a group of fewer than ``INSIGHTS_MIN_PANELISTS`` panelists."""
from __future__ import annotations

import json
from collections import Counter

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from panel.db import db, new_id
from panel.models import Panelist, Survey, SurveyQuestion, SurveyResponse
from panel.models.surveys import AUDIENCES, QUESTION_KINDS
from panel.services import consents, ledger, personal
from panel.services.errors import N_, Conflict, Invalid, NotFound
from panel.services.money import to_minor
from panel.vault import seal, unseal

MAX_TEXT = 500


def create(title: str, reward: str, audience: str, questions: list[dict]) -> Survey:
    if audience not in AUDIENCES:
        raise Invalid(f"The audience is one of {', '.join(AUDIENCES)}.")
    if not questions:
        raise Invalid("A survey needs at least one question.")
    survey = Survey(title=title, reward_minor=to_minor(reward), audience=audience)
    for position, question in enumerate(questions):
        kind, choices = question.get("kind"), list(question.get("choices") or [])
        if kind not in QUESTION_KINDS:
            raise Invalid(f"Question kinds are {', '.join(QUESTION_KINDS)}.")
        if kind.endswith("_choice") and len(choices) < 2:
            raise Invalid("A choice question needs at least two choices.")
        survey.questions.append(SurveyQuestion(position=position, text=question["text"],
                                               kind=kind, choices=choices))
    db.session.add(survey)
    db.session.commit()
    return survey


def _in_audience(panelist: Panelist, survey: Survey) -> bool:
    if panelist.status != "active":
        return False
    return survey.audience == "all_active" or _consents(panelist)


def open_for(panelist: Panelist) -> list[tuple[Survey, bool]]:
    """Open surveys in the panelist's audience, each with whether it is answered."""
    answered = set(db.session.scalars(select(SurveyResponse.survey_id).where(
        SurveyResponse.panelist_id == panelist.id)))
    surveys = db.session.scalars(select(Survey).where(Survey.status == "open")
                                 .order_by(Survey.created_at))
    return [(s, s.id in answered) for s in surveys if _in_audience(panelist, s)]


def open_one(panelist: Panelist, survey_id: str) -> tuple[Survey, bool]:
    """One open survey in the panelist's audience, with whether it is answered."""
    found = next(((s, done) for s, done in open_for(panelist) if s.id == survey_id), None)
    if found is None:
        raise NotFound(N_("No such survey."))
    return found


def answer(panelist: Panelist, survey_id: str, answers: list[dict]) -> SurveyResponse:
    survey = db.session.get(Survey, survey_id)
    if survey is None or survey.status != "open" or not _in_audience(panelist, survey):
        raise NotFound(N_("No such survey."))
    choices, texts = _checked(survey, answers)
    response = SurveyResponse(id=new_id(), survey_id=survey.id, panelist_id=panelist.id,
                              answers=choices)
    if texts:
        key = personal.data_key(panelist)
        response.texts_sealed = seal(key, json.dumps(texts), f"survey:{response.id}")
    db.session.add(response)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(N_("You have already answered this survey.")) from None
    ledger.credit(panelist.id, "survey_reward", survey.reward_minor,
                  current_app.config["REWARD_CURRENCY"], f"survey:{survey.id}",
                  f"Survey: {survey.title}"[:200])
    db.session.commit()
    return response


def _checked(survey: Survey, answers: list[dict]) -> tuple[dict, dict]:
    """Every question answered once, each value fitting its kind."""
    given = {a["question_id"]: a["value"] for a in answers}
    if len(given) != len(answers) or set(given) != {q.id for q in survey.questions}:
        raise Invalid(N_("Answer every question of the survey, each once."))
    choices, texts = {}, {}
    for question in survey.questions:
        value = given[question.id]
        if question.kind == "short_text":
            if not isinstance(value, str) or len(value) > MAX_TEXT:
                raise Invalid(f"Short answers are text of at most {MAX_TEXT} characters.")
            texts[question.id] = value
            continue
        if not _fits(question, value):
            raise Invalid(f"That is not an answer to: {question.text}")
        choices[question.id] = value
    return choices, texts


def _fits(question: SurveyQuestion, value) -> bool:
    """A rating 1-5; one of the choices; or, for multiple choice, a list of some of the
    choices, each at most once."""
    if question.kind == "rating":
        return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5
    picked = value if question.kind == "multiple_choice" else [value]
    return (isinstance(picked, list) and 0 < len(picked) <= len(question.choices)
            and all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                    and v in question.choices for v in picked)
            and len(set(picked)) == len(picked))


def aggregate(survey_id: str) -> dict:
    """Counts per choice and rating, only over panelists who consent to ``surveys``;
    short texts are counted, never shown. Nothing is shown below ``INSIGHTS_MIN_PANELISTS``
    responses (``responses`` is then None), and no count of fewer panelists than that
    (see ``_large_groups``)."""
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        raise NotFound(N_("No such survey."))
    minimum = current_app.config["INSIGHTS_MIN_PANELISTS"]
    responses = [r for r in db.session.scalars(select(SurveyResponse).where(
        SurveyResponse.survey_id == survey.id))
        if _consents(db.session.get(Panelist, r.panelist_id))]
    shown = len(responses) >= minimum
    result = {"survey_id": survey.id, "responses": len(responses) if shown else None,
              "minimum": minimum, "questions": []}
    for question in survey.questions:
        values = Counter()
        for response in responses if shown else []:
            value = response.answers.get(question.id)
            for v in set(value) if isinstance(value, list) else [value]:  # once a panelist
                values[str(v)] += v is not None
        if question.kind == "short_text":
            counts = {"answered": len(responses)} if shown else {}
        else:
            counts = _large_groups(values, question, minimum)
        result["questions"].append({"question_id": question.id, "kind": question.kind,
                                    "counts": counts})
    return result


def _large_groups(values: Counter, question: SurveyQuestion, minimum: int) -> dict:
    """The counts of at least ``minimum``. Where one answer per panelist makes the counts add
    up to the responses (single choice, rating), a lone left-out option could be worked out
    from the others, so the smallest shown count is left out with it."""
    shown = {value: n for value, n in values.items() if n >= minimum}
    options = 5 if question.kind == "rating" else len(question.choices)
    left_out = sum(values.values()) - sum(shown.values())
    if question.kind != "multiple_choice" and left_out and options - len(shown) == 1 and shown:
        del shown[min(shown, key=shown.get)]
    return shown


def _consents(panelist: Panelist) -> bool:
    granted = consents.current_of(panelist, "surveys")
    return bool(granted and granted.granted)


def answers_of(panelist: Panelist) -> list[dict]:
    """The panelist's own answers, texts opened, for their export."""
    rows = db.session.scalars(select(SurveyResponse).where(
        SurveyResponse.panelist_id == panelist.id).order_by(SurveyResponse.answered_at))
    key = personal.data_key(panelist)
    out = []
    for row in rows:
        texts = json.loads(unseal(key, row.texts_sealed, f"survey:{row.id}")
                           or "{}")
        out.append({"survey_id": row.survey_id, "answered_at": row.answered_at.isoformat(),
                    "answers": {**row.answers, **texts}})
    return out
