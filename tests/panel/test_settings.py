"""Settings are read in one place (panel/config.py), the admin tool's too, and a value that
cannot be read stops the start with an error that names the setting."""
from __future__ import annotations

import pytest

from panel.config import SettingError
from tests.support.apps import make_app


def start(tmp_path):
    return make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}")


def test_the_admin_tools_settings_come_with_the_rest(tmp_path, monkeypatch):
    monkeypatch.setenv("SMTP_STARTTLS", "no")
    monkeypatch.setenv("STAFF_LOGIN_MAX_FAILURES", "7")
    config = start(tmp_path).config
    assert config["SMTP_STARTTLS"] is False and config["STAFF_LOGIN_MAX_FAILURES"] == 7
    assert config["SMTP_PORT"] == 587 and config["WAITLIST_MAX_REQUESTS"] == 10


@pytest.mark.parametrize("name, value, words", [
    ("SMTP_PORT", "lots", "SMTP_PORT must be a whole number, not 'lots'"),
    ("STAFF_SESSION_IDLE_SECONDS", "1.5", "STAFF_SESSION_IDLE_SECONDS must be a whole number"),
    ("WORKER_POLL_SECONDS", "soon", "WORKER_POLL_SECONDS must be a number, not 'soon'"),
    ("SMTP_STARTTLS", "maybe", "SMTP_STARTTLS is on or off, not 'maybe'"),
    ("OCR_PRICE_LOOK", "enabled", "OCR_PRICE_LOOK is on or off"),
])
def test_a_setting_that_cannot_be_read_stops_the_start_naming_it(tmp_path, monkeypatch, name,
                                                                 value, words):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingError) as refused:
        start(tmp_path)
    assert words in str(refused.value)
