"""Stories: same event together, unrelated apart, ids stable, copies follow origins, merges
recorded, storylines linked, titles and summaries extractive."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from newsdesk.cluster import PRODUCER, PairModel, cluster
from newsdesk.cluster.embed import MiniLM, lead_text
from newsdesk.cluster.profile import FEATURES
from newsdesk.cluster.summary import sentences
from newsdesk.model import Article, Clustering, Mention
from newsdesk.settings import ClusterSettings

MakeArticle = Callable[..., Article]
CFG = ClusterSettings()
BRIDGE_A = ("The city council voted on Tuesday to approve a new bridge across the Avon river. "
            "Mayor Jane Holt said construction of the bridge would start in spring.")
BRIDGE_B = ("Councillors voted on Tuesday to approve the new Avon river bridge. Construction of "
            "the bridge will start in spring, Mayor Jane Holt said.")
STORM = ("A powerful storm hit the coast on Wednesday night, cutting electricity to thousands "
         "of homes and closing the harbour road. Engineers expect repairs by the weekend.")
LIBRARY = ("Readers queued outside the village library on Saturday as it reopened after months "
           "of repairs to flooded basement shelves. Volunteers catalogued every rescued book.")
BRIDGE_LATER = ("Work on the Avon river bridge began on Monday, weeks behind the plan the "
                "council approved. Mayor Jane Holt blamed the weather for the delay to the bridge.")


def run(articles: Sequence[Article], cfg: ClusterSettings = CFG,
        mentions: dict[str, list[Mention]] | None = None,
        model: PairModel | None = None) -> Clustering:
    return cluster(articles, mentions or {}, cfg, model, meanings(articles))


def meanings(articles: Sequence[Article]) -> dict[str, np.ndarray]:
    """Each article's sentence embedding, as the pipeline's embeddings stage makes it."""
    texts = [lead_text(a.title, a.text, CFG.embed_lead_chars) for a in articles]
    vectors = MiniLM(CFG.embed_tokens).embed(texts)
    return {a.id: vectors[row] for row, a in enumerate(articles)}


def story_of(found: Clustering, article_id: str) -> str:
    [sid] = [s.id for s in found.stories if article_id in s.article_ids]
    return sid


def constant_model(probability: float) -> PairModel:
    """A pair model that says ``probability`` whatever it is shown."""
    logit = float(np.log(probability / (1 - probability)))
    zeros = np.zeros(len(FEATURES))
    return PairModel(zeros, np.ones(len(FEATURES)), zeros, logit, "test@1")


def test_cluster_puts_two_reports_of_one_event_together(make_article: MakeArticle) -> None:
    found = run([make_article("a-1", BRIDGE_A, published="2025-02-11"),
                 make_article("a-2", BRIDGE_B, published="2025-02-12"),
                 make_article("a-3", STORM, published="2025-02-12")])
    assert story_of(found, "a-1") == story_of(found, "a-2") != story_of(found, "a-3")
    assert len(found.stories) == 2


def test_cluster_keeps_unrelated_texts_apart(make_article: MakeArticle) -> None:
    found = run([make_article("a-1", BRIDGE_A), make_article("a-2", STORM),
                 make_article("a-3", LIBRARY)])
    assert sorted(len(s.article_ids) for s in found.stories) == [1, 1, 1]


def test_cluster_keeps_existing_story_ids_when_new_articles_join(
        make_article: MakeArticle) -> None:
    known = [make_article("a-1", BRIDGE_A, story_id="s-bridge", published="2025-02-11"),
             make_article("a-3", STORM, story_id="s-storm", published="2025-02-12")]
    newcomer = make_article("a-2", BRIDGE_B, published="2025-02-13")

    found = run([*known, newcomer])

    assert {s.id: s.article_ids for s in found.stories} == {"s-bridge": ("a-1", "a-2"),
                                                            "s-storm": ("a-3",)}


def test_cluster_new_story_id_comes_from_its_first_article(make_article: MakeArticle) -> None:
    [one] = run([make_article("a-1", STORM)]).stories
    [again] = run([make_article("a-1", STORM)]).stories
    assert one.id == again.id
    assert one.id.startswith("s-")
    assert one.producer == PRODUCER


def test_cluster_assigns_a_copy_to_its_origins_story(make_article: MakeArticle) -> None:
    origin = make_article("a-1", BRIDGE_A, published="2025-02-11")
    unrelated = make_article("a-2", STORM, published="2025-02-12")
    # The copy's text is deliberately unlike its origin: the link decides, not the text.
    copy = make_article("a-3", LIBRARY, copy_of="a-1", story_id="s-elsewhere")

    found = run([copy, unrelated, origin])

    assert story_of(found, "a-3") == story_of(found, "a-1") != story_of(found, "a-2")
    assert "s-elsewhere" not in {s.id for s in found.stories}


def test_cluster_title_is_a_members_headline_and_dates_span_the_members(
        make_article: MakeArticle) -> None:
    found = run([make_article("a-2", BRIDGE_B, published="2025-02-13", title="Later"),
                 make_article("a-1", BRIDGE_A, published="2025-02-11", title="Earliest")],
                model=constant_model(0.9))
    [story] = found.stories
    assert story.title in {"Later", "Earliest"}
    assert (story.first_seen, story.last_seen) == ("2025-02-11", "2025-02-13")
    assert story.article_ids == ("a-1", "a-2")


def test_cluster_summary_is_two_or_three_sentences_from_the_members(
        make_article: MakeArticle) -> None:
    found = run([make_article("a-1", BRIDGE_A + "\n\n" + BRIDGE_LATER),
                 make_article("a-2", BRIDGE_B)], model=constant_model(0.9))
    [story] = found.stories
    picked = sentences(story.summary)
    pool = set(sentences(BRIDGE_A + "\n\n" + BRIDGE_LATER)) | set(sentences(BRIDGE_B))
    assert 2 <= len(picked) <= 3
    assert set(picked) <= pool


def test_cluster_summary_does_not_repeat_a_headline_the_text_opens_with(
        make_article: MakeArticle) -> None:
    headline = "Avon river bridge approved by the city council after a long debate"
    found = run([make_article("a-1", headline + "\n\n" + BRIDGE_A, title=headline),
                 make_article("a-2", BRIDGE_B, title="Bridge vote")], model=constant_model(0.9))
    [story] = found.stories
    assert story.summary
    assert headline not in story.summary


def test_cluster_names_an_untitled_story_by_its_first_paragraph(
        make_article: MakeArticle) -> None:
    [story] = run([make_article("a-1", "First paragraph here.\n\n" + STORM)]).stories
    assert story.title == "First paragraph here."


def test_cluster_join_probability_comes_from_the_settings(make_article: MakeArticle) -> None:
    articles = [make_article("a-1", BRIDGE_A), make_article("a-2", STORM)]
    model = constant_model(0.5)
    assert len(run(articles, ClusterSettings(join_probability=0.4), model=model).stories) == 1
    assert len(run(articles, ClusterSettings(join_probability=0.6), model=model).stories) == 2


def test_cluster_records_the_absorbed_id_when_stories_merge(make_article: MakeArticle) -> None:
    """Two stories already stored turn out to be one: the later is merged into the earlier."""
    articles = [make_article("a-1", BRIDGE_A, story_id="s-early", published="2025-02-11"),
                make_article("a-2", BRIDGE_B, story_id="s-late", published="2025-02-12")]
    found = run(articles, ClusterSettings(merge_probability=0.8), model=constant_model(0.9))
    assert [s.id for s in found.stories] == ["s-early"]
    assert [(m.absorbed, m.into) for m in found.merges] == [("s-late", "s-early")]


def test_cluster_links_related_stories_into_a_storyline(make_article: MakeArticle) -> None:
    holt = [Mention("", 0, 4, "Jane Holt", "PERSON"), Mention("", 0, 4, "Avon", "LOC")]
    articles = [make_article("a-1", BRIDGE_A, published="2025-02-11"),
                make_article("a-2", BRIDGE_LATER, published="2025-03-03"),
                make_article("a-3", STORM, published="2025-02-12")]
    found = run(articles, ClusterSettings(similarity_threshold=0.1),
                mentions={"a-1": holt, "a-2": holt}, model=constant_model(0.01))
    [line] = found.storylines
    assert line.id.startswith("l-")
    assert set(line.story_ids) == {story_of(found, "a-1"), story_of(found, "a-2")}
    by_id = {s.id: s for s in found.stories}
    assert by_id[story_of(found, "a-3")].storyline_id is None
    assert by_id[story_of(found, "a-1")].storyline_id == line.id


def test_cluster_of_nothing_is_nothing() -> None:
    assert run([]) == Clustering(())


def test_cluster_survives_articles_made_only_of_stop_words(make_article: MakeArticle) -> None:
    text = "It was not to be, and so they were all there again for us to see."
    assert len(run([make_article("a-1", text), make_article("a-2", text + " Yes.")]).stories) >= 1
