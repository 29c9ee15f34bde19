"""Joining and logging in: register with an invite, token, refresh, logout."""
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from panel.schemas import LoginSchema, RefreshSchema, RegisterSchema, TokenPairSchema
from panel.api.limits import limited
from panel.api.openapi import refuses
from panel.api.security import BEARER, bearer_token, current_panelist
from panel.services import auth

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Joining and login")


@blp.route("/register")
class Register(MethodView):
    @limited(blp, "register")
    @refuses(blp, 409, "An account with this email address already exists.")
    @blp.arguments(RegisterSchema)
    @blp.response(201, TokenPairSchema)
    def post(self, body):
        """Join the panel with an invite code and your consents."""
        return auth.register(body["invite_code"], body["email"], body["password"],
                             body["display_name"], body["consents"])


@blp.route("/token")
class Token(MethodView):
    @limited(blp, "login")
    @refuses(blp, 401, "The email address or password is not right.")
    @blp.arguments(LoginSchema)
    @blp.response(200, TokenPairSchema)
    def post(self, body):
        """Log in with email and password."""
        return auth.login(body["email"], body["password"], request.remote_addr or "unknown")


@blp.route("/refresh")
class Refresh(MethodView):
    @limited(blp, "refresh")
    @refuses(blp, 401, "The refresh token is not valid (used, expired or logged out).")
    @blp.arguments(RefreshSchema)
    @blp.response(200, TokenPairSchema)
    def post(self, body):
        """Swap a refresh token for a new token pair."""
        return auth.refresh(body["refresh_token"])


@blp.route("/logout")
class Logout(MethodView):
    @blp.response(204)
    @blp.doc(security=BEARER)
    def post(self):
        """End this login: the access token and its refresh token stop working."""
        current_panelist()
        auth.logout(bearer_token())
