"""Which of the supported languages an article is written in.

Each language's data lists its most frequent function words; the language
whose words make up the largest share of the article wins, if that share is
high enough to be a real match rather than shared short words.
"""
from __future__ import annotations

from geo.knowledge.files import Knowledge
from geo.knowledge.lexicon import words_of
from geo.text.tokens import tokenize

# An article is in a language when its function words make up a large share
# of the text, or a fair share with several different ones: a French sentence
# has Italian "le" and "la", but not "il", "di", "che".
HIGH_SHARE = 0.25
MIN_SHARE = 0.12
MIN_DISTINCT = 3
MIN_WORDS = 5


def detect_language(body: str, knowledge: Knowledge) -> str | None:
    """The ISO 639-1 code of the best-matching supported language, or None."""
    words = [t.norm for t in tokenize(body[:5000]) if t.is_word]
    if len(words) < MIN_WORDS:
        return None
    best, best_share, best_distinct = None, 0.0, 0
    for code, lang in sorted(knowledge.languages.items()):
        stop = words_of(lang.get("stopwords"))
        hits = [w for w in words if w in stop]
        share = len(hits) / len(words)
        if share > best_share:
            best, best_share, best_distinct = code, share, len(set(hits))
    if best_share >= HIGH_SHARE or (best_share >= MIN_SHARE and best_distinct >= MIN_DISTINCT):
        return best
    return None
