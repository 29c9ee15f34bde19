"""Operator commands for the waitlist, invitations and the outbox:
``flask --app app invites from-waitlist --count N`` and friends. Actions are audited as the
command-line operator."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from panel.cli import invites, refusals_as_errors
from panel.services import audit, invitations, mail, waitlist
from panel.services.audit import COMMAND_LINE

waitlist_group = AppGroup("waitlist", help="The waitlist.")
mail_group = AppGroup("mail", help="Mail kept in the outbox (when no SMTP server is set).")


def filter_options(command):
    for option in (
            click.option("--postal-code", help="Only postal codes starting with this."),
            click.option("--country", help="Only this country (two letters)."),
            click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Joined on or before."),
            click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Joined on or after.")):
        command = option(command)
    return command


def _filter(since, until, country, postal_code, state="waiting") -> waitlist.Filter:
    return waitlist.Filter(since=since.date() if since else None,
                           until=until.date() if until else None,
                           country=country, postal_code=postal_code, state=state)


@invites.command("from-waitlist")
@refusals_as_errors
@click.option("--count", type=click.IntRange(min=1), help="Invite the first N waiting.")
@click.option("--days", type=click.IntRange(1, 365), help="Days the invites last.")
@click.option("--language", help="The mail's language (e.g. de) for those who joined "
                                 "without one; default English.")
@filter_options
def from_waitlist(count, days, language, since, until, country, postal_code):
    """Invite the first N waitlisted people (optionally only those matching a filter), each
    in the language they joined in."""
    if count is None and not any((since, until, country, postal_code)):
        raise click.UsageError("Give --count N, a filter, or both.")
    entries = invitations.waiting(_filter(since, until, country, postal_code), count)
    with click.progressbar(length=len(entries), label="Inviting") as bar:
        invited = invitations.invite_entries(entries, COMMAND_LINE, days, progress=bar.update,
                                             language=language)
    click.echo(f"Invited {invited} people from the waitlist.")


@invites.command("list")
@refusals_as_errors
def list_invites():
    """Every invite, newest first: id, state, expiry, email."""
    rows, _total = invitations.listing(limit=10_000)
    audit.note(COMMAND_LINE, "invites.viewed")
    for row in rows:
        click.echo(f"{row.invite.id}  {row.state:8} {row.invite.expires_at:%Y-%m-%d %H:%M}  "
                   f"{row.email}")


def _invite_option(command):
    command = click.option("--id", "invite_id", help="The invite's id.")(command)
    return click.option("--email", help="The newest invite of this email address.")(command)


def _find(invite_id, email):
    if not (invite_id or email):
        raise click.UsageError("Give --id or --email.")
    return invitations.find(invite_id, email)


@invites.command("revoke")
@refusals_as_errors
@_invite_option
def revoke(invite_id, email):
    """Make an invite's code stop working now."""
    invitations.revoke(_find(invite_id, email), COMMAND_LINE)
    click.echo("Revoked.")


@invites.command("resend")
@refusals_as_errors
@_invite_option
def resend(invite_id, email):
    """Replace an open invite's code with a new one and mail it again."""
    fresh = invitations.resend(_find(invite_id, email), COMMAND_LINE)
    click.echo(f"Sent again as invite {fresh.id}.")


@invites.command("set-expiry")
@refusals_as_errors
@_invite_option
@click.option("--days", type=int, required=True, help="Days from now.")
def set_expiry(invite_id, email, days):
    """Let an open invite run for DAYS more days from now."""
    invitations.set_expiry(_find(invite_id, email), days, COMMAND_LINE)
    click.echo("Expiry changed.")


@waitlist_group.command("list")
@refusals_as_errors
@click.option("--state", type=click.Choice(["waiting", "invited", "all"]), default="waiting")
@filter_options
def list_waitlist(state, since, until, country, postal_code):
    """Waitlisted people, first joined first: joined, country, postal code, email."""
    rows, total = waitlist.entries(_filter(since, until, country, postal_code, state), None)
    audit.note(COMMAND_LINE, "waitlist.viewed")
    for row in rows:
        e = row.entry
        click.echo(f"{e.created_at:%Y-%m-%d}  {e.country or '--'}  {e.postal_code or '-':12} "
                   f"{'invited' if e.invited_at else 'waiting'}  {row.email}")
    click.echo(f"{total} matching.")


@mail_group.command("outbox")
@refusals_as_errors
@click.option("--limit", type=int, default=20)
def outbox(limit):
    """The newest messages in the outbox, to deliver by hand."""
    messages, total = mail.outbox(limit)
    audit.note(COMMAND_LINE, "outbox.viewed")
    for message in messages:
        click.echo(f"--- {message.created_at:%Y-%m-%d %H:%M} to {message.recipient}: "
                   f"{message.subject}\n{message.body}")
    click.echo(f"{total} messages in the outbox.")
