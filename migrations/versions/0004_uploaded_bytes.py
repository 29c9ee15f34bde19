"""receipts.uploaded_bytes, for the per-panelist storage quota

Revision ID: 0004_uploaded_bytes
Revises: 0003_rewards
Create Date: 2026-11-29 20:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_uploaded_bytes'
down_revision = '0003_rewards'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uploaded_bytes', sa.BigInteger(), server_default='0',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_column('uploaded_bytes')
