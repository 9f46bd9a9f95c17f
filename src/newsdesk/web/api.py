"""The REST API under ``/api/v1``: the same values the pages show, as JSON.

Lists are paged with opaque cursors (``next_cursor``); errors have one shape,
``{"error": {"status", "code", "message"}}``; writes need the server's token.
"""

from __future__ import annotations

import hmac
import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from newsdesk.desk import DEFAULT_PAGE_SIZE, DEFAULT_SEARCH_LIMIT, MAX_PAGE_SIZE, Desk
from newsdesk.errors import UsageError
from newsdesk.model import (
    AnalysisScope,
    AnalyzeReport,
    ArticleList,
    ArticleView,
    Hints,
    OutletRow,
    PersonView,
    RawDocument,
    RecordPage,
    SearchHit,
    StoryList,
    StoryQuery,
    StoryView,
)
from newsdesk.pipeline import Upload


class ErrorBody(BaseModel):
    status: int
    code: str = Field(description="Stable, machine-readable: not-found, bad-request, …")
    message: str = Field(description="One line for people: what is wrong and what to do.")


class ErrorEnvelope(BaseModel):
    error: ErrorBody


class Records(BaseModel):
    """Records of one analysis, shaped as in the export contract (export-v1)."""

    kind: str
    available: bool = Field(description="False while no stage provides this analysis.")
    items: list[dict[str, Any]]
    next_cursor: str | None = None


class SearchResults(BaseModel):
    query: str
    items: list[SearchHit]


class OutletList(BaseModel):
    items: list[OutletRow]


class RejectedInput(BaseModel):
    source: str
    stage: str
    reason: str
    detail: str
    count: int
    last_seen: str


class RejectedList(BaseModel):
    items: list[RejectedInput]


class IngestResult(BaseModel):
    stored: list[str] = Field(description="Ids of the documents stored.")
    unchanged: list[str] = Field(description="Ids of documents that were stored already.")
    rejected: list[str] = Field(description="One line per input not stored, with the reason.")
    articles: int


_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": text} for status, text in (
        (400, "Bad request"), (401, "Token missing or wrong"), (404, "Not found"),
        (422, "Invalid parameters"))}
router = APIRouter(responses=_ERRORS)
_bearer = HTTPBearer(auto_error=False, description="The token given to `newsdesk serve`.")

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Rows per page.")]
Cursor = Annotated[str | None, Query(max_length=512, description="next_cursor of the "
                                     "previous page.")]


def desk_of(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


DeskDep = Annotated[Desk, Depends(desk_of)]


def require_token(request: Request, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    expected: str | None = request.app.state.token
    if expected is None:
        raise HTTPException(403, "writes are switched off: start the server with --token "
                                 "or NEWSDESK_TOKEN to allow them")
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "this needs the server's token: send "
                                 "'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})


@router.get("/stories", response_model=StoryList, tags=["stories"])
def list_stories(desk: DeskDep, since: str | None = None, until: str | None = None,
                 outlet: str | None = None, person: str | None = None,
                 q: str | None = None, cursor: Cursor = None,
                 limit: Limit = DEFAULT_PAGE_SIZE) -> StoryList:
    """Stories, latest activity first. ``since``/``until`` are ISO dates; ``person`` and
    ``q`` match the text of the stories' articles."""
    query = StoryQuery(since=since, until=until, outlet=outlet, person=person, text=q)
    return desk.story_list(query, cursor, limit)


@router.get("/stories/{story_id}", response_model=StoryView, tags=["stories"])
def get_story(desk: DeskDep, story_id: str, cursor: Cursor = None,
              limit: Limit = DEFAULT_PAGE_SIZE) -> StoryView:
    """A story: counts, timeline, coverage per outlet, a page of its articles, and the
    records of every analysis that has run for it."""
    return desk.story_view(story_id, cursor, limit)


@router.get("/articles", response_model=ArticleList, tags=["articles"])
def list_articles(desk: DeskDep, story_id: str | None = None, outlet: str | None = None,
                  cursor: Cursor = None, limit: Limit = DEFAULT_PAGE_SIZE) -> ArticleList:
    """Articles (metadata only), oldest first, optionally of one story or outlet."""
    return desk.article_list(story_id, outlet, cursor, limit)


@router.get("/articles/{article_id}", response_model=ArticleView, tags=["articles"])
def get_article(desk: DeskDep, article_id: str) -> ArticleView:
    """An article: clean text, removed furniture, copy link, quotes/figures/entities."""
    return desk.article_view(article_id)


@router.get("/articles/{article_id}/raw", response_model=RawDocument, tags=["articles"])
def get_raw(desk: DeskDep, article_id: str) -> RawDocument:
    """The input the article was cleaned from, exactly as stored."""
    return desk.raw(article_id)


@router.post("/articles", response_model=IngestResult, status_code=201, tags=["ingest"],
             dependencies=[Depends(require_token)], openapi_extra={"requestBody": {
                 "required": True, "content": {
                     "text/plain": {"schema": {"type": "string"}},
                     "text/html": {"schema": {"type": "string"}},
                     "application/json": {"schema": {"type": "object"}},
                     "application/x-ndjson": {"schema": {"type": "string"}}}}})
async def post_articles(request: Request, response: Response, source: str = "api",
                        outlet: str | None = None, published: str | None = None,
                        url: str | None = None, analyze: bool = False) -> IngestResult:
    """Ingest one page (text or HTML) or records (JSON object or list, JSONL), by the
    ``Content-Type``. ``outlet``/``published``/``url`` fill what the input does not carry;
    ``analyze=true`` brings copies and stories up to date afterwards."""
    desk = desk_of(request)
    data = await _body(request, desk.settings.ingest.max_file_bytes)
    upload = Upload(source=source, data=data,
                    media_type=request.headers.get("content-type", "text/plain"),
                    defaults=Hints(outlet=outlet, published=published, url=url))
    report = await run_in_threadpool(desk.ingest_upload, upload, analyze)
    if report.rejected and not (report.stored or report.unchanged):
        raise UsageError("; ".join(r.message() for r in report.rejected))
    response.status_code = 201 if report.stored else 200
    return IngestResult(stored=list(report.stored), unchanged=list(report.unchanged),
                        rejected=[r.message() for r in report.rejected],
                        articles=report.articles)


@router.post("/analyze", response_model=AnalyzeReport, tags=["ingest"],
             dependencies=[Depends(require_token)])
def post_analyze(desk: DeskDep) -> AnalyzeReport:
    """Bring copies and stories up to date with every stored article."""
    return desk.analyze()


@router.get("/quotes", response_model=Records, tags=["analyses"])
def list_quotes(desk: DeskDep, story_id: str | None = None, article_id: str | None = None,
                speaker: str | None = None, cursor: Cursor = None,
                limit: Limit = DEFAULT_PAGE_SIZE) -> Records:
    """Quotes (export-v1 shape, plus the ``outlet`` of each quote's article): attributed
    direct quotes first, then by publication; ``speaker`` matches a name or name variant."""
    scope = AnalysisScope(story_id=story_id, article_id=article_id, speaker=speaker)
    return _page(desk.analysis_page("quotes", scope, cursor, limit))


@router.get("/figures", response_model=Records, tags=["analyses"])
def list_figures(desk: DeskDep, story_id: str | None = None, article_id: str | None = None,
                 cursor: Cursor = None, limit: Limit = DEFAULT_PAGE_SIZE) -> Records:
    """Figures (export-v1 shape), by publication and place in the text."""
    scope = AnalysisScope(story_id=story_id, article_id=article_id)
    return _page(desk.analysis_page("figures", scope, cursor, limit))


# Mentions listed per person unless asked: the people most named carry hundreds each (on
# 10k stored articles the first 50 people had 45k mentions, a 3.6 MB page); 20 show where
# a person is named, ``mention_count`` says how many there are, ``mentions=all`` lists them.
DEFAULT_PERSON_MENTIONS = 20
Mentions = Annotated[str, Query(
    pattern=r"^(all|[0-9]{1,9})$",
    description="Mentions listed per person: a number (0 lists none) or `all`; "
                f"{DEFAULT_PERSON_MENTIONS} unless given. `mention_count` always says how "
                "many the person has.")]


@router.get("/people", response_model=Records, tags=["analyses"])
def list_people(desk: DeskDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE_SIZE,
                mentions: Mentions = str(DEFAULT_PERSON_MENTIONS)) -> Records:
    """People (export-v1 entities of type PERSON), with their name variants, most mentioned
    first; each lists its first ``mentions`` mentions (by article and place) and its
    ``mention_count``."""
    cap = None if mentions == "all" else int(mentions)
    return _page(desk.people_page(cursor, limit, cap))


@router.get("/people/{name}", response_model=PersonView, tags=["analyses"])
def get_person(desk: DeskDep, name: str) -> PersonView:
    """A person's quotes across outlets, name variants, and the articles naming them."""
    return desk.person_view(name)


@router.get("/outlets", response_model=OutletList, tags=["outlets"])
def list_outlets(desk: DeskDep) -> OutletList:
    """Outlets with their articles, stories, how often first and how often alone."""
    return OutletList(items=desk.outlet_list())


@router.get("/search", response_model=SearchResults, tags=["search"])
def search(desk: DeskDep, q: Annotated[str, Query(max_length=500)],
           limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_SEARCH_LIMIT
           ) -> SearchResults:
    """Full-text search; ``highlights`` are (start, end) offsets into ``snippet``."""
    return SearchResults(query=q, items=desk.search(q, limit))


@router.get("/rejected", response_model=RejectedList, tags=["ingest"])
def list_rejected(desk: DeskDep) -> RejectedList:
    """Inputs that were not stored, with the reason, newest first."""
    return RejectedList(items=[
        RejectedInput(source=r.rejected.source, stage=r.rejected.stage,
                      reason=r.rejected.reason.value, detail=r.rejected.detail,
                      count=r.count, last_seen=r.last_seen) for r in desk.rejected()])


@router.get("/export", tags=["export"])
def export(desk: DeskDep) -> dict[str, Any]:
    """Everything, in the export format (shared contract export-v1)."""
    return desk.export(io.StringIO())


def _page(page: RecordPage) -> Records:
    return Records(kind=page.kind, available=page.available, items=list(page.items),
                   next_cursor=page.next_cursor)


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused once it grows past ``limit`` bytes."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the body is over the limit of {limit:,} bytes "
                                     "(setting ingest.max_file_bytes)")
        chunks.append(chunk)
    return b"".join(chunks)
