"""Errors the services raise; the API turns each into its HTTP status with the message."""
from sqlalchemy.exc import InterfaceError, OperationalError

# The database went away (a connection killed or refused, a server restarting): a failure of
# the infrastructure, answered 503 with Retry-After, never a 500; the worker retries.
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)


def N_(text: str) -> str:
    """Marks a message for the translation catalogues (pybabel extract -k N_); the faces
    translate it when they show it (panel.i18n.refusal_text)."""
    return text


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


class PhotoRefused(Invalid):
    """A page not worth reading (blurred, cut off, too small or dark): the panelist should
    take it again. ``reason`` is a stable code, ``hint`` what to do."""

    def __init__(self, message: str, reason: str, hint: str, page: int):
        super().__init__(f"{message} {hint}", {"image": [f"Page {page}: {message}"]})
        self.problem, self.reason, self.hint, self.page = message, reason, hint, page


class Conflict(PanelError):
    status = 409


class TooLarge(PanelError):
    status = 413


class UnsupportedMedia(PanelError):
    status = 415


class Unavailable(PanelError):
    """Something the panel needs cannot be reached just now; Retry-After says when to try
    again."""
    status = 503
    retry_after = 30


def storage_unavailable() -> Unavailable:
    """What a request is answered when the receipt storage fails (panel.storage)."""
    return Unavailable("The receipt storage cannot be reached just now, so nothing was "
                       "changed. Please try again in a minute.")


def database_unavailable() -> Unavailable:
    """What a request is answered when its database connection fails."""
    error = Unavailable("The panel's database cannot be reached just now. Please try again "
                        "in a few seconds.")
    error.retry_after = 5
    return error
