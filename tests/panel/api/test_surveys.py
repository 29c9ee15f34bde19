"""Surveys: the audience sees them, answers once, is credited once; aggregates only over
panelists who consent to surveys; short answers are sealed."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from panel.db import db
from panel.models import SurveyResponse
from panel.services import surveys
from tests.support.factories import bearer, register

SPEC = {"title": "Breakfast habits", "reward": "0.50", "audience": "surveys_consent",
        "questions": [
            {"text": "Coffee or tea?", "kind": "single_choice", "choices": ["coffee", "tea"]},
            {"text": "What else?", "kind": "multiple_choice", "choices": ["toast", "eggs", "fruit"]},
            {"text": "How hungry are you?", "kind": "rating"},
            {"text": "Your favourite cafe?", "kind": "short_text"}]}


@pytest.fixture
def survey_id(app, tmp_path):
    path = tmp_path / "survey.json"
    path.write_text(json.dumps(SPEC))
    result = app.test_cli_runner().invoke(args=["surveys", "create", "--file", str(path)])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def questions(client, tokens) -> tuple[str, list[dict]]:
    listed = client.get("/api/v1/surveys", headers=bearer(tokens)).get_json()
    assert len(listed) == 1 and listed[0]["reward"] == "0.50"
    return listed[0]["id"], listed[0]["questions"]


def answers(qs, text="Cafe Marker", single="tea", many=("toast",), rating=4):
    values = [single, list(many) if isinstance(many, tuple) else many, rating, text]
    return {"answers": [{"question_id": q["id"], "value": v} for q, v in zip(qs, values)]}


def test_answer_once_and_be_credited_once(app, client, survey_id):
    tokens = register(app, client, surveys=True)
    sid, qs = questions(client, tokens)
    assert sid == survey_id
    path = f"/api/v1/surveys/{sid}/responses"
    assert client.post(path, json=answers(qs), headers=bearer(tokens)).status_code == 201
    again = client.post(path, json=answers(qs), headers=bearer(tokens))
    assert again.status_code == 409 and again.get_json()["message"]
    balance = client.get("/api/v1/rewards", headers=bearer(tokens)).get_json()["balance"]
    assert balance == "0.50"
    assert client.get("/api/v1/surveys", headers=bearer(tokens)).get_json()[0]["answered"]
    with app.app_context():
        stored = db.session.scalar(select(SurveyResponse))
        assert b"Cafe Marker" not in stored.texts_sealed
        assert "Cafe Marker" not in json.dumps(stored.answers)


@pytest.mark.parametrize("change", [
    {"single": "juice"}, {"many": ("toast", "caviar")}, {"rating": 6}, {"rating": "5"},
    {"text": "x" * 501}, {"many": ()}, {"many": ["toast"] * 5000}, {"many": ("toast", "toast")},
    {"many": 5}, {"many": "toast"}, {"many": (["toast"],)}, {"single": ["tea"]},
    {"rating": True}])
def test_invalid_answers_are_422(app, client, survey_id, change):
    tokens = register(app, client, surveys=True)
    sid, qs = questions(client, tokens)
    response = client.post(f"/api/v1/surveys/{sid}/responses", json=answers(qs, **change),
                           headers=bearer(tokens))
    assert response.status_code == 422 and response.get_json()["message"]


def test_missing_question_and_malformed_bodies(app, client, survey_id):
    tokens = register(app, client, surveys=True)
    sid, qs = questions(client, tokens)
    partial = answers(qs)
    partial["answers"].pop()
    for body in (partial, {"answers": []}, {"answers": "no"}, {}):
        response = client.post(f"/api/v1/surveys/{sid}/responses", json=body,
                               headers=bearer(tokens))
        assert response.status_code == 422, body


def test_the_audience_rule(app, client, survey_id):
    without = register(app, client)
    assert client.get("/api/v1/surveys", headers=bearer(without)).get_json() == []
    response = client.post(f"/api/v1/surveys/{survey_id}/responses", json={"answers": [
        {"question_id": "x", "value": 1}]}, headers=bearer(without))
    assert response.status_code == 404
    with app.app_context():
        surveys.create("For everyone", "0.10", "all_active",
                       [{"text": "Ok?", "kind": "single_choice", "choices": ["yes", "no"]}])
    assert [s["title"] for s in client.get("/api/v1/surveys",
                                           headers=bearer(without)).get_json()] == ["For everyone"]


def test_aggregates_only_count_panelists_who_consent(app, client, survey_id):
    app.config["INSIGHTS_MIN_PANELISTS"] = 1
    first, second = register(app, client, surveys=True), register(app, client, surveys=True)
    for tokens, drink in ((first, "coffee"), (second, "tea")):
        sid, qs = questions(client, tokens)
        client.post(f"/api/v1/surveys/{sid}/responses", json=answers(qs, single=drink),
                    headers=bearer(tokens))
    client.put("/api/v1/me/consents/surveys", json={"granted": False}, headers=bearer(second))
    with app.app_context():
        result = surveys.aggregate(survey_id)
    assert result["responses"] == 1
    counts = {q["kind"]: q["counts"] for q in result["questions"]}
    assert counts["single_choice"] == {"coffee": 1}
    assert counts["short_text"] == {"answered": 1}
    assert "Cafe Marker" not in json.dumps(result)


def answer_as(app, client, survey_id, **choices) -> None:
    tokens = register(app, client, surveys=True)
    sid, qs = questions(client, tokens)
    response = client.post(f"/api/v1/surveys/{sid}/responses", json=answers(qs, **choices),
                           headers=bearer(tokens))
    assert response.status_code == 201, response.get_json()


def counts_of(app, survey_id) -> tuple[int | None, dict]:
    with app.app_context():
        result = surveys.aggregate(survey_id)
    return result["responses"], {q["kind"]: q["counts"] for q in result["questions"]}


def test_no_group_below_the_minimum_of_panelists_is_shown(app, client, survey_id):
    app.config["INSIGHTS_MIN_PANELISTS"] = 3
    for _ in range(2):
        answer_as(app, client, survey_id, single="coffee", many=("toast", "eggs"))
    assert counts_of(app, survey_id) == (None, {"single_choice": {}, "multiple_choice": {},
                                                "rating": {}, "short_text": {}})
    answer_as(app, client, survey_id, single="coffee", many=("toast",))
    answer_as(app, client, survey_id, single="tea", many=("toast", "fruit"))
    responses, counts = counts_of(app, survey_id)
    assert responses == 4
    # tea (1) is left out, and coffee with it: 4 responses less coffee would tell tea's count
    assert counts["single_choice"] == {}
    assert counts["multiple_choice"] == {"toast": 4}  # eggs (2) and fruit (1) left out
    assert counts["rating"] == {"4": 4} and counts["short_text"] == {"answered": 4}


def test_answers_stuffed_before_count_once_per_panelist(app, client, survey_id):
    """A list of one choice many times, stored before answers were checked for it, counts
    the choice once."""
    app.config["INSIGHTS_MIN_PANELISTS"] = 1
    answer_as(app, client, survey_id)
    with app.app_context():
        stored = db.session.scalar(select(SurveyResponse))
        question_id = next(q for q, v in stored.answers.items() if v == ["toast"])
        stored.answers = {**stored.answers, question_id: ["toast"] * 5000}
        db.session.commit()
    assert counts_of(app, survey_id)[1]["multiple_choice"] == {"toast": 1}


def test_survey_answers_and_ledger_are_in_the_export(app, client, survey_id):
    import io
    import zipfile
    tokens = register(app, client, surveys=True)
    sid, qs = questions(client, tokens)
    client.post(f"/api/v1/surveys/{sid}/responses", json=answers(qs), headers=bearer(tokens))
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/me/export",
                                                    headers=bearer(tokens)).data))
    document = json.loads(archive.read("panelist.json"))
    assert document["survey_answers"][0]["answers"][qs[3]["id"]] == "Cafe Marker"
    assert [(e["kind"], e["amount"]) for e in document["reward_ledger"]] == [
        ("survey_reward", "0.50")]
