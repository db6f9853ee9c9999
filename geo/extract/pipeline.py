"""article → spans → places → incidents and claims: the whole extraction.

Everything here is pure given the loaded knowledge and gazetteer (both loaded
once per process); the only optional side effect is an online geocoder the
caller passes in for names the offline gazetteer cannot place.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from geo.errors import GeoError
from geo.extract.claims import extract_claims
from geo.extract.document import analyse
from geo.extract.incidents import extract_incidents
from geo.knowledge.files import Knowledge, default_knowledge
from geo.knowledge.langid import detect_language
from geo.knowledge.lexicon import lexicon_for
from geo.models import Article, Extraction
from geo.places.gazetteer import Gazetteer
from geo.places.resolve import resolve_mentions
from geo.places.toponyms import find_toponyms


class UnsupportedLanguage(GeoError, ValueError):
    """The article's language has no data files; it can be stored, not extracted."""


def article_language(article: Article, knowledge: Knowledge) -> str:
    """The front matter's language, else the detected one; raises UnsupportedLanguage."""
    lang = article.language or detect_language(article.body, knowledge)
    if lang is None:
        raise UnsupportedLanguage(
            f"language not recognised (supported: {', '.join(sorted(knowledge.languages))}); set `language:` in the front matter"
        )
    if lang not in knowledge.languages:
        raise UnsupportedLanguage(f"unsupported language {lang!r} ({knowledge.language_name(lang)}; supported: "
                                  f"{', '.join(sorted(knowledge.languages))})")
    return lang


def extract_article(article: Article, knowledge: Knowledge | None = None, gazetteer: Gazetteer | None = None,
                    geocoder=None) -> Extraction:
    """Extract places, claims and incidents from one article."""
    knowledge = knowledge or default_knowledge()
    gazetteer = gazetteer or Gazetteer.default()
    lang = article_language(article, knowledge)
    article.language = lang
    lex = lexicon_for(knowledge, lang)
    doc = analyse(article.body, lex, article.published)
    mentions = find_toponyms(article.body, lex, gazetteer)
    places = resolve_mentions(mentions, article.body, lex.conflict, gazetteer, geocoder=geocoder)
    incidents, per_sentence = extract_incidents(doc, places, article.id)
    towns = frozenset(p.name for p in places if p.role == "incident" and p.precision == "town")
    claims = extract_claims(doc, per_sentence, incidents, towns)
    return Extraction(article=article, places=places, claims=claims, incidents=incidents)


@dataclass(frozen=True)
class OnlineExtractor:
    """extract_article with an online geocoder (geo.places.online), each article sending at most
    its ``max_per_article`` requests; picklable, so ingest workers use it too."""

    geocoder: Any  # OnlineGeocoder, or a Limited one

    def __call__(self, article: Article) -> Extraction:
        return extract_article(article, geocoder=self.geocoder.for_article())

    def for_session(self) -> "OnlineExtractor":
        """The same, within one viewer session's ``max_per_session`` requests."""
        return OnlineExtractor(self.geocoder.limited(self.geocoder.config.max_per_session, "session"))


def configured_extractor(env: Mapping = os.environ, secrets: Mapping | None = None) -> Callable[[Article], Extraction]:
    """extract_article with the online geocoder the configuration switches on, else offline.

    Raises geo.places.online.GeocoderConfigError when it is switched on but misconfigured.
    """
    from geo.places.online import GeocoderConfig, OnlineGeocoder  # geopy and requests: only when switched on

    config = GeocoderConfig.from_env(env, secrets)
    if config is None:
        return extract_article
    return OnlineExtractor(OnlineGeocoder(config))
