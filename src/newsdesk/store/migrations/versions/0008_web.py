"""A covering index for the web UI's per-story counts, timeline and coverage.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_COLUMNS = ["story_id", "published", "outlet", "outlet_domain", "copy_of"]


def upgrade() -> None:
    op.create_index("ix_articles_story_coverage", "articles", _COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_articles_story_coverage", "articles")
