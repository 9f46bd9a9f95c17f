"""Articles record the outlet a syndicated story credits as its origin.

Revision ID: 0002_clean
Revises: 0004_quotes
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_clean"
down_revision = "0004_quotes"
branch_labels = None
depends_on = None


# A plain ADD COLUMN (no batch copy of the table), so SQLite keeps the full-text triggers.
def upgrade() -> None:
    op.add_column("articles", sa.Column("origin_outlet", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("articles", "origin_outlet")
