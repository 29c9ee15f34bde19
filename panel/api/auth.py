"""Joining and logging in: register with an invite, token, refresh, logout (here or
everywhere), and a new password by mail."""
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from panel.api.limits import limited
from panel.api.openapi import refuses
from panel.api.security import BEARER, bearer_token, current_panelist
from panel.schemas import (
    AcceptedSchema,
    LoginSchema,
    PasswordResetRequestSchema,
    PasswordResetSchema,
    RefreshSchema,
    RegisterSchema,
    TokenPairSchema,
)
from panel.services import auth, credentials

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


@blp.route("/logout-everywhere")
class LogoutEverywhere(MethodView):
    @blp.response(204)
    @blp.doc(security=BEARER)
    def post(self):
        """End every login of yours: in every app and every browser, this one included."""
        credentials.log_out_everywhere(current_panelist())


@blp.route("/password-reset")
class PasswordResetRequest(MethodView):
    @limited(blp, "password_reset")
    @blp.arguments(PasswordResetRequestSchema)
    @blp.response(202, AcceptedSchema)
    def post(self, body):
        """Ask for a mail with a link and a code to choose a new password. The answer is the
        same whether or not the address has an account."""
        credentials.request_reset(body["email"])
        return {"status": "sent"}


@blp.route("/password-reset/confirm")
class PasswordReset(MethodView):
    @limited(blp, "password_reset")
    @blp.arguments(PasswordResetSchema)
    @blp.response(200, TokenPairSchema)
    def post(self, body):
        """Choose a new password with the code from the mail (it works once, for an hour):
        every login of yours ends, and this answer starts a new one. A code that is not
        valid (expired, used, or never sent) is a 422."""
        return credentials.reset(body["token"], body["password"])
