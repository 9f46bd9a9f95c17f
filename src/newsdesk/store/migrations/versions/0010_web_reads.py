"""Indexes for the web UI's story page (issue 8): a covering index for the page of a story's
articles, and quotes and figures by article in text order.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_COLUMNS = ["story_id", "published", "id", "title", "outlet", "outlet_domain", "url", "copy_of"]


_IN_TEXT_ORDER = ["article_id", "start", "id"]


def upgrade() -> None:
    op.create_index("ix_articles_story_list", "articles", _COLUMNS)
    op.create_index("ix_quotes_article_start", "quotes", _IN_TEXT_ORDER)
    op.create_index("ix_figures_article_start", "figures", _IN_TEXT_ORDER)


def downgrade() -> None:
    op.drop_index("ix_figures_article_start", "figures")
    op.drop_index("ix_quotes_article_start", "quotes")
    op.drop_index("ix_articles_story_list", "articles")
