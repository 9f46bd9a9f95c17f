"""The REST API: pages and cursors, filters, one error shape, ingest guarded by the token."""

from __future__ import annotations

import io
import json
import sqlite3
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import BRIDGE, LIBRARY, STORM, WEB_TOKEN, SampleRun
from newsdesk import Desk, pipeline
from newsdesk.desk import STORY_ANALYSES, STORY_SECTION_ROWS

Client = Any
AUTH = {"Authorization": f"Bearer {WEB_TOKEN}"}


def _error(answer: Any, status: int, code: str) -> str:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    return str(body["error"]["message"])


def test_story_list_pages_with_cursors_cover_every_story_once(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    client = web_client(sample_desk)
    seen, cursor = [], None
    while True:
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/stories", params=params).json()
        seen += [s["id"] for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [s.id for s in sample_desk.stories()]
    assert page["total"] == len(seen)


def test_story_list_items_count_articles_and_outlets(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    items = web_client(sample_desk).get("/api/v1/stories").json()["items"]
    outlets = sample_desk.outlets_by_story()
    for item, story in zip(items, sample_desk.stories(), strict=True):
        assert item["articles"] == len(story.article_ids)
        assert item["outlets"] == len(outlets[story.id])
        assert item["independent_outlets"] <= item["outlets"]


def test_story_list_filters_by_outlet_and_person(sample_desk: Desk,
                                                 web_client: Callable[..., Client]) -> None:
    client = web_client(sample_desk)
    by_outlet = client.get("/api/v1/stories", params={"outlet": "Kauri Post"}).json()["items"]
    expected = {a.story_id for a in sample_desk.articles(outlet="Kauri Post")}
    assert {s["id"] for s in by_outlet} == expected
    by_person = client.get("/api/v1/stories", params={"person": "Fontaine"}).json()["items"]
    assert by_person and all(
        any("Fontaine" in a.text for a in sample_desk.articles(story_id=s["id"]))
        for s in by_person)


def test_story_detail_has_the_same_values_as_the_page(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    story = sample_desk.stories()[0]
    view = web_client(sample_desk).get(f"/api/v1/stories/{story.id}").json()
    assert view["story"]["id"] == story.id
    assert [a["id"] for a in view["articles"]["items"]] == list(story.article_ids)
    assert sum(d["articles"] for d in view["timeline"]) == sum(
        1 for a in sample_desk.articles(story_id=story.id) if a.published)
    assert sum(c["articles"] for c in view["coverage"]) == len(story.article_ids)
    registered = set(pipeline.ANALYSIS_READERS) & set(STORY_ANALYSES)
    assert set(view["analysis"]) == registered
    assert view["analysis"]["summary"] == [{"story_id": story.id, "text": story.summary}]
    quotes = sample_desk.quotes(story_id=story.id)
    shown = view["analysis"]["quotes"]
    assert len(shown) == min(len(quotes), STORY_SECTION_ROWS)
    assert ("quotes" in view["more"]) == (len(quotes) > STORY_SECTION_ROWS)
    assert {q["id"] for q in shown} <= {q.id for q in quotes}
    figures = {f.id for f in sample_desk.figures(story_id=story.id)}
    assert figures and {f["id"] for f in view["analysis"]["figures"]} <= figures


def test_article_list_filters_by_story(sample_desk: Desk,
                                       web_client: Callable[..., Client]) -> None:
    story = sample_desk.stories()[1]
    page = web_client(sample_desk).get("/api/v1/articles", params={"story_id": story.id})
    assert [a["id"] for a in page.json()["items"]] == list(story.article_ids)


def test_article_detail_carries_text_removed_and_copy(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    article = sample_desk.articles()[0]
    body = web_client(sample_desk).get(f"/api/v1/articles/{article.id}").json()
    assert body["article"]["text"] == article.text
    assert len(body["article"]["removed"]) == len(article.removed)
    assert body["copy"] is None


def test_analyses_no_stage_provides_say_so(sample_desk: Desk, web_client: Callable[..., Client],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "ANALYSIS_READERS", {})
    client = web_client(sample_desk)
    for kind, path in (("quotes", "quotes"), ("figures", "figures"), ("people", "people")):
        body = client.get(f"/api/v1/{path}").json()
        assert body == {"kind": kind, "available": False, "items": [], "next_cursor": None}
    person = client.get("/api/v1/people/Fontaine").json()
    assert person["quotes"] is None and person["variants"] is None and person["mentions"]
    assert client.get(f"/api/v1/stories/{sample_desk.stories()[0].id}").json()["analysis"] == {}


@pytest.mark.parametrize("kind", ["quotes", "figures"])
def test_analysis_pages_cover_every_record_once_in_the_export_shape(
        sample_desk: Desk, web_client: Callable[..., Client], kind: str) -> None:
    client = web_client(sample_desk)
    story = max(sample_desk.stories(), key=lambda s: len(s.article_ids))
    everything, cursor = [], None
    while True:
        page = client.get(f"/api/v1/{kind}", params={"limit": 7, "story_id": story.id, **(
            {"cursor": cursor} if cursor else {})}).json()
        everything += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert page["available"] is True
    stored = (sample_desk.quotes(story_id=story.id) if kind == "quotes"
              else sample_desk.figures(story_id=story.id))
    assert sorted(r["id"] for r in everything) == sorted(r.id for r in stored)
    exported = sample_desk.export(io.StringIO())[kind]
    by_id = {r["id"]: r for r in exported}
    for record in everything:
        assert {k: v for k, v in record.items() if k in by_id[record["id"]]} == by_id[
            record["id"]]


def test_quotes_of_a_speaker_match_name_variants_across_outlets(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    speaker = max(sample_desk.people(["PERSON"]),
                  key=lambda e: len(sample_desk.quotes(speaker=e.name)))
    client = web_client(sample_desk)
    by_name = client.get("/api/v1/quotes", params={"speaker": speaker.name,
                                                   "limit": 500}).json()["items"]
    assert {q["id"] for q in by_name} == {q.id for q in sample_desk.quotes(speaker=speaker.name)}
    assert all(q["speaker"] == speaker.name and q["outlet"] for q in by_name)
    shouted = unicodedata.normalize("NFKD", speaker.name).encode("ascii", "ignore").decode()
    again = client.get("/api/v1/quotes", params={"speaker": f" {shouted.upper()} ",
                                                 "limit": 500}).json()["items"]
    assert again == by_name


def test_search_returns_hits_with_highlight_offsets(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    body = web_client(sample_desk).get("/api/v1/search", params={"q": "cable"}).json()
    assert body["items"]
    for hit in body["items"]:
        assert all(hit["snippet"][s:e].lower().startswith("cable") for s, e in hit["highlights"])


def test_export_is_the_contract_document(sample_desk: Desk,
                                         web_client: Callable[..., Client]) -> None:
    body = web_client(sample_desk).get("/api/v1/export").json()
    assert body["format"] == "newsdesk-export" and body["version"] == 1
    assert len(body["articles"]) == len(sample_desk.articles())


@pytest.mark.parametrize("path, status, code", [
    ("/api/v1/stories/s-nothing", 404, "not-found"),
    ("/api/v1/articles/a-nothing", 404, "not-found"),
    ("/api/v1/nowhere", 404, "not-found"),
    ("/api/v1/stories?limit=0", 422, "invalid-request"),
    ("/api/v1/stories?limit=abc", 422, "invalid-request"),
    ("/api/v1/stories?cursor=bm90IGEgY3Vyc29y", 400, "bad-request"),
    ("/api/v1/stories?cursor=%FF%FE", 400, "bad-request"),
    ("/api/v1/quotes?cursor=WyIxIiwicyJd", 400, "bad-request"),
    ("/api/v1/stories?since=last+week", 400, "bad-request"),
])
def test_errors_have_one_shape(sample_desk: Desk, web_client: Callable[..., Client],
                               path: str, status: int, code: str) -> None:
    message = _error(web_client(sample_desk).get(path), status, code)
    assert message and "Traceback" not in message


def test_reads_from_another_machine_need_the_token(
        sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    remote = web_client(sample_desk, WEB_TOKEN, host="192.0.2.7")
    _error(remote.get("/api/v1/stories"), 401, "token-required")
    assert remote.get("/api/v1/stories", headers=AUTH).status_code == 200
    page = remote.get("/")
    assert page.status_code == 401 and "<h1>" in page.text


def test_post_without_the_token_is_refused(tmp_path: Path,
                                           web_client: Callable[..., Client]) -> None:
    with Desk(tmp_path / "w.db") as desk:
        guarded = web_client(desk, WEB_TOKEN)
        _error(guarded.post("/api/v1/articles", content=BRIDGE), 401, "token-required")
        wrong = {"Authorization": "Bearer nope"}
        _error(guarded.post("/api/v1/articles", content=BRIDGE, headers=wrong), 401,
               "token-required")
        open_server = web_client(desk)
        message = _error(open_server.post("/api/v1/articles", content=BRIDGE, headers=AUTH),
                         403, "forbidden")
        assert "--token" in message
        assert desk.articles() == []


@pytest.mark.parametrize("media_type, body, articles", [
    ("text/plain; charset=utf-8", BRIDGE.encode(), 1),
    ("text/html", f"<html><body><article><h1>Storm</h1><p>{STORM}</p></article></body>"
                  "</html>".encode(), 1),
    ("application/json", json.dumps({"text": LIBRARY, "outlet": "Village Post"}).encode(), 1),
    ("application/x-ndjson", "\n".join(json.dumps({"text": t}) for t in (STORM, LIBRARY))
     .encode(), 2),
])
def test_post_ingests_text_html_json_and_jsonl(tmp_path: Path,
                                               web_client: Callable[..., Client],
                                               media_type: str, body: bytes,
                                               articles: int) -> None:
    with Desk(tmp_path / "w.db") as desk:
        client = web_client(desk, WEB_TOKEN)
        answer = client.post("/api/v1/articles?analyze=true&source=desk-test", content=body,
                             headers={**AUTH, "Content-Type": media_type})
        assert answer.status_code == 201, answer.text
        assert answer.json()["articles"] == articles
        assert len(desk.articles()) == articles and desk.stories()
        again = client.post("/api/v1/articles", content=body,
                            headers={**AUTH, "Content-Type": media_type})
        assert again.status_code == 200 and len(again.json()["unchanged"]) == articles


def test_post_fills_metadata_from_the_query(tmp_path: Path,
                                            web_client: Callable[..., Client]) -> None:
    with Desk(tmp_path / "w.db") as desk:
        client = web_client(desk, WEB_TOKEN)
        client.post("/api/v1/articles?outlet=Avon+Echo&published=2025-03-01", content=BRIDGE,
                    headers={**AUTH, "Content-Type": "text/plain"})
        article = desk.articles()[0]
        assert (article.outlet, article.published) == ("Avon Echo", "2025-03-01")
        bad = client.post("/api/v1/articles?published=soon", content=STORM, headers=AUTH)
        assert "not an ISO date" in _error(bad, 400, "bad-request")


@pytest.mark.parametrize("media_type, body, words", [
    ("application/pdf", b"%PDF-1.4", "unsupported media type"),
    ("text/plain", b"   ", "white space"),
    ("application/json", b"{not json", "not valid JSON"),
])
def test_post_of_bad_input_is_a_400_naming_the_problem(
        tmp_path: Path, web_client: Callable[..., Client], media_type: str, body: bytes,
        words: str) -> None:
    with Desk(tmp_path / "w.db") as desk:
        client = web_client(desk, WEB_TOKEN)
        answer = client.post("/api/v1/articles", content=body,
                             headers={**AUTH, "Content-Type": media_type})
        assert words in _error(answer, 400, "bad-request")
        assert desk.rejected()[0].rejected.source == "api"


def test_post_larger_than_the_limit_is_a_413(tmp_path: Path,
                                             web_client: Callable[..., Client]) -> None:
    from newsdesk import Settings

    settings = Settings.load(overrides={"ingest.max_file_bytes": "100"})
    with Desk(tmp_path / "w.db", settings) as desk:
        answer = web_client(desk, WEB_TOKEN).post(
            "/api/v1/articles", content=BRIDGE * 3, headers={**AUTH, "Content-Type": "text/plain"})
        _error(answer, 413, "too-large")


def test_rejected_list_and_outlets(sample_desk: Desk, web_client: Callable[..., Client]) -> None:
    client = web_client(sample_desk)
    assert client.get("/api/v1/rejected").json() == {"items": []}
    outlets = client.get("/api/v1/outlets").json()["items"]
    assert sum(o["articles"] for o in outlets) == sum(
        1 for a in sample_desk.articles() if a.outlet)
    assert sum(o["first"] for o in outlets) <= len(sample_desk.stories())


def test_cached_answers_never_outlive_a_write_from_anywhere(
        tmp_path: Path, web_client: Callable[..., Client]) -> None:
    db = tmp_path / "c.db"
    with Desk(db) as desk:
        client = web_client(desk, WEB_TOKEN)
        assert client.get("/api/v1/stories").json()["total"] == 0
        assert client.get("/api/v1/stories").json()["total"] == 0
        client.post("/api/v1/articles?analyze=true", content=BRIDGE,
                    headers={**AUTH, "Content-Type": "text/plain"})
        assert client.get("/api/v1/stories").json()["total"] == 1
        with Desk(db) as elsewhere:
            elsewhere.ingest([_write(tmp_path / "storm.txt", STORM)])
            elsewhere.analyze()
        assert client.get("/api/v1/stories").json()["total"] == 2
        assert "2 stories" in client.get("/").text


def test_data_version_changes_with_every_commit(tmp_path: Path) -> None:
    with Desk(tmp_path / "v.db") as desk, Desk(tmp_path / "v.db") as other:
        before = desk.data_version()
        assert desk.data_version() == before
        other.ingest([_write(tmp_path / "bridge.txt", BRIDGE)])
        assert desk.data_version() != before


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1:8000", 200), ("localhost", 200), ("[::1]:8000", 200),
    ("rebound.example:8000", 400), ("127.0.0.1.rebound.example", 400)])
def test_reads_answer_only_to_the_servers_own_name(
        sample_desk: Desk, web_client: Callable[..., Client], host: str, status: int) -> None:
    client = web_client(sample_desk, WEB_TOKEN)
    answer = client.get("/api/v1/stories", headers={"Host": host})
    assert answer.status_code == status
    if status == 400:
        _error(answer, 400, "unknown-host")
        assert client.get("/api/v1/stories", headers={"Host": host, **AUTH}).status_code == 200


def test_people_are_ranked_and_paged_in_the_store(sample_desk: Desk,
                                                  web_client: Callable[..., Client]) -> None:
    """The API's people are the PERSON entities, most mentioned first, a page at a time, as
    ranking every entity in Python would give them."""
    every = sorted(sample_desk.people(["PERSON"]), key=lambda e: (-len(e.mentions), e.name, e.id))
    client = web_client(sample_desk)
    seen, cursor = [], None
    while True:
        params = {"limit": 2, "mentions": "all"}
        body = client.get("/api/v1/people", params={**params, "cursor": cursor} if cursor
                          else params).json()
        seen += [(p["id"], len(p["mentions"]), p["mention_count"]) for p in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [(e.id, len(e.mentions), len(e.mentions)) for e in every]
    rows = sample_desk.person_list(3)
    assert [(r.name, r.mentions, r.articles) for r in rows] == [
        (e.name, len(e.mentions), len({m.article_id for m in e.mentions})) for e in every[:3]]
    assert all(r.name not in r.spellings for r in rows)


@pytest.mark.parametrize("stored_counts", [True, False])
def test_people_list_caps_mentions_per_person(sample_run: SampleRun, tmp_path: Path,
                                              web_client: Callable[..., Client],
                                              stored_counts: bool) -> None:
    """Each person lists their first ``mentions`` mentions (by article and place; 20 unless
    asked, ``all`` for every one) and ``mention_count``, how many they have: alike from the
    counts analyze stored and when those are gone and people are ranked live."""
    copy = tmp_path / "copy.db"
    with sqlite3.connect(sample_run.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with Desk(copy) as desk:
        if not stored_counts:
            desk._store.set_copies([])  # what every analyze does first: counts dropped
            assert desk._store.ranked_entities("PERSON", 0, 1) is None
        every = sorted(desk.people(["PERSON"]), key=lambda e: (-len(e.mentions), e.name, e.id))
        top = every[0]
        assert len(top.mentions) > 3
        order = sorted(top.mentions, key=lambda m: (m.article_id, m.start))
        client = web_client(desk)
        for asked, listed in (("0", 0), ("3", 3), (None, 20), ("all", len(order))):
            body = client.get("/api/v1/people", params={"limit": 1} | (
                {"mentions": asked} if asked is not None else {})).json()
            person = body["items"][0]
            assert (person["id"], person["mention_count"]) == (top.id, len(top.mentions))
            assert [(m["article_id"], m["start"]) for m in person["mentions"]] == [
                (m.article_id, m.start) for m in order[:listed]]
        for bad in ("-1", "many", "2.5"):
            _error(client.get("/api/v1/people", params={"mentions": bad}), 422, "invalid-request")
