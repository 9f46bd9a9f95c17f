"""Quotations with their cues and speakers; entities resolved across outlets.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quotes",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("article_id", sa.String(24),
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("cue", sa.Text),
        sa.Column("cue_start", sa.Integer),
        sa.Column("source", sa.Text),
        sa.Column("source_start", sa.Integer),
        sa.Column("antecedent", sa.Text),
        sa.Column("antecedent_start", sa.Integer),
        sa.Column("inherited", sa.Boolean, nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_entity_id", sa.String(24)),
    )
    op.create_index("ix_quotes_article_id", "quotes", ["article_id"])
    op.create_index("ix_quotes_speaker_entity_id", "quotes", ["speaker_entity_id"])
    op.create_table(
        "entities",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("producer", sa.String(64), nullable=False),
    )
    op.create_table(
        "entity_mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entity_id", sa.String(24),
                  sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", sa.String(24),
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
    )
    op.create_index("ix_entity_mentions_entity_id", "entity_mentions", ["entity_id"])
    op.create_index("ix_entity_mentions_article_id", "entity_mentions", ["article_id"])


def downgrade() -> None:
    op.drop_table("entity_mentions")
    op.drop_table("entities")
    op.drop_table("quotes")
