"""receipts.source (photo, pdf, email) and forwarding_addresses: e-receipts (issue 19)

Revision ID: 0011_ereceipts
Revises: 0008_items_category
Create Date: 2026-12-07 02:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_ereceipts'
down_revision = '0008_items_category'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=8), server_default='photo',
                                      nullable=False))
    op.create_table(
        'forwarding_addresses',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('panelist_id', sa.String(length=36), nullable=False),
        sa.Column('token', sa.String(length=40), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['panelist_id'], ['panelists.id'],
                                name=op.f('fk_forwarding_addresses_panelist_id_panelists'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_forwarding_addresses')),
        sa.UniqueConstraint('token', name=op.f('uq_forwarding_addresses_token')),
    )
    with op.batch_alter_table('forwarding_addresses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forwarding_addresses_panelist_id'), ['panelist_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('forwarding_addresses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forwarding_addresses_panelist_id'))
    op.drop_table('forwarding_addresses')
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_column('source')
