"""Rewards and surveys. (Being built.)"""
from flask import render_template

from panel.dashboard.blueprint import blp


@blp.get("/rewards")
def rewards():
    return render_template("dashboard/error.html", status=200, message="Coming soon.")


@blp.get("/surveys")
def surveys():
    return render_template("dashboard/error.html", status=200, message="Coming soon.")
