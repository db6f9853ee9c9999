"""Helpers the tests share: the shipped knowledge's lexicon of a language and a text analysed with it.
(Plain functions, so parametrised tests' helpers can call them; conftest.py has the fixtures.)"""
from __future__ import annotations

from geo.extract.document import Document, analyse
from geo.knowledge.files import default_knowledge
from geo.knowledge.lexicon import Lexicon, lexicon_for


def lexicon(lang: str = "it") -> Lexicon:
    return lexicon_for(default_knowledge(), lang)


def analysed(text: str, lang: str = "it", published: str | None = "2022-09-14") -> Document:
    return analyse(text, lexicon(lang), published)
