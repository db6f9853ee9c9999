"""Folding of case, diacritics and apostrophes, so that spellings compare equal.

``fold("Xankəndi") == fold("xankendi")``, ``fold("L’Azerbaigian") ==
fold("l'azerbaigian")``. Scripts are kept (Cyrillic stays Cyrillic): only
marks are stripped, never transliterated, so that a folded key cannot collide
with an unrelated word of another script.
"""
from __future__ import annotations

import re
import unicodedata

# Every typographic apostrophe or quote-like mark used as an apostrophe.
APOSTROPHES = "'’‘`´ʼʻʹ′ʾʿ"
_APOS_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")
# Letters that carry no combining mark to strip (NFKD leaves them whole).
_LETTERS = str.maketrans({
    "ə": "e", "Ə": "e", "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o",
    "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "þ": "th", "ð": "d", "ǝ": "e",
})
_DASHES_RE = re.compile(r"[\u2010-\u2015\u2212-]")
_SPACE_RE = re.compile(r"\s+")


def normalize_apostrophes(text: str) -> str:
    """Replace every apostrophe-like mark by ASCII ``'`` (same length)."""
    return _APOS_RE.sub("'", text)


def strip_marks(text: str) -> str:
    """Remove diacritics: "Füzuli" → "Fuzuli", "Laçın" → "Lacin"."""
    text = text.translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Case-, diacritic- and apostrophe-insensitive form of a phrase.

    Apostrophes become ``'``, dashes and runs of white space one space.
    """
    text = strip_marks(normalize_apostrophes(text)).casefold()
    text = _DASHES_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", text).strip()


def name_key(text: str) -> str:
    """The lookup key of a place name: folded, apostrophes and dots dropped.

    "Nagorno-Karabakh", "Nagorno Karabakh" and "nagorno karabakh" share a key;
    so do "Chan'kenti" and "Chankenti".
    """
    return _SPACE_RE.sub(" ", fold(text).replace("'", "").replace(".", " ")).strip()


# Spelling-system differences between transliterations of the same name
# (Azerbaijani Latin, Russian-style, English, Italian), applied to a key for
# fuzzy comparison only.
TRANSLIT_PAIRS = [
    ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("x", "h"), ("gh", "g"),
    ("q", "g"), ("sch", "s"), ("sh", "s"), ("ch", "c"), ("ts", "c"), ("tz", "c"),
    ("w", "v"), ("y", "i"), ("ph", "f"), ("ou", "u"), ("k", "g"), ("p", "b"), ("t", "d"),
]


def translit_key(key: str) -> str:
    """A coarser key that merges transliteration variants: "kelbajar" and
    "kalbadzhar" differ only in vowels here; used for fuzzy scoring only."""
    for a, b in TRANSLIT_PAIRS:
        key = key.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", key)
