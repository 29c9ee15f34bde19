"""receipts.failures, receipts.missing_since: what gives up on a receipt is only a failure of
the receipt itself (not of storage, database or broker), and a photo is missing only when it
stays missing (issue 23)

Revision ID: 0009_faults
Revises: 0008_items_category
Create Date: 2026-12-07 01:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_faults'
down_revision = '0012_operable'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failures', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('missing_since', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade():
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_column('missing_since')
        batch_op.drop_column('failures')
