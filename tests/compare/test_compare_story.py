"""The compare stage on hand-built stories: quote groups, independent counts (a copy counts
once, with its origin), figure conflicts, claim conflicts, only-here, primary sources."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsdesk.compare import compare_articles, compare_story, input_hash
from newsdesk.model import Article, Figure, Quote, QuoteKind, Verdict
from newsdesk.settings import CompareSettings

MakeArticle = Callable[..., Article]
CFG = CompareSettings()


def quote(article: Article, words: str, speaker: str | None = "Ann Lee",
          kind: QuoteKind = QuoteKind.DIRECT) -> Quote:
    start = article.text.index(words)
    return Quote(article.id, start, start + len(words), words, kind,
                 speaker=speaker, speaker_entity_id="e-" + speaker.split()[0].lower()
                 if speaker else None)


def figure(article: Article, text: str, value: float, unit: str | None, kind: str = "count",
           subject: str | None = None, **extra: Any) -> Figure:
    start = article.text.index(text)
    return Figure(article.id, start, start + len(text), text, kind, value, unit,
                  subject=subject, **extra)


def articles(make_article: MakeArticle) -> list[Article]:
    return [
        make_article("a-1", "Minister Ann Lee said: “We have paused this contract, not "
                     "cancelled it, and I want to be very clear about that.” Twelve drones "
                     "circled the frigate.", outlet="Wire", published="2025-03-10"),
        make_article("a-2", "“We have halted this contract, not cancelled it, and I want to be "
                     "very clear about that,” Ann Lee said. 14 drones circled the frigate.",
                     outlet="Post", published="2025-03-10T12:00:00Z"),
        make_article("a-3", "Minister Ann Lee said: “We have paused this contract, not "
                     "cancelled it, and I want to be very clear about that.” Twelve drones "
                     "circled the frigate.", outlet="Herald", published="2025-03-11",
                     copy_of="a-1"),
        make_article("a-4", "“We have paused this contract, not cancelled it,” said Ann Lee. "
                     "The Courier understands the base at Townsville will also host the "
                     "aircraft during cyclone season.", outlet="Courier",
                     published="2025-03-11"),
    ]


def test_one_remark_in_four_articles_is_one_group_with_pairwise_verdicts(
        make_article: MakeArticle) -> None:
    found = articles(make_article)
    quotes = [quote(found[0], "We have paused this contract, not cancelled it, and I want to "
                    "be very clear about that."),
              quote(found[1], "We have halted this contract, not cancelled it, and I want to "
                    "be very clear about that,"),
              quote(found[2], "We have paused this contract, not cancelled it, and I want to "
                    "be very clear about that."),
              quote(found[3], "We have paused this contract, not cancelled it,")]
    result = compare_story("s-1", list(compare_articles(found).values()), quotes, [], CFG)
    [group] = result.quote_groups
    assert set(group.quote_ids) == {q.id for q in quotes}
    assert group.verdict is Verdict.DIVERGENT
    assert group.truncated == (quotes[3].id,)
    verdicts = {frozenset((p.a, p.b)): p.verdict for p in group.pairs}
    assert verdicts[frozenset((quotes[0].id, quotes[2].id))] is Verdict.IDENTICAL
    assert verdicts[frozenset((quotes[0].id, quotes[1].id))] is Verdict.DIVERGENT
    # Wire and its copy in the Herald count once: Wire, Post, Courier
    assert group.independent_outlets == 3
    assert set(group.outlets) == {"Wire", "Post", "Herald", "Courier"}


def test_different_speakers_keep_different_remarks_apart(make_article: MakeArticle) -> None:
    a = make_article("a-1", "“We will build the bridge this year,” Ann Lee said.", outlet="A")
    b = make_article("a-2", "“We will build the road next year,” Bob Ray said.", outlet="B")
    quotes = [quote(a, "We will build the bridge this year,"),
              quote(b, "We will build the road next year,", speaker="Bob Ray")]
    result = compare_story("s-1", list(compare_articles([a, b]).values()), quotes, [], CFG)
    assert result.quote_groups == ()


def test_the_same_words_under_two_speakers_are_grouped_and_both_named(
        make_article: MakeArticle) -> None:
    a = make_article("a-1", "“From today it is our problem, and we will solve it,” Ann Lee "
                     "said.", outlet="A")
    b = make_article("a-2", "“From today it is our problem, and we will solve it,” Bob Ray "
                     "said.", outlet="B")
    quotes = [quote(a, "From today it is our problem, and we will solve it,"),
              quote(b, "From today it is our problem, and we will solve it,", speaker="Bob Ray")]
    result = compare_story("s-1", list(compare_articles([a, b]).values()), quotes, [], CFG)
    [group] = result.quote_groups
    assert set(group.speakers) == {"Ann Lee", "Bob Ray"}


def test_counts_that_disagree_across_outlets_are_a_conflict(make_article: MakeArticle) -> None:
    found = articles(make_article)
    figures = [figure(found[0], "Twelve drones", 12.0, "drones", subject="drones"),
               figure(found[1], "14 drones", 14.0, "drones", subject="drones"),
               figure(found[2], "Twelve drones", 12.0, "drones", subject="drones")]
    result = compare_story("s-1", list(compare_articles(found).values()), [], figures, CFG)
    [conflict] = result.figure_conflicts
    assert set(conflict.figure_ids) == {f.id for f in figures}
    assert "Twelve drones" in conflict.note and "14 drones" in conflict.note
    assert conflict.independent_outlets == 2
    agreeing = [c for c in result.corroboration if c.kind == "figure"]
    assert agreeing == []  # the Wire and its copy are one source


def test_rounding_and_ranges_are_not_conflicts(make_article: MakeArticle) -> None:
    a = make_article("a-1", "The fleet costs €2.1bn a year.", outlet="A")
    b = make_article("a-2", "The fleet costs €2.14bn a year.", outlet="B")
    figures = [figure(a, "€2.1bn", 2.1e9, "EUR", "money", "fleet cost"),
               figure(b, "€2.14bn", 2.14e9, "EUR", "money", "fleet cost")]
    result = compare_story("s-1", list(compare_articles([a, b]).values()), [], figures, CFG)
    assert result.figure_conflicts == ()
    [agreed] = [c for c in result.corroboration if c.kind == "figure"]
    assert agreed.independent_outlets == 2


def test_an_outlet_giving_a_part_and_the_whole_is_no_conflict(make_article: MakeArticle) -> None:
    a = make_article("a-1", "Six patrol vessels will join. Two patrol vessels come from the "
                     "Tyne.", outlet="A")
    b = make_article("a-2", "Six patrol vessels will join the force.", outlet="B")
    figures = [figure(a, "Six patrol vessels", 6.0, "patrol vessels", subject="vessels"),
               figure(a, "Two patrol vessels", 2.0, "patrol vessels", subject="vessels"),
               figure(b, "Six patrol vessels", 6.0, "patrol vessels", subject="vessels")]
    result = compare_story("s-1", list(compare_articles([a, b]).values()), [], figures, CFG)
    assert result.figure_conflicts == ()


def test_a_sentence_on_the_outlets_own_sourcing_with_no_counterpart_is_only_here(
        make_article: MakeArticle) -> None:
    found = articles(make_article)
    result = compare_story("s-1", list(compare_articles(found).values()), [], [], CFG)
    only = [c for c in result.corroboration if c.kind == "only-here"]
    assert [c.claim for c in only] == [
        "The Courier understands the base at Townsville will also host the aircraft during "
        "cyclone season."]
    assert only[0].article_ids == ("a-4",) and only[0].independent_outlets == 1


def test_a_name_misspelt_by_one_outlet_is_a_claim_conflict(make_article: MakeArticle) -> None:
    a = make_article("a-1", "NATO chief Jens Stoltenberg met the defence ministers in Brussels "
                     "on Tuesday morning.", outlet="A")
    b = make_article("a-2", "NATO chief Jens Stoltenburg met the defence ministers in Brussels "
                     "on Tuesday morning.", outlet="B")
    result = compare_story("s-1", list(compare_articles([a, b]).values()), [], [], CFG)
    assert [(c.kind, c.a_says, c.b_says) for c in result.claim_conflicts] == [
        ("name", "Stoltenberg", "Stoltenburg")]


def test_a_different_number_or_date_in_one_sentence_is_a_claim_conflict(
        make_article: MakeArticle) -> None:
    a = make_article("a-1", "The talks in Copenhagen collapsed on March 11 after five hours of "
                     "argument over the cost.", outlet="A")
    b = make_article("a-2", "The talks in Copenhagen collapsed on March 12 after seven hours of "
                     "argument over the cost.", outlet="B")
    result = compare_story("s-1", list(compare_articles([a, b]).values()), [], [], CFG)
    assert sorted((c.kind, c.a_says, c.b_says) for c in result.claim_conflicts) == [
        ("number", "11", "12"), ("number", "five", "seven")]


def test_a_quote_is_checked_against_the_primary_source(make_article: MakeArticle) -> None:
    transcript = make_article("a-9", "MINISTER: Thank you. We have paused this contract, not "
                              "cancelled it. Questions?", outlet="Ministry")
    a = make_article("a-1", "“We have paused this contract, not cancelled it,” Ann Lee said.",
                     outlet="A")
    b = make_article("a-2", "“We have halted this contract, not cancelled it,” Ann Lee said.",
                     outlet="B")
    known = compare_articles([transcript, a, b], primary_ids=["a-9"])
    quotes = [quote(a, "We have paused this contract, not cancelled it,"),
              quote(b, "We have halted this contract, not cancelled it,")]
    result = compare_story("s-1", [known["a-1"], known["a-2"]], quotes, [], CFG,
                           primaries=[known["a-9"]])
    checks = {c.article_id: c for c in result.primary_checks}
    assert checks["a-1"].matches and checks["a-1"].verdict is Verdict.IDENTICAL
    assert not checks["a-2"].matches and checks["a-2"].verdict is Verdict.DIVERGENT
    assert checks["a-1"].passage.text == "We have paused this contract, not cancelled it"


def test_an_article_crediting_a_wire_counts_as_the_wire(make_article: MakeArticle) -> None:
    wire = make_article("a-1", "Text.", outlet="Meridian Press Agency")
    credited = make_article("a-2", "Text.", outlet="Tasman Times",
                            origin_outlet="Meridian Press Agency")
    known = compare_articles([wire, credited])
    assert known["a-1"].independent_key == known["a-2"].independent_key


def test_the_input_hash_changes_with_a_copy_link_and_not_otherwise(
        make_article: MakeArticle) -> None:
    found = articles(make_article)
    before = input_hash(list(compare_articles(found).values()), [], [])
    assert before == input_hash(list(compare_articles(found).values()), [], [])
    unlinked = [found[0], found[1], make_article("a-3", found[2].text, outlet="Herald"),
                found[3]]
    assert before != input_hash(list(compare_articles(unlinked).values()), [], [])


def test_nobody_hurt_against_someone_hurt_is_a_casualty_conflict(
        make_article: MakeArticle) -> None:
    a = make_article("a-1", "The ministry said no one had been injured in the attack.",
                     outlet="A")
    b = make_article("a-2", "One sailor was treated for minor burns after the attack, a navy "
                     "source said.", outlet="B")
    c = make_article("a-3", "The frigate returned to port on Friday with minor damage.",
                     outlet="C")
    result = compare_story("s-1", list(compare_articles([a, b, c]).values()), [], [], CFG)
    [conflict] = result.claim_conflicts
    assert conflict.kind == "casualties"
    assert (conflict.a.article_id, conflict.b.article_id) == ("a-1", "a-2")


def test_a_changed_word_is_a_conflict_inside_a_quote_and_not_in_prose(
        make_article: MakeArticle) -> None:
    a = make_article("a-1", "“We have paused this contract until the review is done,” the "
                     "minister told reporters. The cost of the programme rose again.", outlet="A")
    b = make_article("a-2", "“We have halted this contract until the review is done,” the "
                     "minister told reporters. The bill of the programme rose again.", outlet="B")
    result = compare_story("s-1", list(compare_articles([a, b]).values()), [], [], CFG)
    assert [(c.kind, c.a_says, c.b_says) for c in result.claim_conflicts] == [
        ("wording", "paused", "halted")]


def test_scattered_shared_words_do_not_make_one_remark(make_article: MakeArticle) -> None:
    a = make_article("a-1", "“We are not asking for alms. We are asking for fairness,” "
                     "Vestergaard said.", outlet="A")
    b = make_article("a-2", "“We are not far apart,” Vestergaard said.", outlet="B")
    quotes = [quote(a, "We are not asking for alms. We are asking for fairness,",
                    speaker="Anders Vestergaard"),
              quote(b, "We are not far apart,", speaker="Anders Vestergaard")]
    result = compare_story("s-1", list(compare_articles([a, b]).values()), quotes, [], CFG)
    assert result.quote_groups == ()
