"""The tables, in SQLAlchemy Core. Changes go through a new migration in ``migrations/``."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(24), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("record", Integer),
    Column("kind", String(16), nullable=False),
    Column("content", Text, nullable=False),
    Column("encoding", String(40), nullable=False),
    Column("hints", Text, nullable=False),
    Column("defaults", Text, nullable=False),
    Column("is_primary", Boolean, nullable=False, default=False),
    Column("ingested_at", String(32), nullable=False),
)

stories = Table(
    "stories", metadata,
    Column("id", String(24), primary_key=True),
    Column("title", Text, nullable=False),
    Column("storyline_id", String(24)),
    Column("first_seen", String(32)),
    Column("last_seen", String(32)),
    Column("producer", String(64), nullable=False),
    Column("updated_at", String(32), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(24), primary_key=True),
    Column("document_id", String(24), ForeignKey("documents.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("segment", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("outlet", Text),
    Column("outlet_domain", String(253), index=True),
    Column("url", Text),
    Column("title", Text),
    Column("author", Text),
    Column("published", String(32), index=True),
    Column("text", Text, nullable=False),
    Column("removed", Text, nullable=False),
    Column("producer", String(64), nullable=False),
    Column("copy_of", String(24), ForeignKey("articles.id", ondelete="SET NULL")),
    Column("copy_similarity", Float),
    Column("copy_method", String(64)),
    Column("story_id", String(24), ForeignKey("stories.id", ondelete="SET NULL"), index=True),
    Column("ingested_at", String(32), nullable=False),
    UniqueConstraint("document_id", "segment", name="uq_articles_document_segment"),
)

outlets = Table(
    "outlets", metadata,
    Column("domain", String(253), primary_key=True),
    Column("name", Text, nullable=False),
)

rejections = Table(
    "rejections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("stage", String(32), nullable=False),
    Column("reason", String(32), nullable=False),
    Column("detail", Text, nullable=False),
    Column("count", Integer, nullable=False, default=1),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    UniqueConstraint("source", "stage", "reason", "detail", name="uq_rejections_what"),
)

# The web UI's per-story counts, timeline and coverage read only these columns: one covering
# index answers them without touching the article texts (issue 8; migration 0007_web).
Index("ix_articles_story_coverage", articles.c.story_id, articles.c.published,
      articles.c.outlet, articles.c.outlet_domain, articles.c.copy_of)
