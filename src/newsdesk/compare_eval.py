"""Scoring the compare stage against the sample corpus gold (``wording_variants``,
``conflicts``, ``only_here``, ``copies``). Used by ``bench/compare.py`` and the quality-floor
test; both print or check the same numbers.

- wording variant found: every gold quote of the variant that quote extraction found is in
  one stored quote group; verdict right: each gold pair's stored pair verdict equals gold's;
- independent outlets right: the group's count equals the gold count over the group's
  articles (their gold outlets, a gold copy counted as its origin's outlet);
- conflict found: one stored figure conflict (or claim conflict) holds gold figures (or
  passages) of two different articles; precision: stored figure conflicts holding gold
  figures of two articles, of all stored;
- only-here found: a stored only-here claim's passage is the gold sentence (folded text,
  either inside the other); precision: stored only-here claims that are gold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsdesk.compare import fold
from newsdesk.goldset import GoldKey, gold_key
from newsdesk.model import Article, Figure, Quote

Records = Mapping[str, Sequence[Mapping[str, Any]]]


def compare_scores(gold: Mapping[str, Any], articles: Mapping[GoldKey, Article],
                   quotes: Sequence[Quote], figures: Sequence[Figure],
                   comparisons: Records) -> dict[str, float | int]:
    """Every score of the module docstring, by name."""
    scores: dict[str, float | int] = {}
    scores.update(_wording_scores(gold, articles, quotes, comparisons["quote_groups"]))
    scores.update(_conflict_scores(gold, articles, figures, comparisons))
    scores.update(_only_here_scores(gold, articles, comparisons["corroboration"]))
    scores.update(_copy_scores(gold, articles))
    return scores


def _find_quote(entry: Mapping[str, Any], articles: Mapping[GoldKey, Article],
                quotes_by_article: Mapping[str, list[Quote]]) -> Quote | None:
    article = articles.get(gold_key(dict(entry)))
    if article is None:
        return None
    wanted = fold(str(entry["text"]))
    return next((q for q in quotes_by_article.get(article.id, []) if fold(q.text) == wanted),
                None)


def _wording_scores(gold: Mapping[str, Any], articles: Mapping[GoldKey, Article],
                    quotes: Sequence[Quote], groups: Sequence[Mapping[str, Any]]
                    ) -> dict[str, float | int]:
    by_article: dict[str, list[Quote]] = {}
    for quote in quotes:
        by_article.setdefault(quote.article_id, []).append(quote)
    group_of = {qid: g for g in groups for qid in g["quote_ids"]}
    keys = {a.id: key for key, a in articles.items()}
    variants = found = pairs = right = identical_divergent = counts_right = 0
    for variant in gold["wording_variants"]:
        variants += 1
        mine = [_find_quote(q, articles, by_article) for q in variant["quotes"]]
        home = {id(group_of.get(q.id)) for q in mine if q is not None}
        group = group_of.get(mine[0].id) if mine[0] is not None else None
        if all(q is not None for q in mine) and len(home) == 1 and group is not None:
            found += 1
            expected = _gold_independent(gold, [keys[a] for a in group["article_ids"]
                                                if a in keys])
            counts_right += group["independent_outlets"] == expected
        for pair in variant["verdicts"]:
            pairs += 1
            verdict = _pair_verdict(group, mine[pair["a"]], mine[pair["b"]])
            right += verdict == pair["verdict"]
            identical_divergent += pair["verdict"] == "identical" and verdict == "divergent"
    return {"wording variants": variants, "wording variants found": found,
            "wording variants found share": found / variants if variants else 0.0,
            "gold pairs": pairs, "pair verdicts right": right,
            "pair verdicts right share": right / pairs if pairs else 0.0,
            "identical called divergent": identical_divergent,
            "independent counts right": counts_right,
            "independent counts right share": counts_right / found if found else 0.0,
            "quote groups stored": len(groups)}


def _pair_verdict(group: Mapping[str, Any] | None, a: Quote | None, b: Quote | None
                  ) -> str | None:
    if group is None or a is None or b is None:
        return None
    for pair in group["pairs"]:
        if {pair["a"], pair["b"]} == {a.id, b.id}:
            return str(pair["verdict"])
    return None


def _gold_independent(gold: Mapping[str, Any], members: Sequence[GoldKey]) -> int:
    """Distinct gold outlets of the group's articles, a gold copy counted as its origin."""
    outlet = {gold_key(a): a.get("outlet") for a in gold["articles"]}
    origin = {gold_key(c): gold_key(entry["origin"]) for entry in gold["copies"]
              for c in entry["copies"]}
    return len({outlet.get(origin.get(key, key)) or str(origin.get(key, key))
                for key in members})


def _find_figure(entry: Mapping[str, Any], articles: Mapping[GoldKey, Article],
                 figures_by_article: Mapping[str, list[Figure]]) -> list[Figure]:
    article = articles.get(gold_key(dict(entry)))
    if article is None:
        return []
    wanted = fold(str(entry["text"]))
    return [f for f in figures_by_article.get(article.id, [])
            if fold(f.text) == wanted or fold(f.text) in wanted or wanted in fold(f.text)]


def _conflict_scores(gold: Mapping[str, Any], articles: Mapping[GoldKey, Article],
                     figures: Sequence[Figure], comparisons: Records) -> dict[str, float | int]:
    by_article: dict[str, list[Figure]] = {}
    for figure in figures:
        by_article.setdefault(figure.article_id, []).append(figure)
    article_of = {f.id: f.article_id for f in figures}
    stored = comparisons["figure_conflicts"]
    gold_sets = []
    found = 0
    for conflict in gold["conflicts"]:
        ids = {f.id for entry in conflict["figures"]
               for f in _find_figure(entry, articles, by_article)}
        gold_sets.append(ids)
        hit = any(len({article_of[i] for i in set(c["figure_ids"]) & ids}) >= 2 for c in stored)
        found += hit or _claim_conflict_found(conflict, articles, comparisons["claim_conflicts"])
    right = sum(1 for c in stored if any(
        len({article_of[i] for i in set(c["figure_ids"]) & ids}) >= 2 for ids in gold_sets))
    return {"gold conflicts": len(gold["conflicts"]), "conflicts found": found,
            "conflicts found share": found / len(gold["conflicts"]) if gold["conflicts"] else 0.0,
            "figure conflicts stored": len(stored),
            "figure conflict precision": right / len(stored) if stored else 1.0,
            "claim conflicts stored": len(comparisons["claim_conflicts"])}


def _claim_conflict_found(conflict: Mapping[str, Any], articles: Mapping[GoldKey, Article],
                          stored: Sequence[Mapping[str, Any]]) -> bool:
    wanted = {(articles[gold_key(dict(e))].id, fold(str(e["text"])))
              for e in conflict["figures"] if gold_key(dict(e)) in articles}
    for record in stored:
        sides = [(record[s]["article_id"], fold(record[s]["text"])) for s in ("a", "b")]
        hits = {aid for aid, text in sides for wid, wtext in wanted if wid == aid and wtext in text}
        if len(hits) >= 2:
            return True
    return False


def _only_here_scores(gold: Mapping[str, Any], articles: Mapping[GoldKey, Article],
                      claims: Sequence[Mapping[str, Any]]) -> dict[str, float | int]:
    stored = [c for c in claims if c.get("kind") == "only-here"]
    wanted = [(articles[gold_key(dict(e))].id, fold(str(e["text"])))
              for e in gold["only_here"] if gold_key(dict(e)) in articles]

    def matches(claim: Mapping[str, Any], aid: str, text: str) -> bool:
        return any(p["article_id"] == aid and (fold(p["text"]) in text or text in fold(p["text"]))
                   for p in claim["passages"])

    found = sum(1 for aid, text in wanted if any(matches(c, aid, text) for c in stored))
    right = sum(1 for c in stored if any(matches(c, aid, text) for aid, text in wanted))
    total = len(gold["only_here"])
    return {"gold only-here": total, "only-here found": found,
            "only-here found share": found / total if total else 0.0,
            "only-here stored": len(stored),
            "only-here precision": right / len(stored) if stored else 1.0}


def _copy_scores(gold: Mapping[str, Any], articles: Mapping[GoldKey, Article]
                 ) -> dict[str, float | int]:
    total = found = 0
    for entry in gold["copies"]:
        origin = articles.get(gold_key(entry["origin"]))
        for copy in entry["copies"]:
            total += 1
            mine = articles.get(gold_key(copy))
            found += bool(origin and mine and mine.copy_of == origin.id)
    return {"gold copies": total, "copies found": found}
