"""receipt_redacted_lines: which line of a receipt redaction removed or masked and why
(redaction.line_report), for the panelist's per-line report; never the line's text

Revision ID: 0015_line_report
Revises: 0008_items_category
Create Date: 2026-12-07 02:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_line_report'
down_revision = '0011_ereceipts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('receipt_redacted_lines',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('receipt_id', sa.String(length=36), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('reasons', sa.String(length=200), nullable=False),
    sa.Column('top', sa.Float(), nullable=False),
    sa.Column('height', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], name=op.f('fk_receipt_redacted_lines_receipt_id_receipts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt_redacted_lines'))
    )
    with op.batch_alter_table('receipt_redacted_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_receipt_redacted_lines_receipt_id'), ['receipt_id'], unique=False)


def downgrade():
    with op.batch_alter_table('receipt_redacted_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_receipt_redacted_lines_receipt_id'))
    op.drop_table('receipt_redacted_lines')
