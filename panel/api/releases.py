"""The recipients' API: a recipient, with its own revocable key, lists and fetches the
releases approved for it, and nothing else. Each fetch is recorded as a delivery."""
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint, Page

from panel.api.limits import MAX_PAGE_SIZE
from panel.api.security import RECIPIENT_KEY, bearer_token
from panel.schemas import ReleaseDocumentSchema, ReleaseSummarySchema
from panel.services import recipients, releases

blp = Blueprint("releases", __name__, url_prefix="/api/v1/releases",
                description="Releases, for recipients (a recipient key, not a panelist's token)")


@blp.before_request
def require_recipient_key():
    """No live recipient key, no answer but 401 (a panelist's token is not one)."""
    g.recipient, g.recipient_key = recipients.by_key(bearer_token())


@blp.route("")
class Releases(MethodView):
    @blp.response(200, ReleaseSummarySchema(many=True))
    @blp.paginate(Page, page_size=MAX_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    @blp.doc(security=RECIPIENT_KEY)
    def get(self):
        """The releases approved for your organisation, newest first."""
        return releases.of_recipient(g.recipient)


@blp.route("/<release_id>")
class ReleaseById(MethodView):
    @blp.response(200, ReleaseDocumentSchema)
    @blp.doc(security=RECIPIENT_KEY)
    def get(self, release_id):
        """One release: its figures and the privacy parameters that protect them."""
        release = releases.find_for(g.recipient, release_id)
        return releases.deliver(release, "api", key_id=g.recipient_key.id)
