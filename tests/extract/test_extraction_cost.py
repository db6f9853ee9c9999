"""Extraction costs time in proportion to the text, whatever its sentences: no viewer's paste holds the server.

A run-on sentence used to cost the cube of its length (each figure against each casualty word, with
the words between them counted again each time): 24 KB took a minute.
"""
from __future__ import annotations

import time

import pytest

from geo.extract.pipeline import extract_article
from geo.ingest.articles import build_article

LIST = "in Goris 3 soldiers killed and 2 wounded; "  # one sentence of many figures and casualty words
RUN_ON = "and the army said that 4 soldiers of the brigade were killed near the village "


def cpu_seconds(text: str) -> float:
    article = build_article("---\nlanguage: en\n---\n" + text + ".")
    started = time.process_time()
    extract_article(article)
    return time.process_time() - started


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.fixture(scope="module", autouse=True)
def warm():
    cpu_seconds("Warm up: 3 soldiers were killed in Goris")  # the gazetteer and the language data load once


@pytest.mark.parametrize("unit", [LIST, RUN_ON])
def test_a_50_kb_sentence_extracts_in_under_a_second(unit):
    assert cpu_seconds(repeated(unit, 50_000)) < 1.0


def test_cost_per_kilobyte_does_not_grow_with_the_sentence():
    small, large = cpu_seconds(repeated(LIST, 8_000)), cpu_seconds(repeated(LIST, 64_000))
    assert large / 8 < 2.5 * small  # cubic was 64 times


def test_figures_in_a_long_sentence_are_still_found():
    ex = extract_article(build_article("---\nlanguage: en\n---\n" + repeated(RUN_ON, 20_000) + "."))
    assert {(c.kind, c.count_low) for c in ex.claims} == {("killed", 4)}
