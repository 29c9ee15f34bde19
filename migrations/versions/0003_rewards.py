"""rewards and surveys

Revision ID: 0003_rewards
Revises: 0002_admin
Create Date: 2026-11-22 11:20:38.676862

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_rewards'
down_revision = '0002_admin'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reward_periods',
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('rewarded', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('period', name=op.f('pk_reward_periods'))
    )
    op.create_table('surveys',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('reward_minor', sa.BigInteger(), nullable=False),
    sa.Column('audience', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surveys'))
    )
    op.create_table('ledger_entries',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('panelist_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=True),
    sa.Column('dedupe_key', sa.String(length=80), nullable=True),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['panelist_id'], ['panelists.id'], name=op.f('fk_ledger_entries_panelist_id_panelists'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entries')),
    sa.UniqueConstraint('panelist_id', 'dedupe_key', name=op.f('uq_ledger_entries_panelist_id_dedupe_key'))
    )

    op.create_table('survey_questions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('survey_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_questions_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_questions'))
    )
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_questions_survey_id'), ['survey_id'], unique=False)

    op.create_table('survey_responses',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('survey_id', sa.String(length=36), nullable=False),
    sa.Column('panelist_id', sa.String(length=36), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('texts_sealed', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['panelist_id'], ['panelists.id'], name=op.f('fk_survey_responses_panelist_id_panelists'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_responses_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses')),
    sa.UniqueConstraint('survey_id', 'panelist_id', name=op.f('uq_survey_responses_survey_id_panelist_id'))
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_responses_panelist_id'), ['panelist_id'], unique=False)

    op.create_table('payouts',
    sa.Column('ledger_entry_id', sa.String(length=36), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['ledger_entry_id'], ['ledger_entries.id'], name=op.f('fk_payouts_ledger_entry_id_ledger_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('ledger_entry_id', name=op.f('pk_payouts'))
    )
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('week', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('image_hash', sa.String(length=16), nullable=True))
        batch_op.create_index('ix_receipts_period_status', ['period', 'status'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        # The ledger is append-only: no update, and no delete except the cascade of an
        # account erasure (the panelist row is already gone then).
        op.execute("""
            CREATE FUNCTION ledger_entries_append_only() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'DELETE' AND NOT EXISTS (
                        SELECT 1 FROM panelists WHERE id = OLD.panelist_id) THEN
                    RETURN OLD;
                END IF;
                RAISE EXCEPTION 'ledger entries are append-only';
            END $$ LANGUAGE plpgsql""")
        op.execute("""
            CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE
            ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()""")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER ledger_entries_append_only ON ledger_entries")
        op.execute("DROP FUNCTION ledger_entries_append_only()")
    with op.batch_alter_table('receipts', schema=None) as batch_op:
        batch_op.drop_index('ix_receipts_period_status')
        batch_op.drop_column('image_hash')
        batch_op.drop_column('week')

    op.drop_table('payouts')
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_responses_panelist_id'))

    op.drop_table('survey_responses')
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_questions_survey_id'))

    op.drop_table('survey_questions')

    op.drop_table('ledger_entries')
    op.drop_table('surveys')
    op.drop_table('reward_periods')
