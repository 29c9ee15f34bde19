"""Errors the services raise; the API turns each into its HTTP status with the message."""


class PanelError(Exception):
    status = 400

    def __init__(self, message: str, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors


class Invalid(PanelError):
    status = 422


class Unauthorized(PanelError):
    status = 401


class Forbidden(PanelError):
    status = 403


class NotFound(PanelError):
    status = 404


class Conflict(PanelError):
    status = 409


class TooLarge(PanelError):
    status = 413


class UnsupportedMedia(PanelError):
    status = 415
