"""The invitation, waitlist and staff tool at /admin (web and command line)."""
from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the admin tool's blueprint and commands (its settings are in panel.config)."""
    from panel.admin import (  # noqa: F401  # noqa: F401  # noqa: F401
        access,
        commands,
        commands_payouts,
        commands_recipients,
        commands_staff,
        errors,
        views_invites,
        views_login,
        views_overview,
        views_recipients,
        views_releases,
        views_review,
        views_rewards,
        views_staff,
    )
    from panel.admin.blueprint import blp

    app.register_blueprint(blp)
    app.jinja_env.globals.setdefault("admin_csrf_token", access.csrf_token)
    for group in (commands.waitlist_group, commands.mail_group, commands_staff.staff_group,
                  commands_staff.review_group, commands_staff.audit_group,
                  commands_recipients.recipients_group, commands_recipients.releases_group,
                  commands_payouts.payouts_group):
        app.cli.add_command(group)
