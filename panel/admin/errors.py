"""Refusals inside the admin tool as HTML pages, with the same status codes."""
from flask import render_template
from werkzeug.exceptions import HTTPException

from panel.admin.blueprint import blp
from panel.services.errors import (
    DATABASE_UNREACHABLE,
    PanelError,
    database_unavailable,
    storage_unavailable,
)
from panel.storage import StorageUnavailable


@blp.errorhandler(PanelError)
def panel_error(error: PanelError):
    retry = getattr(error, "retry_after", None)
    return render_template("admin/error.html", status=error.status, message=error.message
                           ), error.status, {"Retry-After": str(retry)} if retry else {}


@blp.errorhandler(StorageUnavailable)
def storage_error(_error: StorageUnavailable):
    return panel_error(storage_unavailable())


def database_error(_error: Exception):
    return panel_error(database_unavailable())


for _database_error in DATABASE_UNREACHABLE:
    blp.errorhandler(_database_error)(database_error)


@blp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return render_template("admin/error.html", status=error.code,
                           message=error.description), error.code
