"""Compare: per-story comparison records and the input each story was compared from.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comparison_records",
        sa.Column("story_id", sa.String(24), primary_key=True),
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_table(
        "comparison_runs",
        sa.Column("story_id", sa.String(24), primary_key=True),
        sa.Column("producer", sa.String(64), nullable=False),
        sa.Column("input_hash", sa.String(64), nullable=False),
        sa.Column("ran_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("comparison_runs")
    op.drop_table("comparison_records")
