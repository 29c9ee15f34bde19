"""receipt_items.category_code, category_name, category_confidence, brand: what each item
is (COICOP 2018, products.classify)

Revision ID: 0008_items_category
Revises: 0007_account_security
Create Date: 2026-12-06 23:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_items_category'
down_revision = '0007_account_security'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('receipt_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category_code', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('category_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('category_confidence', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('brand', sa.String(length=80), nullable=True))


def downgrade():
    with op.batch_alter_table('receipt_items', schema=None) as batch_op:
        batch_op.drop_column('brand')
        batch_op.drop_column('category_confidence')
        batch_op.drop_column('category_name')
        batch_op.drop_column('category_code')
