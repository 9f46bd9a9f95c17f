"""Frozen copy of the compare stage as it was at compare.rules@1 (before the scale work), the
reference the scale tests hold the new code equal to. Do not edit.

Compare: the same remark across outlets, corroboration, conflicts, what only one outlet says.

    compare_story(story_id, articles, quotes, figures, cfg) -> Comparison

``articles`` come as ``CompareArticle`` values (``compare_articles`` makes them): each knows
the independent source it stands for, so a syndicated copy counts once, with its origin.
Pure functions of their inputs; the pipeline stores the result per story and recomputes a
story only when its input hash changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence

from compare_rules_v1 import claims as claim_rules
from compare_rules_v1 import figures as figure_rules
from compare_rules_v1 import remarks
from newsdesk.compare.wording import Wording, compare_wording, fold, spelling_variant, words
from newsdesk.model import (
    Article,
    Claim,
    CompareArticle,
    Comparison,
    Figure,
    Passage,
    Quote,
    QuoteGroup,
)
from newsdesk.settings import CompareSettings

# Bump when a change to these rules changes what is stored: every story is then recomputed.
COMPARE_PRODUCER = "compare.rules@1"

__all__ = ["COMPARE_PRODUCER", "Wording", "compare_articles", "compare_story",
           "compare_wording", "fold", "input_hash", "spelling_variant", "words"]


def compare_articles(articles: Sequence[Article], primary_ids: Iterable[str] = ()
                     ) -> dict[str, CompareArticle]:
    """Every article with the independent source it stands for: a copy stands for the
    outlet of the article it copies (followed to the first), an article crediting a wire
    for the wire, any other for its own outlet."""
    by_id = {a.id: a for a in articles}
    primary = set(primary_ids)
    return {a.id: CompareArticle(a.id, a.text, a.outlet, a.published,
                                 _independent_key(a, by_id), a.copy_of, a.id in primary)
            for a in articles}


def _independent_key(article: Article, by_id: Mapping[str, Article]) -> str:
    seen = {article.id}
    origin = article
    while origin.copy_of and origin.copy_of in by_id and origin.copy_of not in seen:
        origin = by_id[origin.copy_of]
        seen.add(origin.id)
    name = origin.origin_outlet or origin.outlet or article.origin_outlet
    return fold(name) if name else f"article:{origin.id}"


def compare_story(story_id: str, articles: Sequence[CompareArticle], quotes: Sequence[Quote],
                  figures: Sequence[Figure], cfg: CompareSettings,
                  primaries: Sequence[CompareArticle] = ()) -> Comparison:
    """Everything compared across the articles of one story."""
    by_id = {a.id: a for a in articles}
    worded = remarks.comparable([q for q in quotes if q.article_id in by_id
                                 and not by_id[q.article_id].primary], cfg)
    clusters = [c for c in remarks.quote_clusters(worded, cfg)
                if len({q.article_id for q in c}) > 1]
    groups = [_group(story_id, c, by_id) for c in clusters]
    sentences = claim_rules.story_sentences(articles, cfg)
    links = claim_rules.symmetric(claim_rules.counterparts(sentences, cfg))
    texts = _texts_by_key(articles)
    conflicts, agreements = figure_rules.conflicts_and_agreements(
        story_id, figure_rules.measured(figures, by_id), {}, cfg)
    corroborated = [
        *(_quote_claim(g, worded) for g in groups if g.independent_outlets > 1),
        *agreements,
        *claim_rules.key_claims(story_id, sentences, links),
        *claim_rules.only_here(story_id, sentences, links, len(texts), cfg),
    ]
    sources = [*(a for a in articles if a.primary), *primaries]
    return Comparison(
        story_id, tuple(groups), tuple(conflicts),
        tuple([*claim_rules.claim_conflicts(story_id, sentences, links, cfg),
               *claim_rules.casualty_conflicts(story_id, sentences)]),
        tuple(corroborated),
        tuple(remarks.primary_checks(story_id, worded, _unique(sources), cfg)))


def _unique(found: Sequence[CompareArticle]) -> list[CompareArticle]:
    return list({a.id: a for a in found}.values())


def _texts_by_key(articles: Sequence[CompareArticle]) -> dict[str, str]:
    found: dict[str, list[str]] = {}
    for article in articles:
        if not article.primary:
            found.setdefault(article.independent_key, []).append(article.text)
    return {key: "\n".join(texts) for key, texts in found.items()}


def _group(story_id: str, cluster: Sequence[Quote], by_id: Mapping[str, CompareArticle]
           ) -> QuoteGroup:
    ref = remarks.reference(cluster)
    ordered = [ref, *(q for q in cluster if q is not ref)]
    pairs = remarks.pairs(ordered)
    speaker, entity = remarks.speaker_name(ordered)
    members = [by_id[q.article_id] for q in ordered]
    ids = [q.id for q in ordered]
    return QuoteGroup(
        remarks.group_id(story_id, ids), story_id, speaker, entity, tuple(ids),
        tuple(dict.fromkeys(q.article_id for q in ordered)), ref.id, ref.text,
        remarks.group_verdict(pairs), tuple(pairs),
        tuple(dict.fromkeys(a.outlet for a in members if a.outlet)),
        len({a.independent_key for a in members}), remarks.truncations(ordered, ref),
        remarks.speakers(ordered))


def _quote_claim(group: QuoteGroup, quotes: Sequence[Quote]) -> Claim:
    by_id = {q.id: q for q in quotes}
    passages = tuple(Passage(by_id[i].article_id, by_id[i].start, by_id[i].end, by_id[i].text)
                     for i in group.quote_ids)
    speaker = f"{group.speaker}: " if group.speaker else ""
    return Claim("c-" + group.id[2:], group.story_id, "quote", f"{speaker}“{group.text}”",
                 passages, group.article_ids, group.outlets, group.independent_outlets)


def input_hash(articles: Sequence[CompareArticle], quotes: Sequence[Quote],
               figures: Sequence[Figure], primaries: Sequence[CompareArticle] = ()) -> str:
    """What a story's comparison depends on, hashed: rerunning on the same input is skipped."""
    parts = {
        "producer": COMPARE_PRODUCER,
        "articles": sorted((a.id, _digest(a.text), a.outlet, a.published, a.independent_key,
                            a.primary) for a in articles),
        "quotes": sorted((q.id, q.text, q.speaker, q.speaker_entity_id) for q in quotes),
        "figures": sorted((f.id, f.text, repr(f.value), f.unit, f.subject) for f in figures),
        "primaries": sorted((a.id, _digest(a.text)) for a in primaries),
    }
    return _digest(json.dumps(parts, sort_keys=True, default=str))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
