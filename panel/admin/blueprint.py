"""The admin tool's blueprint; the view modules add their routes to it."""
from flask import Blueprint

blp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates",
                static_folder="static", static_url_path="/static")
