"""What a story briefing shows, as plain values the Markdown, HTML and JSON renderers share.

Every line carries links to its article and passage: the article's web address with a text
fragment (``#:~:text=…``, which browsers scroll to and highlight) when it has one, else the
article's row in the briefing; the character offsets go with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from newsdesk.brief.chart import coverage_chart
from newsdesk.model import NUMERIC_FIGURE_KINDS, Article, BriefMaterial, Figure, Quote

# How many of each a briefing lists: enough for a reader's first pass, bounded for big stories.
MAX_KEY_QUOTES, MAX_FIGURES, MAX_CLAIMS = 12, 40, 10
# Words of a passage put in a text-fragment link: enough to be unique in an article.
FRAGMENT_WORDS = 8


@dataclass(frozen=True, slots=True)
class Link:
    """Where a line comes from: the article, the passage's offsets, and a link to it."""

    label: str
    href: str
    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Row:
    """One article as a briefing lists it."""

    id: str
    published: str
    outlet: str
    title: str
    link: str | None
    copy_of: str | None


def safe_link(url: str | None) -> str | None:
    """Only web addresses become links: a ``javascript:`` URL in hostile input never runs."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def story_context(material: BriefMaterial) -> dict[str, Any]:
    ordered = sorted(material.articles, key=lambda a: a.arrival_key)
    by_id = {a.id: a for a in ordered}
    comparisons = material.comparisons
    link = _Linker(by_id)
    return {
        "story": material.story, "rows": [_row(a) for a in ordered],
        "outlets": sorted({a.outlet for a in ordered if a.outlet}),
        "unknown_outlets": sum(1 for a in ordered if not a.outlet),
        "summary": material.story.summary,
        "chart": coverage_chart(ordered),
        "timeline": [{"date": t.date, "outlet": t.outlet, "text": t.text,
                      "links": [link.text(t.article_id, t.text)]} for t in material.timeline],
        "key_quotes": _key_quotes(material.quotes, comparisons, link),
        "wording": _wording(material.quotes, comparisons, link),
        "figures": _figures(material.figures, comparisons, link),
        "figure_conflicts": _figure_conflicts(material.figures, comparisons, link),
        "claim_conflicts": [_claim_conflict(c, link) for c in _records(comparisons,
                                                                          "claim_conflicts")],
        "corroborated": _corroborated(comparisons, link),
        "only_here": [_claim(c, link) for c in _records(comparisons, "corroboration")
                      if c.get("kind") == "only-here"],
        "primary_checks": _primary(material.quotes, comparisons, link),
    }


def _records(comparisons: Mapping[str, Any], kind: str) -> list[dict[str, Any]]:
    return list(comparisons.get(kind) or [])


def _row(article: Article) -> Row:
    return Row(id=article.id, published=article.published or "undated",
               outlet=article.outlet or "unknown outlet",
               title=article.title or article.text.split("\n", 1)[0],
               link=safe_link(article.url), copy_of=article.copy_of)


class _Linker:
    """Links to passages of the story's articles."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self.articles = articles

    def span(self, article_id: str, start: int, end: int) -> Link:
        article = self.articles.get(article_id)
        label = (article.outlet if article else None) or "unknown outlet"
        text = article.text[start:end] if article else ""
        url = safe_link(article.url) if article else None
        href = f"{url.split('#')[0]}#:~:text={_fragment(text)}" if url and text else \
            f"#{article_id}"
        return Link(label, href, article_id, start, end)

    def text(self, article_id: str, text: str) -> Link:
        article = self.articles.get(article_id)
        at = article.text.find(text) if article else -1
        return self.span(article_id, max(at, 0), max(at, 0) + len(text) if at >= 0 else 0)

    def quote(self, item: Quote) -> Link:
        return self.span(item.article_id, item.start, item.end)

    def figure(self, item: Figure) -> Link:
        return self.span(item.article_id, item.start, item.end)


def _fragment(text: str) -> str:
    """A text directive of the passage's first words (dashes encoded, as the spec asks)."""
    first = " ".join(text.split()[:FRAGMENT_WORDS])
    return quote(first, safe="").replace("-", "%2D")


def _key_quotes(quotes: Sequence[Quote], comparisons: Mapping[str, Any],
                link: _Linker) -> list[dict[str, Any]]:
    """Remarks several outlets carry first (most independent outlets first), then single
    direct quotes with a known speaker."""
    by_id = {q.id: q for q in quotes}
    groups = sorted(_records(comparisons, "quote_groups"),
                    key=lambda g: (-g["independent_outlets"], -len(g["quote_ids"])))
    found, seen = [], set()
    for group in groups:
        members = [by_id[i] for i in group["quote_ids"] if i in by_id]
        seen.update(group["quote_ids"])
        found.append({"speaker": group["speaker"], "text": group["text"],
                      "outlets": group["outlets"], "verdict": group["verdict"],
                      "independent_outlets": group["independent_outlets"],
                      "links": [link.quote(q) for q in members]})
    for item in quotes:
        if item.id not in seen and item.kind.value == "direct" and item.speaker:
            found.append({"speaker": item.speaker, "text": item.text, "verdict": None,
                          "outlets": [link.quote(item).label], "independent_outlets": 1,
                          "links": [link.quote(item)]})
    return found[:MAX_KEY_QUOTES]


def _wording(quotes: Sequence[Quote], comparisons: Mapping[str, Any],
             link: _Linker) -> list[dict[str, Any]]:
    """Each remark whose wordings differ: the fullest wording, then every other against it."""
    by_id = {q.id: q for q in quotes}
    found = []
    for group in _records(comparisons, "quote_groups"):
        if group["verdict"] == "identical" or group["reference"] not in by_id:
            continue
        ref = by_id[group["reference"]]
        variants = [_variant(p, by_id, link, group) for p in group["pairs"]
                    if p["a"] == ref.id and p["b"] in by_id]
        found.append({"speaker": group["speaker"], "verdict": group["verdict"],
                      "speakers": group.get("speakers", []),
                      "independent_outlets": group["independent_outlets"],
                      "reference": {"text": ref.text, "link": link.quote(ref)},
                      "variants": variants})
    return found


def _variant(pair: Mapping[str, Any], by_id: Mapping[str, Quote], link: _Linker,
             group: Mapping[str, Any]) -> dict[str, Any]:
    other = by_id[pair["b"]]
    return {"text": other.text, "verdict": pair["verdict"], "truncated": pair["truncated"],
            "diff": pair["diff"], "link": link.quote(other),
            "speaker": other.speaker if other.speaker != group["speaker"] else None}


def _figures(figures: Sequence[Figure], comparisons: Mapping[str, Any],
             link: _Linker) -> list[dict[str, Any]]:
    disputed = {i for c in _records(comparisons, "figure_conflicts") for i in c["figure_ids"]}
    shown = [f for f in figures if f.kind in NUMERIC_FIGURE_KINDS and not f.conversion_of]
    shown.sort(key=lambda f: (f.id not in disputed, f.subject or "", f.article_id, f.start))
    return [{"id": f.id, "text": f.text, "kind": f.kind, "value": f.value, "unit": f.unit,
             "approximate": f.approximate, "subject": f.subject, "conflict": f.id in disputed,
             "link": link.figure(f)} for f in shown[:MAX_FIGURES]]


def _figure_conflicts(figures: Sequence[Figure], comparisons: Mapping[str, Any],
                      link: _Linker) -> list[dict[str, Any]]:
    by_id = {f.id: f for f in figures}
    return [{"note": c["note"], "values": c.get("values", []),
             "links": [link.figure(by_id[i]) for i in c["figure_ids"] if i in by_id]}
            for c in _records(comparisons, "figure_conflicts")]


def _claim_conflict(record: Mapping[str, Any], link: _Linker) -> dict[str, Any]:
    sides = [link.span(record[s]["article_id"], record[s]["start"], record[s]["end"])
             for s in ("a", "b")]
    return {"kind": record["kind"], "note": record["note"], "a": record["a"]["text"],
            "b": record["b"]["text"], "a_says": record["a_says"], "b_says": record["b_says"],
            "links": sides}


def _claim(record: Mapping[str, Any], link: _Linker) -> dict[str, Any]:
    return {"claim": record["claim"], "kind": record.get("kind"),
            "independent_outlets": record["independent_outlets"],
            "outlets": record.get("outlets", []),
            "links": [link.span(p["article_id"], p["start"], p["end"])
                      for p in record.get("passages", [])]}


def _corroborated(comparisons: Mapping[str, Any], link: _Linker) -> list[dict[str, Any]]:
    claims = [c for c in _records(comparisons, "corroboration")
              if c.get("kind") in ("claim", "figure") and c["independent_outlets"] > 1]
    claims.sort(key=lambda c: -c["independent_outlets"])
    return [_claim(c, link) for c in claims[:MAX_CLAIMS]]


def _primary(quotes: Sequence[Quote], comparisons: Mapping[str, Any],
             link: _Linker) -> list[dict[str, Any]]:
    by_id = {q.id: q for q in quotes}
    found = []
    for check in _records(comparisons, "primary_checks"):
        item = by_id.get(check["quote_id"])
        if item is not None:
            found.append({"text": item.text, "speaker": item.speaker,
                          "verdict": check["verdict"], "matches": check["matches"],
                          "diff": check["diff"], "link": link.quote(item),
                          "source": check["passage"]["text"]})
    return found
