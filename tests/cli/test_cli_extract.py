"""The docs/extraction-contract.md contract of `python -m geo extract PATH... --json`, run as a subprocess."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geo.ingest.articles import article_id, read_article
from geo.knowledge.files import default_knowledge
from geo.models import CLAIM_KINDS, DATE_PRECISIONS, PRECISIONS, QUALIFIERS, ROLES, SCOPES

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data/sample"

ARTICLE_FIELDS = {"id", "path", "title", "url", "outlet", "language", "published", "published_precision"}
PLACE_FIELDS = {"text", "start", "end", "name", "country", "lat", "lon", "precision", "role", "gazetteer", "confidence"}
CLAIM_FIELDS = {"kind", "count_low", "count_high", "qualifier", "side", "scope", "claimed_by", "claimed_by_text", "quote",
                "start", "end", "places", "date", "date_precision", "what"}
INCIDENT_FIELDS = {"id", "event_type", "date", "date_precision", "places", "claimed_by", "quote", "start", "end"}
DATE_RE = {"day": r"\d{4}-\d{2}-\d{2}", "week": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}

IT_BODY = ("Martedì l'artiglieria azera ha bombardato il villaggio di Sotk, secondo il ministero della Difesa armeno. "
           "Almeno 49 soldati armeni sono morti, ha riferito il ministero della Difesa armeno.\n\n"
           "Il governo di Yerevan ha chiesto l'intervento della Russia.\n")
EN_BODY = ("Azerbaijani forces shelled Jermuk on Tuesday, killing three civilians, the Armenian Defence Ministry said. "
           "More than 6,500 people died in the 2020 war.\n")
DATELINE_BODY = " date 2020-10 Il ministero della Difesa armeno ha detto che tre soldati sono morti a Martakert.\n"
PT_BODY = ("O Ministério da Defesa da Armênia disse na terça-feira que os combates começaram durante a noite na fronteira. "
           "Segundo Baku, as forças armênias abriram fogo primeiro.\n")  # a language the project does not read


def front(**meta):
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n"


def run_extract(*paths):
    proc = subprocess.run([sys.executable, "-m", "geo", "extract", *map(str, paths), "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    lines = proc.stdout.splitlines()
    return proc.returncode, [json.loads(line) for line in lines], proc.stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Good articles (with their bodies) in a nested folder, plus bad files beside it."""
    d = tmp_path_factory.mktemp("cli")
    files = {
        "folder/b_it.md": (front(title='"Sotk sotto le bombe"', url="https://example.org/a", outlet="Esempio",
                                 language="it", published="2022-09-13"), IT_BODY),
        "folder/a/deeper/en_month.txt": (front(published="2022-09"), EN_BODY),
        "year.md": (front(language="en", published=2022), EN_BODY),
        "dateline.txt": ("", DATELINE_BODY),
        "lang_wins.md": (front(language="en"), IT_BODY),
    }
    bodies = {}
    for name, (head, body) in files.items():
        p = d / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(head + body, encoding="utf-8")
        bodies[str(p)] = body
    (d / "folder/a/notes.json").write_text("{}", encoding="utf-8")  # not an article: skipped
    (d / "broken.md").write_text("---\ntitle: [unclosed\n---\nScontri a Sotk.\n", encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "portuguese.md").write_text(PT_BODY, encoding="utf-8")
    return d, bodies


@pytest.fixture(scope="module")
def good_run(corpus):
    d, bodies = corpus
    paths = [d / "year.md", d / "folder", SAMPLE, d / "dateline.txt", d / "lang_wins.md"]
    return run_extract(*paths)


@pytest.fixture(scope="module")
def bad_run(corpus):
    d, _ = corpus
    return run_extract(d / "broken.md", d / "year.md", d / "missing.md", d / "empty.txt", d / "portuguese.md", d / "lang_wins.md")


def by_name(records):
    return {Path(r["article"]["path"]).name: r for r in records}


def test_all_good_exits_0_with_one_line_per_article_in_input_order(corpus, good_run):
    d, _ = corpus
    rc, records, err = good_run
    assert rc == 0 and err.strip() == ""
    sample = sorted(p.name for p in SAMPLE.glob("*.txt"))
    assert [Path(r["article"]["path"]).name for r in records] == (
        ["year.md", "en_month.txt", "b_it.md"] + sample + ["dateline.txt", "lang_wins.md"])


def test_every_field_of_the_spec_is_present(good_run):
    for r in good_run[1]:
        assert set(r) >= {"article", "places", "claims", "incidents"}
        assert set(r["article"]) >= ARTICLE_FIELDS
        for p in r["places"]:
            assert set(p) >= PLACE_FIELDS
        for c in r["claims"]:
            assert set(c) >= CLAIM_FIELDS
        for i in r["incidents"]:
            assert set(i) >= INCIDENT_FIELDS


def test_values_are_among_the_allowed(good_run):
    conflict = default_knowledge().conflict
    sides, sources = set(conflict.sides), set(conflict.sources) | {"unattributed"}
    for r in good_run[1]:
        for p in r["places"]:
            assert p["role"] in ROLES
            assert p["precision"] in PRECISIONS or (p["name"] is None and p["precision"] is None)
            assert 0 <= p["confidence"] <= 1
        for c in r["claims"]:
            assert c["kind"] in CLAIM_KINDS and c["qualifier"] in QUALIFIERS and c["scope"] in SCOPES
            assert c["side"] in sides and c["claimed_by"] in sources
            assert (c["what"] is not None) == (c["kind"] == "materiel")
            low, high, q = c["count_low"], c["count_high"], c["qualifier"]
            expected_shape = {"exact": low is not None and low == high, "approx": low is not None and low == high,
                              "at_least": low is not None and high is None, "more_than": low is not None and high is None,
                              "at_most": low is None and high is not None, "unspecified": low is None and high is None}
            assert expected_shape[q], c
            assert c["date_precision"] in DATE_PRECISIONS or c["date"] is None
            if c["date"]:
                assert re.fullmatch(DATE_RE[c["date_precision"]], c["date"]), c
            if c["scope"] != "incident":
                assert c["places"] == []
        for i in r["incidents"]:
            assert i["claimed_by"] in sources and i["id"]
            if i["date"]:
                assert re.fullmatch(DATE_RE[i["date_precision"]], i["date"]), i


def test_places_of_claims_and_incidents_are_incident_places(good_run):
    for r in good_run[1]:
        incident_places = {p["name"] for p in r["places"] if p["role"] == "incident"}
        for i in r["incidents"]:
            assert set(i["places"]) <= incident_places and i["places"]
        for c in r["claims"]:
            assert set(c["places"]) <= incident_places


def test_offsets_index_the_body_after_the_front_matter(corpus, good_run):
    _, bodies = corpus
    for r in good_run[1]:
        path = r["article"]["path"]
        body = bodies.get(path) or read_article(Path(path)).body
        assert r["article"]["id"] == article_id(body)
        for p in r["places"]:
            assert body[p["start"]:p["end"]] == p["text"]
        for c in r["claims"]:
            assert body[c["start"]:c["end"]] == c["quote"]
        for i in r["incidents"]:
            assert body[i["start"]:i["end"]] == i["quote"]


def test_front_matter_fields(good_run):
    a = by_name(good_run[1])["b_it.md"]["article"]
    assert {k: a[k] for k in ("title", "url", "outlet", "language", "published", "published_precision")} == {
        "title": "Sotk sotto le bombe", "url": "https://example.org/a", "outlet": "Esempio",
        "language": "it", "published": "2022-09-13", "published_precision": "day"}


@pytest.mark.parametrize("name, published, precision, language", [
    ("en_month.txt", "2022-09", "month", "en"),  # detected
    ("year.md", "2022", "year", "en"),
    ("dateline.txt", "2020-10", "month", "it"),
    ("lang_wins.md", None, None, "en"),  # Italian text, but the front matter says en
])
def test_publication_dates_and_languages(good_run, name, published, precision, language):
    a = by_name(good_run[1])[name]["article"]
    assert (a["published"], a["published_precision"], a["language"]) == (published, precision, language)
    assert (a["title"], a["url"], a["outlet"]) == (None, None, None)


def test_the_italian_article_is_extracted(good_run):
    r = by_name(good_run[1])["b_it.md"]
    roles = {p["text"]: p["role"] for p in r["places"]}
    assert roles["Sotk"] == "incident" and roles["Yerevan"] == "context"
    (inc,) = r["incidents"]
    assert (inc["event_type"], inc["places"], inc["date"], inc["claimed_by"]) == ("shelling", ["Sotk"], "2022-09-13", "armenian_mod")
    (c,) = r["claims"]
    assert (c["kind"], c["count_low"], c["count_high"], c["qualifier"], c["side"], c["scope"], c["claimed_by"], c["places"], c["date"]) == (
        "killed", 49, None, "at_least", "armenia", "incident", "armenian_mod", ["Sotk"], "2022-09-13")


def test_the_english_article_is_extracted(good_run):
    r = by_name(good_run[1])["year.md"]
    got = [(c["kind"], c["count_low"], c["side"], c["scope"]) for c in r["claims"]]
    assert got == [("killed", 3, "civilian", "incident"), ("killed", 6500, "unspecified", "background")]
    assert [i["places"] for i in r["incidents"]] == [["Jermuk"]]


def test_bad_files_are_reported_and_the_others_still_processed(corpus, bad_run):
    d, _ = corpus
    rc, records, err = bad_run
    assert rc == 1
    assert [Path(r["article"]["path"]).name for r in records] == ["year.md", "lang_wins.md"]
    lines = err.strip().splitlines()
    assert len(lines) == 4, err
    expected = [("broken.md", "front matter"), ("missing.md", "no such file"), ("empty.txt", "empty"), ("portuguese.md", "portuguese")]
    for line, (name, reason) in zip(lines, expected):
        assert str(d / name) in line and reason in line.lower(), line


def test_without_json_the_extraction_is_summarised_for_a_reader(tmp_path):
    """A line per article (language, date, incident places, counts), a line per figure with its claimant;
    an article's control characters never reach the terminal."""
    (tmp_path / "a.md").write_text(front(language="it", published="2022-09-13")
                                   + IT_BODY.replace("Sotk", "Sotk\x1b[31m"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "geo", "extract", str(tmp_path / "a.md")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    head, *figures = proc.stdout.splitlines()
    assert head.startswith(f"{tmp_path / 'a.md'} [it, 2022-09-13]: ") and "Sotk" in head
    assert any(line.startswith("  killed ≥49 · side armenia · incident · armenian_mod: ") for line in figures), figures
    assert "\x1b" not in proc.stdout
