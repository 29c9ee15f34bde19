"""receipts.page_hashes (duplicates per page), idempotency_keys.payload_hash (a key reused
with another payload is refused), and an index for the duplicate check's look-up

Revision ID: 0006_page_hashes_payload_hash
Revises: 0005_listing_indexes
Create Date: 2026-12-06 22:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_page_hashes_payload_hash'
down_revision = '0005_listing_indexes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('page_hashes', sa.String(length=120), nullable=True))
        batch_op.create_index('ix_receipts_merchant_date_total',
                              ['merchant_name', 'purchase_date', 'total'], unique=False)
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payload_hash', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.drop_column('payload_hash')
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_index('ix_receipts_merchant_date_total')
        batch_op.drop_column('page_hashes')
