"""Which of the supported languages an article is written in.

Each language's data lists its most frequent function words; the language
whose words make up the largest share of the article wins, if that share is
high enough to be a real match rather than shared short words.
"""
from __future__ import annotations

from .knowledge import Knowledge
from .lexicon import _words
from .tokens import tokenize

# Share of an article's words that must be function words of one language.
MIN_SHARE = 0.2
MIN_WORDS = 5


def detect_language(body: str, knowledge: Knowledge) -> str | None:
    """The ISO 639-1 code of the best-matching supported language, or None."""
    words = [t.norm for t in tokenize(body[:5000]) if t.is_word]
    if len(words) < MIN_WORDS:
        return None
    best, best_share = None, 0.0
    for code, lang in sorted(knowledge.languages.items()):
        stop = _words(lang.get("stopwords"))
        share = sum(w in stop for w in words) / len(words)
        if share > best_share:
            best, best_share = code, share
    return best if best_share >= MIN_SHARE else None
