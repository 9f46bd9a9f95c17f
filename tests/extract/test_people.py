"""People across outlets: one entity per person, name variants joined, namesakes apart.

Hand-made articles and mentions (no language model), so each rule is tested on its own.
"""

from __future__ import annotations

from newsdesk.extract import resolve_people
from newsdesk.extract.speakers import genders
from newsdesk.model import Article, Entity, Mention, Quote, QuoteKind, Span
from newsdesk.settings import QuoteSettings


def _article(article_id: str, text: str, story: str = "s-1") -> Article:
    return Article(article_id, "d-" + article_id, article_id, 0, text, "test", story_id=story)


def _mentions(article: Article, *names: str, label: str = "PERSON") -> list[Mention]:
    found = []
    for name in names:
        start = article.text.index(name, found[-1].end if found else 0)
        found.append(Mention(article.id, start, start + len(name), name, label))
    return found


def _people(*pairs: tuple[Article, list[Mention]],
            quotes: dict[str, list[Quote]] | None = None) -> list[Entity]:
    resolved = resolve_people([a for a, _ in pairs], {a.id: m for a, m in pairs},
                              quotes or {}, QuoteSettings())
    return [e for e in resolved.entities if e.label == "PERSON"]


def _names(entities: list[Entity]) -> list[tuple[str, int]]:
    return sorted((e.name, len(e.mentions)) for e in entities)


def test_a_surname_joins_the_full_name_in_its_article() -> None:
    a = _article("a-1", "Helen Marsh arrived. Marsh spoke first.")
    assert _names(_people((a, _mentions(a, "Helen Marsh", "Marsh")))) == [("Helen Marsh", 2)]


def test_a_misspelt_surname_in_the_same_story_is_the_same_person() -> None:
    """The spelling most articles use is the canonical one."""
    a = _article("a-1", "Anders Vestergaard spoke. Vestergaard left.")
    b = _article("a-2", "Anders Vestergard arrived late. Mr. Vestergard said little.")
    c = _article("a-3", "Anders Vestergaard flew home.")
    found = _people((a, _mentions(a, "Anders Vestergaard", "Vestergaard")),
                    (b, _mentions(b, "Anders Vestergard", "Mr. Vestergard")),
                    (c, _mentions(c, "Anders Vestergaard")))
    assert _names(found) == [("Anders Vestergaard", 5)]


def test_stoltenburg_and_stoltenberg_in_one_story_are_one_person() -> None:
    a = _article("a-1", "Jens Stoltenberg spoke.")
    b = _article("a-2", "Jens Stoltenburg spoke.")
    c = _article("a-3", "Jens Stoltenberg left.")
    found = _people((a, _mentions(a, "Jens Stoltenberg")), (b, _mentions(b, "Jens Stoltenburg")),
                    (c, _mentions(c, "Jens Stoltenberg")))
    assert _names(found) == [("Jens Stoltenberg", 3)]


def test_the_canonical_name_keeps_its_accents() -> None:
    a = _article("a-1", "Mere Tāwhiri spoke.")
    b = _article("a-2", "Mere Tawhiri spoke.")
    found = _people((a, _mentions(a, "Mere Tāwhiri")), (b, _mentions(b, "Mere Tawhiri")))
    assert [e.name for e in found] == ["Mere Tāwhiri"]
    assert "Mere Tawhiri" in found[0].aliases


def test_a_first_name_variant_in_the_same_story_is_the_same_person() -> None:
    a = _article("a-1", "Olaf Scholz spoke.")
    b = _article("a-2", "Olav Scholz spoke.")
    assert len(_people((a, _mentions(a, "Olaf Scholz")), (b, _mentions(b, "Olav Scholz")))) == 1


def test_spelling_variants_with_no_context_in_common_stay_apart() -> None:
    a = _article("a-1", "Olaf Berg spoke.", story="s-1")
    b = _article("a-2", "Olav Berg spoke.", story="s-2")
    assert len(_people((a, _mentions(a, "Olaf Berg")), (b, _mentions(b, "Olav Berg")))) == 2


def test_two_people_with_one_surname_stay_apart() -> None:
    a = _article("a-1", "Jenna Morrow serves at sea. Doug Morrow, her father, waits. "
                 "Morrow said he was proud.")
    found = _people((a, _mentions(a, "Jenna Morrow", "Doug Morrow", "Morrow")))
    assert _names(found) == [("Doug Morrow", 2), ("Jenna Morrow", 1)]


def test_a_full_name_tagged_as_an_organisation_is_a_person_when_called_mr() -> None:
    a = _article("a-1", "Anders Vestergaard spoke. Mr Vestergaard left.")
    mentions = [*_mentions(a, "Anders Vestergaard", label="ORG"),
                *_mentions(a, "Mr Vestergaard")]
    assert _names(_people((a, mentions))) == [("Anders Vestergaard", 2)]


def test_a_role_speaker_resolves_through_an_apposition() -> None:
    text = ("Helen Marsh, the Foreign Secretary, flew in. Anders Vestergaard followed. "
            "“Agreed,” the Foreign Secretary said.")
    a = _article("a-1", text)
    source = text.index("the Foreign Secretary said")
    quote = Quote(a.id, text.index("Agreed"), text.index("Agreed") + 7, "Agreed,",
                  QuoteKind.DIRECT, source=Span(source, source + 21, "the Foreign Secretary"))
    resolved = resolve_people([a], {a.id: _mentions(a, "Helen Marsh", "Anders Vestergaard")},
                              {a.id: [quote]}, QuoteSettings())
    assert resolved.speakers[quote.id].name == "Helen Marsh"


def test_a_pronoun_takes_the_nearest_earlier_speaker_of_its_gender() -> None:
    text = "Ms Marsh met Mr Vestergaard. Helen Marsh and Anders Vestergaard spoke. “No,” he said."
    a = _article("a-1", text)
    pronoun = text.index("he said")
    quote = Quote(a.id, text.index("No"), text.index("No") + 3, "No,", QuoteKind.DIRECT,
                  source=Span(pronoun, pronoun + 2, "he"))
    resolved = resolve_people(
        [a], {a.id: _mentions(a, "Marsh", "Vestergaard", "Helen Marsh", "Anders Vestergaard")},
        {a.id: [quote]}, QuoteSettings())
    assert resolved.speakers[quote.id].name == "Anders Vestergaard"


def test_an_unnamed_source_stays_unknown() -> None:
    text = "Helen Marsh spoke. “No,” a navy source said."
    a = _article("a-1", text)
    source = text.index("a navy source")
    quote = Quote(a.id, text.index("No"), text.index("No") + 3, "No,", QuoteKind.DIRECT,
                  source=Span(source, source + 13, "a navy source"))
    resolved = resolve_people([a], {a.id: _mentions(a, "Helen Marsh")}, {a.id: [quote]},
                              QuoteSettings())
    assert quote.id not in resolved.speakers


def test_a_full_name_the_recogniser_missed_is_a_written_form() -> None:
    """"Foreign Minister Anders Vestergard" with no mention over it: the person's first name
    before a surname the person is written with counts as a way the corpus writes him."""
    a = _article("a-1", "Anders Vestergaard spoke. Vestergaard left.")
    b = _article("a-2", "Foreign Minister Anders Vestergard arrived. Mr. Vestergard said little.")
    found = _people((a, _mentions(a, "Anders Vestergaard", "Vestergaard")),
                    (b, _mentions(b, "Mr. Vestergard")))
    assert len(found) == 1
    assert "Anders Vestergard" in found[0].aliases
    assert "Anders Vestergaard" not in found[0].aliases  # the name itself is not an alias


def test_titled_forms_and_kin_nouns_are_read_around_a_name() -> None:
    """"Dr Priya Nandakumar" is a written form; "her father, Doug Morrow" makes him a he."""
    a = _article("a-1", "Dr Priya Nandakumar said the tests were done. Her father, Doug Morrow, "
                 "agreed.")
    found = _people((a, _mentions(a, "Priya Nandakumar", "Doug Morrow")))
    priya = next(e for e in found if e.name == "Priya Nandakumar")
    assert "Dr Priya Nandakumar" in priya.aliases
    doug = next(e for e in found if e.name == "Doug Morrow")
    assert genders(found, {a.id: a.text}, {}, {}) == {doug.id: "m"}


def test_a_one_word_person_tagged_a_place_elsewhere_is_the_place() -> None:
    """"The question Canberra should be asking": read once as a person, the corpus names
    Canberra as a place elsewhere. A one-word name the corpus also writes as a surname
    stays a person."""
    a = _article("a-1", "“The question Canberra should be asking is simple,” Oyelaran said. "
                 "Jackson agreed.")
    b = _article("a-2", "Talks in Canberra ended. Flights to Jackson resumed.", story="s-2")
    c = _article("a-3", "Tony Jackson left early.", story="s-3")
    found = _people((a, _mentions(a, "Canberra", "Oyelaran", "Jackson")),
                    (b, _mentions(b, "Canberra", "Jackson", label="GPE")),
                    (c, _mentions(c, "Tony Jackson")))
    names = [e.name for e in found]
    assert "Canberra" not in names
    assert "Oyelaran" in names
    assert "Jackson" in names or "Tony Jackson" in names


def test_an_organisation_is_also_what_follows_of_in_its_name() -> None:
    """"National Defence" is the "Department of National Defence"; a one-word tail
    ("Defence") names too many bodies to join."""
    a = _article("a-1", "The Department of National Defence said the frigate was safe.")
    b = _article("a-2", "National Defence said a contract would be awarded. Defence agreed.",
                 story="s-2")
    resolved = resolve_people([a, b], {"a-1": _mentions(a, "Department of National Defence",
                                                        label="ORG"),
                                       "a-2": _mentions(b, "National Defence", "Defence",
                                                        label="ORG")}, {}, QuoteSettings())
    names = sorted(e.name for e in resolved.entities)
    assert names == ["Defence", "Department of National Defence"]


def test_a_name_set_after_a_business_noun_is_a_firm() -> None:
    """"Analysts at the broker Pennant Stiles": the recogniser's PERSON is an organisation."""
    a = _article("a-1", "Analysts at the broker Pennant Stiles cut their target. "
                 "Jo Pemberton said the pause did not go far enough.")
    resolved = resolve_people([a], {"a-1": _mentions(a, "Pennant Stiles", "Jo Pemberton")}, {},
                              QuoteSettings())
    labels = {e.name: e.label for e in resolved.entities}
    assert labels == {"Pennant Stiles": "ORG", "Jo Pemberton": "PERSON"}
