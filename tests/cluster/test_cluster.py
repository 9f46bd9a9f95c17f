"""Stories: near-identical texts together, unrelated apart, ids stable, copies follow origins."""

from __future__ import annotations

from collections.abc import Callable

from newsdesk.cluster import PRODUCER, cluster
from newsdesk.model import Article, Story
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


def story_of(stories: list[Story], article_id: str) -> str:
    [found] = [s.id for s in stories if article_id in s.article_ids]
    return found


def test_cluster_puts_near_identical_texts_together(make_article: MakeArticle) -> None:
    stories = cluster([make_article("a-1", BRIDGE_A, published="2025-02-11"),
                       make_article("a-2", BRIDGE_B, published="2025-02-12"),
                       make_article("a-3", STORM, published="2025-02-12")], CFG)
    assert story_of(stories, "a-1") == story_of(stories, "a-2") != story_of(stories, "a-3")
    assert len(stories) == 2


def test_cluster_keeps_unrelated_texts_apart(make_article: MakeArticle) -> None:
    stories = cluster([make_article("a-1", BRIDGE_A), make_article("a-2", STORM),
                       make_article("a-3", LIBRARY)], CFG)
    assert sorted(len(s.article_ids) for s in stories) == [1, 1, 1]


def test_cluster_keeps_existing_story_ids_when_new_articles_join(
        make_article: MakeArticle) -> None:
    known = [make_article("a-1", BRIDGE_A, story_id="s-bridge", published="2025-02-11"),
             make_article("a-3", STORM, story_id="s-storm", published="2025-02-12")]
    newcomer = make_article("a-2", BRIDGE_B, published="2025-02-13")

    stories = cluster([*known, newcomer], CFG)

    assert {s.id: s.article_ids for s in stories} == {"s-bridge": ("a-1", "a-2"),
                                                      "s-storm": ("a-3",)}


def test_cluster_new_story_id_comes_from_its_first_article(make_article: MakeArticle) -> None:
    [one] = cluster([make_article("a-1", STORM)], CFG)
    [again] = cluster([make_article("a-1", STORM)], CFG)
    assert one.id == again.id
    assert one.id.startswith("s-")
    assert one.producer == PRODUCER


def test_cluster_assigns_a_copy_to_its_origins_story(make_article: MakeArticle) -> None:
    origin = make_article("a-1", BRIDGE_A, published="2025-02-11")
    unrelated = make_article("a-2", STORM, published="2025-02-12")
    # The copy's text is deliberately unlike its origin: the link decides, not the text.
    copy = make_article("a-3", LIBRARY, copy_of="a-1", story_id="s-elsewhere")

    stories = cluster([copy, unrelated, origin], CFG)

    assert story_of(stories, "a-3") == story_of(stories, "a-1") != story_of(stories, "a-2")
    assert "s-elsewhere" not in {s.id for s in stories}


def test_cluster_story_title_dates_and_order(make_article: MakeArticle) -> None:
    stories = cluster([make_article("a-2", BRIDGE_B, published="2025-02-13", title="Later"),
                       make_article("a-1", BRIDGE_A, published="2025-02-11", title="Earliest"),
                       make_article("a-9", BRIDGE_A + " More.", title="Undated")], CFG)
    [story] = stories
    assert story.title == "Earliest"
    assert (story.first_seen, story.last_seen) == ("2025-02-11", "2025-02-13")
    assert story.article_ids == ("a-1", "a-2", "a-9")


def test_cluster_names_an_untitled_story_by_its_first_paragraph(
        make_article: MakeArticle) -> None:
    [story] = cluster([make_article("a-1", "First paragraph here.\n\n" + STORM)], CFG)
    assert story.title == "First paragraph here."


def test_cluster_threshold_comes_from_the_settings(make_article: MakeArticle) -> None:
    articles = [make_article("a-1", BRIDGE_A), make_article("a-2", BRIDGE_B)]
    assert len(cluster(articles, ClusterSettings(similarity_threshold=0.0))) == 1
    assert len(cluster(articles, ClusterSettings(similarity_threshold=1.01))) == 2


def test_cluster_of_nothing_is_nothing() -> None:
    assert cluster([], CFG) == []


def test_cluster_survives_articles_made_only_of_stop_words(make_article: MakeArticle) -> None:
    text = "It was not to be, and so they were all there again for us to see."
    assert len(cluster([make_article("a-1", text)], CFG)) == 1
