"""The panelist web dashboard at /: everything the mobile API does, for a person."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the dashboard's blueprint and its template helpers."""
    from panel.dashboard import (  # noqa: F401  # noqa: F401
        access,
        errors,
        views_account,  # noqa: F401
        views_app,
        views_events,
        views_join,
        views_language,
        views_privacy,
        views_receipts,
        views_rewards,
        views_surveys,
    )
    from panel.dashboard.blueprint import blp
    from panel.dashboard.format import FILTERS, TESTS
    from panel.models import ReceiptStatus

    app.register_blueprint(blp)
    app.jinja_env.globals.setdefault("csrf_token", access.csrf_token)
    app.jinja_env.globals.setdefault("ReceiptStatus", ReceiptStatus)
    app.jinja_env.tests.update(TESTS)
    for name, function in FILTERS.items():
        app.jinja_env.filters.setdefault(name, function)
