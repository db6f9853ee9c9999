"""Figures in text: "almeno 49 soldati armeni", "più di una dozzina", "dozens of
civilians", "tre carri armati", "un numero imprecisato di forze azere".

A Quantity is a count (low/high/qualifier, as docs/extraction-contract.md codes it) and, when the
words say so, the noun it counts: people (military / civilian / generic) or a
kind of equipment.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from typing import Sequence

from text_to_num import text2num

from geo.knowledge.lexicon import Lexicon
from geo.text.normalize import fold
from geo.text.tokens import Token

_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})+$")  # 6.500 / 6,500 / 30.000
_DECIMAL = re.compile(r"^\d+[.,]\d+$")
_HYPHENS = {"-", "‐", "‑", "–"}


@dataclass
class Quantity:
    lo: int  # first token (qualifier included)
    hi: int  # last token of the figure or of its noun
    count_low: int | None
    count_high: int | None
    qualifier: str
    noun: str | None = None  # military | civilian | generic | equipment
    what: str | None = None  # equipment kind, canonical English
    side_word: str | None = None  # 'own' or 'enemy' when "dei suoi" / "nemici"
    side: str | None = None  # a side named by an adjective before the noun ("Armenian soldiers")
    number_hi: int = -1  # last token of the figure itself

    def text(self, body: str, tokens: Sequence[Token]) -> str:
        return body[tokens[self.lo].start:tokens[self.hi].end]


def parse_digits(text: str, lang: str) -> float | None:
    """'49' → 49, '6.500' → 6500, '6,500' → 6500, '1,5' (it) → 1.5."""
    if text.isdigit():
        return int(text)
    if _GROUPED.match(text) and not (lang == "en" and "." in text and "," not in text and len(text.split(".")[-1]) != 3):
        return int(re.sub(r"[.,]", "", text))
    if _DECIMAL.match(text):
        return float(text.replace(",", "."))
    return None


@functools.lru_cache(maxsize=1 << 16)  # every word of every article is asked: the cache must hold a vocabulary
def _word_number(word: str, lang: str) -> int | None:
    """A number written as one word ("quarantanove", "seimila"), via text2num."""
    if len(word) < 3 or not word.replace(" ", "").isalpha():
        return None
    try:
        return int(text2num(word, lang))
    except (ValueError, TypeError, KeyError):
        return None


def _designation(tokens: Sequence[Token], i: int) -> bool:
    """'T-72', 'Su-25', 'S-300': a model name, not a count."""
    return (i >= 2 and tokens[i - 1].text in _HYPHENS and tokens[i - 1].start == tokens[i - 2].end
            and tokens[i].start == tokens[i - 1].end and tokens[i - 2].is_word)


def _clock_or_year(tokens: Sequence[Token], i: int) -> bool:
    """'00:05', '20:05', '10h00', 'nel 2020': a time of day or a year, not a count."""
    t = tokens[i]
    touching = lambda a, b: tokens[a].end == tokens[b].start
    if i + 2 < len(tokens) and tokens[i + 1].text in (":", "h") and touching(i, i + 1) and tokens[i + 2].is_number \
            and touching(i + 1, i + 2):
        return True
    if i >= 2 and tokens[i - 1].text in (":", "h") and touching(i - 1, i) and tokens[i - 2].is_number \
            and touching(i - 2, i - 1):
        return True
    return len(t.norm) == 4 and t.norm.isdigit() and 1900 <= int(t.norm) <= 2100


def _number_at(tokens: Sequence[Token], i: int, hi: int, lex: Lexicon) -> tuple[int, float, bool] | None:
    """A number starting at token i: (last token, value, needs_noun)."""
    t = tokens[i]
    if t.is_number:
        if _designation(tokens, i) or _clock_or_year(tokens, i):
            return None
        value = parse_digits(t.norm, lex.lang)
        if value is None:
            return None
        last = i
        if lex.group_space and len(t.norm) <= 3 and t.norm.isdigit():
            # "2 300": groups of three digits one space apart are one number where the language writes them so
            while (last + 1 < hi and tokens[last + 1].start == tokens[last].end + 1
                   and len(tokens[last + 1].norm) == 3 and tokens[last + 1].norm.isdigit()):
                last += 1
                value = value * 1000 + int(tokens[last].norm)
        if last + 1 < hi and tokens[last + 1].norm in lex.scales:
            last, value = last + 1, value * lex.scales[tokens[last + 1].norm]
        return last, value, False
    if not t.is_word:
        return None
    # Word numbers, possibly several ("forty - nine", "two hundred", "двадцати пяти"), read
    # by text2num from their written form, else composed from the data's number words.
    best = None
    parts: list[str] = []
    values: list[int] = []
    j = i
    while j < hi and j < i + 6:
        tok = tokens[j]
        if tok.text in _HYPHENS and parts:
            j += 1
            continue
        spelled = tok.text.lower()
        value = lex.number_words.get(tok.norm) or _word_number(spelled, lex.lang)
        if value is None:
            break
        parts.append(spelled)
        values.append(value)
        val = value if len(parts) == 1 else (_word_number(" ".join(parts), lex.lang) or _composed(values))
        if val is not None:
            best = (j, val)
        j += 1
    if best is None:
        return None
    last, val = best
    needs_noun = last == i and lex.number_words.get(tokens[i].norm) == 1
    return last, val, needs_noun


def _composed(values: list[int]) -> int | None:
    """Number words in a row as one number, the way they are spoken: units after
    tens after hundreds add ("двадцать пять" = 25, "сто двадцать" = 120), a
    hundred or a thousand multiplies ("две тысячи" = 2000); any other run
    ("two three") is no number."""
    total = group = 0
    for v in values:
        if v in (100, 1000, 1000000):
            if v == 100:
                group = (group or 1) * 100
            else:
                total, group = total + (group or 1) * v, 0
        elif group % 10 ** len(str(v)) == 0 and (group or total % 10 ** len(str(v)) == 0):
            group += v
        else:
            return None
    return total + group


def _noun_after(tokens: Sequence[Token], i: int, hi: int, lex: Lexicon):
    """The counted noun right after a figure, through "di", "dei suoi", "of its",
    an adjective or two: (last token, noun class, what, own/enemy, side)."""
    side_word = side = None
    j = i
    for _ in range(4):
        if j >= hi:
            return None
        eq = tokens[j].norm in lex.equipment.heads and lex.equipment.match_at(tokens, j, hi)
        if eq:
            return eq[0], "equipment", eq[1], side_word, side
        pn = tokens[j].norm in lex.persons.heads and lex.persons.match_at(tokens, j, hi)
        if pn:
            return pn[0], pn[1], None, side_word, side
        age = _age_at(tokens, j, hi, lex)
        if age is not None:  # "a 76-year-old civilian", "un uomo di 60 anni"
            j = age + 1
            continue
        killed = tokens[j].norm in lex.casualty.heads and lex.casualty.match_at(tokens, j, hi)
        if killed and any(k < hi and tokens[killed[0] + 1].is_word and lex.persons.match_at(tokens, k, hi)
                          for k in (killed[0] + 1, killed[0] + 2)):
            # a participle before the noun: "drei getötete Soldaten", "пяти раненых военнослужащих"
            j = killed[0] + 1
            continue
        adj = tokens[j].norm in lex.side_adjectives.heads and lex.side_adjectives.match_at(tokens, j, hi)
        if adj:
            after = adj[0] + 1
            if after < hi and (lex.persons.match_at(tokens, after, hi) or lex.equipment.match_at(tokens, after, hi)):
                side, j = adj[1], after  # "Armenian soldiers"
                continue
            if j == i:  # "50 azeri": the adjective stands for the people
                return adj[0], "military", None, side_word, adj[1]
            return None
        w = tokens[j].norm
        if w in lex.own:
            side_word = "own"
        elif w in lex.enemy:
            side_word = "enemy"
        elif not tokens[j].is_word or not (w in lex.stopwords or w in lex.genitive or w in lex.gap_words or len(w) <= 3
                                           or (tokens[j].is_capitalised and j > i)):  # "a Smerch rocket launcher"
            return None
        j += 1
    return None


def _age_at(tokens: Sequence[Token], j: int, hi: int, lex: Lexicon) -> int | None:
    """The last token of an age at token j ("76-year-old", "76 anni"), or None."""
    if not tokens[j].is_number:
        return None
    k = j + 1
    while k < hi and tokens[k].text in _HYPHENS:
        k += 1
    m = lex.ages.match_at(tokens, k, hi) if k < hi else None
    return m[0] if m else None


def find_quantities(tokens: Sequence[Token], lo: int, hi: int, lex: Lexicon) -> list[Quantity]:
    """Every figure in tokens[lo:hi], left to right."""
    out: list[Quantity] = []
    i = lo
    while i < hi:
        t = tokens[i]
        if not (t.is_number or t.norm in lex.quantity_starts or _word_number(t.text.lower(), lex.lang) is not None):
            i += 1
            continue
        q = _quantity_at(tokens, i, hi, lex)
        if q:
            out.append(q)
            i = q.hi + 1
        else:
            i += 1
    return out


def _quantity_at(tokens: Sequence[Token], i: int, hi: int, lex: Lexicon) -> Quantity | None:
    # (each phrase look-up is tried only where a phrase starts with the token: ``heads``)
    start = i
    qualifier = "exact"
    qm = tokens[i].norm in lex.qualifiers.heads and lex.qualifiers.match_at(tokens, i, hi)
    if qm and qm[0] + 1 < hi:
        qualifier, i = qm[1], qm[0] + 1
    filler = tokens[i].norm in lex.figure_fillers.heads and lex.figure_fillers.match_at(tokens, i, hi)  # "at least another 70", "altri 24"
    if filler and filler[0] + 1 < hi:
        i = filler[0] + 1
    if i > 0 and tokens[i - 1].norm in lex.percent.heads and lex.percent.match_at(tokens, i - 1, hi):
        return None  # the "cento" of "per cento"
    zero = qualifier == "exact" and tokens[i].norm in lex.zeros.heads and lex.zeros.match_at(tokens, i, hi)
    if zero and zero[0] + 1 < hi and tokens[zero[0] + 1].is_word:
        # "no casualties", "nessun civile", "nobody was hurt": a figure 0; its noun, if one follows ("No. 5" is none)
        return _finish(tokens, start, zero[0], 0, "exact", hi, lex, needs_noun=False)
    amount = tokens[i].norm in lex.amounts.heads and lex.amounts.match_at(tokens, i, hi)
    if amount:
        last, (value, amount_qualifier, *top) = amount[0], _amount_reading(tokens, i, amount, lex)
        qualifier = qualifier if qualifier != "exact" else amount_qualifier
        return _finish(tokens, start, last, int(value), qualifier, hi, lex, needs_noun=False,
                       high=int(top[0]) if top and qualifier == "vague" else None)
    if qualifier == "exact" and tokens[i].norm in lex.existential.heads:
        there = _losses_said_to_be(tokens, i, hi, lex)
        if there is not None:
            return Quantity(start, there, None, None, "unspecified", number_hi=there)
    if qualifier == "exact":
        vague = tokens[i].norm in lex.vague.heads and lex.vague.match_at(tokens, i, hi)
        if vague:
            q = _finish(tokens, start, vague[0], None, "unspecified", hi, lex, needs_noun=True)
            if q:
                return q
    num = _number_at(tokens, i, hi, lex)
    if num:
        last, value, needs_noun = num
        if isinstance(value, float) and not value.is_integer():
            return None  # a decimal that is no count ("1,5 km")
        return _finish(tokens, start, last, int(value), qualifier, hi, lex, needs_noun)
    return None


def _amount_reading(tokens: Sequence[Token], i: int, amount: tuple[int, tuple], lex: Lexicon) -> tuple:
    """What an amount phrase says; where a singular and its plural share a key ("Dutzend" 12, "Dutzende"
    24-99), the one the written word is: the same word, else the same grammatical number where the
    analyser tells it ("около десятка"), else the longest shared beginning ("Dutzenden" is "Dutzende")."""
    last, reading = amount
    forms = lex.amount_readings.get(tuple(t.norm for t in tokens[i:last + 1])) if lex.amount_readings else None
    if not forms:
        return reading
    written = fold(tokens[last].text)
    for word, value in forms:
        if word == written:
            return value
    singular = lex.morphology.singular if lex.morphology else None
    if singular is not None:
        key = tokens[last].norm
        number = singular(tokens[last].text, key)
        return next((value for word, value in forms if singular(word, key) == number), reading)
    return max(forms, key=lambda form: len(os.path.commonprefix([form[0], written])))[1]


def _losses_said_to_be(tokens: Sequence[Token], i: int, hi: int, lex: Lexicon) -> int | None:
    """"есть погибшие", "il y a des morts", "there were wounded": the dead, wounded, missing or captured said to
    exist, with no number. The last token before the loss word (an article, "des", "dei", may stand between), or None."""
    there = lex.existential.match_at(tokens, i, hi)
    if there is None:
        return None
    k = there[0] + 1
    article = k < hi and tokens[k].norm in lex.vague.heads and lex.vague.match_at(tokens, k, hi)
    if article and article[0] == k:  # one small word: "des", "dei"
        k += 1
    loss = k < hi and tokens[k].norm in lex.casualty.heads and lex.casualty.match_at(tokens, k, hi)
    # (losses of no kind, "ci sono perdite", are read as such by the claims without any figure)
    return k - 1 if loss and loss[1] != "casualties" else None


def _finish(tokens, start, last, low, qualifier, hi, lex, needs_noun, high: int | None = None) -> Quantity | None:
    if last + 1 < hi and lex.percent.match_at(tokens, last + 1, hi):
        return None  # "il 5 per cento dei feriti"
    noun = _noun_after(tokens, last + 1, hi, lex)
    casualty_next = low is not None and last + 1 < hi and lex.casualty.match_at(tokens, last + 1, hi)
    if noun is None and needs_noun and not casualty_next:
        return None  # "un" is a count only before a noun, or a casualty word ("uno ferito")
    if low is None:
        count_low = count_high = None
    elif qualifier in ("at_least", "more_than"):
        count_low, count_high = low, None
    elif qualifier == "at_most":
        count_low, count_high = None, low
    elif qualifier == "vague":
        count_low, count_high = low, high  # "dozens": the range the convention gives the word
    else:
        count_low = count_high = low
    q = Quantity(start, last, count_low, count_high, qualifier, number_hi=last)
    if noun:
        q.hi, q.noun, q.what, q.side_word, q.side = noun
    return q
