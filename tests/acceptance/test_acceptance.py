"""Acceptance: the extraction measured against analysts' gold annotations.

The built-in sample (data/sample, coded in tests/fixtures/gold_seeds.yaml) must
meet issue 2's targets; the project's own 30 test articles (tests/articles,
written to vary what the sample does not) must stay above floors set a little
below what the engine reaches today, so that a regression fails here.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from geo.ingest.articles import iter_article_paths, read_article
from geo.extract.evaluate import load_gold, score
from geo.extract.pipeline import extract_article

ROOT = Path(__file__).resolve().parents[2]


def _report(gold_path: Path, folder: Path, languages: tuple[str, ...] | None = None):
    gold = load_gold(gold_path)
    if languages:
        gold = {**gold, "articles": [a for a in gold["articles"] if a.get("language") in languages]}
    annotated = {a["file"] for a in gold["articles"]}
    extractions, bodies = [], {}
    for path in iter_article_paths([folder]):
        if path.name in annotated:
            ex = extract_article(read_article(path))
            extractions.append(ex.to_dict())
            bodies[path.name] = ex.article.body
    return score(extractions, gold, bodies)


@pytest.fixture(scope="module")
def sample():
    return _report(ROOT / "tests/fixtures/gold_seeds.yaml", ROOT / "data/sample")


@pytest.fixture(scope="module")
def corpus():
    return _report(ROOT / "tests/articles/expected.yaml", ROOT / "tests/articles", ("it", "en"))


# Issue 13's languages, eight articles each, with floors of their own a little below what the engine reaches.
NEW_LANGUAGES = {"ru": (0.95, 0.9), "fr": (0.95, 0.9), "es": (0.95, 0.9), "de": (0.9, 0.9)}  # places F1, claims F1


@pytest.mark.parametrize("lang", sorted(NEW_LANGUAGES))
def test_corpus_in_each_new_language(lang):
    report = _report(ROOT / "tests/articles/expected.yaml", ROOT / "tests/articles", (lang,))
    places_floor, claims_floor = NEW_LANGUAGES[lang]
    assert not report.not_run and len(report.articles) >= 8, lang
    assert report.places.f1 >= places_floor, (lang, report.places.to_dict())
    assert report.claims.f1 >= claims_floor, (lang, report.claims.to_dict())
    assert report.violations == 0
    assert report.attributes["claimed_by"].value >= 0.85, (lang, report.attributes["claimed_by"].to_dict())


def test_sample_incident_places(sample):
    assert not sample.not_run
    assert sample.places.f1 >= 0.95, sample.places.to_dict()
    assert sample.violations == 0  # no marker at "il governo di Yerevan", Baku, Bruxelles, ...


def test_sample_claims(sample):
    assert sample.claims.f1 >= 0.9, sample.claims.to_dict()
    for attribute in ("side", "scope", "claimed_by"):
        assert sample.attributes[attribute].value >= 0.9, (attribute, sample.attributes[attribute].to_dict())


def test_sample_publication_dates(sample):
    assert sample.published.value == 1.0


def test_corpus_incident_places(corpus):
    assert not corpus.not_run
    assert corpus.places.f1 >= 0.96, corpus.places.to_dict()
    assert corpus.violations <= 1


def test_corpus_claims(corpus):
    assert corpus.claims.f1 >= 0.93, corpus.claims.to_dict()
    floors = {"side": 0.84, "scope": 0.89, "claimed_by": 0.86, "what": 0.88}
    for attribute, floor in floors.items():
        assert corpus.attributes[attribute].value >= floor, (attribute, corpus.attributes[attribute].to_dict())


@pytest.mark.parametrize("spelling, place", [
    ("Sok", "Sotk"), ("Kalpajar", "Kalbajar"), ("Dasheksan", "Dashkasan"),
])
def test_sample_spelling_variants_resolve(spelling, place):
    ex = extract_article(read_article(ROOT / "data/sample/004_a4b227896e37e968.txt"))
    resolved = {p.text: p for p in ex.places}
    assert resolved[spelling].name == place and resolved[spelling].role == "incident"


def test_sample_artsaj_and_stepanakert():
    art0 = extract_article(read_article(ROOT / "data/sample/000_8954fed0b7545f0c.txt"))
    artsaj = next(p for p in art0.places if p.text == "Artsaj")
    assert artsaj.name == "Nagorno-Karabakh"
    art1 = extract_article(read_article(ROOT / "data/sample/001_1b8c5cb97c42f457.txt"))
    step = next(p for p in art1.places if p.text == "Stepanakert")
    assert abs(step.lat - 39.8177) < 0.05 and abs(step.lon - 46.7528) < 0.05 and step.role == "incident"
