"""Each story's counts, timeline and coverage, stored at analyze time for the web UI's story
page (issue 8).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_stats",
        sa.Column("story_id", sa.String(24), sa.ForeignKey("stories.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("outlets", sa.Integer, nullable=False),
        sa.Column("independent_outlets", sa.Integer, nullable=False),
        sa.Column("timeline", sa.Text, nullable=False),
        sa.Column("coverage", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_stats")
