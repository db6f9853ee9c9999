"""Figures in text (geo.extract.quantities): numbers, qualifiers, counted nouns."""
import pytest
from support import lexicon

from geo.extract.quantities import find_quantities, parse_digits
from geo.text.tokens import tokenize


def quantities(text, lang):
    lex = lexicon(lang)
    toks = tokenize(text)
    return [(q, text[toks[q.lo].start:toks[q.hi].end]) for q in find_quantities(toks, 0, len(toks), lex)]


def only(text, lang):
    found = quantities(text, lang)
    assert len(found) == 1, found
    return found[0][0]


@pytest.mark.parametrize("text, lang, value", [
    # thousands grouped by a space, where the language writes them so
    ("l'armée a perdu 2 300 soldats", "fr", 2300),
    ("погибли 1 200 военнослужащих", "ru", 1200),
    ("murieron 12 500 soldados", "es", 12500),
    ("En 2020 300 soldats ont été tués", "fr", 300),  # a four-digit year is no group
])
def test_thousands_grouped_by_a_space(text, lang, value):
    lex = lexicon(lang)
    toks = tokenize(text, lex.word_norm)
    assert [q.count_low for q in find_quantities(toks, 0, len(toks), lex) if q.noun == "military"] == [value]


@pytest.mark.parametrize("text, lang, low, high, qualifier", [
    ("quarantanove soldati sono morti", "it", 49, 49, "exact"),
    ("seimila soldati sono morti", "it", 6000, 6000, "exact"),
    ("ventuno soldati sono morti", "it", 21, 21, "exact"),
    ("tre soldati sono morti", "it", 3, 3, "exact"),
    ("Twenty-one soldiers were killed", "en", 21, 21, "exact"),
    ("forty-nine soldiers were killed", "en", 49, 49, "exact"),
    ("forty nine soldiers were killed", "en", 49, 49, "exact"),
    ("two hundred soldiers were killed", "en", 200, 200, "exact"),
    ("a dozen soldiers were wounded", "en", 12, 12, "approx"),
    ("una dozzina di soldati feriti", "it", 12, 12, "approx"),
    ("dozens of soldiers were killed", "en", 24, 99, "vague"),
    ("decine di soldati sono morti", "it", 20, 99, "vague"),
    ("hundreds of soldiers were killed", "en", 200, 999, "vague"),
    ("centinaia di soldati sono morti", "it", 200, 999, "vague"),
    ("6.500 soldati sono morti", "it", 6500, 6500, "exact"),
    ("6,500 soldiers were killed", "en", 6500, 6500, "exact"),
    ("30.000 soldati", "it", 30000, 30000, "exact"),
    ("1,5 milioni di persone", "it", 1500000, 1500000, "exact"),
])
def test_numbers(text, lang, low, high, qualifier):
    q = only(text, lang)
    assert (q.count_low, q.count_high, q.qualifier) == (low, high, qualifier)
    assert q.noun == "military" or "persone" in text


@pytest.mark.parametrize("text, lang, low, high, qualifier", [
    ("almeno 49 soldati", "it", 49, None, "at_least"),
    ("at least 49 soldiers", "en", 49, None, "at_least"),
    ("oltre 49 soldati", "it", 49, None, "more_than"),
    ("più di 49 soldati", "it", 49, None, "more_than"),
    ("more than 49 soldiers", "en", 49, None, "more_than"),
    ("circa 50 soldati", "it", 50, 50, "approx"),
    ("about 50 soldiers", "en", 50, 50, "approx"),
    ("up to 50 soldiers", "en", None, 50, "at_most"),
    ("fino a 50 soldati", "it", None, 50, "at_most"),
    ("più di una dozzina di soldati", "it", 12, None, "more_than"),
    ("almeno quarantanove soldati", "it", 49, None, "at_least"),
])
def test_qualifiers(text, lang, low, high, qualifier):
    q = only(text, lang)
    assert (q.count_low, q.count_high, q.qualifier) == (low, high, qualifier)
    assert q.lo == 0  # the qualifier belongs to the figure


@pytest.mark.parametrize("text, lang, noun", [
    ("diverse vittime civili e diversi soldati", "it", "military"),
    ("several soldiers", "en", "military"),
    ("un numero imprecisato di soldati", "it", "military"),
    ("an unknown number of civilians", "en", "civilian"),
])
def test_vague_amounts_with_a_noun_have_no_number(text, lang, noun):
    found = [q for q, _ in quantities(text, lang)]
    assert found and all((q.count_low, q.count_high, q.qualifier) == (None, None, "unspecified") for q in found)
    assert found[-1].noun == noun


@pytest.mark.parametrize("text, lang", [("diverse persone", "it"), ("alcune case", "it"), ("several houses", "en")])
def test_a_vague_word_without_a_person_noun_is_no_figure(text, lang):
    assert [q for q, _ in quantities(text, lang) if q.count_low is None and q.noun not in ("generic", "military", "civilian")] == []


@pytest.mark.parametrize("text, lang, what", [
    ("tre carri armati", "it", "tanks"),
    ("due elicotteri", "it", "helicopters"),
    ("cinque droni", "it", "drones"),
    ("three tanks", "en", "tanks"),
    ("two military helicopters", "en", "helicopters"),
    ("five drones", "en", "drones"),
])
def test_materiel_names_what(text, lang, what):
    q = only(text, lang)
    assert q.noun == "equipment" and q.what == what and q.count_low == q.count_high


def test_a_list_of_materiel_gives_one_figure_each():
    found = quantities("three tanks, two helicopters and five drones were destroyed", "en")
    assert [(q.count_low, q.what) for q, _ in found] == [(3, "tanks"), (2, "helicopters"), (5, "drones")]
    assert [t for _, t in found] == ["three tanks", "two helicopters", "five drones"]


@pytest.mark.parametrize("text, lang, noun, side_word, side", [
    ("49 dei suoi soldati", "it", "military", "own", None),
    ("49 of its soldiers", "en", "military", "own", None),
    ("10 enemy soldiers", "en", "military", "enemy", None),
    ("49 Armenian soldiers", "en", "military", None, "armenia"),
    ("49 Azerbaijani soldiers", "en", "military", None, "azerbaijan"),
    ("50 azeri", "it", "military", None, "azerbaijan"),
    ("tre civili", "it", "civilian", None, None),
    ("three civilians", "en", "civilian", None, None),
    ("6.500 persone", "it", "generic", None, None),
])
def test_counted_noun_and_side_words(text, lang, noun, side_word, side):
    q = only(text, lang)
    assert (q.noun, q.side_word, q.side) == (noun, side_word, side)


def test_a_year_followed_by_a_figure_does_not_swallow_it():
    found = quantities("In 2020 two soldiers were killed", "en")
    assert any(q.count_low == 2 and q.noun == "military" for q, _ in found), found
    assert not any(q.count_low == 2020 and q.noun is not None for q, _ in found), found


def test_the_figure_text_stops_at_the_number():
    text = "almeno quarantanove soldati armeni"
    toks = tokenize(text)
    (q,) = find_quantities(toks, 0, len(toks), lexicon("it"))
    assert text[toks[q.lo].start:toks[q.number_hi].end] == "almeno quarantanove"
    assert q.text(text, toks) == "almeno quarantanove soldati"


@pytest.mark.parametrize("text, lang, value", [
    ("49", "it", 49), ("6.500", "it", 6500), ("6,500", "en", 6500), ("30.000", "it", 30000),
    ("1,5", "it", 1.5), ("2.5", "en", 2.5), ("abc", "it", None),
])
def test_parse_digits(text, lang, value):
    assert parse_digits(text, lang) == value


def test_a_decimal_is_no_count():
    assert quantities("1,5 km", "it") == []


def morph_quantities(text, lang):
    """Figures as the pipeline reads them: words keyed by the language's lemma or stem."""
    lex = lexicon(lang)
    toks = tokenize(text, lex.word_norm)
    return [(q.count_low, q.count_high, q.qualifier, q.noun) for q in find_quantities(toks, 0, len(toks), lex)]


@pytest.mark.parametrize("text, lang, expected", [
    ("погибли двое военнослужащих", "ru", (2, 2, "exact", "military")),  # a collective numeral
    ("ранения получили не менее двадцати пяти человек", "ru", (25, None, "at_least", "generic")),  # composed, in the genitive
    ("сто двадцать пять мирных жителей", "ru", (125, 125, "exact", "civilian")),
    ("quarante-neuf soldats arméniens", "fr", (49, 49, "exact", "military")),
    ("au moins treize civils", "fr", (13, None, "at_least", "civilian")),
    ("veintitrés civiles", "es", (23, 23, "exact", "civilian")),
    ("fünfundzwanzig Soldaten", "de", (25, 25, "exact", "military")),
    ("drei getötete Soldaten", "de", (3, 3, "exact", "military")),  # the participle before the noun
])
def test_number_words_and_nouns_of_the_new_languages(text, lang, expected):
    assert morph_quantities(text, lang) == [expected]


def test_a_french_time_of_day_is_no_figure():
    assert morph_quantities("à midi (10h00 heure belge)", "fr") == []
