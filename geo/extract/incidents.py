"""Incidents and the role of each place mention.

A clause that names an act of violence (data/event_types.yaml, `violent`) and
places makes an incident at those places, unless the place is only context:
a country (too coarse to be a location; ACLED codes the finest place named),
a place outside the conflict's theatre, a capital or city standing for its
government ("il governo di Yerevan", "ministeri della Difesa di Yerevan e
Baku"), the speaker's whereabouts ("Da Washington, Blinken ..."). Sentences
about history and war totals (background) make no incidents.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass

from geo.extract.document import BACKGROUND, Document
from geo.geometry import in_bbox
from geo.places.toponyms import DATELINE
from geo.models import Incident, Place
from geo.text.tokens import Span

THEATRE_MARGIN_DEG = 0.5  # a place a little outside the theatre's box (a border village) is still in it

# How far before a place a government word may stand ("ministero della Difesa di Baku").
_CONTEXT_WINDOW = 5
# "desde el fin de la guerra en Nagorno Karabaj": how far before a place its since-word may stand, and its war word
_SINCE_WAR_REACH, _WAR_TO_PLACE = 8, 3


@dataclass
class _Mention:
    place: Place
    lo: int  # token range of the mention
    hi: int


def _mentions(doc: Document, places: list[Place]) -> list[_Mention]:
    by_start = {t.start: t.i for t in doc.tokens}
    by_end = {t.end: t.i for t in doc.tokens}
    out = []
    for p in places:
        lo, hi = by_start.get(p.start), by_end.get(p.end)
        if lo is not None and hi is not None:
            out.append(_Mention(p, lo, hi))
    return out


class _Within:
    """The mentions that lie inside a span, in their own order; found by bisection, since looking
    at every mention of the article for every clause grew with the square of its length."""

    def __init__(self, mentions: list[_Mention]):
        self.mentions = mentions
        self.order = sorted(range(len(mentions)), key=lambda i: mentions[i].lo)
        self.lows = [mentions[i].lo for i in self.order]

    def __call__(self, span: Span) -> list[_Mention]:
        picked = self.order[bisect_left(self.lows, span.lo):bisect_left(self.lows, span.hi)]
        return [self.mentions[i] for i in sorted(picked) if self.mentions[i].hi < span.hi]


def context_reason(doc: Document, m: _Mention, clause: Span) -> str | None:
    """Why a place in a violent clause is still not where it happened (None: it is)."""
    p = m.place
    if p.lat is None:
        return p.reason or "not placed"
    if p.reason == DATELINE:
        return DATELINE
    if p.precision == "country":
        return "a country: too coarse for an incident location"
    bbox = doc.lex.conflict.theatre_bbox
    if bbox and not in_bbox(bbox, p.lat, p.lon, THEATRE_MARGIN_DEG):
        return "outside the conflict's theatre"
    lex, toks = doc.lex, doc.tokens
    s = doc.sentence_of(m.lo)
    if any(c.lo <= m.lo and m.hi <= c.hi for c in doc.attributor.cues[s]):
        return "part of a source's name"
    # "governo di Yerevan", "Ministero della Difesa di Baku"
    for k in range(max(clause.lo, m.lo - _CONTEXT_WINDOW), m.lo):
        if toks[k].norm in lex.context_heads.heads and lex.context_heads.match_at(toks, k, m.lo) and all(
            toks[x].norm in lex.genitive or toks[x].text == "'" or lex.context_heads.match_at(toks, x, m.lo) or not toks[x].is_word
            or toks[x].is_capitalised for x in range(k, m.lo)
        ):
            return "stands for a government or institution"
    if any(lex.away_from.match_at(toks, k, m.lo) for k in range(clause.lo, m.lo) if toks[k].norm in lex.away_from.heads):
        return "named as far from what happened"  # "lontano da dove ... si scambiano ostilità nel Nagorno-Karabakh"
    if any(lex.care_places.match_at(toks, k, m.lo) for k in range(max(clause.lo, m.lo - 3), m.lo)
           if toks[k].norm in lex.care_places.heads):
        return "where the wounded or the dead were taken"  # "taken to hospitals in Yerevan"
    if _war_counted_from(doc, m, clause):
        return "the war a time is counted from"  # "the deadliest clash since the end of the war in Nagorno-Karabakh"
    if m.hi + 1 < clause.hi and lex.actor_after_place.match_at(toks, m.hi + 1, clause.hi):
        return "names an actor, not a location"  # "Nagorno-Karabakh forces do not possess ..."
    if m.lo == clause.lo + 1 and toks[clause.lo].norm in lex.speaker_location_preps:
        return "where the speaker is"
    if m.lo > 0 and toks[m.lo - 1].norm in lex.speaker_location_preps and toks[m.lo - 1].is_capitalised:
        return "where the speaker is"
    if p.name in doc.lex.capitals and not _locative_before(doc, m):
        return "a capital named as an actor, not a location"
    return None


def _war_counted_from(doc: Document, m: _Mention, clause: Span) -> bool:
    """A place named with the war after a since-word ("desde el fin de la guerra en Nagorno Karabaj", "since the
    2020 war in Karabakh"): history, not where the news happened."""
    toks, lex = doc.tokens, doc.lex
    for k in range(max(clause.lo, m.lo - _SINCE_WAR_REACH), m.lo):
        if toks[k].norm in lex.since:
            war = next((j for j in range(k + 1, m.lo) if toks[j].norm in lex.hostilities_words), None)
            if war is not None and m.lo - war <= _WAR_TO_PLACE:
                return True
    return False


def _locative_before(doc: Document, m: _Mention) -> bool:
    toks = doc.tokens
    for k in range(max(0, m.lo - 3), m.lo):
        hit = doc.lex.locative_preps.match_at(toks, k, m.lo)
        if hit and hit[0] == m.lo - 1:
            return True
    return False


def extract_incidents(doc: Document, places: list[Place], article_id: str):
    """Incidents of one article; sets each place mention's role. Returns
    (incidents, sentence index → incident place names)."""
    lex, toks = doc.lex, doc.tokens
    mentions = _mentions(doc, places)
    within = _Within(mentions)
    incidents: list[Incident] = []
    per_sentence: dict[int, list[str]] = {}
    before: list[_Mention] = []  # the places of the sentence before, for "Qui ..." / "Here ..."
    for s, info in enumerate(doc.sents):
        sentence_places = within(info.span)
        pointed, before = before, sentence_places
        if info.relation == BACKGROUND:
            continue
        previous_clause: list[_Mention] = []
        for clause in info.clauses:
            clause_places = within(clause)
            pointed_clause, previous_clause = previous_clause, clause_places
            if any(d.relation == BACKGROUND for d in info.dates if clause.lo <= d.lo < clause.hi):
                continue  # "..., che nel 2020 hanno combattuto una guerra nel Nagorno-Karabakh"
            kinds = [(a, kind) for a, _, kind in lex.events.find(toks, clause.lo, clause.hi) if kind in lex.event_types and lex.event_types[kind].violent]
            if not kinds:
                # "hanno ucciso due civili a Martakert": people killed or wounded there is violence there.
                kinds = [(a, "attack") for a, _, kind in lex.casualty.find(toks, clause.lo, clause.hi)
                         if kind in ("killed", "wounded") and "attack" in lex.event_types]
            if not kinds:
                continue
            located = _located(doc, clause_places, clause)
            if not located and lex.locative_relatives.match_at(toks, clause.lo, clause.hi):
                # "nelle province di Syunik e Kelbajar, dove ieri sono avvenuti scontri"
                located = _located(doc, pointed_clause, doc.clause_of(s, pointed_clause[0].lo)) if pointed_clause else []
            if not located and any(toks[k].norm in lex.place_proforms for k in range(clause.lo, clause.hi)):
                # "Siamo a Ganja. Qui quel lancio ha devastato un isolato"
                located = [m for m in pointed if m.place.lat is not None and m.place.precision != "country"
                           and context_reason(doc, m, doc.clause_of(doc.sentence_of(m.lo), m.lo)) is None]
            if not located:
                continue
            for m in located:
                m.place.role, m.place.reason = "incident", None
            event_type = max(kinds, key=lambda k: lex.event_types[k[1]].priority)[1]
            anchor = kinds[0][0]
            who = doc.attributor.claimant(s, anchor)
            names = list(dict.fromkeys(m.place.name for m in located))
            per_sentence.setdefault(s, [])
            per_sentence[s] = list(dict.fromkeys(per_sentence[s] + names))
            date = info.date
            sp = info.span
            attacker, target = _blame(doc, s, clause)
            incidents.append(Incident(
                id="",
                event_type=event_type,
                date=date.iso if date else None,
                date_precision=date.precision if date else None,
                places=names,
                claimed_by=who.source,
                claimed_by_text=who.text,
                quote=doc.body[toks[sp.lo].start:toks[sp.hi - 1].end],
                start=toks[sp.lo].start,
                end=toks[sp.hi - 1].end,
                attacker=attacker,
                target=target,
            ))
    return _merge(incidents, article_id), per_sentence


def _located(doc: Document, here: list[_Mention], clause: Span) -> list[_Mention]:
    """The mentions of a violent clause that are where it happened; the others get their reason."""
    located = []
    for m in here:
        reason = context_reason(doc, m, clause)
        if reason is None:
            located.append(m)
        elif m.place.role != "incident":
            m.place.reason = m.place.reason or reason
    return located


def _side_at(doc: Document, positions, hi: int, adjectives: bool = True) -> str | None:
    """The first side named (by name, or by adjective too) at one of the token positions."""
    lex = doc.lex
    for j in positions:
        m = lex.side_names.match_at(doc.tokens, j, hi) or (adjectives and lex.side_adjectives.match_at(doc.tokens, j, hi))
        if m:
            return m[1]
    return None


def _blame(doc: Document, s: int, clause: Span) -> tuple[str | None, str | None]:
    """Who attacked whom, when the sentence says it: 'L'Azerbaigian ha lanciato
    ... sulle posizioni armene', 'ha accusato l'Armenia di ... sabotaggio'."""
    lex, toks = doc.lex, doc.tokens
    sp = doc.sents[s].span
    attacker = None
    for _, b, _ in lex.blame_verbs.find(toks, sp.lo, sp.hi):  # "ha accusato l'Armenia di"
        attacker = attacker or _side_at(doc, range(b + 1, min(sp.hi, b + 4)), sp.hi, adjectives=False)
    for a, _, _ in lex.attack_verbs.find(toks, sp.lo, sp.hi):  # "L'Azerbaigian ha lanciato"
        attacker = attacker or _side_at(doc, range(a - 1, max(sp.lo, a - 6) - 1, -1), a)
    for _, b, _ in lex.attacker_nouns.find(toks, clause.lo, clause.hi):  # "da parte delle forze armate armene"
        attacker = attacker or _side_at(doc, range(b + 1, min(clause.hi, b + 3)), clause.hi, adjectives=True)
    target = None
    for a, b, _ in lex.target_nouns.find(toks, clause.lo, clause.hi):  # "sulle posizioni armene", "Armenian positions"
        side = _side_at(doc, [k for k in (a - 1, b + 1, b + 2, b + 3) if clause.lo <= k < clause.hi], clause.hi)
        if side and side != attacker:
            target = side
            break
    if target is None and attacker:
        target = lex.enemy_of(attacker)
    return attacker, target


def _merge(incidents: list[Incident], article_id: str) -> list[Incident]:
    """One incident per (type, date, claimant, places) within an article; stable ids."""
    out: dict[tuple, Incident] = {}
    for inc in incidents:
        key = (inc.event_type, inc.date, inc.claimed_by, tuple(sorted(inc.places)))
        if key not in out:
            inc.id = hashlib.sha256(f"{article_id}|{inc.start}|{key}".encode()).hexdigest()[:12]
            out[key] = inc
    return list(out.values())
