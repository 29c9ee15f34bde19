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
