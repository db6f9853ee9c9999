"""The store, on SQLite and (when GEODASH_TEST_PG_URL is set) PostgreSQL: see the ``db_url`` fixture
in conftest.py."""
from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from geo.models import Article, Claim, Extraction, Incident, Place
from geo.store import CorrectionError, StoreError, database_url, open_store


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


def test_add_many_says_which_are_new(store):
    store.add(make_extraction(1))
    skipped = make_extraction(3).article
    items = [(make_extraction(1), "ok", None), (make_extraction(2), "ok", None), (make_extraction(2), "ok", None),
             (skipped, "skipped", "language 'xx' not supported")]
    assert store.add_many(items, extractor_version="v2") == [False, True, False, True]
    assert store.add_many([]) == []
    assert store.existing_ids(["a00001", "a00003", "nope", "a00001"]) == {"a00001", "a00003"}
    assert store.existing_ids([]) == set()
    assert store.counts() == {"articles": 3, "places": 4, "claims": 2, "incidents": 2, "corrections": 0,
                              "articles_ok": 2, "articles_skipped": 1, "articles_error": 0}
    assert [e.to_dict() for e in store.extractions({"ids": ["a00002"]})] == [make_extraction(2).to_dict()]
    assert store.article("a00001").extractor_version is None  # the stored one is left as it was
    assert (store.article("a00002").extractor_version, store.article(skipped.id).status) == ("v2", "skipped")


def test_add_many_is_all_or_nothing(store):
    broken = make_extraction(5)
    broken.incidents[0].event_type = None  # violates NOT NULL after every article row is written
    with pytest.raises(Exception):
        store.add_many([(make_extraction(4), "ok", None), (broken, "ok", None)])
    assert store.existing_ids(["a00004", "a00005"]) == set() and store.counts()["places"] == 0
    with pytest.raises(ValueError, match="status"):
        store.add_many([(make_extraction(4), "ok", None), (make_extraction(6), "weird", None)])
    assert store.counts()["articles"] == 0


def add_at_once(url: str, batches) -> dict[int, list[bool]]:
    """Open the store from one thread per batch, then add the batches at once; add_many's results."""
    opened = threading.Barrier(len(batches), timeout=60)
    results: dict[int, list[bool]] = {}

    def write(k: int, items) -> None:
        with open_store(url) as s:
            opened.wait()
            results[k] = s.add_many(items)

    threads = [threading.Thread(target=write, args=(k, items)) for k, items in enumerate(batches)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return results


def test_two_writers_adding_overlapping_batches(db_url):
    """In opposite orders at once: each article stored once, neither writer fails (no deadlock)."""
    batch = [(make_extraction(n), "ok", None) for n in range(120)]
    results = add_at_once(db_url, (batch, batch[::-1]))
    assert sorted(results) == [0, 1]
    assert [a + b for a, b in zip(results[0], results[1][::-1])] == [1] * 120  # each new for exactly one
    with open_store(db_url) as s:
        assert s.counts()["articles"] == 120 and s.counts()["places"] == 240


def test_writers_creating_a_new_sqlite_store_at_once(tmp_path):
    """Whoever loses the race to put a new file in WAL mode is not locked out of it (it was, until its
    busy timeout, in about one try in forty of this)."""
    batch = [(make_extraction(n), "ok", None) for n in range(120)]
    for n in range(40):
        assert sorted(add_at_once(f"sqlite:///{tmp_path / f'new{n}.sqlite'}", (batch, batch[::-1]))) == [0, 1]


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


def test_sqlite_checkpoints_its_log_in_large_steps(tmp_path):
    from sqlalchemy import text

    from geo.store.store import WAL_CHECKPOINT_PAGES

    with open_store(f"sqlite:///{tmp_path / 's.sqlite'}") as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA wal_autocheckpoint")).scalar() == WAL_CHECKPOINT_PAGES > 1000
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_mentions_read_back_from_a_row_or_a_frame():
    from geo.store.rows import mentions_from_row
    assert mentions_from_row('[{"start": 3, "end": 9}]') == [{"start": 3, "end": 9}]
    assert mentions_from_row(None) == mentions_from_row(float("nan")) == []  # NULL, as a frame holds it
