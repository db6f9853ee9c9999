"""Who says it: the claimant of each passage.

In order of strength: a source named in the same sentence (the nearest one
before the figure, else the nearest after: "..., ha riferito il ministero
della Difesa armeno"); the speaker of a quotation the figure sits in; a
sentence that refers back to the last speaker ("ha aggiunto", "Disse", "the
ministry said"); a trailing attribution in the next sentence ("...,
scrive Reuters."); else the article itself ("unattributed").
A side named as speaker ("l'Azerbaigian ha affermato") stands for the source
the conflict file marks as speaking for that side.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from geo.knowledge.lexicon import Lexicon
from geo.text.tokens import Span, Token

UNATTRIBUTED = "unattributed"
_QUOTES = {'"', "“", "”", "«", "»", "„"}
_ONLY_OPEN, _ONLY_CLOSE = {"«", "„"}, {"”", "»"}
_QUOTE_RE = re.compile("[" + re.escape("".join(sorted(_QUOTES))) + "]")  # finds the marks without a loop over every character
_APOSTROPHES = frozenset({"'"})
_ANY = "*"  # in the sources named so far: the last one whose words hold a head word ("Foreign Ministry")  # folded tokens: every apostrophe is this one
# Strength of each way of knowing the claimant; used to keep the best of
# duplicate claims and shown as the attribution's confidence.
EXPLICIT, QUOTED, ANAPHORIC, TRAILING, GENERIC, NONE = 1.0, 0.9, 0.8, 0.7, 0.6, 0.5


@dataclass(frozen=True)
class Cue:
    lo: int
    hi: int
    source: str
    strength: float


@dataclass(frozen=True)
class Attribution:
    source: str
    text: str | None  # the words that name it
    strength: float


def find_cues(tokens: Sequence[Token], sent: Span, lex: Lexicon, recent: dict[str, str] | None = None) -> list[Cue]:
    """The sources named in a sentence. ``recent`` ({institution kind: source}) holds the sources
    of each kind named so far in the article, for "the ministry" named alone; it is updated."""
    recent = {} if recent is None else recent
    taken: set[int] = set()
    # Composed first: "the Ministry of Defence of Armenia said" is the ministry, not "Armenia said".
    cues = _institution_cues(tokens, sent, lex, taken, recent)
    for a, b, cue in lex.sources.find(tokens, sent.lo, sent.hi):
        if not taken.intersection(range(a, b + 1)) and not _someone_else(tokens, a, sent, lex):
            cues.append(Cue(a, b, cue.source, EXPLICIT))
            taken.update(range(a, b + 1))
            _remember(cue.source, recent, lex)
    for a, b, side in lex.side_names.find(tokens, sent.lo, sent.hi):
        speaker = lex.side_speaker.get(side)
        if not speaker or a in taken or (a == b and not tokens[a].is_capitalised):
            continue  # (a name is written capitalised: "soldados armenios" shares the stem of "Armenia")
        # "Armenia e Azerbaigian hanno riferito": both sides speaking is no one source.
        if _coordinated(tokens, a, b, sent, lex):
            continue
        # The side must be the speaker: a saying verb right after it, and no
        # preposition before it ("nella regione del Nagorno-Karabakh, riferendo").
        if _after_according_to(tokens, a, sent, lex):
            cues.append(Cue(a, b, speaker, GENERIC))  # "secondo Baku", "according to Baku"
            continue
        if a > sent.lo and _said_in(tokens, a, sent, lex):
            cues.append(Cue(a, b, speaker, GENERIC))  # "утверждают в Баку", "hieß es aus Baku"
            continue
        if a > sent.lo and (tokens[a - 1].norm in lex.genitive or lex.locative_preps.match_at(tokens, a - 1, a)):
            continue
        if _says_after(tokens, b, sent, lex, taken) or _says_later(tokens, a, b, sent, lex, taken):
            cues.append(Cue(a, b, speaker, GENERIC))
    return sorted(cues, key=lambda c: c.lo)


def _says_later(tokens, a: int, b: int, sent: Span, lex: Lexicon, taken: set[int]) -> bool:
    """The sentence's subject goes on to say it: "Azerbaijan has not disclosed its military casualties but says",
    "..., но сообщает", "..., meldet aber": a verb of saying after "but" / "and" (or before "aber"), with no
    other speaker named between. Only a side named first in its sentence is its subject here."""
    if any(t.is_word and not (t.norm in lex.stopwords or len(t.norm) == 1) for t in tokens[sent.lo:a]):
        return False  # (an article, elided or not, may come first: "L'Azerbaigian")
    joins = lex.conjunctions | lex.contrast_words
    for j in range(b + 1, sent.hi):
        if _speech_ends(tokens, j, sent, lex, taken):
            return False
        if lex.saying.match_at(tokens, j, sent.hi) and (
                tokens[j - 1].norm in joins or (j + 1 < sent.hi and tokens[j + 1].norm in joins)):
            return True
    return False


def _said_in(tokens, a: int, sent: Span, lex: Lexicon) -> bool:
    """A verb of saying right before the preposition before token a: the place it was said in speaks
    ("утверждают в Баку", "hieß es aus Baku", "indicaron en Bakú")."""
    prep = tokens[a - 1].norm
    if prep not in lex.locative_words and prep not in lex.speaker_location_preps:
        return False
    return any((m := lex.saying.match_at(tokens, j, a - 1)) is not None and m[0] == a - 2
               for j in range(max(sent.lo, a - 4), a - 1))


def _someone_else(tokens, a: int, sent: Span, lex: Lexicon) -> bool:
    """'serviceman Asif Aliyev': a namesake of a source's person, named with a rank or a noun."""
    j = a - 1
    if j >= sent.lo and tokens[j].is_capitalised and tokens[j].is_word:
        j -= 1  # the given name
    return j >= sent.lo and any((m := lex.persons.match_at(tokens, k, j + 1)) is not None and m[0] == j
                                for k in range(max(sent.lo, j - 2), j + 1))


def _remember(source: str, recent: dict[str, str], lex: Lexicon, head: str | None = None) -> None:
    for kind in lex.source_kinds.get(source, ()):
        recent[kind] = source
    if head is not None and head in lex.institution_heads:
        recent[_ANY] = source


def _institution_cues(tokens, sent: Span, lex: Lexicon, taken: set[int], recent: dict[str, str]) -> list[Cue]:
    """Sources composed of an institution and the actor next to it ("the Ministry of Defence of
    Armenia", "il ministero della Difesa azero"), or an institution after a determiner alone
    ("the ministry"): the source of that kind named last."""
    found = lex.actors.find(tokens, sent.lo, sent.hi)
    ends, starts = {m[1]: m for m in found}, {m[0]: m for m in found}
    links = lex.genitive | _APOSTROPHES
    out = []
    for a, b, kind in lex.institutions.find(tokens, sent.lo, sent.hi):
        if a in taken or b in taken:
            continue
        actor = _actor_next_to(tokens, a, b, sent, ends, starts, links, lex.locative_words, lex.conjunctions | lex.between)
        if actor:
            lo, hi, source = min(a, actor[0]), max(b, actor[1]), lex.institution_source.get((actor[2], kind))
        else:
            det = _word_before(tokens, a, sent)
            if det is None or _of_institution(tokens, b, sent, lex, links):
                continue
            if tokens[det].norm in lex.institution_possessives:
                # "Azerbaijan has not disclosed ..., but its prosecutor's office says": the actor named before
                owner = [m for m in found if m[1] < det]
                lo, hi = det, b
                source = lex.institution_source.get((owner[-1][2], kind)) if owner else None
            elif tokens[det].norm in lex.institution_determiners:
                # "the ministry said": the source of that kind named last; a bare head word ("the
                # ministry") also the last ministry of another kind ("the Armenian Foreign Ministry")
                lo, hi = det, b
                source = recent.get(kind) or (recent.get(_ANY) if tokens[a].norm in lex.institution_heads and a == b else None)
            else:
                continue
        inst = lex.conflict.institutions.get(kind)
        if not source or any(i in taken for i in range(lo, hi + 1)):
            continue
        # Words for people ("Grenzsoldaten", "пограничники") are as often those counted as those speaking.
        people = lex.persons.match_at(tokens, a, b + 1)
        needs_saying = (inst and inst.needs_saying) or (people is not None and people[0] == b)
        if needs_saying and not (_after_according_to(tokens, lo, sent, lex) or _says_after(tokens, hi, sent, lex, taken)):
            continue
        out.append(Cue(lo, hi, source, GENERIC if inst and inst.generic else EXPLICIT))
        taken.update(range(lo, hi + 1))
        _remember(source, recent, lex, next((t.norm for t in tokens[a:b + 1] if t.norm in lex.institution_heads), None))
    return out


def _actor_next_to(tokens, a: int, b: int, sent: Span, ends: dict, starts: dict, links: frozenset[str],
                   at: frozenset[str] = frozenset(), joins: frozenset[str] = frozenset()):
    """The actor named just before or just after tokens a..b, through linking words only, or after a
    preposition of place ``at`` right after them ("das Verteidigungsministerium in Stepanakert"; not
    "officials in Yerevan and Baku", ``joins`` being the words that coordinate)."""
    for j in range(a - 1, max(sent.lo, a - 4) - 1, -1):
        if j in ends:
            return ends[j]
        if tokens[j].norm not in links:
            break
    for j in range(b + 1, min(sent.hi, b + 5)):
        if j in starts:
            actor = starts[j]
            located = tokens[b + 1].norm in at
            if located and actor[1] + 1 < sent.hi and tokens[actor[1] + 1].norm in joins:
                return None
            return actor
        if tokens[j].norm not in links and not (j == b + 1 and tokens[j].norm in at):
            break
    return None


def _word_before(tokens, a: int, sent: Span) -> int | None:
    """The word before token a, past an elided article's apostrophe ("l'esercito")."""
    j = a - 1
    if j >= sent.lo and tokens[j].norm in _APOSTROPHES:
        j -= 1
    return j if j >= sent.lo else None


def _of_institution(tokens, b: int, sent: Span, lex: Lexicon, links: frozenset[str]) -> bool:
    """'la portavoce del ministero': a part of the institution that follows, which names the source."""
    j = b + 1
    while j < sent.hi and tokens[j].norm in links:
        j += 1
    return j > b + 1 and j < sent.hi and lex.institutions.match_at(tokens, j, sent.hi) is not None


def _after_according_to(tokens, a: int, sent: Span, lex: Lexicon) -> bool:
    """'secondo Baku', 'according to the Armenian army'."""
    return a > sent.lo and any(lex.according_to.match_at(tokens, j, a) for j in range(max(sent.lo, a - 3), a))


def _says_after(tokens, b: int, sent: Span, lex: Lexicon, taken: set[int]) -> bool:
    """A verb of saying right after token b; a short aside may stand between
    ("Yerevan, da parte sua, ha riferito")."""
    for j in range(b + 1, min(b + 7, sent.hi)):
        if _speech_ends(tokens, j, sent, lex, taken) or lex.institutions.match_at(tokens, j, sent.hi):
            return False  # (an institution too: "Azerbaijani forces, the Armenian Defence Ministry said")
        if lex.saying.match_at(tokens, j, sent.hi):
            return j <= b + 2 or tokens[b + 1].text == ","
    return False


def _speech_ends(tokens, j: int, sent: Span, lex: Lexicon, taken: set[int]) -> bool:
    """Token j ends the stretch where a verb of saying is still the words before's: a stop, or another speaker
    (a side, or a source already found)."""
    return tokens[j].text in {".", ";", ":"} or j in taken or lex.side_names.match_at(tokens, j, sent.hi) is not None


def _coordinated(tokens, a: int, b: int, sent: Span, lex: Lexicon) -> bool:
    """'Armenia e Azerbaigian': a side named together with another actor."""
    prev = tokens[a - 1].norm if a > sent.lo else ""
    nxt = tokens[b + 1].norm if b + 1 < sent.hi else ""
    joins = lex.conjunctions | lex.between
    return prev in joins or nxt in joins


def _quote_spans(body: str) -> list[tuple[int, int]]:
    """Character ranges of quotations. Marks are paired in order: scraped text
    often closes a “quote“ with an opening mark. A closing-only mark with no
    quote open (the opening was cut off) is skipped, and an opening-only mark
    while a quote is open starts a new one."""
    spans, open_at = [], None
    for m in _QUOTE_RE.finditer(body):
        i, ch = m.start(), m.group()
        if open_at is None:
            if ch not in _ONLY_CLOSE:
                open_at = i
        elif ch in _ONLY_OPEN:
            open_at = i
        else:
            spans.append((open_at, i))
            open_at = None
    return spans


class Attributor:
    """Answers 'who claims the words at token k of sentence s' for one article."""

    def __init__(self, body: str, tokens: Sequence[Token], sents: Sequence[Span], lex: Lexicon):
        self.body, self.tokens, self.sents, self.lex = body, tokens, sents, lex
        recent: dict[str, str] = {}
        self.cues = [find_cues(tokens, s, lex, recent) for s in sents]
        self.refers_back = [self._refers_back(s) for s in sents]
        self.quotes = _quote_spans(body)
        # The speaker in force at the start of each sentence.
        self.speaker_before: list[Cue | None] = []
        current = None
        for s, cues in zip(sents, self.cues):
            self.speaker_before.append(current)
            if cues:
                current = cues[-1]

    def _refers_back(self, s: Span) -> bool:
        """A sentence whose speaker is the last one named ("ha aggiunto", "Disse")."""
        lex, toks = self.lex, self.tokens
        saying = lex.saying.find(toks, s.lo, s.hi)
        # "ha spiegato la portavoce": a speaker word next to a verb of saying.
        for a, b, _ in lex.anaphoric_speakers.find(toks, s.lo, s.hi):
            if any(abs(va - b) <= 4 or abs(a - vb) <= 4 for va, vb, _ in saying):
                return True
        for a, _, _ in saying:
            # "Armenia e Azerbaigian hanno riferito": a named pair speaks, not the last speaker.
            pairs = [m for m in lex.side_names.find(toks, s.lo, a) if _coordinated(toks, m[0], m[1], s, lex)]
            return not pairs
        # "Allein am Sonntag seien 19 Soldaten ums Leben gekommen": reported speech goes on
        return bool(lex.reported_speech) and any(toks[k].norm in lex.reported_speech for k in range(s.lo, s.hi))

    def _opens_contrast(self, k: int, cue: Cue) -> bool:
        """'..., while Azerbaijan said it had suffered no losses': a speaker right after a word of contrast
        speaks for its own clause, not for the words before it."""
        contrast, toks = self.lex.contrast_words, self.tokens
        return any(toks[j].norm in contrast and toks[j - 1].text in {",", ";"}  # opening a clause, not "invece"
                   for j in range(max(k + 2, cue.lo - 2), cue.lo))

    def _text(self, cue: Cue) -> str:
        return self.body[self.tokens[cue.lo].start:self.tokens[cue.hi].end]

    def _as(self, cue: Cue, strength: float | None = None) -> Attribution:
        return Attribution(cue.source, self._text(cue), strength if strength is not None else cue.strength)

    def claimant(self, s: int, k: int) -> Attribution:
        cues = self.cues[s]
        before = [c for c in cues if c.hi < k]
        after = [c for c in cues if c.lo > k and not self._opens_contrast(k, c)]
        chosen = before[-1] if before else (after[0] if after else None)
        if chosen is not None:
            if chosen.strength == GENERIC:
                # "l'Azerbaigian ha confermato ..., come riportato dal Ministero della Difesa di Baku":
                # the named body of the same side is the more precise claimant.
                party = self.lex.conflict.sources[chosen.source].party
                precise = [c for c in cues if c.strength == EXPLICIT and self.lex.conflict.sources[c.source].party == party]
                if precise:
                    chosen = min(precise, key=lambda c: abs(c.lo - k))
            return self._as(chosen)
        quoted = self._quote_speaker(self.tokens[k].start)
        if quoted:
            return quoted
        if self.refers_back[s] and self.speaker_before[s]:
            return self._as(self.speaker_before[s], ANAPHORIC)
        if s + 1 < len(self.sents):
            trailing = self._trailing(s + 1)
            if trailing:
                return self._as(trailing, TRAILING)
        return Attribution(UNATTRIBUTED, None, NONE)

    def _sentence_of(self, char: int) -> int:
        for i, s in enumerate(self.sents):
            if s.start <= char <= s.end:
                return i
        return len(self.sents) - 1

    def _quote_speaker(self, char: int) -> Attribution | None:
        """The speaker of the quotation around a character, if any."""
        for qs, qe in self.quotes:
            if qs < char < qe:
                s_open, s_close = self._sentence_of(qs), self._sentence_of(qe)
                opener = [c for c in self.cues[s_open] if self.tokens[c.hi].end <= qs]
                if opener:
                    return self._as(opener[-1], QUOTED)
                closer = [c for c in self.cues[s_close] if self.tokens[c.lo].start >= qe]
                if closer:
                    return self._as(closer[0], QUOTED)
                if self.refers_back[s_close] and self.speaker_before[s_open]:
                    return self._as(self.speaker_before[s_open], QUOTED)
        return None

    def _trailing(self, s: int) -> Cue | None:
        """A postposed attribution: '..., scrive Reuters.' closing the next sentence."""
        cues = self.cues[s]
        if not cues:
            return None
        last = cues[-1]
        sent = self.sents[s]
        if last.hi < sent.hi - 3 and sent.hi - sent.lo > 5:
            return None  # not at the end of the sentence, nor a sentence of its own ("Reuters reported.")
        lo = self.sents[s].lo
        # "scrive Reuters", "ha dichiarato il servizio stampa del ministero ...", "Reuters reported"
        said = any(lo <= j < self.sents[s].hi and self.lex.saying.match_at(self.tokens, j)
                   for j in [*range(last.lo - 6, last.lo + 1), last.hi + 1])
        return last if said else None
