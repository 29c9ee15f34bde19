"""Refusals inside the admin tool as HTML pages, with the same status codes."""
from flask import render_template
from werkzeug.exceptions import HTTPException

from panel.admin.blueprint import blp
from panel.services.errors import PanelError


@blp.errorhandler(PanelError)
def panel_error(error: PanelError):
    retry = getattr(error, "retry_after", None)  # a rate limit says when to try again
    return render_template("admin/error.html", status=error.status, message=error.message
                           ), error.status, {"Retry-After": str(retry)} if retry else {}


@blp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return render_template("admin/error.html", status=error.code,
                           message=error.description), error.code
