"""Full-text search: FTS5 on SQLite, a plain substring match elsewhere."""

from __future__ import annotations

import re

from sqlalchemy import Connection, and_, func, or_, select, text

from newsdesk.model import SearchHit
from newsdesk.store.schema import articles, outlets

# FTS5 snippet(): marks around each hit, and how many tokens of context to show.
_MARK_START, _MARK_END = "\x02", "\x03"
_SNIPPET_TOKENS = 16
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PHRASE_OR_WORD = re.compile(r'"([^"]+)"|(\S+)')
_FTS_QUERY = text(f"""
    SELECT a.id, a.title, a.published, coalesce(a.outlet, o.name, a.outlet_domain) AS outlet,
           snippet(articles_fts, 1, '{_MARK_START}', '{_MARK_END}', '…', {_SNIPPET_TOKENS})
               AS snippet
    FROM articles_fts
    JOIN articles AS a ON a.rowid = articles_fts.rowid
    LEFT JOIN outlets AS o ON o.domain = a.outlet_domain
    WHERE articles_fts MATCH :match
    ORDER BY bm25(articles_fts, 3.0, 1.0), a.id
    LIMIT :limit
""")
# Characters of context either side of a substring hit, where there is no FTS.
_PLAIN_CONTEXT = 80


def search_articles(conn: Connection, query: str, limit: int) -> list[SearchHit]:
    printable = _CONTROL.sub(" ", query)
    terms = [phrase or word for phrase, word in _PHRASE_OR_WORD.findall(printable)]
    if not terms:
        return []
    if conn.dialect.name == "sqlite":
        return _fts(conn, terms, limit)
    return _plain(conn, terms, limit)


def fts_match(terms: list[str]) -> str:
    """A MATCH expression that treats the user's words as words, never as FTS syntax."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _fts(conn: Connection, terms: list[str], limit: int) -> list[SearchHit]:
    result = conn.execute(_FTS_QUERY, {"match": fts_match(terms), "limit": limit})
    return [_hit(row.id, row.title, row.outlet, row.published, row.snippet) for row in result]


def _plain(conn: Connection, terms: list[str], limit: int) -> list[SearchHit]:
    words = [or_(articles.c.text.ilike(f"%{t}%"), articles.c.title.ilike(f"%{t}%"))
             for t in terms]
    joined = articles.outerjoin(outlets, outlets.c.domain == articles.c.outlet_domain)
    outlet = func.coalesce(articles.c.outlet, outlets.c.name, articles.c.outlet_domain)
    query = (select(articles.c.id, articles.c.title, articles.c.published, articles.c.text,
                    outlet.label("outlet")).select_from(joined).where(and_(*words))
             .order_by(articles.c.published.desc(), articles.c.id).limit(limit))
    return [_hit(row.id, row.title, row.outlet, row.published, _excerpt(row.text, terms[0]))
            for row in conn.execute(query)]


def _excerpt(body: str, term: str) -> str:
    at = body.lower().find(term.lower())
    if at < 0:
        return body[: 2 * _PLAIN_CONTEXT]
    start = max(at - _PLAIN_CONTEXT, 0)
    end = at + len(term)
    return (body[start:at] + _MARK_START + body[at:end] + _MARK_END
            + body[end : end + _PLAIN_CONTEXT])


def _hit(article_id: str, title: str | None, outlet: str | None, published: str | None,
         marked: str) -> SearchHit:
    spans, plain, position = [], [], 0
    for piece in re.split(f"({_MARK_START}[^{_MARK_END}]*{_MARK_END})", marked):
        if piece.startswith(_MARK_START):
            word = piece[1:-1]
            spans.append((position, position + len(word)))
            piece = word
        plain.append(piece)
        position += len(piece)
    return SearchHit(article_id=article_id, title=title, outlet=outlet, published=published,
                     snippet="".join(plain), highlights=tuple(spans))
