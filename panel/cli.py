"""Operator commands: ``flask --app app <group> <command>``."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from flask import Flask

from panel.services import auth

invites = AppGroup("invites", help="Invitations to join the panel.")


@invites.command("create")
@click.option("--email", required=True, help="The invited person's email address.")
def create_invite(email: str) -> None:
    """Issue one invite; its code is printed as the last line."""
    code = auth.create_invite(email)
    click.echo("Invite created. Code:")
    click.echo(code)


def init_app(app: Flask) -> None:
    app.cli.add_command(invites)
