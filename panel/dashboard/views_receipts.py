"""Receipts: upload, list, detail, image, withdraw, delete. (Being built.)"""
from flask import render_template

from panel.dashboard.blueprint import blp


@blp.get("/receipts")
def receipts():
    return render_template("dashboard/error.html", status=200, message="Coming soon.")
