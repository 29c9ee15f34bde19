"""The panelist dashboard's blueprint; the view modules add their routes to it."""
from flask import Blueprint

blp = Blueprint("dashboard", __name__, template_folder="templates",
                static_folder="static", static_url_path="/assets")
