"""The language a waitlisted person joined in and an invitation's language (issue 20):
waitlist_entries.language, invites.language

Revision ID: 0016_sse
Revises: 0013_phone
Create Date: 2026-12-07 05:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0016_sse'
down_revision = '0013_phone'
branch_labels = None
depends_on = None


def upgrade():
    for table in ('waitlist_entries', 'invites'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))


def downgrade():
    for table in ('invites', 'waitlist_entries'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('language')
