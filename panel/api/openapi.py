"""What the OpenAPI document says beyond each view's own decorators: the error answers every
operation of a kind can give, so that each status the API sends is listed (tests/contract)."""
from __future__ import annotations

from apispec import BasePlugin
from flask_smorest.error_handler import ErrorSchema

from panel.api.limits import RETRY_AFTER

# status -> component response (flask-smorest registers one per HTTP status, by name)
UNAUTHORIZED, NOT_FOUND, BAD_REQUEST = "UNAUTHORIZED", "NOT_FOUND", "BAD_REQUEST"


class ErrorResponses(BasePlugin):
    """401 on every operation that needs a token, 404 on every operation under an id, and
    400 on every operation with a JSON body (a body that is not JSON at all)."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        for operation in (operations or {}).values():
            responses = operation.setdefault("responses", {})
            if operation.get("security"):
                responses.setdefault("401", UNAUTHORIZED)
            if "<" in (path or "") or "{" in (path or ""):
                responses.setdefault("404", NOT_FOUND)
            if "application/json" in operation.get("requestBody", {}).get("content", {}):
                responses.setdefault("400", BAD_REQUEST)


def refuses(blp, status: int, description: str):
    """``@refuses(blp, 409, "Beyond your balance.")``: document one refusal of a view, in
    the API's error shape."""
    return blp.alt_response(status, schema=ErrorSchema, description=description)


def needs_storage(blp):
    """``@needs_storage(blp)``: document the 503 of a view that reads or writes receipt
    storage, answered (with Retry-After) when the storage cannot be reached."""
    return blp.alt_response(503, schema=ErrorSchema, headers=RETRY_AFTER, description=(
        "The receipt storage cannot be reached just now; nothing was changed. Retry-After "
        "says when to try again."))
