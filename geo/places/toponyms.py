"""Toponym recognition: the spans of an article that name places.

A mention is a capitalised word or run of words ("Goris", "Nagorno-Karabakh",
"Stati Uniti"), possibly continued by lower-case words when the gazetteer
knows the whole phrase ("Caucaso meridionale"), with its gazetteer
candidates, a kind hint from the words around it ("le città di Goris" →
town, "le province di confine di Dasheksan" → district) and a parent place
when the text writes one ("Sotk, Gegharkunik", "Sotk (Gegharkunik)").

Ordinary words do not become places: a language's ``place_stopwords``, months
and weekdays are skipped; a run of capitalised words that is not a place as a
whole ("Vladimir Putin", "Charles Michel") is a name, and its words are not
towns anywhere in the document; a word the article also writes in lower case
is an ordinary word; acronyms name only countries or curated places; small
places far from the conflict need a kind hint; fuzzy matching (typos,
transliterations) looks only inside the conflict's countries and theatre.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.knowledge.files import Conflict
from geo.knowledge.lexicon import Lexicon, PlaceWords
from geo.places.gazetteer import GazEntry, Gazetteer
from geo.places.gazetteer import cached_fold as fold
from geo.places.gazetteer import cached_name_key as name_key
from geo.text.normalize import normalize_apostrophes

MAX_NGRAM = 5  # longest gazetteer name, in words, looked for
MIN_FOREIGN_POPULATION = 15000  # a town outside the theatre must be this big to be named without a hint
FUZZY_MIN_LEN = 6  # shortest word matched fuzzily without a kind hint...
FUZZY_MIN_LEN_HINTED = 3  # ...and with one ("le città di Goris, Sok e Jermuk")
FUZZY_CUTOFF = 86.0
FUZZY_CUTOFF_HINTED = 84.0
REGION_PARENT_KM = 100  # a region contains what lies this close to its reference point

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CONTEXT_TOKEN_RE = re.compile(r"[^\W\d_]+'?|[^\w\s]")
# What name_key makes of the gaps a phrase may have between its words ("dell'Azerbaigian": none).
_KEY_SEPARATORS = {" ": " ", "'": "", " '": " "}


@dataclass(frozen=True)
class Candidate:
    entry: GazEntry
    match: str  # "exact" (the name, folded) | "fuzzy" (typo or transliteration)
    similarity: float  # 100 for exact, else the fuzzy score (0-100)


@dataclass
class Mention:
    text: str  # as written in the body
    start: int
    end: int
    candidates: list[Candidate] = field(default_factory=list)
    kind_hint: str | None = None  # town | district (district, province or region) | region | country
    parent: str | None = None  # text of the enclosing place written beside it ("Gegharkunik")
    dateline: bool = False  # "YEREVAN, Oct 3 (Agency) -": where the report was filed, not where it happened


@dataclass
class _Span:
    t0: int  # first token
    t1: int  # one past the last token
    candidates: list[Candidate]
    hint: str | None = None
    explicit_hint: bool = False
    parent: int | None = None  # index of the parent span


DATELINE = "dateline: where the report was filed"
_DATELINE_RE = re.compile(r"\s*(?:\.|,|\s[-–—]|\s?\()")  # "YEREVAN, ...", "Erevan.", "BAKU (Agency) -"


def find_toponyms(body: str, lex: Lexicon, gazetteer: Gazetteer) -> list[Mention]:
    """Place mentions of ``body`` in text order, each with its candidates."""
    mentions = _Finder(body, lex.places, gazetteer, lex.conflict).run()
    if mentions and is_dateline(body, mentions[0], lex.months):
        mentions[0].dateline = True
    return mentions


def is_dateline(body: str, m: Mention, months) -> bool:
    """The first words of the body, a place then a date, an agency or a full stop: 'YEREVAN, Oct 3
    (Caucasus Wire) -', 'BAKU, 4 ottobre -', 'Erevan.'. A lead that opens with a place ('Goris, a
    border town, ...') is no dateline."""
    if body[:m.start].strip() or not _DATELINE_RE.match(body, m.end):
        return False
    after = body[m.end:m.end + 30]
    if after.lstrip().startswith(".") or "(" in after[:3]:
        return True
    words = re.findall(r"[^\W\d_]+|\d+", after.casefold())[:2]
    return m.text.isupper() or any(w.isdigit() or w in months for w in words)


# The words no name begins with, per language, conflict and gazetteer: (words, conflict, gazetteer, keys).
_not_names: dict[int, tuple[PlaceWords, Conflict, Gazetteer, frozenset[str]]] = {}


def _not_name_keys(words: PlaceWords, conflict: Conflict, gazetteer: Gazetteer) -> frozenset[str]:
    """The language's stopwords and the nationality adjectives of the conflict's sides ("Azerbaijani
    town"), which are no places ("Karabakh" is both an adjective and a region: areas the gazetteer
    knows stay). The same for every article: made once."""
    got = _not_names.get(id(words))
    if got is None or got[0] is not words or got[1] is not conflict or got[2] is not gazetteer:
        adjectives = {name_key(a) for side in conflict.sides.values() for ws in side.adjectives.values() for a in ws
                      if not any(e.kind != "town" for e in gazetteer.lookup(a))}
        got = _not_names[id(words)] = (words, conflict, gazetteer, frozenset(words.stopwords | adjectives))
    return got[3]


class _Finder:
    def __init__(self, body: str, words: PlaceWords, gazetteer: Gazetteer, conflict: Conflict):
        self.body = body
        self.norm = normalize_apostrophes(body)  # same length: offsets hold
        self.stopwords = _not_name_keys(words, conflict, gazetteer)
        self.words = words
        self.gaz = gazetteer
        self.conflict = conflict
        self.focus = tuple(conflict.focus_countries)
        self.bbox = conflict.theatre_bbox
        self.tokens = [m.span() for m in _WORD_RE.finditer(self.norm)]
        norm, toks = self.norm, self.tokens
        self.lower_words = {fold(norm[a:b]) for a, b in toks if norm[a].islower()}
        # Per token, computed once: every pass walks the same tokens, runs and keys.
        self.caps = [norm[a].isupper() for a, _ in toks]
        self.gaps = [norm[toks[i][1]:toks[i + 1][0]] for i in range(len(toks) - 1)]
        self.keys = [name_key(norm[a:b]) for a, b in toks]
        self.starts = [cap and len(k) >= 3 and k not in self.stopwords for cap, k in zip(self.caps, self.keys)]

    # -- tokens (``starts``: a capitalised word that can begin a name: "Da Washington" is "Washington";
    # ``gaps[i]``: the text between token i and token i+1; ``keys[i]``: token i's name_key)
    def _text(self, t0: int, t1: int) -> str:
        return self.norm[self.tokens[t0][0]:self.tokens[t1 - 1][1]]

    def _phrase_end(self, t0: int) -> int:
        """One past the last token that still continues the phrase from t0."""
        t = t0 + 1
        while t < len(self.tokens) and t - t0 < MAX_NGRAM and self.gaps[t - 1] in (" ", "'", " '"):
            t += 1
        return t

    def _next_run(self, i: int) -> tuple[int, int] | None:
        """The next capitalised run at or after token i: (first token, one past its last).
        A capitalised kind noun opening it is no part of the name ("die Stadt Kapan")."""
        starts, n = self.starts, len(self.tokens)
        while i < n and not starts[i]:
            i += 1
        if i >= len(self.tokens):
            return None
        j = self._run_end(i)
        while j - i > 1 and (fold(self._text(i, i + 1)),) in self.words.kind_before:
            i += 1
        return i, j

    def _run_end(self, t0: int) -> int:
        t = t0 + 1
        while t < len(self.tokens) and self.caps[t] and self.gaps[t - 1] == " ":
            t += 1
        return t

    # -- candidates
    def _in_theatre(self, e: GazEntry) -> bool:
        return self.conflict.in_theatre(e.lat, e.lon, e.country)

    def _key(self, t0: int, t1: int) -> str:
        """name_key of tokens t0..t1, joined from the tokens' own (cached) keys: phrases are
        looked up by the thousand, each once."""
        keys, gaps = self.keys, self.gaps
        key = keys[t0]
        for t in range(t0 + 1, t1):
            sep = _KEY_SEPARATORS.get(gaps[t - 1])
            if sep is None:
                return name_key(self._text(t0, t1))
            key += sep + keys[t]
        return key

    def _reach(self, t0: int, end: int) -> int:
        """One past the last token, up to ``end``, while the phrase from t0 still begins a gazetteer name."""
        t1 = t0 + 1
        while t1 < end and self.gaz.begins_a_name(self._key(t0, t1 + 1)):
            t1 += 1
        return t1

    def _exact(self, t0: int, t1: int) -> list[Candidate]:
        key = self._key(t0, t1)
        if key in self.stopwords:
            return []
        entries = self.gaz.lookup_key(key)
        if t1 - t0 == 1 and self._text(t0, t1).isupper():  # an acronym names a country ("USA") or nothing
            entries = [e for e in entries if e.kind == "country" or e.id.startswith("supplement:")]
        return [Candidate(e, "exact", 100.0) for e in entries]

    @staticmethod
    def _not_town(cands: list[Candidate]) -> list[Candidate]:
        return [c for c in cands if c.entry.kind != "town"]

    # -- pass 1: spans
    def _names_in_runs(self) -> set[str]:
        """Words of capitalised runs that are not places as a whole nor hold a
        country or curated area: person and organisation names."""
        names: set[str] = set()
        i = 0
        while run := self._next_run(i):
            i, j = run
            if j - i > 1 and not self._exact(i, j) and not any(self._sub_spans(i, j)):
                names.update(self.keys[i:j])
            i = j
        return names

    def _sub_spans(self, i: int, j: int):
        """Parts of the run i..j that name a country or curated area ("Azerbaijan Defence Ministry")."""
        t = i
        while t < j:
            for t1 in range(min(j - 1 if t == i else j, self._reach(t, j)), t, -1):
                cands = self._not_town(self._exact(t, t1))
                if cands:
                    yield _Span(t, t1, cands)
                    t = t1
                    break
            else:
                t += 1

    def _spans(self) -> list[_Span]:
        names = self._names_in_runs()
        spans: list[_Span] = []
        i = 0
        while run := self._next_run(i):
            i, j = run
            span = self._longest_phrase(i, j)
            if span:
                spans.append(span)
                i = span.t1
                continue
            if j - i > 1:
                subs = list(self._sub_spans(i, j))
                if not subs and self.words.lemma and not self._other_forms(_Span(i, j, [])):
                    # A language whose every noun may open a sentence ("Обстрел Гянджи"): its words, one by one.
                    subs = [_Span(t, t + 1, []) for t in range(i, j) if self.keys[t] not in self.stopwords]
                spans.extend(subs or [_Span(i, j, [])])  # an unknown run stays only with a kind hint
                i = j
                continue
            cands = self._exact(i, j)
            key = self._key(i, j)
            if key in names or key in self.lower_words:
                cands = self._not_town(cands)  # a name's part or an ordinary word, unless a country or area
                if not cands:
                    i = j
                    continue
            spans.append(_Span(i, j, cands))
            i = j
        return spans

    def _longest_phrase(self, i: int, j: int) -> _Span | None:
        """The longest gazetteer name covering the whole run i..j, possibly
        with lower-case words after it ("Caucaso meridionale") or before it
        ("corridoio di Lachin")."""
        for t0 in range(max(0, i - 2), i + 1):
            for t1 in range(self._reach(t0, self._phrase_end(t0)), j - 1, -1):
                if t0 == i and t1 == j == i + 1:
                    continue  # a single word: the caller's
                cands = self._exact(t0, t1)
                if t0 < i or t1 > j:  # lower-case words too: only curated areas or the theatre's own names
                    cands = [c for c in cands if c.entry.kind != "town" or self._in_theatre(c.entry)]
                if cands:
                    return _Span(t0, t1, cands)
        return None

    # -- pass 2: kind hints, parents, lists
    def _hint_before(self, start: int) -> str | None:
        raw = _CONTEXT_TOKEN_RE.findall(self.norm[max(0, start - 100):start])
        toks = [fold(t) for t in raw]
        k = len(toks) - 1
        linked = k >= 0 and toks[k] in self.words.linkers
        if linked:
            k -= 1
        for _ in range(4 if linked else 1):
            if k < 0:
                return None
            for n in (2, 1):
                if k - n + 1 >= 0 and tuple(toks[k - n + 1:k + 1]) in self.words.kind_before:
                    return self.words.kind_before[tuple(toks[k - n + 1:k + 1])]
            if not raw[k].isalpha() or not raw[k].islower() or toks[k] in self.words.joiners:
                return None  # only lower-case words stand between the noun and the name
            k -= 1
        return None

    def _hint_after(self, end: int) -> str | None:
        m = re.match(r"\s+([^\W\d_]+)", self.norm[end:end + 40])
        return self.words.kind_after.get(fold(m.group(1))) if m else None

    def _joined(self, a: _Span, b: _Span) -> bool:
        """Spans a and b are neighbours in a list ("Dashkesan, Lachin e Kalbajar")."""
        between = self.norm[self.tokens[a.t1 - 1][1]:self.tokens[b.t0][0]]
        parts = [fold(p) for p in _CONTEXT_TOKEN_RE.findall(between)]
        return 0 < len(parts) <= 2 and all(p in self.words.joiners for p in parts)

    def _parent_written(self, a: _Span, b: _Span) -> bool:
        """b follows a as "a, b" or "a (b)"."""
        between = self.norm[self.tokens[a.t1 - 1][1]:self.tokens[b.t0][0]].strip()
        after = self.norm[self.tokens[b.t1 - 1][1]:].lstrip()
        return between == "," or (between == "(" and after.startswith(")"))

    def run(self) -> list[Mention]:
        spans = self._spans()
        for s in spans:
            a, b = self.tokens[s.t0][0], self.tokens[s.t1 - 1][1]
            s.hint = self._hint_before(a) or self._hint_after(b)
            s.explicit_hint = s.hint is not None
        links = []
        for k in range(len(spans) - 1):
            a, b = spans[k], spans[k + 1]
            held = [p.entry for p in b.candidates if self._viable(p, b.hint)
                    for c in a.candidates if self._viable(c, a.hint) and contains(p.entry, c.entry)]
            if any(c.entry.kind == "country" for c in a.candidates):
                held = []  # "Russia, Stati Uniti e Francia" is a list of countries
            if held and self._parent_written(a, b):
                a.parent = k + 1
                if not b.explicit_hint:  # "Sotk, Gegharkunik": the province, not the village of that name
                    b.hint = b.explicit_hint = held[0].precision
            elif self._joined(a, b):
                links.append(k)
        # A kind noun before (or after) a list applies to all of it.
        for _ in range(2):
            for k in links:
                a, b = spans[k], spans[k + 1]
                if a.hint and not b.explicit_hint:
                    b.hint = a.hint
            for k in reversed(links):
                a, b = spans[k], spans[k + 1]
                if b.hint and not a.hint:
                    a.hint = b.hint
        mentions: list[Mention] = []
        for s in spans:
            cands = s.candidates or self._other_forms(s)
            key = self._key(s.t0, s.t1)
            if not any(c.entry.kind != "town" or self._in_theatre(c.entry) or name_key(c.entry.name) == key
                       for c in cands):
                # Only far-away alternate names ("Sok" for Sōka, Japan): this may be a typo for Sotk.
                cands = cands + self._fuzzy(s)
            cands = [c for c in cands if self._viable(c, s.hint)]
            if not cands and not s.hint:
                continue
            a, b = self.tokens[s.t0][0], self.tokens[s.t1 - 1][1]
            parent = None
            if s.parent is not None:
                p = spans[s.parent]
                parent = self.body[self.tokens[p.t0][0]:self.tokens[p.t1 - 1][1]]
            mentions.append(Mention(self.body[a:b], a, b, cands, s.hint, parent))
        return mentions

    def _viable(self, c: Candidate, hint: str | None) -> bool:
        """Small towns far from the conflict are named only with a kind hint."""
        e = c.entry
        return bool(hint) or e.kind != "town" or self._in_theatre(e) or e.population >= MIN_FOREIGN_POPULATION

    def _other_forms(self, s: _Span) -> list[Candidate]:
        """Candidates of a name the gazetteer lacks as written: its dictionary form ("в Гяндже" →
        Гянджа, "Нагорном Карабахе" → Нагорный Карабах), the name a place adjective is made of
        when a kind noun stands beside it ("Тертерского района" → Тертер), else their Latin
        transliterations, exactly or, for one word, fuzzily within the theatre ("Гадрут" → Hadrut)."""
        w = self.words
        texts = [self._text(t, t + 1) for t in range(s.t0, s.t1)]
        if len(texts) == 1 and texts[0].isupper():
            return []  # an acronym ("НКР") is a country or curated area as written, or nothing
        forms: list[str] = []
        if w.lemma is not None:
            lemmas = [w.lemma(t) for t in texts]
            forms.append(" ".join(lemmas))
            if s.explicit_hint and len(lemmas) == 1:
                forms += [lemmas[0][:-len(e)] for e in w.adjective_endings
                          if lemmas[0].endswith(e) and len(lemmas[0]) - len(e) >= 3]
        for form in forms:
            found = [Candidate(e, "exact", 100.0) for e in self.gaz.lookup(form)]
            if found:
                return found
        latin = list(dict.fromkeys(v for f in (" ".join(texts), *forms) for v in transliterations(f, w.transliteration)))
        for form in latin:
            found = [Candidate(e, "exact", 100.0) for e in self.gaz.lookup(form)]
            if found:
                return found
        if len(texts) > 1:
            return []
        scored = [c for form in latin for c in self._fuzzy_name(form, s.hint)]
        best = max((c.similarity for c in scored), default=0.0)
        return [c for c in scored if c.similarity >= best - 2]

    def _fuzzy(self, s: _Span) -> list[Candidate]:
        text = self._text(s.t0, s.t1)
        if s.t1 - s.t0 > 1 or text.isupper() or name_key(text) in self.stopwords:
            return []
        return self._fuzzy_name(text, s.hint)

    def _fuzzy_name(self, text: str, hint: str | None) -> list[Candidate]:
        """Theatre entries whose name is close to ``text`` (typos, transliterations)."""
        if len(name_key(text)) < (FUZZY_MIN_LEN_HINTED if hint else FUZZY_MIN_LEN):
            return []
        found = self.gaz.fuzzy(text, self.focus, self.bbox, cutoff=FUZZY_CUTOFF_HINTED if hint else FUZZY_CUTOFF)
        if not found:
            return []
        best = found[0][1]
        return [Candidate(e, "fuzzy", score) for e, score, _ in found if score >= best - 2]


def transliterations(text: str, table: dict[str, tuple[str, ...]], limit: int = 4) -> list[str]:
    """``text`` in the gazetteer's Latin letters by a language's table of letters or letter groups, the
    longest group first, up to ``limit`` readings ("Гадрут" → gadrut, hadrut; German "Dschabrail" →
    jabrail, dzhabrail); none when nothing of it is in the table."""
    text = text.lower()
    if not any(key in text for key in table):
        return []
    longest = max(map(len, table))
    readings, i = [""], 0
    while i < len(text):
        n = next((n for n in range(min(longest, len(text) - i), 0, -1) if text[i:i + n] in table), 0)
        options = table[text[i:i + n]] if n else (text[i],)
        readings = [r + o for r in readings for o in options][:limit]
        i += n or 1
    return readings


def contains(parent: GazEntry, child: GazEntry) -> bool:
    """Whether ``parent`` is an area that holds ``child`` (a parent written beside it)."""
    if parent.kind == "town" or parent.id == child.id:
        return False
    if parent.kind == "country":
        return child.kind != "country" and child.country == parent.country
    if parent.kind in ("province", "district"):
        return child.kind == "town" and child.admin1 is not None and child.admin1 == parent.admin1
    # A region: what lies near its reference point.
    return child.kind in ("town", "district", "province") and parent.km_to(child) <= REGION_PARENT_KM
