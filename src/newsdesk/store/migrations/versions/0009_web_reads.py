"""A covering index for the web UI's page of a story's articles (issue 8).

Revision ID: 0009_web_reads
Revises: 0008
"""

from alembic import op

revision = "0009_web_reads"
down_revision = "0008"
branch_labels = None
depends_on = None

_COLUMNS = ["story_id", "published", "id", "title", "outlet", "outlet_domain", "url", "copy_of"]


def upgrade() -> None:
    op.create_index("ix_articles_story_list", "articles", _COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_articles_story_list", "articles")
