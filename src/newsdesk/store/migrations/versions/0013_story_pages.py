"""Each story's first page and each entity's mention counts, stored at analyze time for the
web UI's story page and people list (issue 8).

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_pages",
        sa.Column("story_id", sa.String(24), sa.ForeignKey("stories.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("page_size", sa.Integer, nullable=False),
        sa.Column("view", sa.Text, nullable=False),
    )
    op.create_table(
        "entity_stats",
        sa.Column("entity_id", sa.String(24), sa.ForeignKey("entities.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
    )
    op.create_index("ix_entity_stats_rank", "entity_stats",
                    ["label", sa.text("mentions DESC"), "name", "entity_id"])


def downgrade() -> None:
    op.drop_index("ix_entity_stats_rank", "entity_stats")
    op.drop_table("entity_stats")
    op.drop_table("story_pages")
