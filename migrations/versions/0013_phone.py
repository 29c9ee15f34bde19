"""The change feed (changes, panelists.change_seq) and the panelist's language

Revision ID: 0013_phone
Revises: 0008_items_category
Create Date: 2026-12-07 02:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0013_phone'
down_revision = '0009_faults'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('panelists', schema=None) as batch_op:
        batch_op.add_column(sa.Column('change_seq', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))
    op.create_table(
        'changes',
        sa.Column('panelist_id', sa.String(length=36), nullable=False),
        sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('subject_id', sa.String(length=36), nullable=False),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['panelist_id'], ['panelists.id'],
                                name=op.f('fk_changes_panelist_id_panelists'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('panelist_id', 'seq', name=op.f('pk_changes')),
        sa.UniqueConstraint('panelist_id', 'kind', 'subject_id',
                            name=op.f('uq_changes_panelist_id_kind_subject_id')),
    )


def downgrade():
    op.drop_table('changes')
    with op.batch_alter_table('panelists', schema=None) as batch_op:
        batch_op.drop_column('language')
        batch_op.drop_column('change_seq')
