"""For people, not only apps: the waitlist mail's status code shows the place in the queue
and the invitation rule on a page, and the invitation mail's link opens the join form with
the code filled in."""
from __future__ import annotations

import re

from sqlalchemy import select

from panel.db import db
from panel.models import WaitlistEntry
from panel.services import audit, invitations
from tests.admin.test_admin_waitlist import join, outbox_for
from tests.dashboard.conftest import post


def status_code_of(app, email: str) -> str:
    body = outbox_for(app, email)[0].body
    assert "/waitlist/status" in body
    return re.search(r"status code in the app.*?:\n\n  (\S+)", body, re.S).group(1)


def test_the_waitlist_page_shows_the_place_and_the_rule(app):
    client = app.test_client()
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        assert join(client, email).status_code == 202
    assert "Status code from your waitlist mail" in client.get("/waitlist/status").get_data(
        as_text=True)
    page = post(client, "/waitlist/status", {"code": status_code_of(app, "b@example.org")})
    text = re.sub(r"\s+", " ", page.get_data(as_text=True))
    assert page.status_code == 200
    assert "You are number <strong>2</strong> of 3 people waiting" in text
    assert app.config["WAITLIST_RULE"] in text


def test_an_unknown_or_missing_code_is_said_plainly(app):
    client = app.test_client()
    unknown = post(client, "/waitlist/status", {"code": "not-a-code"})
    assert unknown.status_code == 404 and "not known" in unknown.get_data(as_text=True)
    empty = post(client, "/waitlist/status", {"code": " "})
    assert empty.status_code == 422


def test_an_invited_person_is_told_so_and_the_mail_link_fills_in_the_code(app):
    client = app.test_client()
    join(client, "d@example.org")
    code = status_code_of(app, "d@example.org")
    with app.app_context():
        invitations.invite_entries(db.session.scalars(select(WaitlistEntry)).all(),
                                   audit.COMMAND_LINE)
    invited = post(client, "/waitlist/status", {"code": code}).get_data(as_text=True)
    assert "You are invited" in invited
    mail = outbox_for(app, "d@example.org")[-1].body
    link = re.search(r"(\S+/register\?code=\S+)", mail).group(1)
    invite_code = re.search(r"Your invite code: (\S+)", mail).group(1)
    form = client.get(link.split("127.0.0.1:5000", 1)[1]).get_data(as_text=True)
    assert f'value="{invite_code}"' in form


ENGLISH = {"Accept-Language": "en"}


def mail_code(body: str) -> str:
    """The status code of a waitlist mail, in either language (the line after a colon)."""
    return re.search(r":\n\n  (\S+)\n", body).group(1)


def test_a_german_joiner_is_mailed_shown_and_invited_in_german(app):
    """The waitlist keeps the language a person joined in (their browser's): the status mail,
    the status page (even opened later in an English browser), the invitation mail and the
    join page of its link are German."""
    client = app.test_client()
    assert client.post("/api/v1/waitlist", json={"email": "de@example.org"},
                       headers={"Accept-Language": "de-DE,de;q=0.9"}).status_code == 202
    waiting = outbox_for(app, "de@example.org")[0]
    assert waiting.subject == "Sie stehen auf der Warteliste des Kassenbon-Panels"
    assert "Sie stehen auf der Warteliste." in waiting.body
    page = post(client, "/waitlist/status", {"code": mail_code(waiting.body)}, headers=ENGLISH)
    text = re.sub(r"\s+", " ", page.get_data(as_text=True))
    assert page.status_code == 200 and page.headers["Content-Language"] == "de"
    assert '<html lang="de">' in text and "Ihr Platz auf der Warteliste" in text
    assert "Sie sind Nummer <strong>1</strong> von 1 Wartenden." in text
    invited = app.test_cli_runner().invoke(args=["invites", "from-waitlist", "--count", "1"])
    assert invited.exit_code == 0, invited.output
    invitation = outbox_for(app, "de@example.org")[-1]
    assert invitation.subject == "Ihre Einladung zum Kassenbon-Panel"
    assert "Ihr Einladungscode: " in invitation.body
    link = re.search(r"(\S+/register\?code=\S+)", invitation.body).group(1)
    join_page = client.get(link.split("127.0.0.1:5000", 1)[1], headers=ENGLISH)
    assert join_page.headers["Content-Language"] == "de"
    assert "Einladungscode" in join_page.get_data(as_text=True)


def test_a_choice_in_the_menu_wins_over_the_language_joined_in(app):
    client = app.test_client()
    join(client, "menu@example.org", language="de")  # chosen in the app
    client.set_cookie("panel_language", "en")  # later chosen in the page's menu
    page = post(client, "/waitlist/status",
                {"code": mail_code(outbox_for(app, "menu@example.org")[0].body)})
    assert page.headers["Content-Language"] == "en"
    assert "Your place on the waitlist" in page.get_data(as_text=True)


def test_staff_choose_the_language_for_those_who_joined_without_one(app):
    """A person who joined in an English browser (or without saying) is invited in the
    language staff choose; one who joined in German stays German; a language the panel does
    not speak is refused."""
    client, runner = app.test_client(), app.test_cli_runner()
    join(client, "said-nothing@example.org")
    join(client, "german@example.org", language="de")
    refused = runner.invoke(args=["invites", "from-waitlist", "--count", "2", "--language", "xx"])
    assert refused.exit_code == 1 and "does not speak" in refused.output
    english = runner.invoke(args=["invites", "from-waitlist", "--count", "1"])
    assert english.exit_code == 0, english.output
    assert outbox_for(app, "said-nothing@example.org")[-1].subject == \
        "Your invitation to the receipt panel"
    chosen = runner.invoke(args=["invites", "create", "--email", "new@example.org",
                                 "--language", "de"])
    assert chosen.exit_code == 0, chosen.output
    join_page = client.get(f"/register?code={chosen.output.split()[-1]}", headers=ENGLISH)
    assert join_page.headers["Content-Language"] == "de"
    with app.app_context():
        invitations.invite_email("staff-chose@example.org", audit.COMMAND_LINE, language="de")
        invitations.invite_entries(db.session.scalars(select(WaitlistEntry)).all(),
                                   audit.COMMAND_LINE, language="en")
    assert outbox_for(app, "staff-chose@example.org")[-1].subject == \
        "Ihre Einladung zum Kassenbon-Panel"
    assert outbox_for(app, "german@example.org")[-1].subject == \
        "Ihre Einladung zum Kassenbon-Panel"
