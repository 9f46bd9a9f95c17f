"""Documents, articles, stories, outlets, rejections; full-text search on SQLite.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# SQLite only: FTS5 over articles, kept in step by triggers. Other databases search with
# their own means (see store/search.py).
_SQLITE_FTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
    "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("record", sa.Integer),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("encoding", sa.String(40), nullable=False),
        sa.Column("hints", sa.Text, nullable=False),
        sa.Column("defaults", sa.Text, nullable=False),
        sa.Column("is_primary", sa.Boolean, nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("storyline_id", sa.String(24)),
        sa.Column("first_seen", sa.String(32)),
        sa.Column("last_seen", sa.String(32)),
        sa.Column("producer", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(24), primary_key=True),
        sa.Column("document_id", sa.String(24),
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("segment", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("outlet_domain", sa.String(253)),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", sa.String(32)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("removed", sa.Text, nullable=False),
        sa.Column("producer", sa.String(64), nullable=False),
        sa.Column("copy_of", sa.String(24), sa.ForeignKey("articles.id", ondelete="SET NULL")),
        sa.Column("copy_similarity", sa.Float),
        sa.Column("copy_method", sa.String(64)),
        sa.Column("story_id", sa.String(24), sa.ForeignKey("stories.id", ondelete="SET NULL")),
        sa.Column("ingested_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("document_id", "segment", name="uq_articles_document_segment"),
    )
    for column in ("document_id", "outlet_domain", "published", "story_id"):
        op.create_index(f"ix_articles_{column}", "articles", [column])
    op.create_table(
        "outlets",
        sa.Column("domain", sa.String(253), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.String(32), nullable=False),
        sa.Column("last_seen", sa.String(32), nullable=False),
        sa.UniqueConstraint("source", "stage", "reason", "detail", name="uq_rejections_what"),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_FTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("rejections", "outlets", "articles", "stories", "documents"):
        op.drop_table(table)
