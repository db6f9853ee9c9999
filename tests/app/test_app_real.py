"""The real app on the real pipeline and store: the sample seeded into an empty database, then viewed.

Assertions marked QUALITY depend on the extraction engine, not on the views.
"""
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ui_fixtures import APP

SAMPLE_MARKERS = {"Nagorno-Karabakh", "Goris", "Sotk", "Jermuk", "Dashkasan", "Kalbajar", "Lachin"}
STEPANAKERT = {"Stepanakert", "Khankendi (Stepanakert)"}  # the gazetteer may name it either way


@pytest.fixture(scope="module")
def real_app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'geodash.sqlite'}"
    mp = pytest.MonkeyPatch()
    mp.setenv("GEODASH_DB_URL", url)
    st.cache_resource.clear()
    yield lambda: AppTest.from_file(str(APP), default_timeout=180)
    st.cache_resource.clear()
    mp.undo()


def test_map_of_the_seeded_sample(real_app):
    at = real_app().run()
    assert not at.exception
    labels = set(at.dataframe[0].value.place)
    places = {p.split(" (")[0] for p in labels}
    assert SAMPLE_MARKERS <= places  # QUALITY: geocoding and roles of the engine
    assert labels & STEPANAKERT  # QUALITY: and when the article said Stepanakert, the table says so
    assert not places & {"Yerevan", "Baku", "Bruxelles", "Washington", "Ankara"}  # QUALITY: context places


def test_casualties_reuters_deep_link(real_app):
    at = real_app()
    at.switch_page("app_pages/casualties.py")
    at.query_params["claimed_by"] = "reuters"
    at.run()
    assert not at.exception
    figures = {(r.Side, r.Figure) for d in at.dataframe if "Counts" in d.value.columns for r in d.value.itertuples()}
    assert ("Armenia", "at least 49") in figures  # QUALITY
    assert ("Azerbaijan", "50") in figures  # QUALITY


def test_every_page_runs(real_app):
    for page in ("app_pages/events.py", "app_pages/sources.py", "app_pages/articles.py"):
        at = real_app()
        at.switch_page(page)
        at.run()
        assert not at.exception, page
