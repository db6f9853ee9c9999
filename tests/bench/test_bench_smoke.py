"""The benchmarks run and print their tables (never timed here), and the corpus generator keeps its promises."""
from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpus
from bench.dashboard import CHROMIUM, synthetic_extractions

ROOT = Path(__file__).resolve().parents[2]


def run_module(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def test_corpus_is_deterministic_streamed_and_varied():
    stream = corpus.generate(200, seed=3)
    assert inspect.isgenerator(stream)
    first = list(stream)
    assert first == list(corpus.generate(200, seed=3))
    assert first[:50] == list(corpus.generate(50, seed=3))  # article i does not depend on N
    assert first != list(corpus.generate(200, seed=4))
    bodies = [text.split("---\n", 2)[2] for _, text in first]
    assert len(set(bodies)) == 200
    langs = {name.rsplit("_", 1)[1][:2] for name, _ in first}
    assert langs == {"en", "it"}
    text = "\n".join(bodies)
    assert re.search(r"\b(forty|twenty|thirty|quaranta|venti|trenta)", text)  # figures in words...
    assert re.search(r"\b\d{2}\b", text)  # ...and in digits
    assert "According to" in text and "Secondo" in text  # attribution before the fact
    sentences = {s for b in bodies for s in re.split(r"(?<=[.!?])\s+", b)}
    assert len(sentences) > 1000  # not a handful of sentences repeated


def test_corpus_places_and_claimants_come_from_the_data():
    theatre = corpus.Theatre.default()
    assert {t.country for t in theatre.towns} == {"AM", "AZ"}
    assert any(a.kind == "district" for a in theatre.areas) and any(a.kind == "province" for a in theatre.areas)
    text = "\n".join(t for _, t in corpus.generate(300, seed=1))
    named = {t.name for t in theatre.towns if t.name in text}
    assert len(named) > 100
    assert "Yerevan" in text and "Baku" in text  # capitals as context
    assert any(subj in text for _, _, subj in theatre.claimants["en"])
    assert any(subj in text for _, _, subj in theatre.claimants["it"])


def test_corpus_is_not_the_sample():
    text = "\n".join(t for _, t in corpus.generate(300, seed=1))
    for f in (ROOT / "data" / "sample").glob("*.txt"):
        for sentence in re.split(r"(?<=[.!?])\s+", f.read_text(encoding="utf-8")):
            if len(sentence) > 40:
                assert sentence not in text


def test_corpus_cli_writes_readable_articles(tmp_path):
    from geo.ingest.articles import iter_article_paths, read_article

    out = run_module("bench.corpus", "--n", "30", "--seed", "2", "--out", str(tmp_path)).stdout
    assert "30 articles written" in out
    arts = [read_article(p) for p in iter_article_paths([tmp_path])]
    assert len(arts) == 30 and all(a.language in ("en", "it") and a.published and a.title for a in arts)


def test_number_words():
    assert corpus.number_words(49, "en") == "forty-nine"
    assert [corpus.number_words(n, "it") for n in (21, 23, 28, 49)] == ["ventuno", "ventitré", "ventotto", "quarantanove"]
    with pytest.raises(ValueError):
        corpus.number_words(100, "en")


def test_ingest_bench_prints_its_table():
    out = run_module("bench.ingest", "--n", "200", "--modes", "extract", "serial", "parallel", "--workers", "2").stdout
    lines = out.strip().splitlines()
    assert "articles/s" in lines[-5]
    rows = [line.split() for line in lines[-3:]]
    assert [r[1] for r in rows] == ["extract", "serial", "parallel"]
    assert all(r[0] == "200" and float(r[4]) > 0 for r in rows)


def test_synthetic_dashboard_store_has_the_incidents_asked_for():
    exs = list(synthetic_extractions(100))
    assert sum(len(e.incidents) for e in exs) == 100
    for e in exs:
        for inc in e.incidents:
            assert e.article.body[inc.start:inc.end] == inc.quote
            assert inc.places[0] in {p.name for p in e.places}


@pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason=f"no chromium at {CHROMIUM}")
def test_dashboard_bench_prints_its_table():
    out = run_module("bench.dashboard", "--incidents", "100", "--repeat", "1", "--timeout", "180", timeout=900).stdout
    lines = out.strip().splitlines()
    assert "first marker s" in lines[-4] and "events page s" in lines[-4] and "grouping s" in lines[-4]
    dash, bare = lines[-2].split(), lines[-1].split()
    assert dash[0] == "100" and dash[3] == "dashboard" and bare[2] == "bare"
    assert float(dash[2]) > 0 and float(dash[8]) > 0  # the grouping kept at ingest; the events page's first paint


def test_a_six_language_corpus_is_read_in_each_of_its_languages():
    from geo.extract.pipeline import extract_article
    from geo.knowledge.files import default_knowledge
    from geo.knowledge.langid import detect_language

    knowledge = default_knowledge()
    arts = list(corpus.articles(60, seed=5, languages=corpus.ALL_LANGUAGES))
    assert {a.language for a in arts} == {"en", "it", "ru", "fr", "es", "de"}
    claims: dict[str, int] = {}
    for a in arts:
        assert detect_language(a.body, knowledge) == a.language, a.path  # the templates read as their language
        claims[a.language] = claims.get(a.language, 0) + len(extract_article(a, knowledge).claims)
    assert all(claims[lang] > 0 for lang in ("ru", "fr", "es", "de")), claims
    assert list(corpus.generate(20, seed=5)) == list(corpus.generate(20, seed=5, languages=corpus.LANGUAGES))


def test_instruction_count_is_read_from_callgrind_and_its_run_extracts():
    from bench.instructions import collected

    assert collected("==1== Events    : Ir\n==1== Collected : 2166569367\n==1==\n==1== I   refs: 2,166,569,367") == 2166569367
    with pytest.raises(ValueError):
        collected("valgrind: no such tool")
    run_module("bench.instructions", "--inner", "--n", "3", "--languages", "en,ru")  # outside valgrind: extracts, counts nothing
