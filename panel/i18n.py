"""The panelist's language (Flask-Babel): the panelist's own setting, then the visitor's
choice in the language menu, then the language a page knows its visitor speaks (``speak``:
the waitlist status page, the join page of an invitation), then the browser's
Accept-Language, then English. The languages are English (the source text) and every
catalogue under panel/translations/: adding a language is adding a catalogue
(docs/translations.md). Dates and money are formatted by the same locale
(panel.dashboard.format)."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, g, has_request_context, request
from flask_babel import Babel, get_locale, gettext, refresh

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
SOURCE_LANGUAGE = "en"
LANGUAGE_COOKIE = "panel_language"
NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "nl": "Nederlands",
         "it": "Italiano", "es": "Español", "pl": "Polski"}

babel = Babel()


def languages() -> list[str]:
    """English and each language with a catalogue."""
    found = sorted(path.parent.parent.name
                   for path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
    return [SOURCE_LANGUAGE, *[name for name in found if name != SOURCE_LANGUAGE]]


def choose_language() -> str:
    return _said() or SOURCE_LANGUAGE


def _said() -> str | None:
    """The language the visitor asked for, in the order above; None if nothing says."""
    wanted = [getattr(g.get("panelist"), "language", None),
              request.cookies.get(LANGUAGE_COOKIE), g.get("known_language")]
    offered = languages()
    for language in wanted:
        if language in offered:
            return language
    return request.accept_languages.best_match(offered)


def offered(language: str | None) -> str | None:
    """``language`` if the panel speaks it, else None."""
    return language if language in languages() else None


def asked_language() -> str | None:
    """The language the request asked for (menu choice or Accept-Language), to record for
    later mails; None when it asked for none the panel speaks."""
    return _said() if has_request_context() else None


def speak(language: str | None) -> None:
    """This page speaks ``language``, the one its visitor is known to speak, unless they
    chose one in the menu (or set their own as a panelist)."""
    if offered(language):
        g.known_language = language
        refresh()  # the locale may have been chosen already in this request


def current_language() -> str:
    return str(get_locale() or SOURCE_LANGUAGE)


def mail_language(panelist=None, from_request: bool = True, known: str | None = None) -> str:
    """The language of a mail: the panelist's own setting where there is a panelist, else
    the language the recipient is ``known`` to speak, else (``from_request``) the language
    of the request that caused the mail, else English."""
    if panelist is not None and offered(getattr(panelist, "language", None)):
        return panelist.language
    if offered(known):
        return known
    if from_request and has_request_context():
        return current_language()
    return SOURCE_LANGUAGE


def refusal_text(error) -> str:
    """A service's refusal in the panelist's language: its message, or for a photo to take
    again its problem and what to do."""
    if getattr(error, "reason", None):
        return f"{gettext(error.problem)} {gettext(error.hint)}"
    return gettext(error.message)


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", SOURCE_LANGUAGE)
    babel.init_app(app, locale_selector=choose_language)
    app.jinja_env.globals.update(current_language=current_language, language_names=NAMES,
                                 languages=languages)

    @app.after_request
    def _content_language(response):
        if request.endpoint and not request.endpoint.endswith("static"):
            response.headers.setdefault("Content-Language", current_language())
            response.vary.add("Accept-Language")
        return response
