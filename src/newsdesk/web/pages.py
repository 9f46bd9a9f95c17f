"""The HTML pages: each parses its request, makes one ``Desk`` call and renders a template.

Plain HTML that reads without JavaScript; every piece of content is escaped by Jinja2.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse

from newsdesk.desk import DEFAULT_PAGE_SIZE, DEFAULT_SEARCH_LIMIT, Desk
from newsdesk.model import StoryQuery
from newsdesk.web.api import desk_of
from newsdesk.web.markup import path_part
from newsdesk.web.render import marked_paragraphs, page

# People listed on /people, most mentioned first: a page a reader scans; anyone else is one
# search away (the name form) and the API pages through them all.
PEOPLE_SHOWN = 200

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
DeskDep = Annotated[Desk, Depends(desk_of)]
Text = Annotated[str | None, Query(max_length=500)]


@router.get("/")
def stories(request: Request, desk: DeskDep, since: Text = None, until: Text = None,
            outlet: Text = None, person: Text = None, q: Text = None,
            cursor: Text = None) -> HTMLResponse:
    query = StoryQuery(since=since or None, until=until or None, outlet=outlet or None,
                       person=person or None, text=q or None)
    found = desk.story_list(query, cursor or None, DEFAULT_PAGE_SIZE)
    return page(request, "stories.html.j2", stories=found, query=query)


@router.get("/stories/{story_id}")
def story(request: Request, desk: DeskDep, story_id: str,
          cursor: Text = None) -> HTMLResponse:
    view = desk.story_view(story_id, cursor or None, DEFAULT_PAGE_SIZE)
    return page(request, "story.html.j2", view=view, analysis=view.analysis)


@router.get("/stories/{story_id}/{kind}")
def story_records(request: Request, desk: DeskDep, story_id: str, kind: Literal[
        "quotes", "figures"], cursor: Text = None) -> HTMLResponse:
    """Every quote or figure of a story, a page at a time."""
    row, found = desk.story_records(story_id, kind, cursor or None, DEFAULT_PAGE_SIZE)
    return page(request, "story_records.html.j2", story=row, records=found)


@router.get("/articles/{article_id}")
def article(request: Request, desk: DeskDep, article_id: str) -> HTMLResponse:
    view = desk.article_view(article_id)
    paragraphs = marked_paragraphs(view.article.text, view.analysis)
    return page(request, "article.html.j2", view=view, paragraphs=paragraphs)


@router.get("/articles/{article_id}/raw", response_class=PlainTextResponse)
def raw(desk: DeskDep, article_id: str) -> PlainTextResponse:
    """The raw input as plain text: shown, never rendered (the CSP forbids it running too)."""
    return PlainTextResponse(desk.raw(article_id).content,
                             headers={"Content-Disposition": "inline"})


@router.get("/people", response_model=None)
def people(request: Request, desk: DeskDep, name: Text = None) -> HTMLResponse | RedirectResponse:
    if name and name.strip():
        return RedirectResponse(f"/people/{path_part(name.strip())}", status_code=303)
    return page(request, "people.html.j2", people=desk.person_list(PEOPLE_SHOWN),
                shown=PEOPLE_SHOWN)


@router.get("/people/{name}")
def person(request: Request, desk: DeskDep, name: str) -> HTMLResponse:
    return page(request, "person.html.j2", view=desk.person_view(name))


@router.get("/outlets")
def outlets(request: Request, desk: DeskDep) -> HTMLResponse:
    return page(request, "outlets.html.j2", outlets=desk.outlet_list())


@router.get("/search")
def search(request: Request, desk: DeskDep, q: Text = None) -> HTMLResponse:
    hits = desk.search(q, DEFAULT_SEARCH_LIMIT) if q and q.strip() else []
    return page(request, "search.html.j2", q=q or "", hits=hits)


@router.get("/rejected")
def rejected(request: Request, desk: DeskDep) -> HTMLResponse:
    return page(request, "rejected.html.j2", records=desk.rejected())
