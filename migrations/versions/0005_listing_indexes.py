"""receipts: indexes for a panelist's list and for a month's reward qualification

One for the list (newest first, id as tie-break), one for the qualification of a month (the
panelist's receipts in the weeks touching it).

Measured with benchmarks/reading.py: without them a deep page sorted all of a panelist's
receipts and each month's qualification filtered all of them.

Revision ID: 0005_listing_indexes
Revises: 0004_uploaded_bytes
Create Date: 2026-11-29 20:10:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0005_listing_indexes'
down_revision = '0004_uploaded_bytes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_index('ix_receipts_panelist_submitted')
        batch_op.create_index('ix_receipts_panelist_submitted_id',
                              ['panelist_id', 'submitted_at', 'id'], unique=False)
        batch_op.create_index('ix_receipts_panelist_week', ['panelist_id', 'week'], unique=False)


def downgrade():
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_index('ix_receipts_panelist_week')
        batch_op.drop_index('ix_receipts_panelist_submitted_id')
        batch_op.create_index('ix_receipts_panelist_submitted', ['panelist_id', 'submitted_at'],
                              unique=False)
