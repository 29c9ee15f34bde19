"""Refusals inside the admin tool as HTML pages, with the same status codes."""
from flask import render_template
from werkzeug.exceptions import HTTPException

from panel.admin.blueprint import blp
from panel.services.errors import PanelError


@blp.errorhandler(PanelError)
def panel_error(error: PanelError):
    return render_template("admin/error.html", status=error.status,
                           message=error.message), error.status


@blp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return render_template("admin/error.html", status=error.code,
                           message=error.description), error.code
