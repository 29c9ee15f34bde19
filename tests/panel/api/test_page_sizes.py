"""Every list the API answers is paginated with page_size at most 100 (API.md); a larger
page_size is a 422 that says so, never a longer page. Lists are found in the OpenAPI
document, so a new unpaginated list fails here."""
from __future__ import annotations

import json

from panel.api.limits import MAX_PAGE_SIZE
from panel.services import recipients
from panel.services.audit import COMMAND_LINE
from tests.support.factories import bearer, register
from tests.support.releases import recipient

# Lists whose length is fixed by the code (one entry per consent purpose), not by use.
FIXED_LENGTH = {"/api/v1/consents/purposes", "/api/v1/me/consents"}


def list_paths(spec: dict) -> list[str]:
    paths = []
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        content = get and get["responses"].get("200", {}).get("content", {})
        schema = (content or {}).get("application/json", {}).get("schema", {})
        if schema.get("type") == "array":
            paths.append(path)
    return paths


def test_every_list_has_a_capped_page_size(app, client):
    spec = client.get("/api/openapi.json").get_json()
    lists = list_paths(spec)
    assert {"/api/v1/receipts", "/api/v1/rewards/ledger", "/api/v1/surveys",
            "/api/v1/me/consents/history"} <= set(lists)
    for path in set(lists) - FIXED_LENGTH:
        parameters = {p["name"]: p for p in spec["paths"][path]["get"].get("parameters", [])}
        assert "page_size" in parameters, f"{path} is a list without pagination"
        assert parameters["page_size"]["schema"]["maximum"] == MAX_PAGE_SIZE, path


def recipient_key(app) -> dict:
    """The headers of a recipient's key, for the recipients' API."""
    with app.app_context():
        acme = recipient("acme-cn", "CN")
        return {"Authorization": f"Bearer {recipients.issue_key(COMMAND_LINE, acme)}"}


def test_a_page_size_above_the_cap_is_refused_and_the_cap_itself_is_served(app, client):
    panelist, recipient = bearer(register(app, client)), recipient_key(app)
    spec = client.get("/api/openapi.json").get_json()
    for path in set(list_paths(spec)) - FIXED_LENGTH:
        security = spec["paths"][path]["get"].get("security", [])
        headers = recipient if any("recipientKey" in s for s in security) else panelist
        too_many = client.get(f"{path}?page_size={MAX_PAGE_SIZE + 1}", headers=headers)
        assert too_many.status_code == 422, path
        assert "page_size" in too_many.get_json()["message"], too_many.get_json()
        most = client.get(f"{path}?page_size={MAX_PAGE_SIZE}", headers=headers)
        assert most.status_code == 200, path
        assert json.loads(most.headers["X-Pagination"])["total"] == len(most.get_json())


def test_consent_history_comes_in_pages(app, client):
    tokens = register(app, client, surveys=False)
    for granted in (True, False, True):
        assert client.put("/api/v1/me/consents/surveys", json={"granted": granted},
                          headers=bearer(tokens)).status_code == 200
    everything = client.get("/api/v1/me/consents/history", headers=bearer(tokens)).get_json()
    pages = [client.get(f"/api/v1/me/consents/history?page={n}&page_size=2",
                        headers=bearer(tokens)) for n in (1, 2, 3)]
    assert [len(page.get_json()) for page in pages] == [2, 2, 1]
    assert sum((page.get_json() for page in pages), []) == everything
    assert json.loads(pages[0].headers["X-Pagination"])["total"] == len(everything) == 5
