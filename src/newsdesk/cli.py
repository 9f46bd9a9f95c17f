"""The ``newsdesk`` command: a thin layer over ``newsdesk.Desk``.

Exit codes: 0 ok, 1 some inputs rejected (the rest processed), 2 usage or setup error.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Column, Table
from rich.text import Text

from newsdesk.desk import Desk, run_demo
from newsdesk.errors import NewsdeskError
from newsdesk.model import Article, IngestReport, SearchHit, Story
from newsdesk.settings import Settings, iter_fields

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="newsdesk: many outlets, one story — knowledge you can trust.")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


@dataclass
class State:
    """Global options, shared by every command."""

    db: str | None = None
    config: Path | None = None
    overrides: tuple[str, ...] = ()
    quiet: bool = False

    def settings(self) -> Settings:
        values = dict(_key_value(item) for item in self.overrides)
        if self.db is not None:
            values["store.db"] = self.db
        return Settings.load(self.config, values)


STATE = State()


@app.callback()
def _global_options(
    db: Annotated[str | None, typer.Option(
        "--db", help="Database file (default ./newsdesk.db or store.db of newsdesk.toml).")] = None,
    config: Annotated[Path | None, typer.Option(
        "--config", help="Settings file (default ./newsdesk.toml when present).")] = None,
    set_: Annotated[list[str] | None, typer.Option(
        "--set", help="Override one setting, e.g. --set cluster.similarity_threshold=0.3 "
        "(see `newsdesk settings`).")] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bars or summaries; errors only.")] = False,
) -> None:
    STATE.db, STATE.config, STATE.overrides, STATE.quiet = db, config, tuple(set_ or ()), quiet


class RichProgress:
    """A ``Progress`` sink drawing a Rich progress bar on stderr."""

    def __init__(self, quiet: bool) -> None:
        self._bar = Progress(TextColumn("{task.description:<9}"), BarColumn(),
                             MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                             transient=True, disable=quiet)
        self._task: Any = None

    def start(self, task: str, total: int | None) -> None:
        self._bar.start()
        self._task = self._bar.add_task(task, total=total)

    def advance(self, amount: int = 1) -> None:
        self._bar.advance(self._task, amount)

    def finish(self) -> None:
        self._bar.stop()


@contextmanager
def _desk() -> Iterator[Desk]:
    settings = STATE.settings()
    with Desk(settings.store.db, settings) as desk:
        yield desk


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files and folders (searched recursively).")],
    outlet: Annotated[str | None, typer.Option(help="Outlet for inputs that name none.")] = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date (ISO 8601) for inputs that carry none.")] = None,
    url: Annotated[str | None, typer.Option(help="Address for inputs that carry none.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Read, clean and store news pages: .html .htm .txt .json .jsonl, and .gz of these."""
    with _desk() as desk:
        report = desk.ingest(paths, outlet=outlet, published=published, url=url,
                             progress=RichProgress(STATE.quiet or as_json))
    for rejected in report.rejected:
        err.print(f"[yellow]rejected[/] {escape(rejected.message())}", highlight=False)
    if as_json:
        out.print_json(data=_ingest_json(report))
    elif not STATE.quiet:
        err.print(f"{len(report.stored)} stored, {len(report.unchanged)} already stored, "
                  f"{len(report.rejected)} rejected")
    raise typer.Exit(EXIT_REJECTED if report.rejected else EXIT_OK)


@app.command()
def analyze(as_json: JsonFlag = False) -> None:
    """Find copies and group articles into stories (incremental: stories keep their ids)."""
    with _desk() as desk:
        report = desk.analyze(progress=RichProgress(STATE.quiet or as_json))
    if as_json:
        out.print_json(data=dataclasses.asdict(report))
    elif not STATE.quiet:
        err.print(f"{report.stories} stories ({report.new_stories} new), "
                  f"{report.copies} copies, {report.recleaned} documents re-cleaned")


@app.command()
def stories(as_json: JsonFlag = False) -> None:
    """List stories, latest activity first."""
    with _desk() as desk:
        found = desk.stories()
        outlets = desk.outlets_by_story()
    if as_json:
        out.print_json(data=[{**_story_json(s), "outlets": outlets.get(s.id, [])}
                             for s in found])
    else:
        out.print(_stories_table(found, outlets))


@app.command()
def show(
    item_id: Annotated[str, typer.Argument(metavar="STORY|ARTICLE", help="s-… or a-… id.")],
    removed: Annotated[bool, typer.Option(help="Also list removed page furniture.")] = False,
    raw: Annotated[bool, typer.Option(help="Print the raw input the article came from.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Show one story (its articles) or one article (metadata, text, why it is a copy)."""
    with _desk() as desk:
        if item_id.startswith("s-"):
            _show_story(desk, item_id, as_json)
        elif raw:
            out.print(desk.raw(item_id).content, markup=False, highlight=False)
        else:
            _show_article(desk, item_id, removed, as_json)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, or "a phrase" in double quotes.')],
    limit: Annotated[int, typer.Option(help="Most hits to show.")] = 20,
    as_json: JsonFlag = False,
) -> None:
    """Full-text search over titles and texts."""
    with _desk() as desk:
        hits = desk.search(query, limit)
    if as_json:
        out.print_json(data=[dataclasses.asdict(h) for h in hits])
    elif not hits:
        err.print("no matches")
    else:
        out.print(_hits_table(hits))


@app.command()
def rejected(as_json: JsonFlag = False) -> None:
    """List inputs that were not stored, with the reason."""
    with _desk() as desk:
        records = desk.rejected()
    if as_json:
        out.print_json(data=[{**dataclasses.asdict(r.rejected), "count": r.count,
                              "last_seen": r.last_seen} for r in records])
        return
    table = Table("source", "reason", "detail", "times", "last seen")
    for r in records:
        table.add_row(escape(r.rejected.source), r.rejected.reason.value,
                      escape(r.rejected.detail), str(r.count), r.last_seen)
    out.print(table if records else "no rejected inputs")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="json | jsonl | csv")] = "json",
    output: Annotated[str, typer.Option("-o", "--output", help="File, or - for stdout.")] = "-",
) -> None:
    """Write everything in the export format (shared/contract/export-v1.md)."""
    with _desk() as desk, _open_output(output) as stream:
        data = desk.export(stream, fmt)
    if output != "-" and not STATE.quiet:
        err.print(f"{len(data['articles'])} articles, {len(data['stories'])} stories -> {output}")


@app.command()
def brief(
    story_id: Annotated[str, typer.Argument(metavar="STORY", help="s-… id.")],
    fmt: Annotated[str, typer.Option("--format", help="md | html | json")] = "md",
    output: Annotated[str, typer.Option("-o", "--output", help="File, or - for stdout.")] = "-",
) -> None:
    """Write one story's briefing."""
    with _desk() as desk:
        text = desk.brief(story_id, fmt)
    with _open_output(output) as stream:
        stream.write(text)


@app.command()
def demo(
    folder: Annotated[Path, typer.Option("--out", help="Where to put the results.")] = Path(
        "newsdesk-demo"),
    corpus: Annotated[Path | None, typer.Option(
        help="Corpus to use instead of the bundled sample.")] = None,
) -> None:
    """A fresh database from the bundled sample corpus, analysed, with briefings written."""
    report = run_demo(folder, corpus, STATE.settings(), RichProgress(STATE.quiet))
    with Desk(report.database) as desk:
        outlets = desk.outlets_by_story()
    out.print(_stories_table(list(report.stories), outlets))
    out.print(f"{len(report.ingest.stored)} documents, {report.analysis.stories} stories, "
              f"{report.analysis.copies} copies, {len(report.ingest.rejected)} rejected")
    out.print(f"database:  {report.database}\nbriefings: {report.briefings}/\n"
              f"export:    {report.folder / 'export.json'}")


@app.command("settings")
def show_settings(as_json: JsonFlag = False) -> None:
    """Every setting: its value now and what it does."""
    fields = list(iter_fields(STATE.settings()))
    if as_json:
        out.print_json(data={name: value for name, value, _ in fields})
        return
    table = Table("setting", "value", "what it does")
    for name, value, help_text in fields:
        table.add_row(name, repr(value), help_text)
    out.print(table)


def _show_story(desk: Desk, story_id: str, as_json: bool) -> None:
    story = desk.story(story_id)
    members = desk.articles(story_id=story_id)
    if as_json:
        out.print_json(data={**_story_json(story),
                             "articles": [_article_json(a, False) for a in members]})
        return
    out.print(Text(story.title, style="bold"))
    out.print(f"{story.id} · {len(members)} articles · {story.first_seen or 'undated'} → "
              f"{story.last_seen or 'undated'}")
    table = Table(_id_column("article"), "published", "outlet", "title", _id_column("copy of"))
    for a in members:
        table.add_row(a.id, a.published or "", escape(a.outlet or ""),
                      escape(a.title or ""), a.copy_of or "")
    out.print(table)


def _show_article(desk: Desk, article_id: str, removed: bool, as_json: bool) -> None:
    article = desk.article(article_id)
    link = desk.copy_link(article_id)
    if as_json:
        data = _article_json(article, True)
        data["copy"] = dataclasses.asdict(link) if link else None
        out.print_json(data=data)
        return
    out.print(Text(article.title or "(untitled)", style="bold"))
    for label, value in (("id", article.id), ("outlet", article.outlet), ("url", article.url),
                         ("published", article.published), ("author", article.author),
                         ("source", f"{article.source} (segment {article.segment})"),
                         ("story", article.story_id)):
        out.print(f"[dim]{label:>9}[/] {escape(value or '—')}", highlight=False)
    if link:
        out.print(f"[dim]{'copy of':>9}[/] {link.copy_of} (similarity {link.similarity:.2f}, "
                  f"{link.method})", highlight=False)
    out.print()
    out.print(article.text, markup=False, highlight=False)
    if removed:
        _print_removed(article)


def _print_removed(article: Article) -> None:
    out.print()
    out.print(Text(f"Removed ({len(article.removed)})", style="bold"))
    for piece in article.removed:
        out.print(f"[dim]{piece.reason:>16}[/] {escape(piece.text)}", highlight=False)


def _stories_table(found: list[Story], outlets: dict[str, list[str]]) -> Table | str:
    if not found:
        return "no stories yet: run `newsdesk ingest PATH` then `newsdesk analyze`"
    table = Table(_id_column("story"), "title", Column("arts", justify="right"),
                  Column("outlets", justify="right"), _date_column("first seen"),
                  _date_column("last seen"), box=box.SIMPLE_HEAD, pad_edge=False)
    for s in found:
        table.add_row(s.id, escape(s.title), str(len(s.article_ids)),
                      str(len(outlets.get(s.id, []))),
                      (s.first_seen or "")[:10], (s.last_seen or "")[:10])
    return table


def _hits_table(hits: list[SearchHit]) -> Table:
    table = Table(_id_column("article"), "outlet", "published", "title / snippet")
    for hit in hits:
        snippet = Text(hit.snippet.replace("\n\n", " ¶"))  # same length: highlights stay put
        for start, end in hit.highlights:
            snippet.stylize("bold yellow", start, end)
        cell = Text.assemble(Text(hit.title or "(untitled)", style="bold"), "\n", snippet)
        table.add_row(hit.article_id, escape(hit.outlet or ""), hit.published or "", cell)
    return table


def _id_column(header: str) -> Column:
    """Ids are what users type next: never cut or wrapped."""
    return Column(header, no_wrap=True, min_width=len("a-0123456789abcdef"))


def _date_column(header: str) -> Column:
    return Column(header, no_wrap=True, min_width=len("2025-02-12"))


def _story_json(story: Story) -> dict[str, Any]:
    data = dataclasses.asdict(story)
    data["article_ids"] = list(story.article_ids)
    return data


def _article_json(article: Article, with_text: bool) -> dict[str, Any]:
    data = dataclasses.asdict(article)
    if not with_text:
        data.pop("text")
        data.pop("removed")
    return data


def _ingest_json(report: IngestReport) -> dict[str, Any]:
    return {"stored": list(report.stored), "unchanged": list(report.unchanged),
            "rejected": [dataclasses.asdict(r) for r in report.rejected]}


@contextmanager
def _open_output(output: str) -> Iterator[Any]:
    """stdout, or a file replaced only once everything was written (a failed run leaves an
    existing file as it was)."""
    if output == "-":
        yield sys.stdout
        return
    target = Path(output)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as stream:
            yield stream
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def _key_value(item: str) -> tuple[str, str]:
    key, sep, value = item.partition("=")
    if not sep:
        raise typer.BadParameter(f"--set '{item}' must look like section.name=value")
    return key.strip(), value.strip()


def main() -> None:
    """Entry point: newsdesk errors become one line on stderr and exit code 2."""
    try:
        app()
    except NewsdeskError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        sys.exit(EXIT_USAGE)


@app.command()
def serve(
    db: Annotated[str | None, typer.Option(
        "--db", help="Database file (same as the global --db).")] = None,
    host: Annotated[str, typer.Option(
        help="Address to listen on; 127.0.0.1 keeps the desk on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="NEWSDESK_TOKEN", show_envvar=True,
        help="Token that write requests (POST /api/v1/articles) and readers on other "
        "machines must send as 'Authorization: Bearer TOKEN'. Without it writes are off.")] = None,
) -> None:
    """Serve the web UI and the REST API (/api/v1, docs at /api/v1/docs)."""
    from newsdesk.web.server import serve as run_server

    if db is not None:
        STATE.db = db
    with _desk() as desk:
        if not STATE.quiet:
            err.print(f"newsdesk on http://{host}:{port}/  (API: /api/v1, docs: /api/v1/docs; "
                      f"writes {'need the token' if token else 'off: no --token'})")
        run_server(desk, host, port, token)
