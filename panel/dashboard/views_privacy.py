"""Privacy: consents, staff access log, export, leave, erase. (Being built.)"""
from flask import render_template

from panel.dashboard.blueprint import blp


@blp.get("/privacy")
def privacy():
    return render_template("dashboard/error.html", status=200, message="Coming soon.")
