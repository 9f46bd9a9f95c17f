"""The tables, in SQLAlchemy Core. Changes go through a new migration in ``migrations/``."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
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
    # Migration 0006: the outlet a syndicated article credits as its origin.
    Column("origin_outlet", Text),
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

stage_runs = Table(
    "stage_runs", metadata,
    Column("article_id", String(24), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("stage", String(32), primary_key=True),
    Column("producer", String(64), nullable=False),
    Column("input_hash", String(64), nullable=False),
    Column("ran_at", String(32), nullable=False),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(24), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False, index=True),
)

sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("title", Text),
    Column("ignore_robots", Boolean, nullable=False, default=False),
    Column("added_at", String(32), nullable=False),
    Column("last_fetch", String(32)),
    Column("last_success", String(32)),
    Column("last_error", Text),
    Column("error_count", Integer, nullable=False, default=0),
    Column("articles", Integer, nullable=False, default=0),
)

fetch_state = Table(
    "fetch_state", metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("updated_at", String(32), nullable=False),
)

seen_entries = Table(
    "seen_entries", metadata,
    Column("url", Text, primary_key=True),
    Column("source", Text, nullable=False),
    Column("done", Boolean, nullable=False, default=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
)

figures = Table(
    "figures", metadata,
    Column("id", String(24), primary_key=True),
    Column("article_id", String(24), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False, index=True),
    Column("value_number", Float),
    Column("value_text", String(32)),
    Column("unit", String(64)),
    Column("approximate", Boolean, nullable=False, default=False),
    Column("subject", Text),
    Column("value_high", Float),
    Column("currency_candidates", Text, nullable=False, default=""),
    Column("currency_basis", String(32)),
    Column("conversion_of", String(24)),
    Column("conversion_ok", Boolean),
    Column("expected_value", Float),
)

quotes = Table(
    "quotes", metadata,
    Column("id", String(24), primary_key=True),
    Column("article_id", String(24), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("source", Text),
    Column("source_start", Integer),
    Column("antecedent", Text),
    Column("antecedent_start", Integer),
    Column("inherited", Boolean, nullable=False, default=False),
    Column("speaker", Text),
    Column("speaker_entity_id", String(24), index=True),
)

entities = Table(
    "entities", metadata,
    Column("id", String(24), primary_key=True),
    Column("name", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("aliases", Text, nullable=False),
    Column("producer", String(64), nullable=False),
)

entity_mentions = Table(
    "entity_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(24), ForeignKey("entities.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("article_id", String(24), ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
)

# Stories (migration 0007): ``stories.summary`` is added there too.
stories.append_column(Column("summary", Text, nullable=False, server_default=""))

storylines = Table(
    "storylines", metadata,
    Column("id", String(24), primary_key=True),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("first_seen", String(32)),
    Column("last_seen", String(32)),
    Column("updated_at", String(32), nullable=False),
)

story_merges = Table(
    "story_merges", metadata,
    Column("absorbed_id", String(24), primary_key=True),
    Column("into_id", String(24), nullable=False, index=True),
    Column("probability", Float, nullable=False),
    Column("merged_at", String(32), nullable=False),
)

# The web UI's per-story counts, timeline and coverage read only these columns: one covering
# index answers them without touching the article texts (issue 8; migration 0008).
Index("ix_articles_story_coverage", articles.c.story_id, articles.c.published,
      articles.c.outlet, articles.c.outlet_domain, articles.c.copy_of)

# Compare (issue 7; migration 0009): each story's comparison records as the export
# has them (one JSON record per row), and the input hash each story was last compared from.
comparison_records = Table(
    "comparison_records", metadata,
    Column("story_id", String(24), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("record", Text, nullable=False),
)

comparison_runs = Table(
    "comparison_runs", metadata,
    Column("story_id", String(24), primary_key=True),
    Column("producer", String(64), nullable=False),
    Column("input_hash", String(64), nullable=False),
    Column("ran_at", String(32), nullable=False),
)

# The web UI's page of a story's articles reads only these columns, in this order: one
# covering index answers it without reading a row (whose text may span many pages).
# (issue 8; migration 0010)
Index("ix_articles_story_list", articles.c.story_id, articles.c.published, articles.c.id,
      articles.c.title, articles.c.outlet, articles.c.outlet_domain, articles.c.url,
      articles.c.copy_of)
# A story's quotes and figures are read article by article in text order, stopping once a
# page is full: these let the scan stream instead of sorting every record of a large story.
Index("ix_quotes_article_start", quotes.c.article_id, quotes.c.start, quotes.c.id)
Index("ix_figures_article_start", figures.c.article_id, figures.c.start, figures.c.id)

# Sentence embeddings of each article's title and lead (issue 4; migration 0011).
article_embeddings = Table(
    "article_embeddings", metadata,
    Column("article_id", String(24), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("producer", String(48), nullable=False),
    Column("dims", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),
)

# Each story's counts, timeline and coverage as the story page shows them, written by analyze
# once stories are settled, so a page of a story of thousands of articles reads one row
# (issue 8; migration 0012). ``articles`` doubles as the freshness check: a member deleted
# since (a re-ingested document) makes the row stale and the page counts live.
story_stats = Table(
    "story_stats", metadata,
    Column("story_id", String(24), ForeignKey("stories.id", ondelete="CASCADE"),
           primary_key=True),
    Column("articles", Integer, nullable=False),
    Column("outlets", Integer, nullable=False),
    Column("independent_outlets", Integer, nullable=False),
    Column("timeline", Text, nullable=False),
    Column("coverage", Text, nullable=False),
)

# Each story's page as a reader first opens it (counts, charts, the first page of articles
# and of each analysis), written by analyze's last stage, so an uncached story page reads one
# row instead of a dozen queries (issue 8's load target; migration 0013). Dropped
# with ``story_stats`` by every write that could change what it shows.
story_pages = Table(
    "story_pages", metadata,
    Column("story_id", String(24), ForeignKey("stories.id", ondelete="CASCADE"),
           primary_key=True),
    Column("page_size", Integer, nullable=False),
    Column("view", Text, nullable=False),
)

# Each entity's mention and article counts, written with the story pages, so the people list
# ranks and pages by an index instead of counting every mention (issue 8; migration
# 0013). Dropped with ``story_stats``.
entity_stats = Table(
    "entity_stats", metadata,
    Column("entity_id", String(24), ForeignKey("entities.id", ondelete="CASCADE"),
           primary_key=True),
    Column("label", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
)
Index("ix_entity_stats_rank", entity_stats.c.label, entity_stats.c.mentions.desc(),
      entity_stats.c.name, entity_stats.c.entity_id)
