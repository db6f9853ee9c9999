"""Word forms reduced to one key per word, for languages that inflect.

A language's data names its analyser (``morphology:`` in data/lang/<code>/,
``none`` where folding is enough, as for Italian and English):

- ``pymorphy3``: Russian lemmas from OpenCorpora's dictionary
  (pymorphy3-dicts-ru), with suffix prediction for words it lacks: "погибших",
  "погибли" → "погибнуть", "Гяндже" → "гянджа", "двадцати" → "двадцать".
  Its lemmas are dictionary forms, so place names can be looked up by them.
- ``snowball:<language>``: Snowball stems ("getöteten" → "getot", "tués" →
  "tu", "heridos" → "her"): no dictionary to load and a microsecond a word
  (snowballstemmer runs PyStemmer's C stemmers when installed, as required);
  stems are keys, not names, so places are not looked up by them.

Analysers are built once per process and words are reduced once each
(cached), since news repeats its vocabulary; nothing is downloaded.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable

from geo.errors import GeoError
from geo.text.normalize import fold

_WORD_CACHE = 200_000  # distinct word forms kept per analyser


class MorphologyError(GeoError, ValueError):
    """A language names an analyser that does not exist or is not installed."""


@dataclass(frozen=True)
class Morphology:
    """``norm(word)``: the folded key of a surface word; ``lemma(word)``: its
    dictionary form where the analyser gives one (else None); ``singular(word, key=None)``:
    whether its likeliest reading (of those whose folded lemma is ``key``, when given) is a
    singular form, where the analyser tells grammatical number (else None)."""

    spec: str
    norm: Callable[[str], str]
    lemma: Callable[[str], str] | None
    singular: Callable[..., bool] | None = None


def _pymorphy3() -> tuple[Callable[[str], str], Callable[..., bool]]:
    """The lemma of a word and whether it is singular, from one analyser's likeliest reading."""
    import pymorphy3

    analyser = pymorphy3.MorphAnalyzer(lang="ru")

    def singular(word: str, key: str | None = None) -> bool:
        # "десятки" is likeliest the genitive of "десятка" (a ten); as a form of "десяток" it is plural
        parses = analyser.parse(word)
        if key:
            parses = [p for p in parses if fold(p.normal_form) == key] or parses
        return parses[0].tag.number == "sing"

    return (lambda word: analyser.parse(word)[0].normal_form, singular)


def _snowball(language: str) -> Callable[[str], str]:
    import snowballstemmer

    try:
        return snowballstemmer.stemmer(language).stemWord
    except KeyError:
        raise MorphologyError(f"morphology 'snowball:{language}': Snowball has no such language") from None


@functools.lru_cache(maxsize=None)
def morphology_for(spec: str | None) -> Morphology | None:
    """The analyser a language's data names ("none": words are only folded); one per process."""
    if not spec or spec == "none":
        return None
    name, _, arg = str(spec).partition(":")
    try:
        if name == "pymorphy3":
            (reduce, number), dictionary = _pymorphy3(), True
        elif name == "snowball" and arg:
            reduce, number, dictionary = _snowball(arg), None, False
        else:
            raise MorphologyError(f"unknown morphology {spec!r} (known: pymorphy3, snowball:<language>)")
    except ImportError as e:
        raise MorphologyError(f"morphology {spec!r} needs a package that is not installed: {e}") from None

    @functools.lru_cache(maxsize=_WORD_CACHE)
    def lemma(word: str) -> str:
        return reduce(word.lower())

    @functools.lru_cache(maxsize=_WORD_CACHE)
    def norm(word: str) -> str:
        return fold(lemma(word))

    singular = functools.lru_cache(maxsize=_WORD_CACHE)(lambda word, key=None: number(word.lower(), key)) if number else None
    return Morphology(str(spec), norm, lemma if dictionary else None, singular)
