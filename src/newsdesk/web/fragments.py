"""The repeated rows of the pages (quotes, figures, a story's charts and articles) built in
Python: a story page has a few hundred of them, and a Jinja2 macro call or loop body per row
cost as much as the database reads (issue 8's load target). Every piece of content goes
through ``escape``; the templates place the fragments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from markupsafe import Markup

from newsdesk.model import ArticleRow, DayCount, OutletCoverage
from newsdesk.web.markup import (
    article_link_html,
    bar_html,
    figure_value,
    path_part,
    query_link,
    safe_url,
    text,
    when_html,
)


def person_link(name: object) -> Markup:
    """A link to a person's page; "speaker unknown" when there is no name."""
    return Markup(_person_link(name))


def _person_link(name: object) -> str:
    if not name:
        return '<span class="muted">speaker unknown</span>'
    return f'<a href="/people/{text(path_part(name))}">{text(name)}</a>'


def quote_list(quotes: Iterable[Mapping[str, Any]], with_article: bool = True) -> Markup:
    """``<li class="quote">`` items: the quote, who said it (and as what), how, and where."""
    return Markup("".join([_quote_item(q, with_article) for q in quotes]))


def _quote_item(quote: Mapping[str, Any], with_article: bool) -> str:
    speaker, mention = quote.get("speaker"), quote.get("speaker_mention")
    meta = [_person_link(speaker)]
    if mention and mention != speaker:
        meta.append(f' <span class="muted">(as “{text(mention)}”)</span>')
    meta += [f" · {text(quote[key])}" for key in ("kind", "cue") if quote.get(key)]
    if with_article and quote.get("article_id"):
        meta.append(" · " + article_link_html(quote["article_id"],
                                              quote.get("outlet") or "article"))
    return (f'<li class="quote">\n  <blockquote>{text(quote.get("text"))}</blockquote>\n'
            f'  <p class="meta">{"".join(meta)}</p>\n</li>\n')


def figure_table(items: Iterable[Mapping[str, Any]], with_article: bool = True) -> Markup:
    """A table of figures: the text, its value, what it is about, and (``with_article``)
    the article it is in."""
    head = '<th scope="col">In</th>' if with_article else ""
    rows = "".join([_figure_row(f, with_article) for f in items])
    return Markup('<table class="data figures stack">\n<thead><tr><th scope="col">Figure</th>'
                  f'<th scope="col">Value</th><th scope="col">About</th>{head}</tr></thead>\n'
                  f'<tbody>\n{rows}</tbody></table>\n')


def _figure_row(figure: Mapping[str, Any], with_article: bool) -> str:
    value = ""
    if figure.get("value") is not None:
        value = ("~" if figure.get("approximate") else "") + figure_value(figure)
    source = ""
    if with_article:
        link = article_link_html(figure["article_id"], figure.get("outlet") or "article")
        source = f'<td data-label="In">{link}</td>'
    return (f'<tr><td data-label="Figure">{text(figure.get("text"))}</td>'
            f'<td data-label="Value">{text(value)}</td>'
            f'<td data-label="About">{text(figure.get("subject") or "")}</td>{source}</tr>\n')


def timeline_rows(days: Sequence[DayCount]) -> Markup:
    """The rows of a story's timeline table: articles (and outlets) per day, with a bar."""
    top = max((d.articles for d in days), default=0)
    return Markup("".join([_day_row(d, top) for d in days]))


def _day_row(day: DayCount, top: int) -> str:
    outlets = (f' <span class="muted">({day.outlets} outlets)</span>'
               if day.outlets != day.articles else "")
    shown = text(day.day)
    return (f'<tr><th scope="row"><time datetime="{shown}">{shown}</time></th>'
            f'<td class="num">{day.articles}{outlets}</td>'
            f'<td class="bar-cell">{bar_html(day.articles, top)}</td></tr>\n')


def coverage_rows(coverage: Sequence[OutletCoverage]) -> Markup:
    """The rows of a story's coverage table: each outlet (a link to its stories), when it was
    first, its articles and copies, with a bar."""
    top = max((c.articles for c in coverage), default=0)
    return Markup("".join([_coverage_row(c, top) for c in coverage]))


def _coverage_row(row: OutletCoverage, top: int) -> str:
    first = (f'<br><span class="muted small">first {when_html(row.first_published)}</span>'
             if row.first_published else "")
    copies = (f' <span class="muted">({row.copies} {"copy" if row.copies == 1 else "copies"})'
              '</span>' if row.copies else "")
    link = text(query_link("/", {"outlet": row.outlet}))
    return (f'<tr><th scope="row"><a href="{link}">{text(row.outlet)}</a>{first}</th>'
            f'<td class="num">{row.articles}{copies}</td>'
            f'<td class="bar-cell">{bar_html(row.articles, top)}</td></tr>\n')


def article_items(items: Iterable[ArticleRow]) -> Markup:
    """``<li>`` items of a list of articles: title (a link), outlet, date, copy, original."""
    return Markup("".join([_article_item(a) for a in items]))


def _article_item(row: ArticleRow) -> str:
    copy = (f'<span class="badge">copy of {article_link_html(row.copy_of)}</span>'
            if row.copy_of else "")
    link = safe_url(row.url)
    original = (f'<span><a href="{text(link)}" rel="noopener noreferrer nofollow" '
                'class="external">original</a></span>' if link else "")
    return (f'<li>\n  <a href="/articles/{text(path_part(row.id))}">'
            f'{text(row.title or "(untitled)")}</a>\n'
            f'  <p class="meta"><span>{text(row.outlet or "unknown outlet")}</span>'
            f'<span>{when_html(row.published)}</span>{copy}{original}</p>\n</li>\n')
