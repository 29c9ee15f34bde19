"""The mobile API's abuse limits, documented in the OpenAPI document: a limited view answers
429 in the API's error shape with a Retry-After header (see panel/ratelimit.py)."""
from __future__ import annotations

from flask_smorest import Blueprint
from flask_smorest.error_handler import ErrorSchema

from panel.ratelimit import RULES, rate_limited

MAX_PAGE_SIZE = 100  # docs/api.md: lists take page_size up to 100; above it is a 422

RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before trying again.",
                               "schema": {"type": "integer", "minimum": 1}}}


def limited(blp: Blueprint, rule: str):
    """``@limited(blp, "upload")`` above a view's other decorators: counts the request before
    its body is read, and documents the 429."""
    keys = " and ".join(key.replace("_", " ") for key, _ in RULES[rule])
    settings = ", ".join(setting for _, setting in RULES[rule])
    description = (f"Too many requests per {keys} within the window (settings {settings}); "
                   "Retry-After says when to try again.")

    def decorator(view):
        return blp.alt_response(429, schema=ErrorSchema, description=description,
                                headers=RETRY_AFTER)(rate_limited(rule)(view))
    return decorator
