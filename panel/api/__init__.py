"""The mobile REST API (flask-smorest) under /api/v1, its OpenAPI document and docs page."""
from __future__ import annotations

from http import HTTPStatus

import swagger_ui_bundle
from flask import Flask, current_app, jsonify, send_from_directory
from flask_babel import gettext

from panel import i18n
from panel.api import (
    auth,
    changes,
    me,
    payout_webhooks,
    receipts,
    releases,
    rewards,
    surveys,
    waitlist,
)
from panel.api.openapi import ErrorResponses
from panel.api.security import require_panelist
from panel.extensions import api
from panel.schemas import DecimalString
from panel.services.errors import (
    DATABASE_UNREACHABLE,
    PanelError,
    database_unavailable,
    storage_unavailable,
)
from panel.storage import StorageUnavailable

api.register_field(DecimalString, "string", "decimal")
# Every operation under these needs a token, checked before its arguments are read.
for _blueprint in (me.blp, receipts.blp, rewards.blp, surveys.blp, changes.blp):
    _blueprint.before_request(require_panelist)
# Apps keep in sync cheaply: an ETag on every GET, a 304 for If-None-Match (docs/api.md).
for _blueprint in (receipts.blp, rewards.blp, changes.blp):
    _blueprint.after_request(changes.conditional)


def _not_stored(response):
    """Tokens, exports and every other answer about a panelist: kept in no cache (a view may
    allow "private", as for receipt images)."""
    response.headers.setdefault("Cache-Control", "no-store")
    return response


for _blueprint in (auth.blp, me.blp, me.purposes_blp, receipts.blp, releases.blp, rewards.blp,
                   surveys.blp, waitlist.blp, payout_webhooks.blp, changes.blp):
    _blueprint.after_request(_not_stored)


def init_app(app: Flask) -> None:
    api.init_app(app, spec_kwargs={"extra_plugins": [ErrorResponses()], "components": {
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"},
                            "recipientKey": {"type": "http", "scheme": "bearer",
                                             "description": "A recipient's key (rk_...), "
                                                            "issued in the admin tool"}}}})
    for blueprint in (auth.blp, me.blp, me.purposes_blp, receipts.blp, rewards.blp,
                      surveys.blp, waitlist.blp, releases.blp, payout_webhooks.blp, changes.blp):
        api.register_blueprint(blueprint)
    app.register_error_handler(PanelError, _panel_error)
    app.register_error_handler(StorageUnavailable, lambda _error: _panel_error(
        storage_unavailable()))
    for error_class in DATABASE_UNREACHABLE:  # a killed connection: 503, never a 500
        app.register_error_handler(error_class, _database_error)
    app.add_url_rule("/api/docs/static/<path:filename>", "api_docs_static", _docs_static)


def _panel_error(error: PanelError):
    """A service's refusal, in flask-smorest's error shape."""
    body = {"code": error.status, "status": HTTPStatus(error.status).phrase,
            "message": i18n.refusal_text(error)}
    if error.errors:
        body["errors"] = error.errors
    if reason := getattr(error, "reason", None):  # a photo to take again
        body.update(reason=reason, hint=gettext(error.hint), page=error.page)
    response = jsonify(body)
    response.status_code = error.status
    if error.status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    if getattr(error, "retry_after", None):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def _database_error(error: Exception):
    current_app.logger.warning("database failed during a request: %s", type(error).__name__)
    return _panel_error(database_unavailable())


def _docs_static(filename: str):
    """Swagger UI's files, served from the PyPI package so the docs work offline."""
    return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename)
