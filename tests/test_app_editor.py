"""AppTest of editing: an editor's additions and corrections reach the shared store; a viewer's do not."""
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import geo.dataset
from geo.store import open_store
from ui_fixtures import APP, sample_extractions

ARTICLE = "a3b341a600b6c764"


@pytest.fixture
def store_app(monkeypatch, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    for ex in sample_extractions():
        store.add(ex)
    monkeypatch.setattr(geo.dataset, "load_dataset", lambda *a, **k: geo.dataset.Dataset(store.extractions(), store))
    st.cache_resource.clear()

    def make(password="s3cret"):
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.secrets["editor_password"] = password
        at.switch_page("app_pages/articles.py")
        at.query_params["article"] = ARTICLE
        return at

    yield make, store
    st.cache_resource.clear()


def _login(at, password):
    at.sidebar.text_input[0].input(password)
    at.sidebar.button[0].click().run()


def test_wrong_password_gives_no_editing(store_app):
    make, _ = store_app
    at = make().run()
    _login(at, "nope")
    assert any("Wrong password" in e.value for e in at.error)
    assert not any("Correct a place" in e.label for e in at.expander)


def test_editor_marks_a_mention_as_no_incident_for_everyone(store_app):
    make, store = store_app
    at = make().run()
    _login(at, "s3cret")
    assert not at.exception and any("Correct a place" in e.label for e in at.expander)
    mentions = at.selectbox(key="corr_mention")
    goris = next(o for o in mentions.options if o.startswith("“Goris”"))
    mentions.select(goris).run()
    at.radio(key="corr_action").set_value("not_incident").run()
    at.button(key="corr_save").click().run()
    assert not at.exception
    assert [c.action for c in store.corrections(ARTICLE)] == ["not_incident"]
    viewer = AppTest.from_file(str(APP), default_timeout=60).run()  # the map, in another session
    locs = viewer.dataframe[0].value.set_index("place")
    assert locs.loc["Goris", "incidents"] == 1  # only the other article's incident remains there
