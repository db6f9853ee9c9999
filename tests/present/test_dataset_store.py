"""The dashboard's frames read from the store with SQL equal those built from the extractions in memory."""
import pandas as pd
import pytest

from geo.present.dataset import Dataset
from geo.present.events import EVENT_COLUMNS
from geo.models import Extraction
from geo.store import open_store
from geo.present.tables import incident_places_frame
from ui_fixtures import sample_extractions


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    for ex in sample_extractions():
        s.add(ex)
    yield s
    s.close()


def test_store_frames_equal_the_in_memory_frames(store):
    memory, sql = Dataset(store.extractions(), store), Dataset.from_store(store)
    for name in ("incidents", "claims", "articles"):
        pd.testing.assert_frame_equal(getattr(memory, name), getattr(sql, name), check_dtype=False, obj=name)
    assert len(sql.incidents) and len(sql.claims) and not sql.extractions  # nothing held in memory


def test_articles_and_extractions_are_read_when_asked(store):
    data = Dataset.from_store(store)
    ex = sample_extractions()[3]
    assert data.article(ex.article.id).body == ex.article.body
    assert data.extraction(ex.article.id).to_dict() == store.extractions({"ids": [ex.article.id]})[0].to_dict()
    assert data.article("nope") is None and data.extraction("nope") is None


def test_uploads_join_this_dataset_only_and_replace_the_same_article(store):
    data = Dataset.from_store(store)
    ex = max(sample_extractions(), key=lambda e: len(e.incidents))
    d = ex.to_dict()
    d["incidents"] = d["incidents"][:1]
    changed = Extraction.from_dict({**d, "article": {**d["article"], "body": ex.article.body}})
    mine = data.with_extractions([changed])
    rows = mine.incidents[mine.incidents["article_id"] == ex.article.id].reset_index(drop=True)
    pd.testing.assert_frame_equal(rows.drop(columns=EVENT_COLUMNS), incident_places_frame([changed]), check_dtype=False)
    assert mine.events.incidents.loc[mine.incidents["article_id"] == ex.article.id, "event_id"].notna().all()
    assert len(rows) < (data.incidents["article_id"] == ex.article.id).sum()
    assert len(mine.articles) == len(data.articles)
    assert mine.extraction(ex.article.id) is changed and data.extraction(ex.article.id) is not changed
    assert list(mine.incidents.index) == list(range(len(mine.incidents)))


def test_stale_after_a_write(store):
    data = Dataset.from_store(store)
    assert not data.stale()
    store.add_correction(article_id=sample_extractions()[3].article.id, action="not_incident", who="test",
                         place_start=next(p.start for p in sample_extractions()[3].places if p.name == "Goris"),
                         place_end=next(p.end for p in sample_extractions()[3].places if p.name == "Goris"))
    assert data.stale() and not Dataset.from_store(store).stale()


def test_frames_go_stale_when_an_article_is_extracted_again_or_corrected(store):
    data = Dataset.from_store(store)
    assert not data.stale()
    ex = store.extractions()[0]
    store.replace_extraction(ex, status="ok", reason=None, extractor_version="test-2")  # same counts, new time
    assert data.stale()
    data = Dataset.from_store(store)
    place = next(p for p in ex.places if p.role == "incident")
    store.add_correction(article_id=ex.article.id, action="not_incident", who="tester",
                         place_start=place.start, place_end=place.end)
    assert data.stale()
