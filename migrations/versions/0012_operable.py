"""Keys apart from the data: the wrapped data keys move to the key store (KEYS_DATABASE_URL,
panel/keystore.py) and their table leaves this database; receipts.request_id, the web
request that uploaded a receipt, carried into the worker's log lines.

Revision ID: 0012_operable
Revises: 0008_items_category
Create Date: 2026-12-07 02:00:00

"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa
from flask import current_app

from panel.keystore import KeyStore

# revision identifiers, used by Alembic.
revision = '0012_operable'
down_revision = '0010_payouts'
branch_labels = None
depends_on = None


def _key_store() -> KeyStore:
    return KeyStore(current_app.config["KEYS_DATABASE_URL"])


def _moment(value) -> datetime:
    """A datetime as read by plain SQL (SQLite gives text), aware, in UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def upgrade():
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_id', sa.String(length=64), nullable=True))
    rows = op.get_bind().execute(sa.text(
        "SELECT panelist_id, wrapped, created_at FROM data_keys")).mappings().all()
    if rows:  # copied (and committed there) before the table is dropped here
        store = _key_store()
        present = {row["panelist_id"] for row in store.all_keys()}
        store.put_many([{**row, "created_at": _moment(row["created_at"])} for row in rows
                        if row["panelist_id"] not in present])
        store.dispose()
    op.drop_table('data_keys')


def downgrade():
    op.create_table(
        'data_keys',
        sa.Column('panelist_id', sa.String(length=36), nullable=False),
        sa.Column('wrapped', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['panelist_id'], ['panelists.id'],
                                name=op.f('fk_data_keys_panelist_id_panelists'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('panelist_id', name=op.f('pk_data_keys')))
    bind = op.get_bind()
    panelists = {row[0] for row in bind.execute(sa.text("SELECT id FROM panelists"))}
    store = _key_store()
    keys = [row for row in store.all_keys() if row["panelist_id"] in panelists]
    store.dispose()
    if keys:
        table = sa.table('data_keys', sa.column('panelist_id', sa.String),
                         sa.column('wrapped', sa.LargeBinary),
                         sa.column('created_at', sa.DateTime(timezone=True)))
        op.bulk_insert(table, keys)
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_column('request_id')
