"""Checks beyond schemathesis's own, for what its defaults let through."""
from __future__ import annotations

import json

import schemathesis

PAGINATION_KEYS = {"total", "total_pages", "first_page", "last_page", "page", "previous_page",
                   "next_page"}


def status_is_listed(ctx, response, case) -> None:
    """Every status an operation answers is listed under its own code: flask-smorest's
    ``default`` error response would otherwise let any status pass."""
    if case.method.upper() != case.operation.method.upper():
        return  # a method the path does not have: schemathesis's unsupported_method check
    listed = set(case.operation.definition.raw.get("responses", {}))
    assert str(response.status_code) in listed, (
        f"{case.operation.label} answered {response.status_code}, which its OpenAPI "
        f"responses do not list ({', '.join(sorted(listed))})")


def pagination_is_json(ctx, response, case) -> None:
    """X-Pagination, when sent, is a JSON object with flask-smorest's pagination keys."""
    value = response.headers.get("x-pagination")
    if value is None:
        return
    metadata = json.loads(value[0])
    assert isinstance(metadata, dict) and set(metadata) <= PAGINATION_KEYS, value
    assert all(isinstance(number, int) for number in metadata.values()), value


EXTRA = [schemathesis.check(status_is_listed), schemathesis.check(pagination_is_json)]
