"""Operator commands for payouts: ``flask --app app payouts import-codes FILE`` and friends.
Actions are audited as the command-line operator; codes are never printed."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from panel.cli import refusals_as_errors
from panel.services import gift_cards, payout_delivery
from panel.services.audit import COMMAND_LINE

payouts_group = AppGroup("payouts", help="Payouts and the gift-card inventory.")


@payouts_group.command("import-codes")
@refusals_as_errors
@click.argument("path", type=click.File("rb"))
def import_codes(path):
    """Import gift-card codes from a CSV file (header: brand, value, currency, code, and
    optionally pin and expiry as YYYY-MM-DD). A file with a wrong line imports nothing."""
    done = gift_cards.import_csv(COMMAND_LINE, path.read())
    click.echo(f"Imported {done.imported} codes; {done.duplicates} were already known.")


@payouts_group.command("stock")
def stock():
    """Free, handed-out and expired codes per brand and value."""
    for row in gift_cards.stock():
        click.echo(f"{row.brand:20} {row.value:>8} {row.currency}  free {row.free:5}  "
                   f"handed out {row.handed_out:5}  expired {row.expired:5}"
                   f"{'  LOW' if row.low else ''}")


@payouts_group.command("warn-low")
def warn_low():
    """Mail staff about gift-card values running low (at most once a day per value)."""
    mailed = gift_cards.warn_low_inventory()
    click.echo(f"Mailed staff (admin and payouts roles) about {mailed} low stock(s)." if mailed
               else "Nothing mailed: no low stock new today, or no admin or payouts staff.")


@payouts_group.command("send")
@click.option("--recheck", is_flag=True,
              help="Also ask again about payouts the provider accepted but never reported.")
def send(recheck):
    """Ask the payout provider for every requested gift card (PAYOUT_METHOD=provider)."""
    click.echo(f"{payout_delivery.send_due(recheck=recheck)} payout(s) decided by the "
               "provider.")
