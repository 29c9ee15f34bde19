"""Operator commands for the register of recipients and for releases:
``flask --app app recipients add ...``, ``flask --app app releases approve ...``. Every
change is audited as the command-line operator."""
from __future__ import annotations

import json

import click
from flask.cli import AppGroup

from panel.cli import refusals_as_errors
from panel.services import processing_records, recipients, release_figures, releases
from panel.services.audit import COMMAND_LINE

recipients_group = AppGroup("recipients", help="The register of recipients.")
releases_group = AppGroup("releases", help="Releases of figures to recipients.")


def recipient_options(required: bool):
    """One option per register field; all required when adding."""
    def wrap(command):
        for name in reversed(recipients.FIELDS):
            optional = name in ("transfer_mechanism", "security_measures")
            command = click.option(f"--{name.replace('_', '-')}", name,
                                   required=required and not optional,
                                   help=name.replace("_", " ").capitalize() + ".")(command)
        return command
    return wrap


@recipients_group.command("add")
@refusals_as_errors
@click.option("--code", required=True, help="Short stable code, e.g. acme-cn.")
@recipient_options(required=True)
def add(code, **values):
    """Add a recipient to the register; prints its id."""
    given = {name: value for name, value in values.items() if value is not None}
    click.echo(recipients.create(COMMAND_LINE, code, given).id)


@recipients_group.command("change")
@refusals_as_errors
@click.argument("code")
@recipient_options(required=False)
def change(code, **values):
    """Change the fields given of recipient CODE."""
    given = {name: value for name, value in values.items() if value is not None}
    changed = recipients.change(COMMAND_LINE, recipients.find_code(code), given)
    click.echo(f"Saved {changed.code}, version {changed.version}.")


@recipients_group.command("list")
def list_recipients():
    """Every recipient: code, country, role, version, state, name."""
    for r in recipients.listing():
        state = "retired" if r.retired_at else "active"
        click.echo(f"{r.code:24} {r.country} {r.role:9} v{r.version} {state:7} {r.name}")


@recipients_group.command("retire")
@refusals_as_errors
@click.argument("code")
def retire(code):
    """No more releases to recipient CODE; its keys stop working."""
    recipients.retire(COMMAND_LINE, recipients.find_code(code))
    click.echo("Retired.")


@recipients_group.command("issue-key")
@refusals_as_errors
@click.argument("code")
def issue_key(code):
    """A new API key for recipient CODE, printed once as the last line."""
    key = recipients.issue_key(COMMAND_LINE, recipients.find_code(code))
    click.echo("Key (shown once):")
    click.echo(key)


@recipients_group.command("revoke-keys")
@refusals_as_errors
@click.argument("code")
def revoke_keys(code):
    """Every API key of recipient CODE stops working now."""
    count = recipients.revoke_keys(COMMAND_LINE, recipients.find_code(code))
    click.echo(f"Revoked {count} key(s).")


@recipients_group.command("records")
@click.option("--format", "kind", type=click.Choice(["csv", "json"]), default="csv")
def records(kind):
    """The records of processing activities (GDPR Art. 30), as CSV or JSON."""
    document = processing_records.records(COMMAND_LINE)
    click.echo(processing_records.as_csv(document) if kind == "csv"
               else json.dumps(document, indent=2, ensure_ascii=False), nl=kind == "json")


@releases_group.command("define")
@refusals_as_errors
@click.argument("period")
@click.option("--per", "group_by", type=click.Choice(release_figures.GROUPINGS), required=True)
@click.option("--measure", "measures", type=click.Choice(release_figures.MEASURES),
              multiple=True, required=True, help="Repeat for several.")
@click.option("--epsilon", type=float, required=True)
@click.option("--note", default="")
def define(period, group_by, measures, epsilon, note):
    """Propose a release of month PERIOD (YYYY-MM); prints its id."""
    click.echo(releases.define(COMMAND_LINE, period, group_by, list(measures), epsilon,
                               note).id)


@releases_group.command("approve")
@refusals_as_errors
@click.argument("release_id")
@click.option("--recipient", "code", required=True, help="The recipient's code.")
def approve(release_id, code):
    """Approve release RELEASE_ID for a recipient: computed, stored, budget charged."""
    release = releases.approve(COMMAND_LINE, releases.find(release_id),
                               recipients.find_code(code))
    click.echo(f"Released {release.id}: {len(release.figures)} group(s), epsilon "
               f"{release.parameters['epsilon']:.3f}; "
               f"{releases.budget_left(release.period):.3f} left for {release.period}.")


@releases_group.command("refuse")
@refusals_as_errors
@click.argument("release_id")
def refuse(release_id):
    """Refuse a proposed release."""
    releases.refuse(COMMAND_LINE, releases.find(release_id))
    click.echo("Refused.")


@releases_group.command("list")
def list_releases():
    """Every release: id, period, status, recipient, epsilon, figures."""
    for r in releases.listing():
        click.echo(f"{r.id}  {r.period}  {r.status:8} {r.recipient.code if r.recipient else '-':24}"
                   f" {r.epsilon:.3f}  {','.join(r.measures)} per {r.group_by}")


@releases_group.command("export")
@refusals_as_errors
@click.argument("release_id")
def export(release_id):
    """Deliver an approved release as JSON (recorded as a delivery by the operator)."""
    click.echo(json.dumps(releases.deliver(releases.find(release_id), "command_line",
                                           staff=COMMAND_LINE), indent=2, ensure_ascii=False))
