"""The store, on SQLite and (when GEODASH_TEST_PG_URL is set) PostgreSQL.

The ``db_url`` fixture is imported by the other store tests: a fresh database
per test on each back-end.
"""
from __future__ import annotations

import os
import uuid
from dataclasses import replace

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from geo.models import Article, Claim, Extraction, Incident, Place
from geo.store import CorrectionError, StoreError, database_url, open_store

PG_ENV = "GEODASH_TEST_PG_URL"
_PG_SKIP = pytest.mark.skipif(
    not os.environ.get(PG_ENV),
    reason=f"{PG_ENV} not set: PostgreSQL back-end not tested (start one with scripts/postgres_for_tests.sh)",
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=_PG_SKIP)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'geodash.sqlite'}"
        return
    base = make_url(database_url(os.environ[PG_ENV]))
    name = f"geodash_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def store(db_url):
    with open_store(db_url) as s:
        yield s


def make_extraction(n: int, *, language: str = "it", published: str = "2022-09-13") -> Extraction:
    """An extraction built by hand: article n, two places, a claim and an incident at the first."""
    body = f"Articolo {n}. Bombardamento a Jermuk, Armenia: almeno {n} morti secondo Reuters. Il governo di Baku."
    article = Article(id=f"a{n:05d}", body=body, path=f"art{n}.txt", title=f"T{n}", outlet="Esempio",
                      language=language, published=published, published_precision="day")
    j = body.index("Jermuk")
    b = body.index("Baku")
    places = [
        Place("Jermuk", j, j + 6, "Jermuk", "AM", 39.84, 45.67, "town", "incident", "geonames:616629", 0.9),
        Place("Baku", b, b + 4, "Baku", "AZ", 40.38, 49.89, "town", "context", "geonames:587084", 0.9,
              reason="seat of government"),
    ]
    quote = body[body.index("Bombardamento"):body.index("Il governo")].strip()
    claims = [Claim("killed", n, None, "at_least", "armenia", "incident", "reuters", "secondo Reuters",
                    quote, 0, len(quote), ["Jermuk"], published, "day", count_text=str(n))]
    incidents = [Incident(f"inc{n}", "shelling", published, "day", ["Jermuk"], "reuters", quote, 0, len(quote),
                          claimed_by_text="secondo Reuters", attacker="azerbaijan", target="armenia")]
    return Extraction(article, places, claims, incidents, warnings=["w"])


def test_round_trip_keeps_every_field(store):
    ex = make_extraction(1)
    assert store.add(ex, extractor_version="v1") is True
    [back] = store.extractions()
    assert back.to_dict() == ex.to_dict()
    assert back.article.body == ex.article.body
    stored = store.article("a00001")
    assert (stored.status, stored.extractor_version, stored.warnings) == ("ok", "v1", ["w"])


def test_add_is_idempotent(store):
    assert store.add(make_extraction(1)) is True
    assert store.add(make_extraction(1)) is False
    assert store.counts() == {"articles": 1, "places": 2, "claims": 1, "incidents": 1, "corrections": 0,
                              "articles_ok": 1, "articles_skipped": 0, "articles_error": 0}


def test_an_article_is_all_or_nothing(store):
    broken = make_extraction(2)
    broken.claims[0].kind = None  # violates NOT NULL after the article row and places are written
    with pytest.raises(Exception):
        store.add(broken)
    assert not store.contains("a00002")
    assert store.counts()["places"] == 0
    assert store.add(make_extraction(2)) is True


def test_skipped_article_keeps_its_reason(store):
    article = make_extraction(3).article
    assert store.add(article, status="skipped", reason="language 'xx' not supported")
    [rec] = store.articles({"status": "skipped"})
    assert rec.status_reason == "language 'xx' not supported" and rec.article.body == ""
    assert store.article(article.id).article.body == article.body
    with pytest.raises(ValueError, match="status"):
        store.add(make_extraction(4), status="weird")


def test_filters(store):
    store.add(make_extraction(1, published="2020-10-01"))
    store.add(make_extraction(2, language="en"))
    other = make_extraction(3)
    other.incidents[0].places = ["Goris"]
    other.incidents[0].event_type = "drone_strike"
    other.claims[0].claimed_by = "tass"
    store.add(other)
    ids = lambda recs: sorted(r.article.id for r in recs)  # noqa: E731
    assert ids(store.articles({"language": "en"})) == ["a00002"]
    assert ids(store.articles({"date_from": "2022-01-01"})) == ["a00002", "a00003"]
    assert ids(store.articles({"date_to": "2020-10"})) == ["a00001"]  # a month includes its days
    assert ids(store.articles({"place": "Goris"})) == ["a00003"]
    assert ids(store.articles({"claimed_by": "tass"})) == ["a00003"]
    assert ids(store.articles({"event_type": ["drone_strike", "shelling"]})) == ["a00001", "a00002", "a00003"]
    assert [e.article.id for e in store.extractions({"ids": ["a00002"]})] == ["a00002"]
    with pytest.raises(ValueError, match="unknown filter"):
        store.articles({"colour": "red"})


def test_frames(store):
    for n in (1, 2, 3):
        store.add(make_extraction(n))
    inc = store.incident_places_frame({"place": "Jermuk", "precision": "town"})
    assert len(inc) == 3
    row = inc.iloc[0]
    assert (row.place, row.lat, row.lon, row.event_type, row.outlet) == ("Jermuk", 39.84, 45.67, "shelling", "Esempio")
    assert row.quote.startswith("Bombardamento")
    claims = store.claims_frame({"side": "armenia", "kind": "killed"})
    assert sorted(claims.count_low) == [1, 2, 3]
    assert list(claims.places.iloc[0]) == ["Jermuk"]
    assert store.claims_frame({"claimed_by": "tass"}).empty
    places = store.places_frame({"role": "context"})
    assert set(places.name) == {"Baku"}
    assert len(store.articles_frame()) == 3 and "body" not in store.articles_frame().columns


def test_move_correction_changes_places_and_records(store):
    ex = make_extraction(1)
    store.add(ex)
    j = ex.places[0]
    c = store.add_correction(article_id="a00001", action="move", who="ana", place_start=j.start, place_end=j.end,
                             new_name="Sotk", new_lat=40.2, new_lon=45.87, new_country="AM",
                             new_gazetteer="geonames:616199", note="Sok is Sotk")
    assert c.id is not None
    [back] = store.extractions()
    assert (back.places[0].name, back.places[0].lat, back.places[0].confidence) == ("Sotk", 40.2, 1.0)
    assert back.incidents[0].places == ["Sotk"] and back.claims[0].places == ["Sotk"]
    assert list(store.incident_places_frame().place) == ["Sotk"]
    assert [x.new_name for x in store.corrections("a00001")] == ["Sotk"]


def test_not_incident_corrections(store):
    ex = make_extraction(1)
    store.add(ex)
    j = ex.places[0]
    store.add_correction(article_id="a00001", action="not_incident", who="ana", place_start=j.start, place_end=j.end)
    [back] = store.extractions()
    assert back.places[0].role == "context" and back.incidents[0].places == []
    store.add_correction(article_id="a00001", action="not_incident", who="ana", incident_id="inc1")
    assert store.extractions()[0].incidents == []
    assert store.counts()["corrections"] == 2


def test_corrections_survive_reextraction(store):
    ex = make_extraction(1)
    store.add(ex, extractor_version="v1")
    j = ex.places[0]
    store.add_correction(article_id="a00001", action="move", who="ana", place_start=j.start, place_end=j.end,
                         new_name="Sotk", new_lat=40.2, new_lon=45.87)
    fresh = make_extraction(1)  # what the extractor says again, uncorrected
    fresh.places.append(replace(fresh.places[1], text="Erevan", start=0, end=6, name="Yerevan"))
    store.replace_extraction(fresh, extractor_version="v2")
    [back] = store.extractions()
    assert back.places[0].name == "Sotk" and back.incidents[0].places == ["Sotk"]
    assert len(back.places) == 3
    assert store.article("a00001").extractor_version == "v2"
    assert store.stale_article_ids("v2") == [] and store.stale_article_ids("v3") == ["a00001"]


def test_correction_that_no_longer_matches_is_reported(store):
    ex = make_extraction(1)
    store.add(ex)
    store.add_correction(article_id="a00001", action="not_incident", who="ana", incident_id="inc1")
    fresh = make_extraction(1)
    fresh.incidents[0].id = "renamed"
    store.replace_extraction(fresh)
    [back] = store.extractions()
    assert [i.id for i in back.incidents] == ["renamed"]
    assert any("no longer matches" in w for w in back.warnings)


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"action": "move", "place_start": 0, "place_end": 3}, "name, lat and lon"),
        ({"action": "delete", "incident_id": "inc1"}, "action must be one of"),
        ({"action": "not_incident"}, "either a place mention"),
        ({"action": "not_incident", "place_start": 1, "place_end": 2}, "no place mention at 1-2"),
        ({"action": "not_incident", "incident_id": "nope"}, "no incident 'nope'"),
        ({"action": "move", "place_start": 0, "place_end": 3, "new_name": "X", "new_lat": 99, "new_lon": 0},
         "out of range"),
    ],
)
def test_bad_corrections_are_refused(store, fields, message):
    store.add(make_extraction(1))
    with pytest.raises(CorrectionError, match=message):
        store.add_correction(article_id="a00001", who="ana", **fields)
    assert store.corrections() == []


def test_correction_of_unknown_article(store):
    with pytest.raises(KeyError):
        store.add_correction(article_id="nope", action="not_incident", who="ana", incident_id="x")


def test_database_url_choice(monkeypatch):
    monkeypatch.delenv("GEODASH_DB_URL", raising=False)
    assert database_url() == "sqlite:///var/geodash.sqlite"
    monkeypatch.setenv("GEODASH_DB_URL", "postgres://u:p@h/db")
    assert database_url() == "postgresql+psycopg://u:p@h/db"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_unusable_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("mysql://u@h/db")
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(f"sqlite:///{tmp_path / 'file' / 'db.sqlite'}")
    with pytest.raises(StoreError, match=r"\*\*\*"):  # the password is not shown
        open_store("postgresql://u:secret@127.0.0.1:1/db")
