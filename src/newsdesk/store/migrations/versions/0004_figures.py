"""Figures: money, percentages, counts, quantities and dates found in each article.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "figures",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("article_id", sa.String(24),
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value_number", sa.Float),
        sa.Column("value_text", sa.String(32)),
        sa.Column("unit", sa.String(64)),
        sa.Column("approximate", sa.Boolean, nullable=False),
        sa.Column("subject", sa.Text),
        sa.Column("value_high", sa.Float),
        sa.Column("currency_candidates", sa.Text, nullable=False),
        sa.Column("currency_basis", sa.String(32)),
        sa.Column("conversion_of", sa.String(24)),
        sa.Column("conversion_ok", sa.Boolean),
        sa.Column("expected_value", sa.Float),
    )
    op.create_index("ix_figures_article_id", "figures", ["article_id"])
    op.create_index("ix_figures_kind", "figures", ["kind"])


def downgrade() -> None:
    op.drop_table("figures")
