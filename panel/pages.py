"""Web pages. For now the landing page; the dashboard and the admin tool grow here."""
from flask import Blueprint, Flask, render_template

blp = Blueprint("pages", __name__)


@blp.get("/")
def landing():
    return render_template("landing.html")


def init_app(app: Flask) -> None:
    app.register_blueprint(blp)
