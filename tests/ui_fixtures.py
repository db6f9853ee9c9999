"""Hand-coded extractions of the sample articles (tests/fixtures/sample_extractions.jsonl).

Written from tests/fixtures/gold_seeds.yaml: incident places with the gold
coordinates, claims and incidents with offsets into the article bodies (which
the fixture carries), context-only places with role "context". They let the
views be tested independently of the extraction engine's quality.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.models import Extraction

FIXTURE = Path(__file__).parent / "fixtures" / "sample_extractions.jsonl"


def sample_extractions() -> list[Extraction]:
    with FIXTURE.open(encoding="utf-8") as f:
        return [Extraction.from_dict(json.loads(line)) for line in f if line.strip()]


APP = Path(__file__).resolve().parent.parent / "app.py"


@pytest.fixture
def app(monkeypatch):
    """A factory of AppTests of the real app whose shared data are these extractions."""
    import geo.present.dataset

    monkeypatch.setattr(geo.present.dataset, "load_dataset", lambda *a, **k: geo.present.dataset.Dataset(sample_extractions()))
    st.cache_resource.clear()
    yield lambda: AppTest.from_file(str(APP), default_timeout=60)
    st.cache_resource.clear()


def open_page(app, page: str, **params) -> AppTest:
    """Run the app on ``page`` (a file of app_pages/) with these query parameters."""
    at = app()
    at.switch_page(page)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()
