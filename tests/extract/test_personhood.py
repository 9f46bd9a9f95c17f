"""Names the recogniser tags PERSON that are not people: common nouns, titles, firms, places."""

from __future__ import annotations

from newsdesk.extract.personhood import (
    kind_by_name,
    lower_words,
    name_endings,
    named_as_place,
    not_a_name,
    titled,
)
from newsdesk.model import Mention

TEXTS = {
    "a": "Analysts said the deal was close. Two analysts disagreed. The foreign secretary spoke.\n"
         "Jarrow MP Liz Carrick said she was pleased. Mr May said it was done.\n",
    "b": "The yard in Jarrow will close. Ms Theresa May said the vote may pass.",
}
COMMON = lower_words(TEXTS.values())


def _mention(article: str, word: str, label: str = "PERSON") -> Mention:
    start = TEXTS[article].index(word)
    return Mention(article, start, start + len(word), word, label)


def test_a_word_the_corpus_writes_in_lower_case_is_no_name() -> None:
    assert not_a_name(["analysts"], COMMON, frozenset())


def test_a_surname_that_is_also_a_common_word_stays_a_name() -> None:
    known = titled(TEXTS.values()) | name_endings([_mention("b", "Theresa May")])
    assert "may" in COMMON
    assert not not_a_name(["may"], COMMON, known)


def test_a_title_alone_is_no_name_but_a_full_name_is() -> None:
    assert not_a_name(["foreign", "secretary"], COMMON, frozenset())
    assert not not_a_name(["liz", "carrick"], COMMON, frozenset())


def test_head_words_name_firms_and_places() -> None:
    assert kind_by_name(["hebburn", "marine"]) == "ORG"
    assert kind_by_name(["downing", "street"]) == "FAC"
    assert kind_by_name(["port", "aurora"]) == "FAC"
    assert kind_by_name(["liz", "carrick"]) is None


def test_a_name_after_in_or_before_mp_is_a_place() -> None:
    assert named_as_place([_mention("a", "Jarrow"), _mention("b", "Jarrow")], TEXTS)
    assert not named_as_place([_mention("a", "Carrick")], TEXTS)
