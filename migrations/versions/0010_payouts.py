"""payouts that reach the panelist: payout states and history, gift-card codes, inventory
alerts; ledger entries stay (anonymous) when an account is erased

Revision ID: 0010_payouts
Revises: 0008_items_category
Create Date: 2026-12-07 01:45:00

"""
import uuid

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0010_payouts'
down_revision = '0014_recipients'
branch_labels = None
depends_on = None

FK = 'fk_ledger_entries_panelist_id_panelists'
PAYOUT_COLUMNS = "ledger_entry_id, method, status, sent_at"


def _ledger_panelist(nullable: bool, ondelete: str) -> None:
    """Rebuilding the table on SQLite drops the old one, whose implicit DELETE would cascade
    to payouts: they are kept aside and put back."""
    bind = op.get_bind()
    kept = []
    if bind.dialect.name == "sqlite":
        kept = [dict(row._mapping) for row in bind.execute(sa.text(
            f"SELECT {PAYOUT_COLUMNS} FROM payouts"))]
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.alter_column('panelist_id', existing_type=sa.String(length=36),
                              nullable=nullable)
        batch_op.drop_constraint(FK, type_='foreignkey')
        batch_op.create_foreign_key(FK, 'panelists', ['panelist_id'], ['id'],
                                    ondelete=ondelete)
    if kept:
        bind.execute(sa.text("DELETE FROM payouts"))
        bind.execute(sa.text(
            "INSERT INTO payouts (ledger_entry_id, method, status, sent_at) "
            "VALUES (:ledger_entry_id, :method, :status, :sent_at)"), kept)


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    _ledger_panelist(True, 'SET NULL')
    if postgres:
        # Append-only still; the one change allowed is the erasure's SET NULL of the
        # panelist (whose row is already gone then), everything else unchanged.
        op.execute("""
            CREATE OR REPLACE FUNCTION ledger_entries_append_only() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'DELETE' AND NOT EXISTS (
                        SELECT 1 FROM panelists WHERE id = OLD.panelist_id) THEN
                    RETURN OLD;
                END IF;
                IF TG_OP = 'UPDATE' AND NEW.panelist_id IS NULL
                        AND NOT EXISTS (SELECT 1 FROM panelists WHERE id = OLD.panelist_id)
                        AND (NEW.id, NEW.kind, NEW.amount_minor, NEW.currency, NEW.period,
                             NEW.dedupe_key, NEW.description, NEW.created_at)
                            IS NOT DISTINCT FROM
                            (OLD.id, OLD.kind, OLD.amount_minor, OLD.currency, OLD.period,
                             OLD.dedupe_key, OLD.description, OLD.created_at) THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION 'ledger entries are append-only';
            END $$ LANGUAGE plpgsql""")
    with op.batch_alter_table('payouts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('brand', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('provider_reference', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('code_shown_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.create_index(batch_op.f('ix_payouts_status'), ['status'], unique=False)
    op.execute("UPDATE payouts SET status = 'requested' WHERE status = 'pending'")
    op.execute("UPDATE payouts SET status = 'delivered' WHERE status = 'sent'")

    op.create_table('payout_events',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('payout_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['payout_id'], ['payouts.ledger_entry_id'], name=op.f('fk_payout_events_payout_id_payouts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payout_events'))
    )
    with op.batch_alter_table('payout_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payout_events_payout_id'), ['payout_id'], unique=False)
    _history_of_earlier_payouts()

    op.create_table('gift_card_codes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('brand', sa.String(length=40), nullable=False),
    sa.Column('value_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('code_sealed', sa.LargeBinary(), nullable=False),
    sa.Column('pin_sealed', sa.LargeBinary(), nullable=True),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payout_id', sa.String(length=36), nullable=True),
    sa.Column('reserved_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['payout_id'], ['payouts.ledger_entry_id'], name=op.f('fk_gift_card_codes_payout_id_payouts'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_card_codes')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_gift_card_codes_code_hash')),
    sa.UniqueConstraint('payout_id', name=op.f('uq_gift_card_codes_payout_id'))
    )
    with op.batch_alter_table('gift_card_codes', schema=None) as batch_op:
        batch_op.create_index('ix_gift_card_codes_stock', ['currency', 'value_minor', 'payout_id'], unique=False)

    op.create_table('inventory_alerts',
    sa.Column('stock', sa.String(length=80), nullable=False),
    sa.Column('mailed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('stock', name=op.f('pk_inventory_alerts'))
    )


def _history_of_earlier_payouts() -> None:
    """Payouts made before this revision get their history: requested, and delivered."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT p.ledger_entry_id, p.sent_at, e.created_at FROM payouts p "
        "JOIN ledger_entries e ON e.id = p.ledger_entry_id")).all()
    events = []
    for payout_id, sent_at, requested_at in rows:
        events.append({"id": str(uuid.uuid4()), "payout_id": payout_id, "at": requested_at,
                       "state": "requested"})
        if sent_at is not None:
            events.append({"id": str(uuid.uuid4()), "payout_id": payout_id, "at": sent_at,
                           "state": "delivered"})
    if events:
        bind.execute(sa.text("INSERT INTO payout_events (id, payout_id, at, state) "
                             "VALUES (:id, :payout_id, :at, :state)"), events)


def downgrade():
    op.drop_table('inventory_alerts')
    with op.batch_alter_table('gift_card_codes', schema=None) as batch_op:
        batch_op.drop_index('ix_gift_card_codes_stock')
    op.drop_table('gift_card_codes')
    with op.batch_alter_table('payout_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payout_events_payout_id'))
    op.drop_table('payout_events')
    op.execute("UPDATE payouts SET status = 'pending' WHERE status IN ('requested', 'reserved')")
    op.execute("UPDATE payouts SET status = 'sent' WHERE status <> 'pending'")
    with op.batch_alter_table('payouts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payouts_status'))
        batch_op.drop_column('code_shown_at')
        batch_op.drop_column('attempts')
        batch_op.drop_column('provider_reference')
        batch_op.drop_column('brand')
        batch_op.drop_column('reason')
    # Anonymous entries of erased accounts have no panelist to belong to any more.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only")
    op.execute("DELETE FROM ledger_entries WHERE panelist_id IS NULL")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only")
    _ledger_panelist(False, 'CASCADE')
