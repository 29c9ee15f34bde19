"""The surveys pages: an input per question kind, each labelled; answered once and credited
once, a second answer refused with a 409 in words; the surveys consent explained."""
from __future__ import annotations

import re

import pytest

from panel.db import db
from panel.models import Panelist
from panel.services import surveys
from tests.dashboard.conftest import post, sign_up

QUESTIONS = [
    {"text": "Coffee or tea?", "kind": "single_choice", "choices": ["coffee", "tea"]},
    {"text": "What else?", "kind": "multiple_choice", "choices": ["toast", "eggs", "fruit"]},
    {"text": "How hungry are you?", "kind": "rating"},
    {"text": "Your favourite cafe?", "kind": "short_text"}]


def make_survey(app, audience: str = "surveys_consent") -> tuple[str, list[str]]:
    with app.app_context():
        survey = surveys.create("Breakfast habits", "0.50", audience, QUESTIONS)
        return survey.id, [q.id for q in survey.questions]


def answers(ids: list[str], single="tea", many=("toast", "fruit"), rating="4", text="Cafe X"):
    form = {f"q-{ids[0]}": single, f"q-{ids[1]}": list(many), f"q-{ids[2]}": rating,
            f"q-{ids[3]}": text}
    return {name: value for name, value in form.items() if value is not None}


def balance(client) -> str:
    return re.search(r'id="balance">([^<]*)<', client.get("/rewards").get_data(as_text=True)
                     ).group(1)


def test_the_form_has_a_labelled_input_for_each_kind(app):
    survey_id, ids = make_survey(app)
    session = sign_up(app, surveys=True)
    listing = session.client.get("/surveys").get_data(as_text=True)
    assert "Breakfast habits" in listing and "Answer this survey" in listing
    html = session.client.get(f"/surveys/{survey_id}").get_data(as_text=True)
    assert html.count('type="radio" id="q1-') == 2 and f'name="q-{ids[0]}"' in html
    assert html.count('type="checkbox" id="q2-') == 3 and f'name="q-{ids[1]}"' in html
    assert html.count('type="radio" id="q3-') == 5 and f'name="q-{ids[2]}"' in html
    assert f'<textarea id="q4" name="q-{ids[3]}"' in html
    for field in re.findall(r'<(?:input|textarea) [^>]*id="([^"]+)"', html):
        assert f'<label for="{field}"' in html, field
    assert "Send answers" in html


@pytest.mark.database
def test_answered_once_credited_once_and_refused_the_second_time(app):
    survey_id, ids = make_survey(app)
    session = sign_up(app, surveys=True)
    sent = post(session.client, f"/surveys/{survey_id}", answers(ids))
    assert sent.status_code == 303 and sent.location.endswith(f"/surveys?answered={survey_id}")
    page = session.client.get(sent.location).get_data(as_text=True)
    assert "0.50 EUR was added to your balance" in page
    assert 'class="badge accepted">Answered' in page and "Answer this survey" not in page
    assert balance(session.client) == "0.50 EUR"

    again = post(session.client, f"/surveys/{survey_id}", answers(ids, single="coffee"))
    assert again.status_code == 409
    assert "You have already answered this survey." in again.get_data(as_text=True)
    assert balance(session.client) == "0.50 EUR"
    with app.app_context():
        mine = surveys.answers_of(db.session.get(Panelist, session.panelist_id))
    assert len(mine) == 1 and mine[0]["answers"][ids[0]] == "tea"
    assert mine[0]["answers"][ids[1]] == ["toast", "fruit"] and mine[0]["answers"][ids[2]] == 4


@pytest.mark.parametrize("change, named", [
    ({"single": None}, "Coffee or tea?"), ({"many": ()}, "What else?"),
    ({"rating": "9"}, "How hungry are you?"), ({"single": "juice"}, "Coffee or tea?"),
    ({"text": "x" * 501}, "at most 500 characters")])
def test_a_wrong_answer_is_refused_in_words_and_keeps_the_rest(app, change, named):
    survey_id, ids = make_survey(app)
    session = sign_up(app, surveys=True)
    refused = post(session.client, f"/surveys/{survey_id}", answers(ids, **change))
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and named in html and 'role="alert"' in html
    if change.get("many") is None:
        assert re.search(r'value="toast"\s+checked', html)  # the choices made are kept
    assert balance(session.client) == "0.00 EUR"


def test_without_the_surveys_consent_it_says_so_and_links_to_privacy(app):
    survey_id, _ = make_survey(app)
    session = sign_up(app)
    html = session.client.get("/surveys").get_data(as_text=True)
    assert "need your consent to <b>surveys</b>" in html and 'href="/privacy#consents"' in html
    assert "Breakfast habits" not in html
    assert session.client.get(f"/surveys/{survey_id}").status_code == 404
    everyone, _ = make_survey(app, audience="all_active")  # open to every active panelist
    assert session.client.get(f"/surveys/{everyone}").status_code == 200


def test_post_without_csrf_is_400_and_a_visitor_is_sent_to_login(app):
    survey_id, ids = make_survey(app)
    session = sign_up(app, surveys=True)
    assert session.client.post(f"/surveys/{survey_id}", data=answers(ids)).status_code == 400
    assert balance(session.client) == "0.00 EUR"
    visitor = app.test_client()
    for path in ("/surveys", f"/surveys/{survey_id}"):
        response = visitor.get(path)
        assert response.status_code == 303 and "/login?next=" in response.location
