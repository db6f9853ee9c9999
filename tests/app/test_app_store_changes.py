"""AppTest: an ingest run beside the app shows up within views.common.REREAD_S, read and grouped once."""
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import geo.present.dataset as ds
import views.common
from geo.store import open_store
from ui_fixtures import APP, sample_extractions


@pytest.fixture
def store(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    with open_store(url) as s:
        for ex in sample_extractions()[:2]:
            s.add(ex)
    monkeypatch.setattr(ds, "load_dataset", lambda *a, **k: ds.Dataset.from_store(open_store(url)))
    monkeypatch.setattr(views.common, "_last_check", [0.0])
    st.cache_resource.clear()
    yield url
    st.cache_resource.clear()


def _counts() -> str:
    """The map's counts, "N places · N events, N reports · N articles", for a new viewer (a new session:
    a session's date filter keeps the range it was given)."""
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    return next(m.value for m in at.markdown if "articles</div>" in m.value).split("class='meta'>")[1].split("<")[0]


def test_an_ingest_beside_the_app_is_read_once_checked_again(store, monkeypatch):
    before = _counts()
    with open_store(store) as s:  # `geo ingest` in another process
        for ex in sample_extractions()[2:]:
            s.add(ex)
    assert _counts() == before  # checked less than REREAD_S ago: still the frames read
    monkeypatch.setattr(views.common, "_last_check", [0.0])  # REREAD_S later
    after = _counts()
    assert after != before and after.endswith("5 articles")
    grouped = []
    monkeypatch.setattr(ds, "event_index", lambda *a: grouped.append(a) or pytest.fail("grouped again"))
    monkeypatch.setattr(views.common, "_last_check", [0.0])
    assert _counts() == after and not grouped  # the same state: nothing read or grouped again


def test_the_shared_frames_are_left_out_of_the_collections_after_each_rerun(store, monkeypatch):
    """Streamlit collects every generation after each rerun; the shared dataset's frames, alive until the
    store changes, are frozen out of those passes, and a newer dataset frees the older one's."""
    import gc
    import weakref

    def tracked(obj) -> bool:
        return any(o is obj for o in gc.get_objects())

    class Cycle:  # what only the cycle collector frees (pandas objects hold such cycles)
        pass

    load = ds.load_dataset

    def load_with_a_cycle(*a, **k):
        data = load(*a, **k)
        data.cycle = Cycle()
        data.cycle.me = data.cycle
        return data

    monkeypatch.setattr(ds, "load_dataset", load_with_a_cycle)
    first = views.common.shared_dataset()
    assert not tracked(first.incidents) and not tracked(first.events.table)
    older = weakref.ref(first.cycle)
    del first
    views.common.shared_dataset.clear()
    second = views.common.shared_dataset()
    assert not tracked(second.incidents) and not tracked(second.events.table)
    assert older() is None  # the replaced dataset's objects were unfrozen and collected
    gc.unfreeze()
