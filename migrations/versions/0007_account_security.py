"""account security: atomic login counters, password-reset tokens

``throttle_counts`` counts login attempts per hashed key in one atomic upsert (the rows of
``throttle_hits`` were read before a failure was saved, so racing logins all passed);
``password_resets`` keeps the hashes of single-use, expiring reset tokens sent by mail.

Revision ID: 0007_account_security
Revises: 0006_page_hashes_payload_hash
Create Date: 2026-12-07 10:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0007_account_security'
down_revision = '0006_page_hashes_payload_hash'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'throttle_counts',
        sa.Column('bucket', sa.String(length=64), nullable=False),
        sa.Column('window_start', sa.DateTime(timezone=True), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('bucket', name=op.f('pk_throttle_counts')))
    op.create_index(op.f('ix_throttle_counts_window_start'), 'throttle_counts',
                    ['window_start'], unique=False)
    op.create_table(
        'password_resets',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('panelist_id', sa.String(length=36), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['panelist_id'], ['panelists.id'],
                                name=op.f('fk_password_resets_panelist_id_panelists'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_password_resets')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_password_resets_token_hash')))
    op.create_index(op.f('ix_password_resets_panelist_id'), 'password_resets',
                    ['panelist_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_password_resets_panelist_id'), table_name='password_resets')
    op.drop_table('password_resets')
    op.drop_index(op.f('ix_throttle_counts_window_start'), table_name='throttle_counts')
    op.drop_table('throttle_counts')
