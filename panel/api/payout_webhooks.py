"""The payout provider's signed webhooks (docs/payouts.md). No token: the HMAC signature
over the raw body is the authentication, checked before anything in the body is read."""
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from panel.api.openapi import refuses
from panel.services import payout_delivery

blp = Blueprint("payout_webhooks", __name__, url_prefix="/api/v1/payouts",
                description="Payout provider webhooks")


@blp.route("/webhook")
class Webhook(MethodView):
    @refuses(blp, 401, "The signature does not match.")
    @refuses(blp, 404, "No such payout.")
    @refuses(blp, 422, "Not an event this panel reads.")
    @blp.response(204)
    def post(self):
        """A payout's state from the provider (payout.delivered, payout.failed,
        payout.reversed); a repeated event is answered the same and changes nothing."""
        payout_delivery.receive_webhook(request.get_data(cache=False),
                                        request.headers.get("Payout-Signature"))
