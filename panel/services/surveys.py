"""Short paid surveys: staff create them, panelists in the audience answer once and are
credited once; answers leave the panel only in aggregate, and only for panelists who
consent to ``surveys``."""
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
from panel.services.errors import Conflict, Invalid, NotFound
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
        raise NotFound("No such survey.")
    return found


def answer(panelist: Panelist, survey_id: str, answers: list[dict]) -> SurveyResponse:
    survey = db.session.get(Survey, survey_id)
    if survey is None or survey.status != "open" or not _in_audience(panelist, survey):
        raise NotFound("No such survey.")
    choices, texts = _checked(survey, answers)
    response = SurveyResponse(id=new_id(), survey_id=survey.id, panelist_id=panelist.id,
                              answers=choices)
    if texts:
        key = personal.vault().unwrap(panelist.data_key.wrapped)
        response.texts_sealed = seal(key, json.dumps(texts), f"survey:{response.id}")
    db.session.add(response)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("You have already answered this survey.") from None
    ledger.credit(panelist.id, "survey_reward", survey.reward_minor,
                  current_app.config["REWARD_CURRENCY"], f"survey:{survey.id}",
                  f"Survey: {survey.title}"[:200])
    db.session.commit()
    return response


def _checked(survey: Survey, answers: list[dict]) -> tuple[dict, dict]:
    """Every question answered once, each value fitting its kind."""
    given = {a["question_id"]: a["value"] for a in answers}
    if len(given) != len(answers) or set(given) != {q.id for q in survey.questions}:
        raise Invalid("Answer every question of the survey, each once.")
    choices, texts = {}, {}
    for question in survey.questions:
        value = given[question.id]
        if question.kind == "short_text":
            if not isinstance(value, str) or len(value) > MAX_TEXT:
                raise Invalid(f"Short answers are text of at most {MAX_TEXT} characters.")
            texts[question.id] = value
            continue
        picked = value if question.kind == "multiple_choice" else [value]
        if question.kind == "rating":
            valid = all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5
                        for v in picked)
        else:
            valid = bool(picked) and all(v in question.choices for v in picked)
        if not isinstance(picked, list) or not valid:
            raise Invalid(f"That is not an answer to: {question.text}")
        choices[question.id] = value
    return choices, texts


def aggregate(survey_id: str) -> dict:
    """Counts per choice and rating, only over panelists who consent to ``surveys``;
    short texts are counted, never shown."""
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        raise NotFound("No such survey.")
    responses = [r for r in db.session.scalars(select(SurveyResponse).where(
        SurveyResponse.survey_id == survey.id))
        if _consents(db.session.get(Panelist, r.panelist_id))]
    result = {"survey_id": survey.id, "responses": len(responses), "questions": []}
    for question in survey.questions:
        values = Counter()
        for response in responses:
            value = response.answers.get(question.id)
            for v in value if isinstance(value, list) else [value]:
                values[str(v)] += v is not None
        result["questions"].append({"question_id": question.id, "kind": question.kind,
                                    "counts": dict(values) if question.kind != "short_text"
                                    else {"answered": len(responses)}})
    return result


def _consents(panelist: Panelist) -> bool:
    granted = consents.current_of(panelist, "surveys")
    return bool(granted and granted.granted)


def answers_of(panelist: Panelist) -> list[dict]:
    """The panelist's own answers, texts opened, for their export."""
    rows = db.session.scalars(select(SurveyResponse).where(
        SurveyResponse.panelist_id == panelist.id).order_by(SurveyResponse.answered_at))
    key = personal.vault().unwrap(panelist.data_key.wrapped)
    out = []
    for row in rows:
        texts = json.loads(unseal(key, row.texts_sealed, f"survey:{row.id}")
                           or "{}")
        out.append({"survey_id": row.survey_id, "answered_at": row.answered_at.isoformat(),
                    "answers": {**row.answers, **texts}})
    return out
