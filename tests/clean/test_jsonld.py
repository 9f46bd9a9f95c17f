"""JSON-LD structured data read before the layout-based extractor."""

from __future__ import annotations

from newsdesk.clean.jsonld import StructuredData, structured_data

GRAPH = """<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Example"},
  {"@type": ["NewsArticle"], "headline": "Bridge approved after long fight",
   "datePublished": "2025-02-12T22:30:00-05:00",
   "author": [{"@type": "Person", "name": "Jane Holt"}, {"@type": "Person", "name": "Ali Khan"}],
   "publisher": {"@type": "Organization", "name": "The Example Times"},
   "mainEntityOfPage": {"@id": "https://www.example.com/news/bridge"}}]}
</script></head><body></body></html>"""

LIVE = """<script type='application/ld+json'>{"@type": "LiveBlogPosting",
 "headline": "Treaty signed - as it happened", "datePublished": "2025-04-08T09:05:00+01:00",
 "liveBlogUpdate": [{"@type": "BlogPosting", "headline": "Signed"},
                    {"@type": "BlogPosting", "headline": "Welcome"}]}</script>"""


def test_jsonld_news_article_in_a_graph_gives_the_metadata() -> None:
    assert structured_data(GRAPH) == StructuredData(
        kind="NewsArticle", title="Bridge approved after long fight", published="2025-02-12",
        author="Jane Holt, Ali Khan", outlet="The Example Times",
        url="https://www.example.com/news/bridge")


def test_jsonld_live_blog_counts_its_updates() -> None:
    found = structured_data(LIVE)
    assert (found.kind, found.updates, found.published) == ("LiveBlogPosting", 2, "2025-04-08")


def test_jsonld_malformed_or_absent_gives_nothing() -> None:
    broken = '<script type="application/ld+json">{"@type": "NewsArticle",</script>'
    assert structured_data(broken) == StructuredData()
    assert structured_data("<html><body>No data</body></html>") == StructuredData()
