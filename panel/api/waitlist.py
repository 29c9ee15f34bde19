"""The waitlist: join (public, rate-limited), and one's position with the status code."""
import marshmallow as ma
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from panel.api.limits import limited
from panel.api.openapi import refuses
from panel.schemas import WaitlistJoinSchema as JoinSchema
from panel.services import waitlist

blp = Blueprint("waitlist", __name__, url_prefix="/api/v1/waitlist",
                description="Joining the waitlist")


class JoinedSchema(ma.Schema):
    status = ma.fields.String(dump_only=True)


class StatusQuerySchema(ma.Schema):
    code = ma.fields.String(required=True, validate=ma.validate.Length(1, 100),
                            metadata={"description": "The status code from the waitlist mail."})


class StatusSchema(ma.Schema):
    status = ma.fields.String(dump_only=True, metadata={"description": "waitlisted | invited"})
    position = ma.fields.Integer(dump_only=True, allow_none=True)
    waiting = ma.fields.Integer(dump_only=True)
    joined_at = ma.fields.DateTime(dump_only=True)
    rule = ma.fields.String(dump_only=True)


@blp.route("")
class Join(MethodView):
    @limited(blp, "waitlist")
    @blp.arguments(JoinSchema)
    @blp.response(202, JoinedSchema)
    def post(self, body):
        """Join the waitlist. The answer is the same whether or not the email was listed;
        a mail brings a status code that shows your place."""
        waitlist.join(body["email"], body["country"], body["postal_code"],
                      request.remote_addr or "unknown", body["language"])
        return {"status": "waitlisted"}


@blp.route("/status")
class Status(MethodView):
    @refuses(blp, 404, "This status code is not known.")
    @blp.arguments(StatusQuerySchema)
    @blp.response(200, StatusSchema)
    def post(self, body):
        """Your place on the waitlist and the rule the panel invites by."""
        return waitlist.status(body["code"])
