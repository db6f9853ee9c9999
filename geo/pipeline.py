"""article → spans → places → incidents and claims: the whole extraction.

(Work in progress: the stages are being filled in; the signature is stable.)
"""
from __future__ import annotations

from .knowledge import Knowledge, default_knowledge
from .models import Article, Extraction


class UnsupportedLanguage(ValueError):
    """The article's language has no data files; it can be stored, not extracted."""


def extract_article(article: Article, knowledge: Knowledge | None = None) -> Extraction:
    """Extract places, claims and incidents from one article (pure, no I/O after start-up)."""
    knowledge = knowledge or default_knowledge()
    return Extraction(article=article)
