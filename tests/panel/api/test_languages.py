"""English and German: the panelist's own setting first, then Accept-Language, for API
messages too; an unknown language is refused."""
from __future__ import annotations

from tests.support.factories import bearer, register


def test_error_messages_follow_accept_language(app, client):
    english = client.get("/api/v1/receipts/nope", headers=bearer(register(app, client)))
    assert english.get_json()["message"] == "No such receipt."
    tokens = register(app, client)
    german = client.get("/api/v1/receipts/nope",
                        headers={**bearer(tokens), "Accept-Language": "de-DE,de;q=0.9,en;q=0.5"})
    assert german.status_code == 404
    assert german.get_json()["message"] == "Diesen Kassenbon gibt es nicht."
    assert german.headers["Content-Language"] == "de"
    anonymous = client.get("/api/v1/receipts", headers={"Accept-Language": "de"})
    assert anonymous.get_json()["message"].startswith("Bitte zuerst anmelden")


def test_the_panelists_setting_wins_over_the_browser(app, client):
    tokens = register(app, client)
    headers = {**bearer(tokens), "Accept-Language": "en"}
    assert client.get("/api/v1/me/language", headers=headers).get_json() == {"language": None}
    chosen = client.put("/api/v1/me/language", json={"language": "de"}, headers=headers)
    assert chosen.status_code == 200 and chosen.get_json() == {"language": "de"}
    answer = client.get("/api/v1/receipts/nope", headers=headers)
    assert answer.get_json()["message"] == "Diesen Kassenbon gibt es nicht."
    client.put("/api/v1/me/language", json={"language": None}, headers=headers)
    assert client.get("/api/v1/receipts/nope", headers=headers).get_json()["message"] == \
        "No such receipt."


def test_a_language_without_a_catalogue_is_refused(app, client):
    tokens = register(app, client)
    refused = client.put("/api/v1/me/language", json={"language": "xx"}, headers=bearer(tokens))
    assert refused.status_code == 422
    assert "en, de" in str(refused.get_json()["errors"]["json"]["language"])
