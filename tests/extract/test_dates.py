"""Dates in text and the time scope of sentences (geo.extract.dates, geo.extract.document)."""
import pytest
from support import analysed, lexicon

from geo.extract.dates import DateRef, find_dates, parse_iso
from geo.text.tokens import tokenize


def dates(text, lang, published):
    toks = tokenize(text)
    return [(text[toks[m.lo].start:toks[m.hi].end], m.ref.iso if m.ref else None, m.ref.precision if m.ref else None, m.relation)
            for m in find_dates(toks, 0, len(toks), lexicon(lang), parse_iso(published))]


def scopes(text, lang, published="2022-09-14"):
    doc = analysed(text, lang, published)
    return [(s.relation, s.date.iso if s.date else None) for s in doc.sents]


# 2022-09-13 was a Tuesday, 2022-09-14 a Wednesday.
@pytest.mark.parametrize("text, lang, published, expected", [
    ("Martedì sono morti due soldati.", "it", "2022-09-13", [("Martedì", "2022-09-13", "day", "current")]),
    ("Martedì sono morti due soldati.", "it", "2022-09-14", [("Martedì", "2022-09-13", "day", "current")]),
    ("Lunedì sono morti due soldati.", "it", "2022-09-14", [("Lunedì", "2022-09-12", "day", "current")]),
    ("Mercoledì sono morti due soldati.", "it", "2022-09-13", [("Mercoledì", "2022-09-07", "day", "earlier")]),
    ("On Tuesday two soldiers died.", "en", "2022-09-14", [("Tuesday", "2022-09-13", "day", "current")]),
    ("Ieri sono morti due soldati.", "it", "2022-09-14", [("Ieri", "2022-09-13", "day", "current")]),
    ("Yesterday two soldiers died.", "en", "2022-09-14", [("Yesterday", "2022-09-13", "day", "current")]),
])
def test_weekdays_and_relative_days(text, lang, published, expected):
    assert dates(text, lang, published) == expected


@pytest.mark.parametrize("text, lang, published, expected", [
    ("Il 27 settembre sono morti.", "it", "2022-09-28", [("27 settembre", "2022-09-27", "day", "current")]),
    ("Il 3 settembre sono morti.", "it", "2022-09-28", [("3 settembre", "2022-09-03", "day", "earlier")]),
    ("Ad agosto sono morti.", "it", "2022-09-28", [("agosto", "2022-08", "month", "earlier")]),
    ("On September 27 two died.", "en", "2022-09-28", [("September 27", "2022-09-27", "day", "current")]),
    ("On 27 September two died.", "en", "2022-09-28", [("27 September", "2022-09-27", "day", "current")]),
    ("In August two died.", "en", "2022-09-28", [("August", "2022-08", "month", "earlier")]),
    ("Il 27 settembre 2020 sono morti.", "it", "2022-09-28", [("27 settembre 2020", "2020-09-27", "day", "earlier")]),
    ("On September 27, 2020 two died.", "en", "2022-09-28", [("September 27, 2020", "2020-09-27", "day", "earlier")]),
])
def test_calendar_dates(text, lang, published, expected):
    assert dates(text, lang, published) == expected


def test_a_month_after_publication_is_last_year():
    assert dates("Ad agosto sono morti.", "it", "2022-01-10") == [("agosto", "2021-08", "month", "earlier")]


@pytest.mark.parametrize("text, lang, iso", [
    ("La scorsa settimana sono morti.", "it", "2022-09-05"),
    ("Last week two died.", "en", "2022-09-05"),
])
def test_last_week_has_week_precision_and_is_earlier(text, lang, iso):
    ((_, got, precision, relation),) = dates(text, lang, "2022-09-14")
    assert (got, precision, relation) == (iso, "week", "earlier")


@pytest.mark.parametrize("text, lang", [("Nel 2020 sono morti.", "it"), ("In 2020 two died.", "en")])
def test_another_year_is_background(text, lang):
    assert dates(text, lang, "2022-09-14") == [("2020", "2020", "year", "background")]


@pytest.mark.parametrize("text, lang", [
    ("Sono morti sei soldati e 2020 persone.", "it"),  # a count, not a year
    ("They may die.", "en"),  # "may" the verb
    ("Alle 00:05 è suonato l'allarme.", "it"),
])
def test_not_dates(text, lang):
    assert dates(text, lang, "2022-09-14") == []


@pytest.mark.parametrize("text, lang, relation", [
    ("Martedì sono morti.", "it", "current"),
    ("Ieri sono morti.", "it", "current"),
    ("La scorsa settimana sono morti.", "it", "earlier"),
    ("Last week two died.", "en", "earlier"),
])
def test_without_a_publication_date_nothing_resolves(text, lang, relation):
    ((_, iso, precision, rel),) = dates(text, lang, None)
    assert (iso, precision, rel) == (None, None, relation)


def test_a_month_only_publication_date_does_not_resolve_a_weekday():
    ((_, iso, _, _),) = dates("On Tuesday two died.", "en", "2022-09")
    assert iso is None


def test_parse_iso_and_dateref():
    assert parse_iso("2022-09-13") == DateRef(parse_iso("2022-09-13").date, "day")
    assert parse_iso("2022-09").iso == "2022-09" and parse_iso("2022-09").precision == "month"
    assert parse_iso("2022").iso == "2022" and parse_iso("2022").last_day.isoformat() == "2022-12-31"
    assert parse_iso("2022-02").last_day.isoformat() == "2022-02-28"
    assert DateRef(parse_iso("2022-09-05").date, "week").last_day.isoformat() == "2022-09-11"
    assert parse_iso(None) is None and parse_iso("") is None


# Scope of whole sentences (geo.extract.document).
@pytest.mark.parametrize("text, lang, expected", [
    ("La scorsa settimana sono morti due soldati.", "it", [("earlier", "2022-09-05")]),
    ("Two soldiers were killed last week.", "en", [("earlier", "2022-09-05")]),
    ("Ad agosto sono morti due soldati.", "it", [("earlier", "2022-08")]),
    ("In August two soldiers died.", "en", [("earlier", "2022-08")]),
    ("Nella guerra sono morti seimila soldati.", "it", [("background", None)]),
    ("In the war six thousand soldiers died.", "en", [("background", None)]),
    ("Nel 2020 sono morti seimila soldati.", "it", [("background", "2020")]),
    ("Sono morti due soldati.", "it", [("current", "2022-09-14")]),
    ("Martedì sono morti due soldati, più che nella guerra del 2020.", "it", [("current", "2022-09-13")]),
])
def test_sentence_scope(text, lang, expected):
    assert scopes(text, lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Ad agosto sono morti due soldati. Allora sono morti altri tre.", "it", [("earlier", "2022-08")] * 2),
    ("In August two soldiers died. Then three more died.", "en", [("earlier", "2022-08")] * 2),
    ("Martedì sono morti due soldati. Allora ne sono morti altri tre.", "it", [("current", "2022-09-13")] * 2),
    ("Ad agosto sono morti due soldati. Oggi ne sono morti altri tre.", "it", [("earlier", "2022-08"), ("current", "2022-09-14")]),
    ("Ad agosto sono morti due soldati. Ne sono morti altri tre.", "it", [("earlier", "2022-08"), ("current", "2022-09-14")]),
])
def test_then_inherits_the_previous_sentence(text, lang, expected):
    assert scopes(text, lang) == expected


def test_no_publication_date_leaves_current_sentences_undated():
    assert scopes("Sono morti due soldati.", "it", None) == [("current", None)]
