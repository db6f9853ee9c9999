"""Which language an article is written in.

Each language's data lists its most frequent function words; the language
whose words make up the largest share of the article wins, if that share is
high enough to be a real match rather than shared short words. The
languages the project reads compete with those it only knows by name
(data/langid/), so that a Portuguese article is named as such, not taken
for Spanish. A quotation in another language ("«...», a dit le ministre")
does not decide: the article's own words outnumber it.
"""
from __future__ import annotations

from geo.knowledge.files import Knowledge, Language
from geo.knowledge.lexicon import words_of
from geo.text.tokens import tokenize

# An article is in a language when its function words make up a large share
# of the text, or a fair share with several different ones: a French sentence
# has Italian "le" and "la", but not "il", "di", "che".
HIGH_SHARE = 0.25
MIN_SHARE = 0.12
MIN_DISTINCT = 3
MIN_WORDS = 5


_STOPWORDS: dict[str, tuple[dict, frozenset[str]]] = {}  # code → (the data it was made from, folded words)


def _stopwords(lang: Language) -> frozenset[str]:
    hit = _STOPWORDS.get(lang.code)
    if hit is None or hit[0] is not lang.data:
        hit = _STOPWORDS[lang.code] = (lang.data, words_of(lang.get("stopwords")))
    return hit[1]


def detect_language(body: str, knowledge: Knowledge) -> str | None:
    """The ISO 639-1 code of the best-matching language, supported or only named, or None."""
    words = [t.norm for t in tokenize(body[:5000]) if t.is_word]
    if len(words) < MIN_WORDS:
        return None
    best, best_score, best_share, best_distinct = None, (0.0, 0), 0.0, 0
    for code, lang in sorted({**knowledge.unsupported, **knowledge.languages}.items()):
        stop = _stopwords(lang)
        hits = [w for w in words if w in stop]
        share, distinct = len(hits) / len(words), len(set(hits))
        if (share, distinct) > best_score:  # a tie on share goes to the wider vocabulary
            best, best_score, best_share, best_distinct = code, (share, distinct), share, distinct
    if best_share >= HIGH_SHARE or (best_share >= MIN_SHARE and best_distinct >= MIN_DISTINCT):
        return best
    return None
