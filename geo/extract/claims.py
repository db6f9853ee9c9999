"""Casualty and materiel claims: how many, of whom, what happened to them,
when, and who says so.

A figure (geo.extract.quantities) becomes a claim when a casualty term governs it:
the term right after it ("49 soldati ... sono morti", "oltre seimila morti")
or right before it ("hanno provocato la morte di 49 soldati", "killed five
soldiers"), with only small words, side adjectives and other coordinated
figures in between. Equipment figures ("due elicotteri") need a verb of
destroying or losing in the sentence. A loss noun with no figure ("diverse
vittime", "perdite tra il personale") is a claim with no number.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from geo.extract.attribution import UNATTRIBUTED, Attribution
from geo.extract.document import BACKGROUND, EARLIER, Document, since_the_onset
from geo.extract.quantities import Quantity, find_quantities
from geo.models import Claim, Incident
from geo.text.normalize import fold

_HARD_BREAKS = {";", ":"}
_QUOTE_MARKS = {'"', "“", "”", "«", "»", "„"}
_MAX_GAP = 2  # content words allowed between a figure and its verb
_BREAKDOWN_REACH = 2  # sentences back a breakdown ("Among the dead were two children.") looks for its figure


@dataclass
class _Trigger:
    lo: int
    hi: int
    kind: str


@dataclass
class _Stated:
    """A claim as one passage states it: how surely attributed, and where its figure stands."""
    claim: Claim
    strength: float
    s: int  # sentence
    anchor: int  # token of the figure (or of the loss word, for a claim with no number)
    noun: str | None = None  # what the figure counts (military | civilian | generic | equipment)
    named: bool = False  # people counted by their names ("Captain X and Lieutenant Y were killed")
    other: bool = False  # "four other soldiers": people besides some already told


class _Links:
    """One sentence's running counts of content words and conjunctions (the figures' own tokens,
    ``covered``, count as neither), so that how loosely two tokens are linked costs the same at any
    distance, and the terms close enough to govern a figure are found by bisection: a run-on
    sentence, with many figures and terms far apart, made it cubic in the sentence's length.
    ``triggers`` are in text order and do not overlap (PhraseMatcher.find)."""

    def __init__(self, doc: Document, lo: int, hi: int, covered: set[int], triggers: list[_Trigger],
                 figure_ends: frozenset[int] = frozenset()):
        lex, toks = doc.lex, doc.tokens
        self.lo = lo
        self.figure_ends = figure_ends  # the last token of each figure's number
        self.triggers = triggers
        self.lows, self.highs = [t.lo for t in triggers], [t.hi for t in triggers]
        adjectives, small = lex.side_adjectives, lex.gap_words | lex.stopwords
        span = toks[lo:hi]
        content = [not (t.i in covered or t.norm in small or not (t.is_word or t.is_number)
                        or (t.norm in adjectives.heads and adjectives.match_at(toks, t.i))) for t in span]
        self.content = list(accumulate(content, initial=0))
        self.conj = list(accumulate([t.i not in covered and t.norm in lex.conjunctions for t in span], initial=0))
        self.breaks = list(accumulate([t.text in _HARD_BREAKS for t in span], initial=0))

    def gap(self, a: int, b: int) -> int:
        """Content words strictly between token a and token b."""
        return self.content[b - self.lo] - self.content[a + 1 - self.lo]

    def has_conjunction(self, a: int, b: int) -> bool:
        return self.conj[b - self.lo] > self.conj[a + 1 - self.lo]

    def has_break(self, a: int, b: int) -> bool:
        """A semicolon or colon strictly between token a and token b."""
        return self.breaks[b - self.lo] > self.breaks[a + 1 - self.lo]

    def content_after_conjunction(self, a: int, b: int) -> bool:
        """Whether a content word stands between the last conjunction strictly between a and b, and b."""
        if not self.has_conjunction(a, b):
            return False
        last = bisect_left(self.conj, self.conj[b - self.lo]) - 1 + self.lo  # the conjunction's token
        return self.gap(last, b) > 0

    def near(self, q: Quantity, gap: int) -> list[_Trigger]:
        """The triggers within ``gap`` content words of the figure, before, on or after it."""
        c = self.content
        first = bisect_left(c, c[q.lo - self.lo] - gap) - 1 + self.lo  # the furthest end before q.lo
        last = bisect_right(c, c[q.hi + 1 - self.lo] + gap) - 1 + self.lo  # the furthest start after q.hi
        return self.triggers[bisect_left(self.highs, first):bisect_right(self.lows, last)]

    def between(self, lo: int, q: Quantity) -> list[_Trigger]:
        """The triggers that start at ``lo`` or after and end before the figure."""
        return self.triggers[bisect_left(self.lows, lo):bisect_left(self.highs, q.lo)]


def _is_time_or_year(doc: Document, q: Quantity) -> bool:
    t = doc.tokens[q.lo]
    nxt = doc.tokens[q.number_hi + 1].text if q.number_hi + 1 < len(doc.tokens) else ""
    year = t.is_number and len(t.norm) == 4 and 1900 <= int(t.norm.replace(".", "").replace(",", "") or 0) <= 2100
    return q.noun is None and (year or nxt in {":", "%"})


def _not_a_count(doc: Document, q: Quantity, dated: set[int]) -> bool:
    """A number that belongs to a date ("As of September 29, 10 ..."), or an age ("aged 13 and 14",
    "a 13-year-old")."""
    if q.number_hi in dated or q.lo in dated:
        return True
    toks, lex = doc.tokens, doc.lex
    k = q.number_hi + 1
    while k < len(toks) and toks[k].text in {"-", "‐", "‑"}:
        k += 1
    if k < len(toks) and lex.ages.match_at(toks, k):
        return True
    # back over the other numbers of a list of ages: "aged 13 and 14"
    j = q.lo - 1
    while j >= 0 and (toks[j].is_number or toks[j].norm in lex.conjunctions or toks[j].text == ","):
        j -= 1
    return any((m := lex.ages.match_at(toks, a, j + 1)) is not None and m[0] == j for a in range(max(0, j - 3), j + 1)
               if toks[a].norm in lex.ages.heads)


def extract_claims(doc: Document, incident_places: dict[int, list[str]], incidents: list[Incident],
                   towns: frozenset[str] = frozenset()) -> list[Claim]:
    """Claims of one analysed article. ``incident_places``: sentence → its incident
    place names; a figure in a sentence that names none takes them from the
    article's incidents (see _places_from_incidents). ``towns``: the incident
    places that are settlements."""
    stated: list[_Stated] = []
    for s in range(len(doc.sents)):
        stated.extend(_sentence_claims(doc, s, incident_places.get(s) or [], stated))
    parents = _breakdown_parents(doc, stated)
    counted_by_name = _within_tolls(doc, stated, parents)
    stated = [st for st in stated if id(st.claim) not in counted_by_name]
    restated = _restated(doc, stated)
    for cid in restated:
        parents.pop(cid, None)
    people = {id(st.claim): st.s for st in stated if st.noun == "generic" or (st.noun is None and _people_in_clause(doc, st))}
    out, kept = _dedupe([st for st in stated if id(st.claim) not in restated])
    for st in stated:  # "les deux victimes": a passage of the figure it refers back to
        if (earlier := restated.get(id(st.claim))) is not None:
            kept[id(st.claim)] = claim = kept[id(earlier)]
            if {"start": st.claim.start, "end": st.claim.end} not in claim.mentions:
                claim.mentions.append({"start": st.claim.start, "end": st.claim.end})
    index = {id(c): i for i, c in enumerate(out)}
    nounless = {id(st.claim) for st in stated if st.noun is None}
    undated = {id(st.claim) for st in stated if not doc.sents[st.s].dates}
    for child, parent in parents.items():
        a, b = kept[child], kept[id(parent)]
        if a is not b:
            a.part_of = index[id(b)]
            if a.scope != b.scope and child in undated:
                # "Since 27 September 36 civilians were killed... 20 of them at home": a part of a war total
                # is of that total's time, unless its own sentence dates it
                a.scope = b.scope
                a.places = a.places if b.scope == "incident" else []
            if a.side == "unspecified" and b.side != "unspecified" and (b.side != "civilian" or child in nounless):
                # "tra cui un generale" of "undici militari azeri": theirs; "20 of them" of 36 civilians: civilians
                # (a part with a noun of its own, "including 3 soldiers", is not made civilian by its whole)
                a.side = b.side
    for c in out:
        if c.scope == "incident" and not c.places:
            c.places = _places_from_incidents(c, incidents)
        if id(c) in people and (_struck_settlement(doc, c, people[id(c)], incidents, towns)
                                or _shelled_settlements_told(doc, c, people[id(c)])):
            c.side = "civilian"
    return out


def _shells_before(doc: Document, char: int) -> bool:
    """Shells, missiles or drones named in the sentence holding ``char`` or the two before it."""
    s = next((k for k, info in enumerate(doc.sents) if info.span.start <= char <= info.span.end), 0)
    return _remote_violence_in(doc, doc.sents[max(0, s - 2)].span.lo, doc.sents[s].span.hi)


def _remote_violence_in(doc: Document, lo: int, hi: int) -> bool:
    """Shells, missiles or drones named in tokens [lo, hi)."""
    return any(kind in doc.lex.remote_violence for _, _, kind in doc.lex.events.find(doc.tokens, lo, hi))


def _people_in_clause(doc: Document, st: _Stated) -> bool:
    """A bare figure whose people are named in its clause: 'il numero di persone uccise ... è arrivato a 19'."""
    clause = doc.clause_of(st.s, st.anchor)
    return any(kind == "generic" for _, _, kind in doc.lex.persons.find(doc.tokens, clause.lo, clause.hi))


def _struck_settlement(doc: Document, c: Claim, s: int, incidents: list[Incident], towns: frozenset[str]) -> bool:
    """'19 persone uccise' by rockets on Barda: people of no side named, killed or wounded where
    shells, missiles or drones struck a settlement (the claim's places, else those the sentence or
    the one before it tells of), are coded civilians: soldiers are called soldiers."""
    if c.side != "unspecified" or c.scope != "incident" or c.kind == "materiel" or c.count_high == 0:
        return False  # ("caused no casualties" counts no people whose side the place could tell)
    # a strike, or an attack told with shells, missiles or drones in its sentence or the two before
    # ("Un palazzo distrutto da un missile. ... Qui quel lancio ha devastato un isolato")
    remote = [i for i in incidents if i.event_type in doc.lex.remote_violence
              or (i.event_type == "attack" and _shells_before(doc, i.start))]
    if c.places:
        return all(p in towns for p in c.places) and any(set(c.places) & set(i.places) for i in remote)
    lo = doc.sents[max(0, s - 1)].span.start
    near = [i for i in remote if i.start < doc.sents[s].span.end and i.end > lo]
    return bool(near) and all(p in towns for i in near for p in i.places)


def _shelled_settlements_told(doc: Document, c: Claim, s: int) -> bool:
    """A war total of no side, "91 people killed by shelling of towns and villages": its own sentence tells of
    shells, missiles or drones and of settlements, as _struck_settlement does of an incident's places."""
    if c.side != "unspecified" or c.scope == "incident" or c.kind == "materiel" or c.count_high == 0:
        return False
    sp, toks, words = doc.sents[s].span, doc.tokens, doc.lex.places
    settlement = any(words.kind_before.get((fold(toks[k].text),)) == "town" or (
        words.lemma is not None and words.kind_before.get((words.lemma(toks[k].text),)) == "town")
        for k in range(sp.lo, sp.hi) if toks[k].is_word)
    return settlement and _remote_violence_in(doc, sp.lo, sp.hi)


def _places_from_incidents(claim: Claim, incidents: list[Incident]) -> list[str]:
    """Where a figure stated without a place belongs: the incidents its own claimant
    reports, else those where its side was attacked; else, for a figure of no
    particular side, the article's only incident. Otherwise nowhere, rather than a guess."""
    chosen = [i for i in incidents if i.claimed_by == claim.claimed_by and claim.claimed_by != UNATTRIBUTED]
    chosen = chosen or [i for i in incidents if i.target and i.target == claim.side]
    if not chosen and claim.side in ("unspecified", "civilian") and len(incidents) == 1:
        chosen = incidents
    return list(dict.fromkeys(p for i in chosen for p in i.places))


def _triggers(doc: Document, lo: int, hi: int) -> tuple[list[_Trigger], list[_Trigger]]:
    lex = doc.lex
    casualty = [_Trigger(a, b, kind) for a, b, kind in lex.casualty.find(doc.tokens, lo, hi)]
    materiel = [_Trigger(a, b, "materiel") for a, b, _ in lex.materiel_verbs.find(doc.tokens, lo, hi)]
    return casualty, materiel


def _colon_after_a_toll(doc: Document, stated: list[_Stated], i: int) -> int | None:
    """The colon before figure i that follows, in its sentence, a toll of losses not split into
    killed and wounded ("20 casualties: 11 killed, 4 wounded"), which the figures after it break down."""
    st, toks = stated[i], doc.tokens
    colons = [k for k in range(doc.sents[st.s].span.lo, st.anchor) if toks[k].text == ":"]
    if colons and any(p.s == st.s and p.anchor < colons[-1] and p.claim.kind == "casualties" for p in stated[:i]):
        return colons[-1]
    return None


def _breakdown_parents(doc: Document, stated: list[_Stated]) -> dict[int, Claim]:
    """{id(claim): the claim it breaks down}: a figure after "including", "di cui", "among the dead
    were" is part of the figure before it (in its sentence or up to _BREAKDOWN_REACH before; anywhere
    before for a sentence the breakdown opens) of the same kind that is no smaller."""
    lex, toks = doc.lex, doc.tokens
    out: dict[int, Claim] = {}
    for i, st in enumerate(stated):
        sp = doc.sents[st.s].span
        words = [m for m in lex.breakdowns.find(toks, sp.lo, sp.hi) if m[1] < st.anchor]
        if words:
            word_lo = words[-1][0]
        elif _of_the_dead(doc, st) or _in_brackets(doc, st):
            word_lo = st.anchor  # "10 dei morti sono civili", "Martuni (4 people)"
        elif (colon := _colon_after_a_toll(doc, stated, i)) is not None:
            word_lo = colon + 1  # "жертвами стали 20 военнослужащих: ... 11 погибших и четверо раненых"
        else:
            continue
        if any(toks[k].text in {";", ":"} for k in range(word_lo, st.anchor)):
            continue
        c = st.claim
        # "Among the dead were two children.", opening its sentence, looks back to the article's toll
        reach = st.s if word_lo <= sp.lo + 1 else _BREAKDOWN_REACH
        for prev in reversed(stated[:i]):
            p = prev.claim
            if id(p) in out or prev.s < st.s - reach or (prev.s == st.s and prev.anchor >= word_lo):
                continue
            kinds = {p.kind, c.kind}
            if not (len(kinds) == 1 or "casualties" in kinds) or "materiel" in kinds:
                continue
            if p.count_low is not None and c.count_low is not None and c.count_low > p.count_low:
                continue
            if c.side != p.side and {c.side, p.side}.isdisjoint(("unspecified", "civilian")):
                continue  # "seven Azerbaijani servicemen, including a general, and four Armenian soldiers"
            out[id(c)] = p
            break
    return out


def _restated(doc: Document, stated: list[_Stated]) -> dict[int, Claim]:
    """{id(claim): the earlier claim it tells again}: an exact figure after a definite article or a
    demonstrative ("les deux victimes", "these three soldiers") refers to people counted before, the
    latest earlier figure of that count and kind (or of losses not split)."""
    toks, lex = doc.tokens, doc.lex
    out: dict[int, Claim] = {}
    for i, st in enumerate(stated):
        c = st.claim
        if c.qualifier != "exact" or c.count_low is None or st.anchor == 0 or toks[st.anchor - 1].norm not in lex.restating:
            continue
        earlier = next((p.claim for p in reversed(stated[:i]) if p.claim.count_low == c.count_low and p.s < st.s
                        and (p.claim.kind == c.kind or "casualties" in (p.claim.kind, c.kind))), None)
        if earlier is not None:
            out[id(c)] = out.get(id(earlier), earlier)
    return out


def _within_tolls(doc: Document, stated: list[_Stated], parents: dict[int, Claim]) -> set[int]:
    """How the article accounts for a toll it gave first: the people it then names are among those
    counted (the ids returned: no claim of their own), and "N others" after some were named or broken
    down are the rest of it (added to ``parents``), while together they do not exceed it. A toll is an
    incident's figure of the same kind (or losses not split) and of the same side; people named of no
    side are of their claimant's."""
    lex = doc.lex
    tolls: list[Claim] = []
    told: dict[int, list[int]] = {}  # id(toll) → [people named or "others", people in its breakdowns]
    dropped: set[int] = set()
    for st in stated:
        c = st.claim
        if c.count_low is None or c.kind == "materiel" or c.scope != "incident":
            continue
        if id(c) in parents:
            told.setdefault(id(parents[id(c)]), [0, 0])[1] += c.count_low
            continue
        if not (st.named or st.other):
            tolls.append(c)
            continue
        side = c.side if c.side != "unspecified" else (lex.source_side(c.claimed_by) or "unspecified")
        fits = [t for t in tolls if (t.kind == c.kind or "casualties" in (t.kind, c.kind))
                and (side == "unspecified" or t.side in (side, "unspecified"))]
        if not fits or len({t.side for t in fits}) > 1 and side == "unspecified":
            continue  # no toll, or the toll of which side is not said
        toll = fits[-1]
        account = told.setdefault(id(toll), [0, 0])
        before = max(account)
        if (st.named and account[0] + c.count_low <= toll.count_low) or (
                st.other and before and before + c.count_low <= toll.count_low):
            account[0] = before + c.count_low if st.other else account[0] + c.count_low
            if st.named:
                dropped.add(id(c))
            else:
                parents[id(c)] = toll
    return dropped


def _named_victims(doc: Document, trig: _Trigger, lo: int, covered: set[int]) -> Quantity | None:
    """The people named right before a loss word, each with a rank or a noun: 'Serviceman Eshgin
    Guliyev was killed' is 1 killed, 'Captain X and Lieutenant Y were killed' 2, 'il soldato Mario
    Rossi è morto' 1. None when no person noun stands before a name."""
    toks, lex = doc.tokens, doc.lex
    k = trig.lo - 1
    while k >= lo and (toks[k].norm in lex.gap_words or toks[k].text == ","):
        k -= 1  # "was", "were", "è stato"; "Captain X and Lieutenant Y, were killed"
    last, names, noun, first = k, 0, None, None
    while k >= lo:
        end = k
        while k >= lo and toks[k].is_word and toks[k].is_capitalised and k not in covered \
                and not lex.persons.match_at(toks, k, end + 1):
            k -= 1
        if k == end:
            break  # no name here
        rank = next(((a, m[1]) for a in range(max(lo, k - 2), k + 1)
                     if (m := lex.persons.match_at(toks, a, k + 1)) and m[0] == k), None)
        if rank is None:
            break
        names, noun, first = names + 1, noun or rank[1], rank[0]
        k = rank[0] - 1
        while k >= lo and toks[k].norm in lex.stopwords and toks[k].norm not in lex.conjunctions:
            k -= 1  # the article of "le capitaine X et le sergent Y", "il soldato X"
        if not (k >= lo and (toks[k].norm in lex.conjunctions or toks[k].text == ",")):
            break
        while k >= lo and (toks[k].norm in lex.conjunctions or toks[k].text == ","):
            k -= 1
    if not names or noun == "generic":
        return None
    q = Quantity(first, last, names, names, "exact", noun=noun, number_hi=last)
    adj = next((m for a in range(max(lo, first - 2), first)
                if (m := lex.side_adjectives.match_at(toks, a, first)) and m[0] >= first - 2), None)
    q.side = adj[1] if adj else None  # "Azerbaijani officers, Captain X and ..."
    return q


def _one_victim(doc: Document, trig: _Trigger, lo: int, hi: int, covered: set[int]) -> Quantity | None:
    """One soldier or civilian, named by a singular noun beside a loss word, where a language marks
    number on its nouns and has no article to say "a" (Russian: "погиб мирный житель", "о гибели
    военнослужащего", "о погибшем селянине", "военнослужащий получил ранение"): 1. None where the
    analyser tells no grammatical number, or the noun is plural or part of a figure."""
    morphology = doc.lex.morphology
    singular = morphology.singular if morphology else None
    if singular is None:
        return None
    toks, lex = doc.tokens, doc.lex

    def person(a: int, end: int) -> tuple[int, str] | None:  # a soldier's or civilian's noun from a to end
        m = lex.persons.match_at(toks, a, end) if a >= lo and toks[a].norm in lex.persons.heads else None
        if m and m[1] in ("military", "civilian") and not covered.intersection(range(a, m[0] + 1)):
            return m
        return None

    side = None
    j = trig.hi + 1  # after the loss word, a side's adjective perhaps before the noun
    adj = j < hi and toks[j].norm in lex.side_adjectives.heads and lex.side_adjectives.match_at(toks, j, hi)
    if adj:
        side, j = adj[1], adj[0] + 1
    found = person(j, hi) if j < hi else None
    first = j
    if found is None:  # before it: "мирный житель погиб"
        side = None
        found, first = next(((m, a) for a in range(trig.lo - 3, trig.lo)
                             if (m := person(a, trig.lo)) and m[0] == trig.lo - 1), (None, 0))
    if found is None or not singular(toks[found[0]].text):
        return None
    q = Quantity(first, found[0], 1, 1, "exact", noun=found[1], number_hi=found[0])
    q.side = side
    return q


def _of_the_dead(doc: Document, st: _Stated) -> bool:
    """'17 of the injured', '10 dei morti': a part of people counted before."""
    toks, lex = doc.tokens, doc.lex
    k = st.anchor + 1
    while k < len(toks) and toks[k].is_number:
        k += 1
    j = k
    while j < len(toks) and j - k < 2 and (toks[j].norm in lex.genitive or toks[j].norm in lex.stopwords):
        j += 1
    return j > k and j < len(toks) and lex.casualty.match_at(toks, j) is not None


def _in_brackets(doc: Document, st: _Stated) -> bool:
    """'Martuni (4 people)': a figure in brackets, the share of the place before it."""
    toks = doc.tokens
    k = st.anchor
    close = next((j for j in range(k + 1, min(len(toks), k + 4)) if toks[j].text in {")", "("}), None)
    return k > 0 and toks[k - 1].text == "(" and close is not None and toks[close].text == ")"


def _share_a_side_told_after(doc: Document, figures: list[tuple[_Stated, Quantity, _Trigger]]) -> None:
    """"tres muertos y dos heridos entre sus filas", "three dead and two wounded among civilians": figures of no
    noun joined by a conjunction or a comma share the side the words after the last of them tell (a figure with a noun of
    its own, "two Azerbaijani soldiers", tells only its own)."""
    toks, lex = doc.tokens, doc.lex
    for (a, qa, ta), (b, qb, _) in reversed(list(zip(figures, figures[1:]))):
        between = range(max(qa.hi, ta.hi) + 1, qb.lo)
        if (a.claim.side == "unspecified" and b.claim.side != "unspecified" and qa.noun is None and qb.noun is None
                and len(between) > 0 and all(toks[k].norm in lex.conjunctions or toks[k].text == "," for k in between)):
            a.claim.side = b.claim.side


def _sentence_claims(doc: Document, s: int, places: list[str], before: list[_Stated]) -> list[_Stated]:
    """The claims of sentence s; ``before``: those of the sentences before it."""
    info = doc.sents[s]
    lo, hi = info.span.lo, info.span.hi
    lex = doc.lex
    casualty, materiel = _triggers(doc, lo, hi)
    dated = {k for d in [*info.dates, *info.compared] for k in range(d.lo, d.hi + 1)}
    found = find_quantities(doc.tokens, lo, hi, lex)
    quantities = [q for q in found if not _is_time_or_year(doc, q) and not _not_a_count(doc, q, dated)
                  and not (q.count_low is None and q.count_high is None
                           and (_negated(doc, s, q.lo) or _article_of_a_toll(doc, q)))]
    # the numbers that are no figure, and their age words, stand between a figure and its verb as
    # small words do: "Two other residents, aged 35 and 41, were wounded"
    covered = {k for q in found for k in range(q.lo, q.hi + 1)}
    covered |= {k for a, b, _ in lex.ages.find(doc.tokens, lo, hi) for k in range(a, b + 1)}
    # (what links a figure to its term: only for a sentence with figures)
    links = _Links(doc, lo, max([hi, *(q.hi + 1 for q in found)]), covered, casualty,
                   frozenset(q.number_hi for q in quantities)) if quantities else None
    materiel_lows = [t.lo for t in materiel]
    out: list[_Stated] = []
    figures: list[tuple[_Stated, Quantity, _Trigger]] = []  # the figures of people, in text order
    used: set[int] = set()
    previous: Quantity | None = None
    for q in quantities:
        if q.noun == "equipment":
            trig = _nearest(materiel, materiel_lows, q) if materiel else None
            if trig is None:
                continue
            used.update(range(trig.lo, trig.hi + 1))
            out.append(_claim(doc, s, q, trig, "materiel", places))
        else:
            trig = _governing(doc, s, q, links)
            bracketed = q.lo > 0 and doc.tokens[q.lo - 1].text == "("
            if trig is None and out and (q.noun is not None or bracketed) and out[-1].claim.kind != "materiel" and (bracketed or any(
                    out[-1].anchor < a and b < q.lo for a, b, _ in lex.breakdowns.find(doc.tokens, lo, hi))):
                trig = _Trigger(q.lo, q.hi, out[-1].claim.kind)  # "including 7 women": the kind of the figure before
            antecedent = (out or before)[-1].claim if (out or before) else None
            if (trig is None and antecedent is not None and antecedent.kind != "materiel" and q.noun is None
                    and _total_told_at(doc, q) and not _counts_something_else(doc, q)):  # not "décompté trois vagues"
                trig = _Trigger(q.lo, q.hi, antecedent.kind)  # "altri 21 militari uccisi, portando il totale a 481"
            if (trig is None and antecedent is not None and antecedent.kind != "materiel" and _partitive(doc, q)
                    and not _counts_something_else(doc, q)):  # not French "en 24 heures"
                # "Baku ne ammette 12", "killing four of them": the people of the figure before
                trig = _Trigger(q.lo, q.hi, antecedent.kind)
                q.side = q.side or (antecedent.side if antecedent.side not in ("unspecified", "civilian") else None)
            if trig is None:
                if q.noun is not None:
                    previous = q
                continue
            if q.noun is None and previous is not None and not any(
                    doc.tokens[k].norm in lex.contrast_words for k in range(previous.hi + 1, q.lo)):
                # "e più di una dozzina sono rimasti feriti" (not across "..., mentre 18 ...")
                q.noun, q.side, q.side_word = previous.noun, q.side or previous.side, q.side_word or previous.side_word
            used.update(range(trig.lo, trig.hi + 1))
            out.append(_claim(doc, s, q, trig, trig.kind, places))
            if q.side is None and out[-1].claim.side != "unspecified":
                q.side = out[-1].claim.side  # "Sette militari azeri uccisi e dieci feriti"
            figures.append((out[-1], q, trig))
        previous = q
    _share_a_side_told_after(doc, figures)
    figure_clauses = {_clause_index(doc, s, st.claim.start) for st in out if st.claim.count_low is not None}
    for trig in casualty:
        if trig.lo in used or trig.kind == "casualties":
            continue
        named = _named_victims(doc, trig, lo, covered)
        if named is not None:  # "Serviceman X was killed", "Captain X and Lieutenant Y were killed"
            used.update(range(trig.lo, trig.hi + 1))
            out.append(_claim(doc, s, named, trig, trig.kind, places))
            out[-1].named = True
            continue
        one = _one_victim(doc, trig, lo, hi, covered) if _clause_index(doc, s, doc.tokens[trig.lo].start) \
            not in figure_clauses and not _negated(doc, s, trig.lo) else None
        if one is not None:  # "погиб мирный житель": a figure, as "a civilian was killed" is
            used.update(range(trig.lo, trig.hi + 1))
            out.append(_claim(doc, s, one, trig, trig.kind, places))
    counted = [st.claim for st in out if st.claim.count_low is not None or st.claim.count_high is not None]
    any_figure = {_clause_index(doc, s, c.start) for c in counted}
    people_figure = {_clause_index(doc, s, c.start) for c in counted if c.kind != "materiel"}
    for trig in casualty:
        if trig.lo in used or trig.kind != "casualties":
            continue
        clause_i = _clause_index(doc, s, doc.tokens[trig.lo].start)
        if clause_i in people_figure or (clause_i in any_figure and doc.tokens[trig.lo].norm in lex.ambiguous_loss):
            continue  # "ha subito perdite ..., in particolare tre carri armati": the figure says it
        if _negated(doc, s, trig.lo):
            continue  # "senza perdite", "does not disclose its casualties"
        if any(q.lo <= trig.lo <= q.hi for q in quantities) or _loss_as_topic(doc, trig):
            continue
        out.append(_claim(doc, s, None, trig, "casualties", places))
    return out


def _partitive(doc: Document, q: Quantity) -> bool:
    """A figure of no noun with a pronoun for the people counted: 'ne' before its verb, 'of them' after it."""
    if q.noun is not None:
        return False
    toks, lex = doc.tokens, doc.lex
    after = q.number_hi + 1
    if after < len(toks) and lex.partitives.match_at(toks, after):
        return True
    for j in range(max(0, q.lo - 4), q.lo):  # "ne “ammette” 12", "ne conta 12"
        if lex.partitives.match_at(toks, j, j + 1) and all(
                toks[k].is_word or toks[k].text in _QUOTE_MARKS for k in range(j + 1, q.lo)):
            return True
    return False


def _toll_head(doc: Document, k: int) -> bool:
    """Token k is a noun for the count ("number", "bilancio", "Zahl"), compared as written: a stem would make
    "número" "numerosos", folding "décompté" "décompte"."""
    return doc.tokens[k].text.lower() in doc.lex.toll_heads


def _total_told_at(doc: Document, q: Quantity) -> bool:
    """'portando il totale a 481', 'bringing the total to 481', 'damit stieg die Gesamtzahl auf 481': a bare figure
    a noun for the count stands right before (a small word between): the toll of the figures told before it."""
    toks, lex = doc.tokens, doc.lex
    k = q.lo - 1
    if k > 0 and (toks[k].norm in lex.stopwords or toks[k].norm in lex.gap_words or toks[k].norm in lex.locative_words):
        k -= 1
    return k >= 0 and _toll_head(doc, k)


def _article_of_a_toll(doc: Document, q: Quantity) -> bool:
    """'le nombre de soldats tués', 'il bilancio dei soldati uccisi': the article after a noun for the count
    reads as a vague amount ("des", "dei": some), and Spanish "número" shares the stem of "numerosos"; but
    the count is the figure the toll is said to be."""
    return _toll_head(doc, q.lo) or (q.lo > 0 and _toll_head(doc, q.lo - 1))


def _negated(doc: Document, s: int, k: int) -> bool:
    """'senza perdite', 'non ha reso noto il numero dei suoi soldati caduti': losses said not to be, or not told."""
    clause = doc.clause_of(s, k)
    return any(doc.tokens[j].norm in doc.lex.negations for j in range(max(clause.lo, k - 6), k))


def _loss_as_topic(doc: Document, trig: _Trigger) -> bool:
    """'l'elenco delle vittime', 'the families of the victims': the losses named as the topic of
    something else, not claimed."""
    toks, lex = doc.tokens, doc.lex
    j = trig.lo - 1
    while j >= 0 and (toks[j].norm in lex.genitive or toks[j].norm in lex.stopwords) and trig.lo - j <= 3:
        j -= 1
    return j >= 0 and any((m := lex.loss_topic_heads.match_at(toks, a, j + 1)) is not None and m[0] == j
                          for a in range(max(0, j - 2), j + 1))


def _clause_index(doc: Document, s: int, char: int) -> int:
    for i, c in enumerate(doc.sents[s].clauses):
        if c.start <= char <= c.end:
            return i
    return -1


def _nearest(triggers: list[_Trigger], lows: list[int], q: Quantity) -> _Trigger:
    """The term closest to the figure, the earlier on a tie (``triggers`` in text order, ``lows`` their starts)."""
    i = bisect_left(lows, q.lo)
    if i == len(triggers) or (i > 0 and q.lo - triggers[i - 1].lo <= triggers[i].lo - q.lo):
        return triggers[i - 1]
    return triggers[i]


def _counts_something_else(doc: Document, q: Quantity) -> bool:
    """'sei mesi', '30 anni': a bare figure followed by a noun that is no casualty word."""
    k = q.number_hi + 1
    if q.noun is not None or k >= len(doc.tokens):
        return False
    t, lex = doc.tokens[k], doc.lex
    if not t.is_word or t.norm in lex.gap_words or t.norm in lex.stopwords:
        return False
    return not (lex.casualty.match_at(doc.tokens, k) or lex.side_adjectives.match_at(doc.tokens, k))


def _cost(links: _Links, a: int, b: int) -> tuple[int, int]:
    """How loosely tokens a and b are linked: (content words between, a score that
    also counts a conjunction, which starts a new coordinated figure, and distance)."""
    gap = links.gap(a, b)
    if links.has_break(a, b):
        gap = _MAX_GAP + 1  # "12 people were killed; 17 of the injured": across a semicolon, nothing links
    return gap, gap * 10 + 5 * links.has_conjunction(a, b) + (b - a - 1)


def _governing(doc: Document, s: int, q: Quantity, links: _Links) -> _Trigger | None:
    """The casualty term that governs a figure, or None.

    "killing one civilian and wounding 32 others": each figure takes the verb
    right before it; "due soldati sono stati uccisi e più di una dozzina sono
    rimasti feriti": the conjunction sends the second figure to the verb after it.
    A figure never takes a verb across a new clause after it ("sette, mentre dieci
    sono feriti"); a figure that is the predicate of a loss word takes that word
    however far it stands ("le vittime degli scontri di ieri sarebbero sette"). Only the
    casualty terms (those of ``links``) within _MAX_GAP content words can govern it otherwise.
    """
    if _counts_something_else(doc, q):
        return None
    clause = doc.clause_of(s, q.lo)
    # a term after the figure is not its own past another figure ("возросло до 13, еще более 50 человек получили
    # ранения"), unless a conjunction joins the two ("Sette militari azeri uccisi e dieci feriti")
    near = [t for t in links.near(q, _MAX_GAP) if not (t.lo > q.hi and _figure_between(doc, links, q, t))]
    after = [t for t in near if q.hi < t.lo < clause.hi and links.gap(q.hi, t.lo) == 0]
    predicate = None if after else _predicate_of(doc, q, links.between(clause.lo, q), links)
    if predicate is not None:
        return predicate
    best, best_score = None, None
    for t in near:
        if t.lo > q.hi:  # figure first: "49 soldati ... sono morti"
            if t.lo >= clause.hi:
                continue
            gap, score = _cost(links, q.hi, t.lo)
        elif t.hi < q.lo:  # term first: "la morte di 49 soldati", "i morti sono ventuno"
            gap, score = _cost(links, t.hi, q.lo)
            if q.noun is None and gap > 0 and not _in_a_toll(doc, t):
                continue  # no bare number far behind a verb ("die Zahl getöteter Zivilisten mit 92" is a toll's)
            if links.content_after_conjunction(t.hi, q.lo):
                continue  # "15.000 morts et ont contraint un million de personnes": a new verb after "and"
            if t.lo - 1 in links.figure_ends:
                continue  # "les deux victimes étaient des conscrits": the word counts the number before it
        else:  # the term is the figure's noun: "oltre seimila morti"
            gap, score = 0, 0
        if q.count_high == 0 and q.noun is None and gap > 1:
            continue  # "nobody (in the village) was hurt", not "nessuno dei due eserciti ha confermato le perdite"
        if gap <= _MAX_GAP and (best_score is None or score < best_score):
            best, best_score = t, score
    if best is not None and best.hi < q.lo and q.noun in (None, "generic") and _in_a_toll(doc, best):
        # "в 92 человека" of "число погибших мирных жителей": the toll's people
        q.noun = _noun_before(doc, q, best, q.lo) or "generic"
    return best


def _in_a_toll(doc: Document, t: _Trigger) -> bool:
    """'the number of civilians killed', 'die Zahl der getöteten Zivilisten', 'число погибших': a loss word
    a few words after a noun for the count."""
    for k in range(t.lo - 1, max(-1, t.lo - 6), -1):  # "die Zahl der seit Kriegsbeginn getöteten"
        if not doc.tokens[k].is_word:
            return False
        if _toll_head(doc, k):
            return True
    return False


def _figure_between(doc: Document, links: _Links, q: Quantity, t: _Trigger) -> bool:
    """Another figure stands between figure q and the term t after it, neither joined to q by a conjunction
    nor a part of it ("More than 700 people, including nearly 80 civilians, have been killed")."""
    return (any(q.hi < end < t.lo for end in links.figure_ends) and not links.has_conjunction(q.hi, t.lo)
            and not doc.lex.breakdowns.find(doc.tokens, q.hi + 1, t.lo))


def _predicate_of(doc: Document, q: Quantity, before: list[_Trigger], links: _Links) -> _Trigger | None:
    """The loss word a figure is the predicate of: "<loss word> ... è salito a / sarebbero (solo) N"."""
    if not before or q.noun not in (None, "generic"):
        return None
    toks, lex = doc.tokens, doc.lex
    if before[-1].lo - 1 in links.figure_ends:
        return None  # "les deux victimes étaient des conscrits": counted already, this says who they were
    # Links are matched up to the number itself: one may end in what reads alone as the figure's qualifier.
    j = q.lo - 1
    while j >= 0 and ((toks[j].norm in lex.gap_words or toks[j].text in _QUOTE_MARKS)
                      and not lex.predicate_links.match_at(toks, j, q.number_hi)):
        j -= 1  # "sarebbero solo sette", "sono «almeno 40»": past the small words to the verb
    for a in range(max(0, j - 3), j + 1):
        m = lex.predicate_links.match_at(toks, a, q.number_hi)
        if m and m[0] >= j:
            if m[0] >= q.lo:  # "возросло до 37": risen to 37, not "up to 37"
                q.count_low = q.count_high = q.count_high if q.count_low is None else q.count_low
                q.qualifier = "exact"
            q.noun = q.noun or _noun_before(doc, q, before[-1], a)
            return before[-1]
    return None


def _noun_before(doc: Document, q: Quantity, trig: _Trigger, link: int) -> str | None:
    """The people a predicate figure counts, named before its loss word ('i militari azeri morti ...
    sono almeno 40', 'i civili azeri uccisi sono 25') or between it and the predicate's ``link``
    ('the death toll among Armenian soldiers rose to 37', 'die Zahl der getöteten armenischen Soldaten stieg auf'):
    their noun, or None; the side an adjective there names goes to ``q.side`` if it has none."""
    toks, lex = doc.tokens, doc.lex
    for lo, hi, window in ((trig.lo, trig.lo, range(trig.lo - 1, max(0, trig.lo - 4) - 1, -1)),
                           (trig.hi + 1, link, range(trig.hi + 1, link))):
        for k in window:
            if k >= lo and not toks[k].is_word:
                break  # the subject ends: "the toll, officials said, rose to"
            adj = lex.side_adjectives.match_at(toks, k, hi)
            if adj and q.side is None:
                q.side = adj[1]
            person = lex.persons.match_at(toks, k, hi)
            if person:
                if q.side is None and k >= lo:  # "Soldaten auf armenischer Seite"
                    q.side = _side_beside_a_head(doc, person[0] + 1, min(hi, person[0] + 4))
                return person[1]
    return None


def _claim(doc: Document, s: int, q: Quantity | None, trig: _Trigger, kind: str, places: list[str]) -> _Stated:
    info = doc.sents[s]
    anchor = q.lo if q is not None else trig.lo
    who: Attribution = doc.attributor.claimant(s, anchor)
    scope = {BACKGROUND: "background", EARLIER: "earlier"}.get(info.relation, "incident")
    date = info.date
    if info.compared and anchor > info.compared[0].lo:
        # "the worst since the 1990s, when about 30,000 people died": a figure of the time the news is compared with
        scope, date = "background", info.compared[0].ref
    elif scope == "incident" and since_the_onset(doc.tokens, doc.clause_of(s, anchor), doc.lex):
        # "ist seit Beginn der Kämpfe auf 729 gestiegen, teilte ... am Montag mit": the day is the saying's
        scope = "background"
    lo = min(anchor, trig.lo)
    hi = max(q.hi if q is not None else trig.hi, trig.hi)
    quote_lo, quote_hi = _quote_bounds(doc, s, lo, hi)
    side = _side(doc, s, q, trig, kind, who)
    claim = Claim(
        kind=kind,
        count_low=q.count_low if q else None,
        count_high=q.count_high if q else None,
        qualifier=q.qualifier if q else "unspecified",
        side=side,
        scope=scope,
        claimed_by=who.source,
        claimed_by_text=who.text,
        quote=doc.body[doc.tokens[quote_lo].start:doc.tokens[quote_hi].end],
        start=doc.tokens[quote_lo].start,
        end=doc.tokens[quote_hi].end,
        places=list(places) if scope == "incident" else [],
        date=date.iso if date else None,
        date_precision=date.precision if date else None,
        what=q.what if q and kind == "materiel" else None,
        count_text=doc.text(q.lo, q.number_hi) if q else None,
    )
    noun = q.noun if q is not None else None
    if q is not None and noun is None and (trig.lo == q.number_hi + 1 or (
            trig.lo == q.number_hi + 2 and doc.tokens[q.number_hi + 1].norm in doc.lex.genitive)):
        noun = "generic"  # "five bodies", "seimila morti", "une dizaine de blessés": the loss word counts people
    other = q is not None and any(doc.tokens[k].norm in doc.lex.other_words
                                  for k in range(max(0, q.lo - 1), min(len(doc.tokens), q.hi + 2)))
    return _Stated(claim, who.strength, s, anchor, noun, other=other)


def _quote_bounds(doc: Document, s: int, lo: int, hi: int) -> tuple[int, int]:
    """The clauses that hold the claim's words."""
    cl = [c for c in doc.sents[s].clauses if c.hi > lo and c.lo <= hi]
    if not cl:
        sp = doc.sents[s].span
        return sp.lo, sp.hi - 1
    a, b = cl[0].lo, cl[-1].hi - 1
    while b > a and not (doc.tokens[b].is_word or doc.tokens[b].is_number):
        b -= 1  # no trailing punctuation
    return a, b


def _side(doc: Document, s: int, q: Quantity | None, trig: _Trigger, kind: str, who: Attribution) -> str:
    """Whose people or equipment: the words first, then the claimant's point of view."""
    lex = doc.lex
    own = lex.source_side(who.source)
    if q is not None and q.noun == "civilian":
        return "civilian"
    if q is not None and q.side:
        return q.side
    start = (q.hi if q is not None else trig.hi) + 1
    sp = doc.sents[s].span
    after = _side_in(doc, start, min(sp.hi, start + 8), own)  # "49 soldati armeni"
    if after is None and q is not None and q.hi < trig.lo:
        # "oltre seimila morti tra i civili", "18 sarebbero le vittime militari armene": after the loss word
        after = _side_in(doc, trig.hi + 1, min(sp.hi, trig.hi + 9), own)
    if after:
        return after
    if q is not None and q.side_word:
        return (own if q.side_word == "own" else lex.enemy_of(own)) or "unspecified"
    before = _side_before(doc, s, q.lo if q is not None else trig.lo, own)
    noun = q.noun if q is not None else _bare_noun(doc, trig)
    if kind == "materiel":
        if any(doc.tokens[k].norm in lex.ambiguous_loss for k in range(trig.lo, trig.hi + 1)):
            # "l'Azerbaigian ha confermato la perdita di un elicottero"
            return before or own or "unspecified"
        return lex.enemy_of(own) or before or "unspecified"  # destroyed by the claimant's side
    if noun in ("generic", None):
        # "diverse vittime", "6.500 persone": anyone, unless the sentence names the side whose
        # toll it is ("il bilancio per il lato armeno è di una vittima", "the Azerbaijani side has losses")
        return _side_named_as_side(doc, s, q.lo if q is not None else trig.lo) or "unspecified"
    anchor = q.lo if q is not None else trig.lo
    if lex.admission.find(doc.tokens, doc.sents[s].span.lo, anchor) and own:
        return own  # "ha ammesso la morte di 600 militari": its own
    if doc.tokens[trig.hi].norm in lex.ambiguous_loss and (before or own):  # "aver perso", not "perso la vita"
        return before or own  # "Armenian forces lost 12 soldiers", "Baku said it lost a soldier": the subject's
    attacker = _attacker(doc, s, anchor)
    if attacker and noun == "military":
        return lex.enemy_of(attacker) or "unspecified"
    # Only what the words say: a ministry counting "four soldiers" is not telling whose
    # (the likely reading, its own side, is for the analyst to make).
    return before or "unspecified"


def _bare_noun(doc: Document, trig: _Trigger) -> str | None:
    """A loss noun with no figure: 'perdite' are military losses, 'vittime' anyone."""
    return "military" if doc.tokens[trig.lo].norm in doc.lex.ambiguous_loss else None


def _side_in(doc: Document, lo: int, hi: int, own: str | None) -> str | None:
    """A side named by an adjective, 'nemici' or 'suoi' in tokens[lo:hi] (stops at a new figure's verb)."""
    lex = doc.lex
    # "catturati dall'esercito azerbaigiano", "killed by Armenian fire": right after the loss word,
    # the doer, whose enemy the people are (not "caduti dall'inizio dell'offensiva azera")
    agent = lex.agents.match_at(doc.tokens, lo, hi) if lo < hi else None
    by = agent is not None and _names_a_doer(doc, agent[0] + 1, hi)
    if agent is not None and not by:
        return None  # "dall'inizio dell'offensiva azera": a time or a cause, not whose
    for k in range(lo, hi):
        t = doc.tokens[k]
        if t.text in {".", ";", ":", ","} or t.norm in lex.conjunctions:
            return None  # the noun phrase ends: "..., the Azerbaijani Defence Ministry said"
        if own and t.norm in lex.own_ranks.heads and lex.own_ranks.match_at(doc.tokens, k, hi):
            return own  # "tres muertos entre sus filas", "two wounded in its ranks": the claimant's people
        if not by and (lex.locative_preps.match_at(doc.tokens, k, hi) or t.norm in lex.clause_openers):
            return None  # "perso la vita nell'offensiva azera", "injured after he was shot by Armenian forces"
        adj = lex.side_adjectives.match_at(doc.tokens, k, hi)
        if adj:
            return (lex.enemy_of(adj[1]) or "unspecified") if by else adj[1]
        person = lex.persons.match_at(doc.tokens, k, hi)
        if person and person[1] == "civilian":  # "dieci morti tra i civili"
            return "civilian"
        if t.norm in lex.enemy:
            return lex.enemy_of(own)
        if t.norm in lex.own and own:
            return own
        if lex.casualty.match_at(doc.tokens, k, hi) or lex.materiel_verbs.match_at(doc.tokens, k, hi):
            return None
    return None


def _names_a_doer(doc: Document, k: int, hi: int) -> bool:
    """After 'by'/'da': a side's adjective, or an attacker ("l'esercito", "forces", "artillery") and then its adjective."""
    lex, toks = doc.lex, doc.tokens
    while k < hi and (toks[k].norm == "'" or toks[k].norm in lex.stopwords or toks[k].norm in lex.genitive):
        k += 1
    if k < hi and (m := lex.attacker_nouns.match_at(toks, k, hi)):
        k = m[0] + 1
    return k < hi and lex.side_adjectives.match_at(toks, k, hi) is not None


def _side_before(doc: Document, s: int, k: int, own: str | None) -> str | None:
    """The subject side just before a loss ("l'esercito azero ha subito perdite",
    "il nemico ha subito")."""
    lex = doc.lex
    lo = _subject_from(doc, s, k)
    named = _speaker_tokens(doc, s)  # "il ministero della Difesa azero ha riportato"
    found = None
    adjectives, names = lex.side_adjectives, lex.side_names
    for j in range(lo, k):
        t = doc.tokens[j]
        if j in named:
            continue
        m = ((t.norm in adjectives.heads and adjectives.match_at(doc.tokens, j, k))
             or (t.norm in names.heads and names.match_at(doc.tokens, j, k)))
        if m and not _after_opponent_prep(doc, j):
            found = m[1]
        elif t.norm in lex.enemy:
            found = lex.enemy_of(own)
    return found


def _after_opponent_prep(doc: Document, j: int) -> bool:
    """'bei den Kämpfen mit Aserbaidschan', 'contre l'armée azerbaïdjanaise': the other party (an article, an
    apostrophe or a word for forces may stand between)."""
    toks, lex = doc.tokens, doc.lex
    k = j - 1
    while k >= max(0, j - 4) and toks[k].norm not in lex.opponent_preps and toks[k].norm not in lex.side_heads and (
            toks[k].norm in lex.stopwords or toks[k].norm == "'" or toks[k].norm in lex.attacker_nouns.heads):
        k -= 1  # (not past a word for "side": "со стороны Азербайджана" is on its side)
    return k >= 0 and toks[k].norm in lex.opponent_preps


def _subject_from(doc: Document, s: int, k: int) -> int:
    """Where the words that may name the subject of token k start: its sentence, or its clause when a word of
    contrast opens it ("The Armenian side lost 16 soldiers, while Azerbaijan said it had suffered no losses")."""
    lo, clause = doc.sents[s].span.lo, doc.clause_of(s, k)
    contrast = doc.lex.contrast_words
    if clause.lo > lo and any(doc.tokens[j].norm in contrast for j in range(clause.lo, min(k, clause.lo + 2))):
        return clause.lo
    return lo


def _side_named_as_side(doc: Document, s: int, k: int) -> str | None:
    """A side named with a word for 'side' ("il lato armeno", "the Azerbaijani side") before token k,
    not as the speaker."""
    return _side_beside_a_head(doc, _subject_from(doc, s, k), k, _speaker_tokens(doc, s))


def _side_beside_a_head(doc: Document, lo: int, hi: int, named: set[int] | frozenset[int] = frozenset()) -> str | None:
    """The last side named by an adjective beside a word for 'side' whose head is in tokens[lo:hi] ("il lato
    armeno", "the Azerbaijani side", "auf armenischer Seite"); ``named``: the speaker's words, left out."""
    lex, toks = doc.lex, doc.tokens
    found = None
    for j in range(lo, hi):
        if toks[j].norm not in lex.side_heads or j in named:
            continue
        for a in (j - 1, j + 1):
            m = lex.side_adjectives.match_at(toks, a, hi) if 0 <= a < hi and a not in named else None
            if m:
                found = m[1]
    return found


def _speaker_tokens(doc: Document, s: int) -> set[int]:
    """The tokens of sentence s that name a claimant: no side of the people counted is read from them."""
    return {i for c in doc.attributor.cues[s] for i in range(c.lo, c.hi + 1)}


def _attacker(doc: Document, s: int, k: int) -> str | None:
    """The side that did it, named as 'forze ... azere' or 'le forze armate azere' before the figure."""
    lex = doc.lex
    sp = doc.sents[s].span
    named = _speaker_tokens(doc, s)
    for a, b, _ in lex.attacker_nouns.find(doc.tokens, sp.lo, k):
        if a > sp.lo and (doc.tokens[a - 1].is_number or doc.tokens[a - 1].norm in lex.number_words):
            continue  # "sept militaires azerbaïdjanais": people counted, not the attacker
        if a in named:
            continue  # "Азербайджанская сторона сообщила о гибели": the speaker, not the attacker
        for j in range(max(sp.lo, a - 2), min(k, b + 4)):
            m = lex.side_adjectives.match_at(doc.tokens, j, k)
            if m:
                return m[1]
    return None


def _dedupe(stated: list[_Stated]) -> tuple[list[Claim], dict[int, Claim]]:
    """One claim per figure, claimant and article: a figure repeated by the same claimant, or a
    number-less loss said again of the same side (or of no side it names), is one claim, the
    better attributed statement, with the other passages as its ``mentions``. Also returns
    {id(claim): the claim kept for it}."""
    best: dict[tuple, tuple[Claim, float]] = {}
    passages: dict[tuple, list[Claim]] = {}
    order: list[tuple] = []
    for st in stated:
        claim, strength = st.claim, st.strength
        key = _figure_key(claim)
        if key not in best and key[0] == "figure":
            # "двух погибших офицерах" after "О гибели двух армянских солдат", the same claimant:
            # the same figure, once with its side named
            key = next((k for k in order if k[0] == "figure" and k[1:3] == key[1:3] and k[4:] == key[4:]
                        and "unspecified" in (k[3], key[3])), key)
        if key not in best and claim.count_low is None and claim.count_high is None:
            # "perdite tra il personale" after "l'esercito azero ha subito perdite": the same losses
            # "la restituzione dei militari catturati" after "13 militari catturati": the same people
            key = next((k for k in order if k[1:3] == key[1:3] and k[4] == key[4]
                        and (k[3] == key[3] or (k[0] == "loss" and "unspecified" in (k[3], key[3])))), key)
        elif key not in best:
            # the same figure stated by a source and by the article with no source: one claim, the source's
            key = next((k for k in order if k[:-1] == key[:-1] and UNATTRIBUTED in (k[-1], key[-1])), key)
        if key not in best:
            order.append(key)
            best[key], passages[key] = (claim, strength), []
        elif strength > best[key][1]:
            best[key] = (claim, strength)
        passages[key].append(claim)
    kept: dict[int, Claim] = {}
    out = []
    for k in order:
        claim = best[k][0]
        if claim.side == "unspecified":  # the passage that names the side says whose
            claim.side = next((c.side for c in passages[k] if c.side != "unspecified"), claim.side)
        claim.mentions = [{"start": c.start, "end": c.end} for c in passages[k] if c is not claim and (c.start, c.end) != (claim.start, claim.end)]
        claim.mentions = [m for i, m in enumerate(claim.mentions) if m not in claim.mentions[:i]]
        kept.update((id(c), claim) for c in passages[k])
        out.append(claim)
    return out, kept


def _figure_key(claim: Claim) -> tuple:
    if claim.count_low is None and claim.count_high is None:
        return ("loss", claim.kind, claim.scope, claim.side, claim.what)
    return ("figure", claim.kind, claim.scope, claim.side, claim.what, claim.count_low, claim.count_high, claim.claimed_by)
