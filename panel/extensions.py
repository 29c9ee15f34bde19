"""Extension objects shared by the app, and accessors for per-app services."""
from __future__ import annotations

from flask import current_app
from flask_migrate import Migrate
from flask_smorest import Api
from flask_smorest.pagination import PaginationMetadataSchema

from panel.storage import Storage


class PanelApi(Api):
    """flask-smorest's Api, with a message in words on every error."""

    def handle_http_exception(self, error):
        payload, code, headers = super().handle_http_exception(error)
        if not headers:  # werkzeug's own, e.g. Allow on a 405 (RFC 9110), without its HTML type
            headers = {name: value for name, value in error.get_headers()
                       if name.lower() != "content-type"}
        if "message" not in payload:
            fields = _field_names(payload.get("errors", {}))
            payload["message"] = (f"Please check these fields: {', '.join(fields)}."
                                  if fields else error.description)
        return payload, code, headers

    def _register_pagination_header(self):
        """X-Pagination is JSON: documented as content, not as a simple-style header."""
        self.spec.components.header("PAGINATION", {
            "description": "Pagination metadata, as JSON", "content": {
                "application/json": {"schema": PaginationMetadataSchema}}}, lazy=True)


def _field_names(errors: dict, prefix: str = "") -> list[str]:
    """The dotted names of the invalid fields, without webargs' location level."""
    names = []
    for key, value in errors.items():
        key = str(key)
        name = key if prefix or key not in ("json", "query", "files", "form", "headers") else ""
        dotted = ".".join(filter(None, [prefix, name]))
        if isinstance(value, dict):
            names += _field_names(value, dotted)
        elif dotted:
            names.append(dotted)
    return names


api = PanelApi()
migrate = Migrate()


def storage_for() -> Storage:
    """The storage backend (local directory or S3) of the current app."""
    return current_app.extensions["panel.storage"]
