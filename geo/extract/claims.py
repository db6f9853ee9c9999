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

from dataclasses import dataclass

from geo.extract.attribution import UNATTRIBUTED, Attribution
from geo.extract.document import BACKGROUND, EARLIER, Document
from geo.extract.quantities import Quantity, find_quantities
from geo.models import Claim, Incident

_MAX_GAP = 2  # content words allowed between a figure and its verb


@dataclass
class _Trigger:
    lo: int
    hi: int
    kind: str


def _gap(doc: Document, a: int, b: int, skip: set[int]) -> int:
    """Content words strictly between token a and token b."""
    lex = doc.lex
    n = 0
    for k in range(a + 1, b):
        t = doc.tokens[k]
        if k in skip or t.norm in lex.gap_words or t.norm in lex.stopwords or not (t.is_word or t.is_number):
            continue
        if lex.side_adjectives.match_at(doc.tokens, k):
            continue
        n += 1
    return n


def _is_time_or_year(doc: Document, q: Quantity) -> bool:
    t = doc.tokens[q.lo]
    nxt = doc.tokens[q.number_hi + 1].text if q.number_hi + 1 < len(doc.tokens) else ""
    year = t.is_number and len(t.norm) == 4 and 1900 <= int(t.norm.replace(".", "").replace(",", "") or 0) <= 2100
    return q.noun is None and (year or nxt in {":", "%"})


def extract_claims(doc: Document, incident_places: dict[int, list[str]], incidents: list[Incident]) -> list[Claim]:
    """Claims of one analysed article. ``incident_places``: sentence → its incident
    place names; a figure in a sentence that names none takes them from the
    article's incidents (see _places_from_incidents)."""
    claims: list[tuple[Claim, float]] = []
    for s in range(len(doc.sents)):
        claims.extend(_sentence_claims(doc, s, incident_places.get(s) or []))
    out = _dedupe(claims)
    for c in out:
        if c.scope == "incident" and not c.places:
            c.places = _places_from_incidents(c, incidents)
    return out


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


def _sentence_claims(doc: Document, s: int, places: list[str]) -> list[tuple[Claim, float]]:
    info = doc.sents[s]
    lo, hi = info.span.lo, info.span.hi
    lex = doc.lex
    casualty, materiel = _triggers(doc, lo, hi)
    quantities = [q for q in find_quantities(doc.tokens, lo, hi, lex) if not _is_time_or_year(doc, q)]
    covered = {k for q in quantities for k in range(q.lo, q.hi + 1)}
    out: list[tuple[Claim, float]] = []
    used: set[int] = set()
    previous: Quantity | None = None
    for q in quantities:
        if q.noun == "equipment":
            trig = _nearest(materiel, q) if materiel else None
            if trig is None:
                continue
            used.update(range(trig.lo, trig.hi + 1))
            out.append(_claim(doc, s, q, trig, "materiel", places))
        else:
            trig = _governing(doc, q, casualty, covered)
            if trig is None:
                if q.noun is not None:
                    previous = q
                continue
            if q.noun is None and previous is not None:  # "e più di una dozzina sono rimasti feriti"
                q.noun, q.side, q.side_word = previous.noun, q.side or previous.side, q.side_word or previous.side_word
            used.update(range(trig.lo, trig.hi + 1))
            out.append(_claim(doc, s, q, trig, trig.kind, places))
            if q.side is None and out[-1][0].side != "unspecified":
                q.side = out[-1][0].side  # "Sette militari azeri uccisi e dieci feriti"
        previous = q
    counted = [c for c, _ in out if c.count_low is not None or c.count_high is not None]
    any_figure = {_clause_index(doc, s, c.start) for c in counted}
    people_figure = {_clause_index(doc, s, c.start) for c in counted if c.kind != "materiel"}
    for trig in casualty:
        if trig.lo in used or trig.kind != "casualties":
            continue
        clause_i = _clause_index(doc, s, doc.tokens[trig.lo].start)
        if clause_i in people_figure or (clause_i in any_figure and doc.tokens[trig.lo].norm in lex.ambiguous_loss):
            continue  # "ha subito perdite ..., in particolare tre carri armati": the figure says it
        clause = doc.clause_of(s, trig.lo)
        if any(doc.tokens[k].norm in lex.negations for k in range(max(clause.lo, trig.lo - 6), trig.lo)):
            continue  # "senza perdite", "does not disclose its casualties"
        if any(q.lo <= trig.lo <= q.hi for q in quantities):
            continue
        out.append(_claim(doc, s, None, trig, "casualties", places))
    return out


def _clause_index(doc: Document, s: int, char: int) -> int:
    for i, c in enumerate(doc.sents[s].clauses):
        if c.start <= char <= c.end:
            return i
    return -1


def _nearest(triggers: list[_Trigger], q: Quantity) -> _Trigger:
    return min(triggers, key=lambda t: abs(t.lo - q.lo))


def _counts_something_else(doc: Document, q: Quantity) -> bool:
    """'sei mesi', '30 anni': a bare figure followed by a noun that is no casualty word."""
    k = q.number_hi + 1
    if q.noun is not None or k >= len(doc.tokens):
        return False
    t, lex = doc.tokens[k], doc.lex
    if not t.is_word or t.norm in lex.gap_words or t.norm in lex.stopwords:
        return False
    return not (lex.casualty.match_at(doc.tokens, k) or lex.side_adjectives.match_at(doc.tokens, k))


def _cost(doc: Document, a: int, b: int, covered: set[int]) -> tuple[int, int]:
    """How loosely tokens a and b are linked: (content words between, a score that
    also counts a conjunction, which starts a new coordinated figure, and distance)."""
    gap = _gap(doc, a, b, covered)
    conj = any(doc.tokens[k].norm in doc.lex.conjunctions for k in range(a + 1, b) if k not in covered)
    return gap, gap * 10 + 5 * conj + (b - a - 1)


def _governing(doc: Document, q: Quantity, triggers: list[_Trigger], covered: set[int]) -> _Trigger | None:
    """The casualty term that governs a figure, or None.

    "killing one civilian and wounding 32 others": each figure takes the verb
    right before it; "due soldati sono stati uccisi e più di una dozzina sono
    rimasti feriti": the conjunction sends the second figure to the verb after it.
    """
    if _counts_something_else(doc, q):
        return None
    best, best_score = None, None
    for t in triggers:
        if t.lo > q.hi:  # figure first: "49 soldati ... sono morti"
            gap, score = _cost(doc, q.hi, t.lo, covered)
        elif t.hi < q.lo:  # term first: "la morte di 49 soldati", "i morti sono ventuno"
            gap, score = _cost(doc, t.hi, q.lo, covered)
            if q.noun is None and gap > 0:
                continue  # no bare number far behind a verb
        else:  # the term is the figure's noun: "oltre seimila morti"
            gap, score = 0, 0
        if gap <= _MAX_GAP and (best_score is None or score < best_score):
            best, best_score = t, score
    return best


def _claim(doc: Document, s: int, q: Quantity | None, trig: _Trigger, kind: str, places: list[str]) -> tuple[Claim, float]:
    info = doc.sents[s]
    anchor = q.lo if q is not None else trig.lo
    who: Attribution = doc.attributor.claimant(s, anchor)
    scope = {BACKGROUND: "background", EARLIER: "earlier"}.get(info.relation, "incident")
    lo = min(anchor, trig.lo)
    hi = max(q.hi if q is not None else trig.hi, trig.hi)
    quote_lo, quote_hi = _quote_bounds(doc, s, lo, hi)
    side = _side(doc, s, q, trig, kind, who)
    date = info.date
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
    return claim, who.strength


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
    if q is not None and q.hi < trig.lo <= q.hi + 1:
        start = trig.hi + 1  # "oltre seimila morti tra i civili": read on after the noun
    sp = doc.sents[s].span
    after = _side_in(doc, start, min(sp.hi, start + 8), own)
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
        return "unspecified"  # "diverse vittime", "6.500 persone": anyone
    anchor = q.lo if q is not None else trig.lo
    if any(True for _ in lex.admission.find(doc.tokens, doc.sents[s].span.lo, anchor)) and own:
        return own  # "ha ammesso la morte di 600 militari": its own
    if any(doc.tokens[k].norm in lex.ambiguous_loss for k in range(trig.lo, trig.hi + 1)) and before:
        return before  # "Armenian forces lost 12 soldiers": the subject lost them
    attacker = _attacker(doc, s, anchor)
    if attacker and noun == "military":
        return lex.enemy_of(attacker) or "unspecified"
    if before:
        return before
    if noun == "military":
        return own or "unspecified"
    return "unspecified"


def _bare_noun(doc: Document, trig: _Trigger) -> str | None:
    """A loss noun with no figure: 'perdite' are military losses, 'vittime' anyone."""
    return "military" if doc.tokens[trig.lo].norm in doc.lex.ambiguous_loss else None


def _side_in(doc: Document, lo: int, hi: int, own: str | None) -> str | None:
    """A side named by an adjective, 'nemici' or 'suoi' in tokens[lo:hi] (stops at a new figure's verb)."""
    lex = doc.lex
    for k in range(lo, hi):
        t = doc.tokens[k]
        if t.text in {".", ";", ":", ","} or t.norm in lex.conjunctions:
            return None  # the noun phrase ends: "..., the Azerbaijani Defence Ministry said"
        adj = lex.side_adjectives.match_at(doc.tokens, k, hi)
        if adj:
            return adj[1]
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


def _side_before(doc: Document, s: int, k: int, own: str | None) -> str | None:
    """The subject side just before a loss ("l'esercito azero ha subito perdite",
    "il nemico ha subito")."""
    lex = doc.lex
    lo = doc.sents[s].span.lo
    found = None
    for j in range(lo, k):
        t = doc.tokens[j]
        m = lex.side_adjectives.match_at(doc.tokens, j, k) or lex.side_names.match_at(doc.tokens, j, k)
        if m:
            found = m[1]
        elif t.norm in lex.enemy:
            found = lex.enemy_of(own)
    return found


def _attacker(doc: Document, s: int, k: int) -> str | None:
    """The side that did it, named as 'forze ... azere' or 'le forze armate azere' before the figure."""
    lex = doc.lex
    sp = doc.sents[s].span
    for a, b, _ in lex.attacker_nouns.find(doc.tokens, sp.lo, k):
        for j in range(max(sp.lo, a - 2), min(k, b + 4)):
            m = lex.side_adjectives.match_at(doc.tokens, j, k)
            if m:
                return m[1]
    return None


def _dedupe(claims: list[tuple[Claim, float]]) -> list[Claim]:
    """One claim per statement: a figure repeated by the same claimant, or a
    number-less loss of the same side said twice, is kept once (the better attributed)."""
    best: dict[tuple, tuple[Claim, float]] = {}
    order: list[tuple] = []
    for claim, strength in claims:
        if claim.count_low is None and claim.count_high is None:
            key = (claim.kind, claim.side, claim.scope, None, None, claim.what)
        else:
            key = (claim.kind, claim.side, claim.scope, claim.count_low, claim.count_high, claim.what, claim.claimed_by)
        if key not in best:
            order.append(key)
            best[key] = (claim, strength)
        elif strength > best[key][1]:
            best[key] = (claim, strength)
    return [best[k][0] for k in order]
