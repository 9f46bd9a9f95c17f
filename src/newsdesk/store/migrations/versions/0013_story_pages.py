"""Each story's first page, stored at analyze time for the web UI's story page (issue 8).

Revision ID: 0013_story_pages
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_story_pages"
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


def downgrade() -> None:
    op.drop_table("story_pages")
