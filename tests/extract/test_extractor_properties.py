"""Property-based tests of the extractor: any text gives an extraction whose every offset and quote
points into the text, in a time proportional to its length (whatever its sentences look like)."""
from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.extract.pipeline import extract_article
from geo.ingest.articles import build_article

WORDS = {
    "en": ["3", "49", "1,200", "two", "dozens", "soldiers", "civilians", "killed", "wounded", "dead", "tanks",
           "destroyed", "in", "near", "Goris", "Stepanakert", "Ganja", "and", "the", "Armenian", "Azerbaijani",
           "said", "ministry", "according", "to", "at", "least", "more", "than", "shelling", "drone", "on",
           "Monday", "2020", "village", "of", "Zzyxqorr", "who", "were", "among", "them"],
    "it": ["3", "49", "due", "decine", "soldati", "civili", "uccisi", "feriti", "morti", "carri", "armati",
           "distrutti", "a", "vicino", "Goris", "Stepanakert", "Ganja", "e", "il", "armeni", "azeri", "ha",
           "detto", "ministero", "secondo", "almeno", "oltre", "bombardamento", "droni", "lunedì", "2020",
           "villaggio", "di", "tra", "loro"],
}
MARKS = [",", ";", ".", ":", "«", "»", '"', "(", ")", "–", "\n", "\n\n", "$", "`", "<b>", "![x](y)"]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def articles(draw):
    lang = draw(st.sampled_from(sorted(WORDS)))
    tokens = draw(st.lists(st.sampled_from(WORDS[lang] + MARKS), min_size=1, max_size=3000))
    return lang, " ".join(tokens) + " Goris."


@SETTINGS
@given(articles())
def test_any_text_extracts_within_its_time_and_points_into_itself(article):
    lang, body = article
    a = build_article(f"---\nlanguage: {lang}\n---\n{body}")
    started = time.process_time()
    ex = extract_article(a)
    assert time.process_time() - started < 0.5 + len(a.body) * 6e-5  # 60 µs a character
    n = len(a.body)
    for p in ex.places:
        assert 0 <= p.start < p.end <= n and a.body[p.start:p.end] == p.text
    for c in ex.claims:
        assert 0 <= c.start <= c.end <= n and a.body[c.start:c.end] == c.quote
    for i in ex.incidents:
        assert 0 <= i.start <= i.end <= n and a.body[i.start:i.end] == i.quote
