"""Articles record the outlet a syndicated story credits as its origin.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


# A plain ADD COLUMN (no batch copy of the table), so SQLite keeps the full-text triggers.
def upgrade() -> None:
    op.add_column("articles", sa.Column("origin_outlet", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("articles", "origin_outlet")
