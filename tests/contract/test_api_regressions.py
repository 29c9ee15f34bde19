"""What fuzzing the API against its document found, each pinned down in plain requests."""
from __future__ import annotations

import io

import schemathesis

from tests.admin.conftest import jpeg
from tests.contract.checks import EXTRA
from tests.support.apps import make_app
from tests.support.factories import bearer, register


def test_method_not_allowed_says_which_are(client):
    response = client.open("/api/v1/auth/register", method="TRACE")
    assert response.status_code == 405 and response.get_json()["message"]
    assert set(response.headers["Allow"].split(", ")) == {"POST", "OPTIONS"}


def test_consent_history_is_not_a_purpose(client):
    """/me/consents/<purpose> took any word, so 'history' also answered PUT."""
    response = client.options("/api/v1/me/consents/history")
    assert "PUT" not in response.headers["Allow"]
    assert client.put("/api/v1/me/consents/history", json={"granted": True}).status_code == 405


def test_a_missing_token_is_401_before_the_body_is_read(client):
    """Surveys and uploads checked the body first, so an anonymous request got a 422."""
    assert client.post("/api/v1/surveys/x/responses", json={"answers": [{}]}).status_code == 401
    assert client.post("/api/v1/receipts", data={}).status_code == 401


def test_consent_is_true_or_false_only(app, client):
    tokens = register(app, client)
    for value in (0, 1, "true", "yes", None):
        response = client.put("/api/v1/me/consents/surveys", json={"granted": value},
                              headers=bearer(tokens))
        assert response.status_code == 422, value
    assert client.put("/api/v1/me/consents/surveys", json={"granted": False},
                      headers=bearer(tokens)).status_code == 200


def test_redemption_amount_is_a_decimal_string(app, client):
    tokens = register(app, client)
    for amount in (1, 0.5, "1e2", " 1.00", "1.234"):
        response = client.post("/api/v1/rewards/redemptions", json={"amount": amount},
                               headers=bearer(tokens))
        assert response.status_code == 422, amount
    beyond = client.post("/api/v1/rewards/redemptions", json={"amount": "1.00"},
                         headers=bearer(tokens))
    assert beyond.status_code == 409


def test_document_says_what_the_api_sends(client):
    document = client.get("/api/openapi.json").get_json()
    schemas, headers = document["components"]["schemas"], document["components"]["headers"]
    assert schemas["Rewards"]["properties"]["balance"]["type"] == "string"
    assert schemas["Item"]["properties"]["quantity"]["type"] == "string"
    assert "content" in headers["PAGINATION"] and "schema" not in headers["PAGINATION"]
    amount = schemas["Redemption"]["properties"]["amount"]
    assert amount["type"] == "string" and "minimum" not in amount


def test_a_429_is_as_documented(tmp_path):
    """Limits are high in the other tests; here one is low, and its refusal is checked
    against the document like any other answer (status listed, body, Retry-After)."""
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'limits.sqlite3'}",
                   RATELIMIT_WAITLIST_PER_ADDRESS="1/minute")
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operation = schema["/api/v1/waitlist"]["POST"]
    statuses = []
    for email in ("one@example.org", "two@example.org"):
        case = operation.Case(body={"email": email}, media_type="application/json")
        statuses.append(case.call_and_validate(additional_checks=EXTRA).status_code)
    assert statuses == [202, 429]


def test_upload_parts_besides_image_are_ignored_as_documented(app, client):
    """An extra form part was accepted while the document said no other parts."""
    document = client.get("/api/openapi.json").get_json()
    body = document["paths"]["/api/v1/receipts"]["post"]["requestBody"]["content"]
    assert body["multipart/form-data"]["schema"] == {"$ref": "#/components/schemas/Upload"}
    assert "additionalProperties" not in document["components"]["schemas"]["Upload"]
    tokens = register(app, client)
    data = {"image": (io.BytesIO(jpeg()), "page.jpg"), "note": "ignored"}
    response = client.post("/api/v1/receipts", data=data, headers=bearer(tokens),
                           content_type="multipart/form-data")
    assert response.status_code == 202


def test_a_page_far_past_the_end_is_empty(app, client):
    """?page=922337203685477582 overflowed the database's OFFSET: a 500."""
    tokens = register(app, client)
    for path in ("/api/v1/rewards/ledger", "/api/v1/receipts"):
        response = client.get(f"{path}?page=922337203685477582", headers=bearer(tokens))
        assert response.status_code == 200 and response.get_json() == [], path
