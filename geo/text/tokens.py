"""Tokens, sentences and clauses with character offsets, and a phrase matcher.

Everything downstream works on folded tokens (lower case, no diacritics, one
kind of apostrophe), so that language data can be written naturally
("ministero della Difesa dell’Azerbaigian") and still match any spelling of
the same words in an article.
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import chain
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, NamedTuple, Sequence

from geo.text.normalize import fold

# Words (letters, with inner apostrophes split off), numbers with thousand
# separators or decimals, and single punctuation marks.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]", re.U)


class Token(NamedTuple):
    """One token; a tuple, since articles make millions of them."""

    text: str
    norm: str  # folded (a word: its folded lemma or stem in a language with morphology)
    start: int
    end: int
    i: int  # index in the document's token list
    is_word: bool
    is_number: bool

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


# Words repeat across articles: each spelling is keyed once per analyser, (norm, is_word, is_number),
# in a table emptied when it holds _MAX_KEYED spellings (a worker's memory stays flat on any corpus).
_MAX_KEYED = 30_000
_keyed: dict[Callable[[str], str] | None, dict[str, tuple[str, bool, bool]]] = {}


def _key_of(word: str, word_norm: Callable[[str], str] | None) -> tuple[str, bool, bool]:
    norm = fold(word)
    first = norm[:1]
    is_word = first.isalpha()
    if word_norm is not None and is_word:
        norm = word_norm(word)
    return norm, is_word, first.isdigit()


def tokenize(text: str, word_norm: Callable[[str], str] | None = None) -> list[Token]:
    """Tokens of ``text``; ``word_norm`` (geo.text.morphology) keys each word by its lemma or stem."""
    out = []
    make = tuple.__new__  # what Token(...) calls, without its keyword handling: a quarter faster
    keyed = _keyed.get(word_norm)
    if keyed is None or len(keyed) > _MAX_KEYED:
        keyed = _keyed[word_norm] = {}
    for i, m in enumerate(_TOKEN.finditer(text)):
        a, b = m.span()
        word = text[a:b]
        k = keyed.get(word)
        if k is None:
            k = keyed[word] = _key_of(word, word_norm)
        out.append(make(Token, (word, k[0], a, b, i, k[1], k[2])))
    return out


def phrase_tokens(phrase: str, word_norm: Callable[[str], str] | None = None) -> tuple[str, ...]:
    """How a phrase from a data file is matched: its tokens' keys, as tokenize makes them."""
    return tuple(t.norm for t in tokenize(phrase, word_norm))


class PhraseMatcher:
    """Finds data-file phrases in a token list; the longest match wins.

    ``add(phrase, payload)``; ``find(tokens, lo, hi)`` gives (first, last, payload)
    with token indices, left to right, non-overlapping. Phrases live in a trie
    of folded tokens, so a look-up costs the length of the match, not the
    number of phrases that share its first word ("ha detto", "ha dichiarato", ...).
    """

    _END = object()  # key of a node's payload: a phrase ends here

    def __init__(self, entries: Iterable[tuple[str, Any]] = (), word_norm: Callable[[str], str] | None = None):
        self._trie: dict = {}
        # The words a phrase can start with (membership only): tested before match_at in a loop
        # over tokens, since most tokens start none and the test costs no call.
        self.heads = self._trie
        self._word_norm = word_norm  # phrases are keyed as the text they are matched in
        # The matches of the whole token list last searched: extraction asks the
        # same matcher about every sentence of one article, so scan it once.
        # One tuple, swapped whole, so that threads sharing a matcher never mix articles.
        self._last: tuple[Sequence[Token], list[tuple[int, int, Any]], list[int]] | None = None
        for phrase, payload in entries:
            self.add(phrase, payload)

    def add(self, phrase: str, payload: Any) -> None:
        toks = phrase_tokens(phrase, self._word_norm)
        if not toks:
            return
        node = self._trie
        for t in toks:
            node = node.setdefault(t, {})
        node.setdefault(self._END, payload)  # the first definition of a phrase wins

    @property
    def first_words(self) -> frozenset[str]:
        """The words a phrase can start with."""
        return frozenset(self._trie)

    def match_at(self, tokens: Sequence[Token], i: int, hi: int | None = None) -> tuple[int, Any] | None:
        """The longest phrase starting at token i: (last index, payload)."""
        hi = len(tokens) if hi is None else hi
        node = self._trie.get(tokens[i].norm)
        best = None
        j = i
        while node is not None:
            if self._END in node:
                best = (j, node[self._END])
            j += 1
            if j >= hi:
                break
            node = node.get(tokens[j].norm)
        return best

    def find(self, tokens: Sequence[Token], lo: int = 0, hi: int | None = None) -> list[tuple[int, int, Any]]:
        """The matches within tokens [lo, hi), left to right: a list (most ranges hold none, and an
        empty list costs no generator)."""
        hi = len(tokens) if hi is None else hi
        last = self._last
        if last is None or last[0] is not tokens:
            found = list(self._scan(tokens, 0, len(tokens)))
            last = (tokens, found, [a for a, _, _ in found])
            self._last = last
        starts = last[2]
        i, j = bisect_left(starts, lo), bisect_left(starts, hi)  # matches are in text order
        if i == j:
            return []
        return [m for m in last[1][i:j] if m[1] < hi]

    def _scan(self, tokens: Sequence[Token], lo: int, hi: int):
        """Left to right, trying only the tokens a phrase can start with (found through the token
        list's index of words, shared by every matcher: some eighty scan each article)."""
        index = _word_index(tokens)
        following = lo
        for i in sorted(chain.from_iterable(map(index.__getitem__, self._trie.keys() & index.keys()))):
            if i < following or i >= hi:
                continue
            m = self.match_at(tokens, i, hi)
            if m:
                yield i, m[0], m[1]
                following = m[0] + 1


# The index of the token list last scanned: {word key: its token indices, in order}. One tuple,
# swapped whole, so that threads scanning different articles never mix them.
_last_index: tuple[Sequence[Token], dict[str, list[int]]] | None = None


def _word_index(tokens: Sequence[Token]) -> dict[str, list[int]]:
    global _last_index
    last = _last_index
    if last is None or last[0] is not tokens:
        index: dict[str, list[int]] = {}
        for i, t in enumerate(tokens):
            index.setdefault(t.norm, []).append(i)
        last = _last_index = (tokens, index)
    return last[1]


@dataclass(frozen=True)
class Span:
    """A sentence or clause: token range [lo, hi) and character range."""

    lo: int
    hi: int
    start: int
    end: int


_SENTENCE_END = {".", "!", "?"}
_CLOSERS = {'"', "”", "»", "’", "“"}


def sentences(text: str, tokens: Sequence[Token], abbreviations: frozenset[str] = frozenset()) -> list[Span]:
    """Split at . ! ? followed by a capital (or a line break), and at blank lines."""
    out: list[Span] = []
    lo = 0
    n = len(tokens)
    for i, t in enumerate(tokens):
        boundary = False
        if i + 1 < n and "\n" in text[t.end:tokens[i + 1].start]:
            boundary = True
        elif t.text in _SENTENCE_END and i + 1 < n:
            prev = tokens[i - 1].norm if i else ""
            j = i + 1
            while j < n and tokens[j].text in _CLOSERS and tokens[j].start == tokens[j - 1].end:
                j += 1  # a closing quote after the full stop belongs to this sentence
            nxt = tokens[j] if j < n else None
            initial = i > 0 and len(tokens[i - 1].text) == 1 and tokens[i - 1].is_capitalised  # "U.S.", "J. Smith"
            if nxt is not None and prev not in abbreviations and not initial and not (t.text == "." and tokens[i - 1].is_number and nxt.is_number):
                boundary = nxt.text[:1].isupper() or nxt.text in _CLOSERS or nxt.text in {"“", '"', "«", "–", "-"}
                if boundary and j > i + 1:
                    i = j - 1
        if boundary:
            out.append(Span(lo, i + 1, tokens[lo].start, tokens[i].end))
            lo = i + 1
    if lo < n:
        out.append(Span(lo, n, tokens[lo].start, tokens[n - 1].end))
    return out


def bounded(spans: list[Span], tokens: Sequence[Token], max_tokens: int) -> list[Span]:
    """``spans`` with every span longer than ``max_tokens`` cut into pieces of at most that many,
    after the last ; or , of each piece where there is one in its second half: what is done per
    sentence then costs at most a bounded amount, whatever the text (a run-on sentence of 50 KB)."""
    out: list[Span] = []
    for sp in spans:
        lo = sp.lo
        while sp.hi - lo > max_tokens:
            cut = next((k + 1 for k in range(lo + max_tokens - 1, lo + max_tokens // 2, -1)
                        if tokens[k].text in {";", ","}), lo + max_tokens)
            out.append(Span(lo, cut, tokens[lo].start, tokens[cut - 1].end))
            lo = cut
        out.append(sp if lo == sp.lo else Span(lo, sp.hi, tokens[lo].start, sp.end))
    return out


def clauses(tokens: Sequence[Token], sentence: Span, openers: frozenset[str],
            joined: frozenset[int] = frozenset()) -> list[Span]:
    """Split a sentence at ; and dashes, and at a comma followed by a clause opener
    ("con", "mentre", "while", ...). Commas inside a list of names do not split,
    nor does a colon, which usually opens the words of the same speaker, nor a comma
    whose index is in ``joined``."""
    out: list[Span] = []
    lo = sentence.lo
    for i in range(sentence.lo, sentence.hi):
        t = tokens[i]
        split = t.text in {";", "–", "—"} or (
            t.text == "," and i + 1 < sentence.hi and tokens[i + 1].norm in openers and i not in joined
        )
        if split and i > lo:
            out.append(Span(lo, i, tokens[lo].start, tokens[i - 1].end))
            lo = i + 1
    if lo < sentence.hi:
        out.append(Span(lo, sentence.hi, tokens[lo].start, tokens[sentence.hi - 1].end))
    return out
