"""The change feed: what changed since a cursor, and the same as server-sent events."""
from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from panel import web
from panel.api.security import BEARER, current_panelist
from panel.services import changes

blp = Blueprint("changes", __name__, url_prefix="/api/v1/changes",
                description="What changed, for apps that keep in sync")


class ChangesQuerySchema(Schema):
    since = fields.String(validate=validate.Regexp(f"^{changes.CURSOR_PATTERN}$"),
                          metadata={"description": "The cursor of the last answer; leave "
                                                   "out the first time."})
    limit = fields.Integer(load_default=100, validate=validate.Range(1, 500))


class ChangeSchema(Schema):
    kind = fields.String(metadata={"enum": ["receipt", "reward", "payout"]})
    id = fields.String(allow_none=True)  # null for a deleted receipt (its id is not kept)
    changed_at = fields.DateTime()
    state = fields.String(allow_none=True, metadata={
        "description": "The receipt's status, the reward's ledger kind, the payout's status"})
    deleted = fields.Boolean()


class ChangesSchema(Schema):
    changes = fields.List(fields.Nested(ChangeSchema))
    cursor = fields.String(metadata={"description": "Ask with since=this next time."})
    more = fields.Boolean(metadata={"description": "More changes wait: ask again at once."})


@blp.route("")
class Changes(MethodView):
    @blp.arguments(ChangesQuerySchema, location="query")
    @blp.response(200, ChangesSchema)
    @blp.doc(security=BEARER)
    def get(self, args):
        """Receipts whose state changed, rewards and payouts since the cursor, oldest first."""
        found, cursor, more = changes.since(current_panelist(), args.get("since"),
                                            args["limit"])
        return {"changes": found, "cursor": cursor, "more": more}


class StreamQuerySchema(Schema):
    since = fields.String(validate=validate.Regexp(f"^{changes.CURSOR_PATTERN}$"),
                          metadata={"description": "The cursor of your last GET /changes "
                                                   "answer: if the feed moved since, the "
                                                   "first event is `changes`, not `ready`."})


@blp.route("/stream")
class ChangeStream(MethodView):
    @blp.arguments(StreamQuerySchema, location="query")
    @blp.doc(security=BEARER, responses={"200": {
        "description": "text/event-stream: `ready` then `changes` events, each with the "
                       "feed's current cursor as data; ask GET /changes?since=... then. "
                       "The first event is `changes` if the feed moved since `since` (or "
                       "since the Last-Event-ID a reconnecting EventSource sends)."}})
    def get(self, args):
        """Server-sent events telling you when something changed."""
        return web.change_events(current_panelist().id, args.get("since"))


def conditional(response: Response) -> Response:
    """ETag on every whole GET answer; If-None-Match with it is a 304 without a body."""
    if request.method == "GET" and response.status_code == 200 and not response.is_streamed:
        response.add_etag()
        response.make_conditional(request)
    return response
