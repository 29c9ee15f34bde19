"""Refusals inside the dashboard as friendly pages, with the same status codes."""
from flask import render_template
from werkzeug.exceptions import HTTPException

from panel import i18n
from panel.dashboard.blueprint import blp
from panel.services.errors import (
    DATABASE_UNREACHABLE,
    PanelError,
    database_unavailable,
    storage_unavailable,
)
from panel.storage import StorageUnavailable


@blp.errorhandler(PanelError)
def panel_error(error: PanelError):
    retry = getattr(error, "retry_after", None)  # a rate limit says when to try again
    return render_template("dashboard/error.html", status=error.status,
                           message=i18n.refusal_text(error)), error.status, {"Retry-After": str(retry)} if retry else {}


@blp.errorhandler(StorageUnavailable)
def storage_error(_error: StorageUnavailable):
    return panel_error(storage_unavailable())


def database_error(_error: Exception):
    return panel_error(database_unavailable())


for _database_error in DATABASE_UNREACHABLE:
    blp.errorhandler(_database_error)(database_error)


@blp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return render_template("dashboard/error.html", status=error.code,
                           message=error.description), error.code
