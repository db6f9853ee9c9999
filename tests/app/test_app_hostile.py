"""Hostile articles on the pages: an untitled one breaks nothing, a title is never Markdown (no image beacon)."""
from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import geo.present.dataset as ds
from geo.models import Article, Extraction
from geo.present.escape import md_plain
from geo.store import open_store
from ui_fixtures import APP, sample_extractions

BEACON = "![x](http://host.example/p.png) $x^2$ :red[loud]"


@pytest.fixture
def store_app(monkeypatch, tmp_path):
    """The real app on a store holding the sample, an article with no title nor path, and one titled BEACON."""
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    with open_store(url) as store:
        for ex in sample_extractions():
            store.add(ex)
        store.add(Extraction(article=Article(id="untitled0000000", body="Un testo senza titolo.", language="it")))
        beacon = next(e for e in sample_extractions() if any(c.kind == "killed" and c.count_low for c in e.claims))
        beacon.article = Article(**{**beacon.article.__dict__, "id": "beacon000000000", "title": BEACON,
                                    "outlet": BEACON, "path": None})
        store.add(beacon)
    monkeypatch.setattr(ds, "load_dataset", lambda *a, **k: ds.Dataset.from_store(open_store(url)))
    st.cache_resource.clear()
    yield lambda page, **params: _run(page, params)
    st.cache_resource.clear()


def _run(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page(page)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


@pytest.mark.parametrize("page", ["app_pages/articles.py", "app_pages/sources.py", "app_pages/casualties.py"])
def test_an_untitled_article_breaks_no_page(store_app, page):
    at = store_app(page, article="untitled0000000")
    assert not at.exception


def test_a_title_is_plain_text_in_the_heading_and_its_source_line(store_app):
    at = store_app("app_pages/articles.py", article="beacon000000000")
    assert not at.exception
    assert md_plain(BEACON) in [h.value for h in at.subheader]
    assert all("![x](" not in c.value for c in at.caption)


def test_a_title_is_plain_text_on_the_casualties_page(store_app):
    at = store_app("app_pages/casualties.py")
    assert not at.exception
    cells = [v for d in at.dataframe if "Article" in d.value.columns for v in d.value["Article"]]
    assert BEACON in cells  # in a table cell: plain text
    assert all("![x](" not in m.value for m in at.markdown)  # never Markdown


def test_a_viewers_paste_over_the_limit_is_refused_and_the_page_says_so(monkeypatch):
    monkeypatch.setattr(ds, "load_dataset", lambda *a, **k: ds.Dataset(sample_extractions()))
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["viewer_max_bytes"] = 500
    at.switch_page("app_pages/articles.py")
    at.run()
    at.text_area[0].input("Tre soldati sono stati uccisi a Goris. " * 20)
    at.selectbox(key="paste_language").set_value("it")
    at.button[0].click().run()
    assert not at.exception
    assert any("too long: 803 bytes, the limit for a viewer is 500" in e.value for e in at.error)  # with its front matter
    assert len(at.dataframe[0].value) == 5  # nothing added
    st.cache_resource.clear()
