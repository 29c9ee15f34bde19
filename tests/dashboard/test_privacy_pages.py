"""The privacy page: consents with one-click change and their history, the log of staff
looks (role, never who), the export, leaving, and erasing with a typed confirmation."""
from __future__ import annotations

import io
import json
import zipfile

import pytest
from markupsafe import escape

from panel.dashboard.access import REFRESH_COOKIE, SESSION_COOKIE
from panel.db import db
from panel.models import Panelist
from panel.services import consents, receipts
from tests.admin.conftest import receipt_for_review, sign_in
from tests.dashboard.conftest import PASSWORD, csrf, post, sign_up


def history_rows(client) -> list[str]:
    html = client.get("/privacy").get_data(as_text=True)
    table = html[html.index('id="consent-history"'):]
    table = table[:table.index("</table>")]
    return [" ".join(" ".join(row.split("<td>")[2:4]).replace("</td>", "").split())
            for row in table.split("<tr>")[2:]]


def status_of(app, panelist_id: str) -> str | None:
    with app.app_context():
        panelist = db.session.get(Panelist, panelist_id)
        return panelist.status if panelist else None


def test_each_purpose_in_plain_words_withdrawn_and_given_again_with_history(app):
    session = sign_up(app, surveys=True)
    html = session.client.get("/privacy").get_data(as_text=True)
    for purpose in consents.PURPOSES.values():
        assert str(escape(purpose.text)) in html
    assert html.count(">Withdraw consent</button>") == 2  # receipts, surveys
    assert html.count(">Give consent</button>") == 1  # research partners
    assert history_rows(session.client) == [
        "Receipts Given", "Surveys Given", "Research partners Withdrawn"]

    withdrawn = post(session.client, "/privacy/consents/surveys", {"granted": "no"})
    assert withdrawn.status_code == 303 and "done=withdrawn" in withdrawn.location
    page = session.client.get(withdrawn.location).get_data(as_text=True)
    assert "Your consent is withdrawn" in page and page.count(">Give consent</button>") == 2
    assert "need your consent" in session.client.get("/surveys").get_data(as_text=True)
    post(session.client, "/privacy/consents/surveys", {"granted": "yes"})
    assert history_rows(session.client)[-2:] == ["Surveys Withdrawn", "Surveys Given"]
    assert len(history_rows(session.client)) == 5  # the history only grows


def test_withdrawing_receipts_asks_first_because_it_means_leaving(app):
    session = sign_up(app)
    response = post(session.client, "/privacy/consents/receipts", {"granted": "no"})
    assert response.status_code == 303 and response.location.endswith("/privacy/leave")
    assert status_of(app, session.panelist_id) == "active"
    page = session.client.get("/privacy/leave").get_data(as_text=True)
    assert "no longer share receipts" in page and "<b>stay</b> until you erase" in page
    left = post(session.client, "/privacy/leave")
    assert left.status_code == 303 and status_of(app, session.panelist_id) == "left"
    page = session.client.get(left.location).get_data(as_text=True)
    assert "You have left the panel" in page and "Leave the panel</button>" not in page
    assert history_rows(session.client)[-1] == "Receipts Withdrawn"
    assert "already left" in session.client.get("/privacy/leave").get_data(as_text=True)

    back = post(session.client, "/privacy/consents/receipts", {"granted": "yes"})
    assert "done=rejoined" in back.location and status_of(app, session.panelist_id) == "active"


def test_the_access_log_shows_a_staff_review_by_role_never_by_person(app):
    session = sign_up(app)
    assert "No one on the staff has looked" in session.client.get("/privacy").get_data(
        as_text=True)
    receipt_id, _ = receipt_for_review(app, app.test_client(),
                                       {"panelist": {"id": session.panelist_id}})
    reviewer = app.test_client()
    member = sign_in(app, reviewer, "reviewer")
    assert reviewer.get(f"/admin/review/{receipt_id}").status_code == 200
    html = session.client.get("/privacy").get_data(as_text=True)
    log = html[html.index('id="access-log"'):html.index("</table>", html.index('id="access-log"'))]
    assert "A reviewer" in log and f'href="/receipts/{receipt_id}"' in log
    assert "Looked at a receipt" in log and "could not read with confidence" in log
    assert member.email not in html and member.id not in html
    with app.app_context():
        receipts.delete(db.session.get(Panelist, session.panelist_id), receipt_id)
    html = session.client.get("/privacy").get_data(as_text=True)
    assert "A reviewer" in html and "since deleted by you" in html and receipt_id not in html


def test_the_export_downloads_a_zip_with_panelist_json(app):
    session = sign_up(app, surveys=True)
    page = session.client.get("/privacy").get_data(as_text=True)
    assert '<a class="button" href="/privacy/export" download>Download my data</a>' in page
    response = session.client.get("/privacy/export")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        document = json.loads(archive.read("panelist.json"))
    assert document["format"] == "receipt-panel-export/1"
    assert document["profile"]["email"] == session.email
    assert [c["purpose"] for c in document["consent_history"]][:2] == ["receipts", "surveys"]


@pytest.mark.database
def test_erase_needs_the_typed_word_and_the_password_then_deletes_everything(app):
    session = sign_up(app)
    receipt_for_review(app, app.test_client(), {"panelist": {"id": session.panelist_id}})
    page = session.client.get("/privacy/erase").get_data(as_text=True)
    assert "cannot be undone" in page and "every stored version" in page
    assert "Yes, erase everything" in page and 'for="erase-confirm"' in page
    refused = post(session.client, "/privacy/erase", {"confirm": "yes"})
    assert refused.status_code == 422 and "Type ERASE" in refused.get_data(as_text=True)
    assert status_of(app, session.panelist_id) == "active"

    old = {name: session.client.get_cookie(name).value for name in (SESSION_COOKIE,
                                                                   REFRESH_COOKIE)}
    for password, status in (("", 403), ("not my password", 403)):
        refused = post(session.client, "/privacy/erase", {"confirm": "ERASE", "password": password})
        assert refused.status_code == status and "password is not right" in refused.get_data(
            as_text=True)
        assert status_of(app, session.panelist_id) == "active"
    erased = post(session.client, "/privacy/erase", {"confirm": "ERASE", "password": PASSWORD})
    assert erased.status_code == 303 and erased.location.endswith("/goodbye")
    cleared = [c for c in erased.headers.getlist("Set-Cookie") if "Expires=Thu, 01 Jan 1970" in c]
    assert {c.split("=")[0] for c in cleared} == {SESSION_COOKIE, REFRESH_COOKIE}
    assert "Your account is erased" in session.client.get("/goodbye").get_data(as_text=True)
    assert status_of(app, session.panelist_id) is None

    replay = app.test_client()
    for name, value in old.items():
        replay.set_cookie(name, value, path="/")
    response = replay.get("/privacy")
    assert response.status_code == 303 and "/login" in response.location
    login = replay.post("/login", data={"email": session.email, "password": PASSWORD,
                                        "csrf_token": csrf(replay)})
    assert login.status_code == 401 and "not right" in login.get_data(as_text=True)


@pytest.mark.parametrize("path, data", [
    ("/privacy/consents/surveys", {"granted": "no"}), ("/privacy/consents/receipts", {}),
    ("/privacy/leave", {}), ("/privacy/erase", {"confirm": "ERASE"})])
def test_every_post_without_csrf_is_400_and_changes_nothing(app, path, data):
    session = sign_up(app, surveys=True)
    response = session.client.post(path, data=data)
    assert response.status_code == 400
    assert status_of(app, session.panelist_id) == "active"
    assert history_rows(session.client)[1] == "Surveys Given" and len(
        history_rows(session.client)) == 3


@pytest.mark.parametrize("path", ["/privacy", "/privacy/leave", "/privacy/erase",
                                  "/privacy/export"])
def test_a_visitor_is_sent_to_login(app, path):
    response = app.test_client().get(path)
    assert response.status_code == 303 and f"/login?next={path}" in response.location
