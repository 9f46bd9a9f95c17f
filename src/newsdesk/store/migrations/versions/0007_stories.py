"""Stories: summaries, storylines, and merges that record the absorbed story id.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("summary", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "storylines",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("first_seen", sa.String(32)),
        sa.Column("last_seen", sa.String(32)),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "story_merges",
        sa.Column("absorbed_id", sa.String(24), primary_key=True),
        sa.Column("into_id", sa.String(24), nullable=False),
        sa.Column("probability", sa.Float, nullable=False),
        sa.Column("merged_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_story_merges_into_id", "story_merges", ["into_id"])


def downgrade() -> None:
    op.drop_table("story_merges")
    op.drop_table("storylines")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("summary")
