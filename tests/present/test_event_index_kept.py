"""The events kept in the store and rebuilt one by one: the same events as grouping everything at once."""
import zlib

import pandas as pd
import pytest

import geo.present.dataset as dataset_module
from bench.dashboard import synthetic_extractions
from geo.events.grouping import group_events
from geo.present.dataset import Dataset
from geo.present.events import event_index, index_bytes, index_from_bytes
from geo.store import StoreError, open_store, schema
from ui_fixtures import sample_extractions


def _shape(ev):
    """Everything a page or an export reads of an event."""
    return (ev.id, ev.name, ev.date_start, ev.date_end, ev.precision, [(p.name, p.lat, p.lon, p.precision) for p in ev.places],
            [m.key for m in ev.members], [r.sort_key for r in ev.claims], [r.sort_key for r in ev.background],
            ev.links, ev.explanation)


@pytest.mark.parametrize("exs", [sample_extractions(), list(synthetic_extractions(600, seed=3))],
                         ids=["sample", "dense synthetic"])
def test_an_event_rebuilt_from_its_rows_is_the_event_grouping_made(exs):
    data = Dataset(exs)
    index = data.events
    placed = {(ex.article.id, i.id) for ex in exs for i in ex.incidents}
    whole = {ev.id: ev for ev in group_events(exs) if {m.key for m in ev.members} <= placed}
    rebuilt = index.events(index.table["event_id"])
    assert len(rebuilt) == len(index.table) > 0
    assert len({ev.id for ev in rebuilt if len(ev.members) > 1}) > (5 if len(exs) > 10 else 0)
    for ev in rebuilt:
        assert _shape(ev) == _shape(whole[ev.id])
    one = index.table["event_id"].iloc[-1]
    assert _shape(index.event(one)) == _shape(whole[one]) and index.event("ev-none") is None


def test_the_grouping_read_back_is_the_grouping_written():
    first = Dataset(sample_extractions())
    index = first.events
    again = Dataset(sample_extractions())
    back = index_from_bytes(index_bytes(index), again.incidents, again.claims)
    pd.testing.assert_frame_equal(back.table, index.table, check_dtype=False)
    pd.testing.assert_frame_equal(back.claim_events, index.claim_events, check_dtype=False)
    pd.testing.assert_frame_equal(back.incidents, index.incidents, check_dtype=False)


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    for ex in sample_extractions()[:3]:
        s.add(ex)
    yield s
    s.close()


def test_the_store_keeps_the_grouping_for_its_state(store, monkeypatch):
    grouped = Dataset.from_store(store).events
    monkeypatch.setattr(dataset_module, "event_index", lambda *a: pytest.fail("grouped again"))
    kept = Dataset.from_store(store).events  # a restart, or another server: read, not grouped
    pd.testing.assert_frame_equal(kept.table, grouped.table, check_dtype=False)
    assert _shape(kept.event(kept.table["event_id"].iloc[0])) == _shape(grouped.event(grouped.table["event_id"].iloc[0]))

    store.add(sample_extractions()[3])  # a new state: what was kept is for the old one
    monkeypatch.undo()
    after = Dataset.from_store(store).events
    assert set(after.incidents["article_id"]) == {ex.article.id for ex in sample_extractions()[:4]
                                                  if ex.incidents} and after.incidents["event_id"].notna().all()


@pytest.mark.parametrize("damage", [b"not zlib", zlib.compress(b"{not json"),
                                    zlib.compress(b'{"table": [[1]], "members": [], "claims": []}')])
def test_a_damaged_grouping_is_made_again(store, damage):
    table = Dataset.from_store(store).events.table
    with store._write() as conn:  # the one row kept, damaged in place
        conn.execute(schema.derived.update().values(data=damage))
    again = Dataset.from_store(store).events
    pd.testing.assert_frame_equal(again.table, table, check_dtype=False)


def test_a_store_that_cannot_keep_it_still_groups(store, monkeypatch):
    def refuse(*a):
        raise StoreError("read-only")

    monkeypatch.setattr(store, "save_derived", refuse)
    assert len(Dataset.from_store(store).events.table)


def test_derived_data_is_for_one_state_only(db_url):
    store = open_store(db_url)  # SQLite, and PostgreSQL where GEODASH_TEST_PG_URL is set
    store.save_derived("x", "state-1", b"one")
    assert store.derived("x", "state-1") == b"one" and store.derived("x", "state-2") is None
    store.save_derived("x", "state-2", b"two")
    assert store.derived("x", "state-1") is None and store.derived("x", "state-2") == b"two"
    assert store.derived("y", "state-2") is None
    store.close()


def _grouping(index):
    """What a page reads of an index: the table, each incident row's event, each claim's."""
    inc = index.incidents
    return (index.table.drop(columns="agreement").to_dict("records"),
            sorted(zip(inc["article_id"], inc["incident_id"], inc["place"], inc["event_id"])),
            sorted(map(tuple, index.claim_events.values.tolist())))


@pytest.mark.parametrize("n", [0, 1, 3])
def test_own_articles_grouped_into_the_shared_events_as_grouping_everything_would(tmp_path, n):
    exs = list(synthetic_extractions(1500, seed=4))
    shared, own = exs[: len(exs) - 3], exs[len(exs) - 3:][:n] + exs[:1]  # new articles, and one told again
    with open_store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        for ex in shared:
            store.add(ex)
        base = Dataset.from_store(store)
        merged = base.with_extractions(own)
        assert _grouping(merged.events) == _grouping(event_index(merged.incidents.copy(), merged.claims))
        assert base.events.incidents["article_id"].nunique() == len(shared)  # the shared data is unchanged
