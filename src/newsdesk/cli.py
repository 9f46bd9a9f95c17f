"""The ``newsdesk`` command: a thin layer over ``newsdesk.Desk``.

Exit codes: 0 ok, 1 some inputs rejected (the rest processed), 2 usage or setup error.
"""

from __future__ import annotations

import dataclasses
import signal
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
from newsdesk.model import (
    Article,
    Figure,
    IngestReport,
    SearchHit,
    SourceCheck,
    Story,
    TimelineEntry,
    WatchEvent,
)
from newsdesk.pipeline import StopFlag, quote_item
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
    paths: Annotated[list[str], typer.Argument(
        help="Files and folders (searched recursively), WARC archives, and http(s) URLs of "
        "pages, RSS/Atom feeds or sitemaps.")],
    outlet: Annotated[str | None, typer.Option(help="Outlet for inputs that name none.")] = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date (ISO 8601) for inputs that carry none.")] = None,
    url: Annotated[str | None, typer.Option(help="Address for inputs that carry none.")] = None,
    primary: Annotated[bool, typer.Option(
        "--primary", help="These are primary sources (a transcript, an official statement): "
        "outlets' quotes are checked against them.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Read, clean and store news pages: .html .htm .txt .json .jsonl .warc, .gz of these,
    and URLs (a page, or every new page of a feed or sitemap)."""
    with _desk() as desk:
        report = desk.ingest(paths, outlet=outlet, published=published, url=url,
                             progress=RichProgress(STATE.quiet or as_json), primary=primary)
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
    story_id: Annotated[str, typer.Argument(metavar="STORY|STORYLINE",
                                            help="s-… story id or l-… storyline id.")],
    fmt: Annotated[str, typer.Option("--format", help="md | html | json")] = "md",
    output: Annotated[str, typer.Option("-o", "--output", help="File, or - for stdout.")] = "-",
) -> None:
    """Write the briefing of one story or one storyline: summary, timeline, coverage chart,
    key quotes, wording differences, figures and conflicts, what only one outlet says."""
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
    members = desk.articles(story_id=story.id)  # an absorbed id shows where it lives on
    entries = desk.timeline(story.id)
    if as_json:
        out.print_json(data={**_story_json(story),
                             "articles": [_article_json(a, False) for a in members],
                             "timeline": [dataclasses.asdict(e) for e in entries]})
        return
    out.print(Text(story.title, style="bold"))
    out.print(f"{story.id} · {len(members)} articles · {story.first_seen or 'undated'} → "
              f"{story.last_seen or 'undated'}")
    if story.summary:
        out.print(story.summary, highlight=False)
    if story.storyline_id:
        out.print(f"[dim]storyline[/] {story.storyline_id}", highlight=False)
    table = Table(_id_column("article"), "published", "outlet", "title", _id_column("copy of"))
    for a in members:
        table.add_row(a.id, a.published or "", escape(a.outlet or ""),
                      escape(a.title or ""), a.copy_of or "")
    out.print(table)
    _print_timeline(entries)


def _show_article(desk: Desk, article_id: str, removed: bool, as_json: bool) -> None:
    article = desk.article(article_id)
    link = desk.copy_link(article_id)
    evidence = desk.copy_evidence(article_id) if link else []
    if as_json:
        data = _article_json(article, True)
        data["copy"] = {**dataclasses.asdict(link), "shared_passages": evidence} if link else None
        out.print_json(data=data)
        return
    out.print(Text(article.title or "(untitled)", style="bold"))
    for label, value in (("id", article.id), ("outlet", article.outlet), ("url", article.url),
                         ("published", article.published), ("author", article.author),
                         ("source", f"{article.source} (segment {article.segment})"),
                         ("story", article.story_id)):
        out.print(f"[dim]{label:>9}[/] {escape(value or '—')}", highlight=False)
    if article.origin_outlet:
        out.print(f"[dim]{'origin':>9}[/] {escape(article.origin_outlet)} (syndication credit)",
                  highlight=False)
    if link:
        out.print(f"[dim]{'copy of':>9}[/] {link.copy_of} (similarity {link.similarity:.2f}, "
                  f"{link.method})", highlight=False)
        out.print(f"[dim]{'why':>9}[/] {_copy_reason(link.method, link.similarity)}; "
                  f"{len(evidence)} shared passages, e.g.:", highlight=False)
        for passage in evidence[:_PASSAGES_SHOWN]:
            out.print(f"{'':>9}   “{escape(_clip(passage, _PASSAGE_CHARS))}”", highlight=False)
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


@app.command()
def storylines(as_json: JsonFlag = False) -> None:
    """List storylines (threads of stories about one developing situation)."""
    with _desk() as desk:
        found = desk.storylines()
        titles = {s.id: s.title for s in desk.stories()}
    if as_json:
        out.print_json(data=[{**dataclasses.asdict(line), "story_ids": list(line.story_ids)}
                             for line in found])
        return
    if not found:
        out.print("no storylines yet: they appear when related stories are analysed")
    for line in found:
        out.print(Text(line.title, style="bold"))
        out.print(f"{line.id} · {len(line.story_ids)} stories · "
                  f"{(line.first_seen or 'undated')[:10]} → {(line.last_seen or 'undated')[:10]}")
        if line.summary:
            out.print(line.summary, highlight=False)
        for story_id in line.story_ids:
            out.print(f"  {story_id}  {escape(titles.get(story_id, ''))}", highlight=False)
        out.print()


# Shared passages printed under a copy (the JSON output has them all), and their longest.
_PASSAGES_SHOWN = 3
_PASSAGE_CHARS = 160


def _copy_reason(method: str, similarity: float) -> str:
    if method == "exact":
        return "the same text once case and spacing are ignored"
    return (f"{similarity:.0%} of the shorter text's word shingles appear in the other "
            f"(MinHash LSH candidate, checked exactly)")


def main() -> None:
    """Entry point: newsdesk errors become one line on stderr and exit code 2."""
    try:
        app()
    except NewsdeskError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        sys.exit(EXIT_USAGE)



# --- live sources -------------------------------------------------------------------------

sources_app = typer.Typer(no_args_is_help=True, help="The live sources `watch` polls.")
app.add_typer(sources_app, name="sources")
_DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@sources_app.command("add")
def sources_add(
    targets: Annotated[list[str], typer.Argument(
        metavar="URL|OPML", help="Feed, sitemap or page URLs, or OPML files of feeds.")],
    ignore_robots: Annotated[bool, typer.Option(
        "--ignore-robots", help="Fetch even what the site's robots.txt disallows.")] = False,
) -> None:
    """Register sources (a feed reader's OPML export adds all its feeds). Whether each is a
    feed, a sitemap or a page is found out on every fetch."""
    with _desk() as desk:
        added = desk.add_sources(targets, ignore_robots)
    for url, new in added:
        err.print(f"{'added' if new else 'already there'}  {escape(url)}", highlight=False)
    if not added:
        err.print("no feed URLs found")


@sources_app.command("remove")
def sources_remove(
    which: Annotated[str, typer.Argument(metavar="URL|NUMBER", help="As `sources list` shows.")],
) -> None:
    """Unregister a source (what it brought in stays stored)."""
    with _desk() as desk:
        gone = desk.remove_source(which)
    err.print(f"removed  {escape(gone.url)}", highlight=False)


@sources_app.command("list")
def sources_list(as_json: JsonFlag = False) -> None:
    """Every source: kind, last fetch, last success, errors since, articles ingested."""
    with _desk() as desk:
        found = desk.sources()
        numbers = desk.source_numbers()
    if as_json:
        out.print_json(data=[{"number": numbers.get(s.url), **dataclasses.asdict(s)}
                             for s in found])
        return
    if not found:
        out.print("no sources yet: `newsdesk sources add URL|feeds.opml`")
        return
    table = Table("#", "url", "kind", "last fetch", "last success", "errors", "articles",
                  "last error", box=box.SIMPLE_HEAD, pad_edge=False)
    for s in found:
        table.add_row(str(numbers.get(s.url, "")), escape(s.url), s.kind.value,
                      s.last_fetch or "never", s.last_success or "never", str(s.error_count),
                      str(s.articles), escape(s.last_error or ""))
    out.print(table)


@sources_app.command("check")
def sources_check(
    which: Annotated[list[str] | None, typer.Argument(
        metavar="[URL|NUMBER]...", help="Sources to check (default: all).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Fetch each source now and say what it is and how many listed pages are new."""
    with _desk() as desk:
        checks = desk.check_sources(which or [])
    if as_json:
        out.print_json(data=[dataclasses.asdict(c) for c in checks])
    for check in checks if not as_json else ():
        mark = "[green]ok[/]   " if check.ok else "[red]fail[/] "
        err.print(f"{mark} {escape(check.url)}  {check.kind.value}: {escape(check.detail)}"
                  + (f" ({check.new} new)" if check.listed > 1 else ""), highlight=False)
    raise typer.Exit(EXIT_OK if all(c.ok for c in checks) else EXIT_REJECTED)


@app.command()
def watch(
    every: Annotated[str | None, typer.Option(
        help="Time between polls: 90s, 15m, 2h (default fetch.watch_every_seconds).")] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll and analyse once, then exit.")
                    ] = False,
) -> None:
    """Poll every source on schedule, ingest what is new, analyse, and print a line per new
    story and per story that gained outlets. Ctrl-C or SIGTERM stops it cleanly."""
    stop = StopFlag()
    interval = _duration(every) if every is not None else None
    with _desk() as desk, _stopping_on_signals(stop):
        cycles = desk.watch(stop, _print_event, _print_poll, interval, once)
    if not STATE.quiet:
        err.print(f"stopped after {cycles} complete cycle(s)" if stop.is_set()
                  else f"{cycles} cycle(s) done")


def _print_event(event: WatchEvent) -> None:
    out.print(escape(event.message()), highlight=False)
    sys.stdout.flush()


def _print_poll(check: SourceCheck) -> None:
    if not STATE.quiet or not check.ok:
        mark = "ok  " if check.ok else "fail"
        err.print(f"{mark} {escape(check.url)}: {escape(check.detail)}", highlight=False)


@contextmanager
def _stopping_on_signals(stop: StopFlag) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop`` (the current document finishes); a second one
    interrupts at once."""
    def handle(signum: int, _frame: Any) -> None:
        stop.set()
        signal.signal(signum, previous[signal.Signals(signum)])
        err.print("stopping after the current document (again to abort)")

    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, handle)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _duration(text: str) -> float:
    """Seconds in ``90``, ``90s``, ``15m``, ``2h`` or ``1d``."""
    value, unit = text.strip().lower(), "s"
    if value and value[-1] in _DURATION_UNITS:
        value, unit = value[:-1], value[-1]
    try:
        seconds = float(value) * _DURATION_UNITS[unit]
    except ValueError:
        raise typer.BadParameter(f"--every '{text}' must look like 90s, 15m or 2h") from None
    if seconds < 0:
        raise typer.BadParameter(f"--every '{text}' must not be negative")
    return seconds


@app.command()
def figures(
    story: Annotated[str | None, typer.Option(help="Only this story's articles (s-… id).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """List figures: money (with its currency), percentages, counts, quantities and dates,
    each with what it measures and whether a stated conversion is right."""
    with _desk() as desk:
        found = desk.figures(story)
    if as_json:
        out.print_json(data=[{"id": f.id, **dataclasses.asdict(f)} for f in found])
        return
    table = Table(_id_column("article"), "kind", "text", "value", "unit", "subject", "check")
    for f in found:
        table.add_row(f.article_id, f.kind, escape(f.text), _figure_value(f),
                      escape(f.unit or "/".join(f.currency_candidates) + "?" * bool(
                          f.currency_candidates)), escape(f.subject or ""), _figure_check(f))
    out.print(table)


def _figure_value(f: Figure) -> str:
    if not isinstance(f.value, float):
        return str(f.value or "")
    text = f"{f.value:,.6g}" if f.value < 1e6 else f"{f.value:,.0f}"
    return ("~" if f.approximate else "") + text


def _figure_check(f: Figure) -> str:
    if f.conversion_ok is None:
        return ""
    return "ok" if f.conversion_ok else f"wrong: expected {f.expected_value:,.4g}"


def _print_timeline(entries: list[TimelineEntry]) -> None:
    if not entries:
        return
    out.print(Text("Timeline", style="bold"))
    table = Table("date", "outlet", "what happened")
    for e in entries:
        table.add_row(e.date, escape(e.outlet or ""), escape(_clip(e.text, _TIMELINE_CHARS)))
    out.print(table)


# A timeline line shows this much of its sentence: one line of a wide terminal.
_TIMELINE_CHARS = 140


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def quotes(
    speaker: Annotated[str | None, typer.Option(
        "--speaker", help="Only this person's quotes (a name or alias, see `newsdesk people`).")
    ] = None,
    story: Annotated[str | None, typer.Option("--story", help="Only this story's (s-… id).")
                     ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Who said what: quotes with their kind, cue and speaker."""
    with _desk() as desk:
        found = desk.quotes(speaker=speaker, story_id=story)
    if as_json:
        out.print_json(data=[quote_item(q) for q in found])
        return
    table = Table("speaker", "cue", "kind", "quote", _id_column("article"))
    for q in found:
        table.add_row(escape(q.speaker or (f"({q.source.text})" if q.source else "?")),
                      escape(q.cue.text if q.cue else ""), q.kind.value,
                      escape(_shortened(q.text)), q.article_id)
    out.print(table if found else "no quotes")


@app.command()
def people(
    kind: Annotated[str, typer.Option(
        "--type", help="PERSON, ORG, GPE, … (spaCy labels, comma-separated) or all.")
    ] = "PERSON",
    as_json: JsonFlag = False,
) -> None:
    """People (or organisations, places) across outlets, with the names they go by."""
    labels = None if kind.lower() == "all" else [k.strip().upper() for k in kind.split(",")]
    with _desk() as desk:
        found = desk.people(labels)
    if as_json:
        out.print_json(data=[{"id": e.id, "name": e.name, "type": e.label,
                              "aliases": list(e.aliases), "mentions": len(e.mentions)}
                             for e in found])
        return
    table = Table("name", "type", "mentions", "also called", _id_column("id"))
    for e in found:
        table.add_row(escape(e.name), e.label, str(len(e.mentions)),
                      escape(", ".join(e.aliases[:_ALIASES_SHOWN])), e.id)
    out.print(table if found else "no entities (run `newsdesk analyze`)")


# How many aliases and quote characters a table row shows (--json has them all).
_ALIASES_SHOWN = 6
_QUOTE_CHARS_SHOWN = 120


def _shortened(text: str) -> str:
    return text if len(text) <= _QUOTE_CHARS_SHOWN else text[: _QUOTE_CHARS_SHOWN - 1] + "…"


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
    workers: Annotated[int, typer.Option(
        min=1, max=64, help="Processes answering requests in parallel (one per core serves the "
        "most readers at once).")] = 1,
) -> None:
    """Serve the web UI and the REST API (/api/v1, docs at /api/v1/docs)."""
    from newsdesk.web.server import serve as run_server

    if db is not None:
        STATE.db = db
    with _desk() as desk:
        if not STATE.quiet:
            err.print(f"newsdesk on http://{host}:{port}/  (API: /api/v1, docs: /api/v1/docs; "
                      f"writes {'need the token' if token else 'off: no --token'})")
        run_server(desk, host, port, token, workers)
