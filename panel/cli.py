"""Operator commands: ``flask --app app <group> <command>``."""
from __future__ import annotations

import csv
import functools
import json
import re
import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from panel.services import backup, erasures, insights, invitations, rewards, surveys
from panel.services.audit import COMMAND_LINE
from panel.services.errors import PanelError
from redaction.policy import Policy

invites = AppGroup("invites", help="Invitations to join the panel.")
rewards_group = AppGroup("rewards", help="Monthly rewards.")
surveys_group = AppGroup("surveys", help="Short paid surveys.")
insights_group = AppGroup("insights", help="Aggregates for the panel's customers.")
redaction_group = AppGroup("redaction", help="What redaction removes.")
backup_group = AppGroup("backup", help="Backups that keep erasures erased (docs/operations.md).")


def refusals_as_errors(command):
    """A service's refusal ends the command with its message and exit code 1."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except PanelError as refusal:
            raise click.ClickException(refusal.message) from None
    return wrapper


@invites.command("create")
@refusals_as_errors
@click.option("--email", required=True, help="The invited person's email address.")
@click.option("--language", help="The language the join page of the link speaks "
                                 "(e.g. de); default English.")
def create_invite(email: str, language: str | None) -> None:
    """Issue one invite to hand over (audited, not mailed); its code is printed as the last
    line. Refused (exit code 1) for an address that is already registered."""
    code = invitations.hand_over(email, COMMAND_LINE, language)
    click.echo(f"Invite created. Join at {invitations.register_link(code)}")
    click.echo("Code:")
    click.echo(code)


@rewards_group.command("close-period")
@click.argument("period")
def close_period(period: str) -> None:
    """Write the rewards of month PERIOD (YYYY-MM). Safe to run twice."""
    written = rewards.close_period(_month(period))
    click.echo(f"Closed {period}: {written} new reward(s) written.")


@surveys_group.command("create")
@click.option("--file", "path", required=True, type=click.File(),
              help='JSON: {"title", "reward": "1.00", "audience", "questions": '
                   '[{"text", "kind", "choices"}]}')
def create_survey(path) -> None:
    """Create a survey from a JSON file; prints its id."""
    spec = json.load(path)
    survey = surveys.create(spec["title"], spec["reward"],
                            spec.get("audience", "surveys_consent"), spec["questions"])
    click.echo(survey.id)


@insights_group.command("merchants")
@click.argument("period")
def merchant_insights(period: str) -> None:
    """Receipts, panelists and spend per merchant in PERIOD (YYYY-MM), as CSV."""
    out = csv.writer(sys.stdout)
    out.writerow(["merchant", "receipts", "panelists", "total"])
    for row in insights.merchants(_month(period)):
        out.writerow(row.values())


@insights_group.command("categories")
@click.argument("period")
def category_insights(period: str) -> None:
    """Receipts, panelists and spend per product category (COICOP 2018) in PERIOD
    (YYYY-MM), as CSV."""
    out = csv.writer(sys.stdout)
    out.writerow(["category", "name", "receipts", "panelists", "total"])
    for row in insights.categories(_month(period)):
        out.writerow(row.values())


@redaction_group.command("policy")
def redaction_policy() -> None:
    """The redaction policy in force (REDACTION_POLICY over the defaults), as CSV: each
    category, sensitive-meaning signal and sensitive COICOP 2018 class with its action."""
    policy = Policy.from_text(current_app.config["REDACTION_POLICY"])
    out = csv.writer(sys.stdout)
    out.writerow(["category", "action"])
    for row in policy.table():
        out.writerow(row)


@backup_group.command("create")
@refusals_as_errors
@click.argument("archive", type=click.Path(dir_okay=False))
def create_backup(archive: str) -> None:
    """Write ARCHIVE (.tar.gz): the SQLite database and the stored images, never the key
    store (embedded setup)."""
    manifest = backup.create(archive)
    click.echo(f"Backup written to {archive} ({manifest['created_at']}, revision "
               f"{manifest['revision']}). The key store is not in it: keep it apart "
               "(flask backup keys).")


@backup_group.command("restore")
@refusals_as_errors
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the current data.")
@click.option("--no-replay", is_flag=True, help="Leave erased panelists' unreadable rows "
              "(for inspection); run 'flask backup replay-erasures' afterwards.")
def restore_backup(archive: str, yes: bool, no_replay: bool) -> None:
    """Replace the database and stored images with ARCHIVE's (stop the service first),
    migrate to head and replay every erasure logged in the key store since."""
    if not yes:
        click.confirm("This replaces the current database and images. Go on?", abort=True)
    restored = backup.restore(archive, replay=not no_replay)
    click.echo(f"Restored the backup of {restored.created_at}.")
    if restored.replayed is not None:
        click.echo(f"Erasures replayed: {restored.replayed.panelists} panelist(s), "
                   f"{restored.replayed.receipts} receipt(s).")


@backup_group.command("replay-erasures")
def replay_erasures() -> None:
    """Erase again what the key store's erasure log names and the data still holds (after
    restoring a data backup by other means, e.g. pg_dump)."""
    done = erasures.replay()
    click.echo(f"Erasures replayed: {done.panelists} panelist(s), {done.receipts} receipt(s).")


@backup_group.command("keys")
@refusals_as_errors
@click.argument("target", type=click.Path(dir_okay=False))
def copy_keys(target: str) -> None:
    """Copy the key store (SQLite) to TARGET, to keep apart from the data backups."""
    backup.copy_key_store(target)
    click.echo(f"Key store copied to {target}.")


def _month(period: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period):
        raise click.BadParameter("give the month as YYYY-MM", param_hint="PERIOD")
    return period


mail_group = AppGroup("mail-intake", help="Receipts forwarded by e-mail (SMTP intake).")


@mail_group.command("run")
@click.option("--port", type=int, default=None, help="Instead of MAIL_INTAKE_PORT.")
def mail_intake_run(port: int | None) -> None:
    """Receive forwarded receipt mails over SMTP until stopped (Ctrl-C). Needs
    MAIL_INTAKE_DOMAIN; listens on MAIL_INTAKE_HOST:MAIL_INTAKE_PORT."""
    import threading

    from panel import mail_intake as intake
    app = current_app._get_current_object()
    try:
        server = intake.controller(app, port=port)
    except RuntimeError as off:
        raise click.ClickException(str(off)) from None
    server.start()
    click.echo(f"Mail intake listening on {server.hostname}:{server.port} for "
               f"r-TOKEN@{app.config['MAIL_INTAKE_DOMAIN']}")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


@mail_group.command("send-test")
@click.option("--to", "address", required=True, help="A forwarding address (r-TOKEN@...).")
@click.option("--sender", default="demo@example.org", help="The forwarding panelist's address.")
@click.option("--port", type=int, default=None, help="Instead of MAIL_INTAKE_PORT.")
def mail_intake_send_test(address: str, sender: str, port: int | None) -> None:
    """Send a sample forwarded receipt mail (a café's HTML receipt of today) to the intake
    on MAIL_INTAKE_HOST and prints the server's answer."""
    import smtplib

    from panel import mail_intake as intake
    config = current_app.config
    with smtplib.SMTP(config["MAIL_INTAKE_HOST"], port or config["MAIL_INTAKE_PORT"],
                      timeout=60) as smtp:
        try:
            smtp.sendmail(sender, [address], intake.sample_mail(sender, address))
        except smtplib.SMTPException as refused:
            raise click.ClickException(f"Refused: {refused}") from None
    click.echo(f"Sent to {address}; the receipt shows on the dashboard's Receipts page.")


def init_app(app: Flask) -> None:
    for group in (invites, rewards_group, surveys_group, insights_group, redaction_group,
                  backup_group):
        app.cli.add_command(group)
    app.cli.add_command(mail_group)
