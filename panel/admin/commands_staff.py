"""Operator commands for staff accounts, the review queue and the audit log."""
from __future__ import annotations

import sys
from decimal import Decimal

import click
from flask.cli import AppGroup

from panel.admin.commands import refusals_as_errors
from panel.services import audit, review, staff
from panel.services.audit import COMMAND_LINE

staff_group = AppGroup("staff", help="Staff accounts of the admin tool.")
review_group = AppGroup("review", help="Receipts waiting for a person.")
audit_group = AppGroup("audit", help="The append-only audit log.")


@staff_group.command("create")
@refusals_as_errors
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice(staff.ROLES))
@click.option("--password", help="At least 12 characters; generated and shown when left out.")
def create_staff(email, role, password):
    """Create a staff account; prints its TOTP provisioning URI as the last line."""
    created = staff.create(COMMAND_LINE, email, role, password)
    click.echo(f"Staff account {created.account.id} created with role {role}.")
    if not password:
        click.echo(f"Initial password (shown once): {created.password}")
    click.echo("Add this to an authenticator app (TOTP); the code is needed at every login:")
    click.echo(created.provisioning_uri)


@staff_group.command("list")
def list_staff():
    """Every staff account: id, role, state, email."""
    for account, email in staff.listing():
        state = "disabled" if account.disabled_at else "active"
        click.echo(f"{account.id}  {account.role:8} {state:8} {email}")


@staff_group.command("disable")
@refusals_as_errors
@click.option("--email", required=True)
def disable_staff(email):
    """Disable an account; its sessions end at once."""
    staff.set_disabled(COMMAND_LINE, staff.find(email=email), True)
    click.echo("Disabled.")


@staff_group.command("enable")
@refusals_as_errors
@click.option("--email", required=True)
def enable_staff(email):
    """Enable a disabled account again."""
    staff.set_disabled(COMMAND_LINE, staff.find(email=email), False)
    click.echo("Enabled.")


@review_group.command("list")
def list_queue():
    """Receipts waiting for review, oldest first: id, submitted, why."""
    receipts, total = review.queue(limit=1000)
    for receipt in receipts:
        click.echo(f"{receipt.id}  {receipt.submitted_at:%Y-%m-%d %H:%M}  "
                   f"{receipt.status_reason or ''}")
    click.echo(f"{total} waiting.")


@review_group.command("accept")
@refusals_as_errors
@click.argument("receipt_id")
@click.option("--reason", type=click.Choice(list(review.ACCEPT_REASONS)), required=True)
@click.option("--total", type=Decimal, help="The corrected total (else the extracted one).")
@click.option("--merchant", help="The corrected merchant name.")
def accept(receipt_id, reason, total, merchant):
    """Accept a receipt, optionally correcting its total or merchant."""
    receipt = review.open_for_review(receipt_id, COMMAND_LINE)
    fields = review.Fields(
        merchant_name=merchant or receipt.merchant_name, purchase_date=receipt.purchase_date,
        currency=receipt.currency, subtotal=receipt.subtotal, tax=receipt.tax,
        total=total if total is not None else receipt.total,
        items=[review.Item(i.description, i.quantity, i.unit_price, i.amount)
               for i in receipt.items])
    review.decide(receipt_id, True, reason, fields, COMMAND_LINE)
    click.echo("Accepted.")


@review_group.command("reject")
@refusals_as_errors
@click.argument("receipt_id")
@click.option("--reason", type=click.Choice(list(review.REJECT_REASONS)), required=True)
def reject(receipt_id, reason):
    """Reject a receipt with a reason code."""
    review.decide(receipt_id, False, reason, None, COMMAND_LINE)
    click.echo("Rejected.")


@audit_group.command("verify")
def verify():
    """Check the hash chain; exits 1 and names the first bad entry if it was tampered with."""
    check = audit.verify()
    if not check.ok:
        click.echo(f"Audit log BROKEN at {check.problem}", err=True)
        sys.exit(1)
    click.echo(f"Audit log intact: {check.count} entries; head hash {check.head}")


@audit_group.command("list")
@click.option("--limit", type=int, default=50)
def list_audit(limit):
    """The newest entries: number, when, role, action, panelist, receipt, from where, why."""
    for e in audit.recent(limit):
        click.echo(f"#{e.sequence} {e.at:%Y-%m-%d %H:%M:%S} {e.staff_role} {e.action} "
                   f"panelist={(e.panelist_ref or '-')[:12]} receipt={(e.receipt_ref or '-')[:12]} "
                   f"from={e.address or '-'} {e.reason or ''}")
