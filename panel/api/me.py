"""The panelist's own profile."""
from flask.views import MethodView
from flask_smorest import Blueprint

from panel.api.schemas import PanelistSchema
from panel.api.security import BEARER, current_panelist
from panel.services import personal

blp = Blueprint("me", __name__, url_prefix="/api/v1/me", description="The panelist")


@blp.route("")
class Me(MethodView):
    @blp.response(200, PanelistSchema)
    @blp.doc(security=BEARER)
    def get(self):
        """Your profile and current consents."""
        return personal.profile(current_panelist())
