"""The dashboard in German: every main page, rendered for the same panelist in English and in
German, keeps no English sentence in German (each text the page shows in English is
translated); the German catalogue has a translation for every text; and the mails to a
German-speaking panelist or visitor are German."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from panel.db import db
from panel.models import Panelist
from panel.services import mail
from tests.dashboard.conftest import post, sign_up
from tests.support.rewards import put_receipt

CATALOGUE = (Path(__file__).resolve().parents[2]
             / "panel/translations/de/LC_MESSAGES/messages.po")
PANELIST_PAGES = ["/receipts", "/receipts/{receipt}", "/receipts/{receipt}/withdraw",
                  "/receipts/{receipt}/delete", "/receipts/{rejected}", "/receipts/no-such-receipt",
                  "/rewards", "/surveys", "/privacy", "/privacy/leave", "/privacy/erase",
                  "/account/password"]
VISITOR_PAGES = ["/", "/login", "/register", "/password-reset", "/waitlist/status"]
WORD = re.compile(r"[A-Za-z]{2,}")
# Shown the same in both languages: the panel's language menu, words that are German too,
# and the data itself (the shops' names).
SAME_IN_BOTH = {"English", "Deutsch", "Status", "Name", "PDF", "Version", "PIN:", "Code:",
                "Corner Shop", "Gamma Garage"}


class _Texts(HTMLParser):
    """The texts a person reads or hears: text between tags, and alt, aria-label, title and
    placeholder attributes; scripts and styles left out."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "aria-label", "title", "placeholder") and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data)


def sentences(html: str) -> set[str]:
    """Each text of a page with words in it, whitespace collapsed."""
    parser = _Texts()
    parser.feed(html)
    found = {" ".join(text.split()) for text in parser.texts}
    return {text for text in found if WORD.search(text) and text not in SAME_IN_BOTH}


def rendered(client, path: str, language: str) -> str:
    return client.get(path, headers={"Accept-Language": language}).get_data(as_text=True)


def english_left(client, path: str) -> set[str]:
    english = sentences(rendered(client, path, "en"))
    german = sentences(rendered(client, path, "de"))
    return english & german


@pytest.mark.parametrize("path", PANELIST_PAGES)
def test_a_panelist_page_in_german_keeps_no_english_text(app, path):
    session = sign_up(app, surveys=True)
    with app.app_context():  # a receipt that counts, and one that does not
        receipts = {"receipt": put_receipt(session.panelist_id, datetime.now(timezone.utc)),
                    "rejected": put_receipt(session.panelist_id, datetime.now(timezone.utc),
                                            status="rejected", merchant="Gamma Garage")}
    path = path.format(**receipts)
    page = rendered(session.client, path, "de")
    assert '<html lang="de">' in page
    assert english_left(session.client, path) == set()


@pytest.mark.parametrize("path", VISITOR_PAGES)
def test_a_visitor_page_in_german_keeps_no_english_text(app, path):
    client = app.test_client()
    assert english_left(client, path) == set()


def test_the_english_page_is_english_and_the_comparison_sees_a_left_text(app):
    """The check above can fail: an English text that stayed in the German page is found."""
    session = sign_up(app)
    english = rendered(session.client, "/privacy", "en")
    german = rendered(session.client, "/privacy", "de")
    assert "Who receives figures from the panel" in english
    assert "Wer Zahlen vom Panel erhält" in german
    left = sentences(german + "<p>Download your data</p>") & sentences(english)
    assert left == {"Download your data"}


def test_every_text_in_the_german_catalogue_is_translated():
    with CATALOGUE.open("rb") as source:
        catalogue = read_po(source)
    missing = [message.id for message in catalogue if message.id and (
        not all(message.string) if isinstance(message.string, tuple) else not message.string)]
    fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
    assert missing == [] and fuzzy == []


def outbox_of(app, kind: str) -> dict[str, mail.OpenedMessage]:
    """The mails of one kind, by their recipient."""
    with app.app_context():
        messages, _ = mail.outbox()
    return {message.recipient: message for message in messages if message.kind == kind}


def test_a_password_mail_to_a_german_speaking_panelist_is_german(app):
    """The panelist's own setting wins over the English browser that asked."""
    german, english = sign_up(app), sign_up(app)
    with app.app_context():
        db.session.get(Panelist, german.panelist_id).language = "de"
        db.session.commit()
    for asker in (german, english):
        answer = post(app.test_client(), "/password-reset", {"email": asker.email},
                      headers={"Accept-Language": "en"})
        assert answer.status_code == 303
    mails = outbox_of(app, "password_reset")
    assert mails[english.email].subject == "Choose a new password for the receipt panel"
    assert mails[english.email].body.startswith("Someone (we hope you) asked")
    german_mail = mails[german.email]
    assert german_mail.subject == "Neues Passwort für das Kassenbon-Panel wählen"
    assert german_mail.body.startswith("Jemand (hoffentlich Sie) hat darum gebeten")
    assert "Öffnen Sie innerhalb von" in german_mail.body
    assert "/password-reset/" in german_mail.body


def test_the_waitlist_mail_is_in_the_language_of_the_page_that_joined(app):
    for email, language in (("wl-de@example.org", "de"), ("wl-en@example.org", "en")):
        answer = post(app.test_client(), "/waitlist", {"email": email},
                      headers={"Accept-Language": language})
        assert answer.status_code == 303
    mails = outbox_of(app, "waitlist")
    english, german = mails["wl-en@example.org"], mails["wl-de@example.org"]
    assert german.subject == "Sie stehen auf der Warteliste des Kassenbon-Panels"
    assert german.body.startswith("Danke für Ihr Interesse am Kassenbon-Panel.")
    assert english.subject == "You are on the receipt panel's waitlist"
