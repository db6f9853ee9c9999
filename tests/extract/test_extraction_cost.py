"""Extraction costs work in proportion to the text, whatever its sentences: no viewer's paste holds the server.

A run-on sentence used to cost the cube of its length (each figure against each casualty word, with
the words between them counted again each time): 24 KB took a minute. The work is counted here as the
figure-to-term links weighed, which does not depend on the machine's load; the seconds are measured by
`python -m bench.extraction_cost`, never by a timed test.
"""
from __future__ import annotations

import re

import pytest

from geo.extract import claims
from geo.extract.pipeline import extract_article
from geo.ingest.articles import build_article

LIST = "in Goris 3 soldiers killed and 2 wounded; "  # one sentence of many figures and casualty words
RUN_ON = "and the army said that 4 soldiers of the brigade were killed near the village "


def links_weighed(text: str, monkeypatch) -> tuple[int, int]:
    """(figure-to-term links weighed, figures found) extracting ``text``."""
    calls = [0]
    cost = claims._cost

    def counted(*args):
        calls[0] += 1
        return cost(*args)

    monkeypatch.setattr(claims, "_cost", counted)
    ex = extract_article(build_article("---\nlanguage: en\n---\n" + text + "."))
    monkeypatch.undo()
    return calls[0], len(ex.claims)


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("unit", [LIST, RUN_ON])
def test_each_figure_weighs_a_bounded_number_of_terms(unit, monkeypatch):
    """A 50 KB sentence of figures and casualty words: a few links weighed per figure, not one per term."""
    weighed, _ = links_weighed(repeated(unit, 50_000), monkeypatch)
    figures = len(re.findall(r"\d+", repeated(unit, 50_000)))
    assert weighed <= 6 * figures


def test_work_per_kilobyte_does_not_grow_with_the_sentence(monkeypatch):
    small, _ = links_weighed(repeated(LIST, 8_000), monkeypatch)
    large, _ = links_weighed(repeated(LIST, 64_000), monkeypatch)
    assert large <= 8 * small * 1.1  # linear; cubic was 512 times


def test_figures_in_a_long_sentence_are_still_found():
    ex = extract_article(build_article("---\nlanguage: en\n---\n" + repeated(RUN_ON, 20_000) + "."))
    assert {(c.kind, c.count_low) for c in ex.claims} == {("killed", 4)}
