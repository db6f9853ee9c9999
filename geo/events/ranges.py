"""Figures of an event and their low / best / high per side and kind (UCDP style).

A *figure* is one claimant's number for one side + kind (+ what, for
materiel), with every passage that states it: the same claimant repeating the
same number in two articles is one figure with two passages, never two.
Only the event's ``incident``-scope claims count (see geo.events.grouping).

A figure also has a *scope*, what it counts within its event (``claim_scope``):
the event's total, or one place's toll (the claim names one town or district of
an event told at several). Only figures of the same scope are compared or
ranged together; a part is shown as part of its event, never against its
total. (A breakdown, a claim's ``part_of``, never reaches an event's figures:
see geo.events.grouping.) Days are not a
scope: a figure dated later is the running toll of the same event (see
``consistent``), not that day's alone.

The rule, per side + kind (+ what), over the event's totals (over the parts
only where no source gives a total):

* low  = the lowest number conceded by the side itself or stated by a neutral
  source (party ``third`` or ``media``); with neither, the lowest claim by
  anyone, and the rule says it is uncorroborated. "At least N" gives N.
  A source speaks for a side when its ``party`` is that side or its ``side``
  (conflict file) is; see ``role``.
* high = the highest number anyone states. An "at least N" leaves it open
  (``high`` None, ``high_open`` True) unless somebody states a higher number.
* best = the median (lower median, so that it is a stated number) of the
  neutral sources' figures; else of the side's own admissions; else of all
  figures. "At least N" stands for N, "at most N" for N.
* A claim with no number ("losses, no figure") is listed as unquantified and
  sets no bound.

Which figures each bound comes from is returned with it.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from geo.events.grouping import FINE_PRECISIONS, ClaimRef, Event, date_interval
from geo.knowledge.files import Conflict, Knowledge, default_knowledge

APPROX_TOLERANCE = 0.1  # "about N" is compatible with N ± 10% (at least ± 1)
OPEN = ("at_least", "more_than")
NEUTRAL_PARTIES = ("third", "media")


def what_key(what: str | None) -> str | None:
    """Materiel compared by head noun: 'military helicopter' and 'helicopters' → 'helicopter'."""
    if not what:
        return None
    words = re.findall(r"[a-z0-9]+", what.lower())
    if not words:
        return None
    head = words[-1]
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("s", "")):
        if head.endswith(suffix) and len(head) > len(suffix) + 2 and not head.endswith("ss"):
            return head[: -len(suffix)] + repl
    return head


def figure_key(claim) -> tuple[str, str, str | None]:
    return (claim.side, claim.kind, what_key(claim.what) if claim.kind == "materiel" else None)


@dataclass
class Figure:
    """One claimant's number for one side + kind (+ what), with all its passages."""

    source: str
    side: str
    kind: str
    what: str | None  # head noun for materiel
    what_label: str | None  # as the first passage says it
    count_low: int | None
    count_high: int | None
    qualifier: str
    refs: list[ClaimRef] = field(default_factory=list)
    place: str | None = None  # one place's toll; None: the whole event's

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.side, self.kind, self.what)

    @property
    def scope(self) -> str | None:
        """What it counts within the event (the place of a place's toll): figures of different scopes are
        different losses."""
        return self.place

    @property
    def total(self) -> bool:
        return self.place is None

    @property
    def scope_text(self) -> str:
        """'' for the event's total; "at Kapan" for a place's toll."""
        return f"at {self.place}" if self.place else ""

    @property
    def numeric(self) -> bool:
        return self.count_low is not None or self.count_high is not None

    @property
    def lower(self) -> int:
        return self.count_low if self.count_low is not None else 0

    @property
    def upper(self) -> int | None:
        """None: no upper bound ("at least N")."""
        if self.qualifier in OPEN:
            return None
        return self.count_high if self.count_high is not None else self.count_low

    @property
    def point(self) -> int:
        if self.qualifier == "at_most" and self.count_high is not None:
            return self.count_high
        if self.upper is not None and self.count_low is not None and self.upper != self.count_low:
            return (self.count_low + self.upper) // 2
        return self.lower

    def interval(self) -> tuple[float, float]:
        """The numbers this figure allows, for comparing with others."""
        lo, hi = float(self.lower), float("inf") if self.upper is None else float(self.upper)
        if self.qualifier == "approx":
            tol = max(1.0, round(self.lower * APPROX_TOLERANCE))
            lo, hi = max(0.0, lo - tol), hi + tol
        return lo, hi

    @property
    def text(self) -> str:
        if not self.numeric:
            return "no number"
        if self.qualifier == "at_least":
            return f"≥{self.lower}"
        if self.qualifier == "more_than":
            return f">{self.lower}"
        if self.qualifier == "at_most":
            return f"≤{self.upper}"
        prefix = "~" if self.qualifier == "approx" else ""
        if self.upper is not None and self.upper != self.lower:
            return f"{prefix}{self.lower}–{self.upper}"
        return f"{prefix}{self.lower}"

    @property
    def sort_key(self) -> tuple:
        return (self.key[0], self.key[1], self.key[2] or "", self.place or "",
                self.source, self.lower,
                self.upper if self.upper is not None else float("inf"), self.qualifier)


def compatible(a: Figure, b: Figure) -> bool:
    """Can both be true? 'at least 49' and 50 can; 2 and 1 cannot. No number fits anything."""
    if not (a.numeric and b.numeric):
        return True
    (alo, ahi), (blo, bhi) = a.interval(), b.interval()
    return alo <= bhi and blo <= ahi


def _dated_before(a: Figure, b: Figure) -> bool:
    """Every passage of a speaks of days before every passage of b."""
    ivs_a = [date_interval(r.claim.date, r.claim.date_precision) for r in a.refs]
    ivs_b = [date_interval(r.claim.date, r.claim.date_precision) for r in b.refs]
    if not ivs_a or not ivs_b or None in ivs_a or None in ivs_b:
        return False
    return max(iv[1] for iv in ivs_a) < min(iv[0] for iv in ivs_b)


def consistent(a: Figure, b: Figure) -> bool:
    """Can both be true of one event? Compatible numbers, or a running toll: the lower figure
    speaks of an earlier day (49 dead on the 13th, 105 on the 14th). Tolls only rise."""
    if compatible(a, b):
        return True
    low, high = (a, b) if a.interval()[1] < b.interval()[0] else (b, a)
    return _dated_before(low, high)


def claim_scope(claim, event: Event | None) -> str | None:
    """The place whose toll a claim's figure is within ``event``: where it names one town or district of
    an event told at several; None for the whole event's (also where there is no event)."""
    if event is None:
        return None
    fine = {p.name for p in event.places if p.precision in FINE_PRECISIONS}
    named = set(claim.places)
    return next(iter(named)) if len(named) == 1 and named < fine else None


def figures(claims: list[ClaimRef], event: Event | None = None) -> list[Figure]:
    """Distinct figures of the incident-scope claims: a claimant's repeated number counts once (per scope
    within ``event``, see claim_scope)."""
    out: dict[tuple, Figure] = {}
    for ref in sorted(claims, key=lambda r: r.sort_key):
        c = ref.claim
        if c.scope != "incident":
            continue
        side, kind, what = figure_key(c)
        place = claim_scope(c, event)
        k = (c.claimed_by, side, kind, what, c.count_low, c.count_high, c.qualifier, place)
        if k not in out:
            out[k] = Figure(c.claimed_by, side, kind, what, c.what, c.count_low, c.count_high, c.qualifier, place=place)
        out[k].refs.append(ref)
    return sorted(out.values(), key=lambda f: f.sort_key)


def exceeds_total(part: Figure, total: Figure) -> bool:
    """A part (one place's toll) that says more than a total of the same side and
    kind allows: the one inconsistency a part and a total can have."""
    return (part.key == total.key and not part.total and total.total and part.numeric and total.numeric
            and total.upper is not None and part.lower > total.upper)


# --------------------------------------------------------------------- parties

def role(conflict: Conflict, source: str, side: str) -> str:
    """own | neutral | adversary | partisan | unknown: how a source stands to a side.

    own: the source's party is the side, or the side is the one it calls
    "ours" (``side`` of the source in the conflict file); adversary: its party
    is the side's ``enemy``; partisan: any other party's source.
    """
    party = conflict.source_party(source)
    if party is None:
        return "unknown"
    if party in NEUTRAL_PARTIES:
        return "neutral"
    if side in (party, conflict.sources[source].side):
        return "own"
    return "adversary" if party == conflict.enemy_of(side) else "partisan"


# ---------------------------------------------------------------------- ranges

@dataclass
class Range:
    side: str
    kind: str
    what: str | None
    low: int | None
    best: int | None
    high: int | None
    high_open: bool  # an "at least N" that nobody exceeds
    low_from: list[Figure]
    best_from: list[Figure]
    high_from: list[Figure]
    rule: str  # how each bound was chosen, in words
    figures: list[Figure]  # the numeric figures considered
    unquantified: list[ClaimRef]  # claims of losses with no number
    parts: list[Figure] = field(default_factory=list)  # places' tolls: listed, never added


    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.side, self.kind, self.what)

    def to_dict(self) -> dict:
        def refs(figs):
            return [{"source": f.source, "figure": f.text, "refs": [r.ref.to_dict() for r in f.refs]} for f in figs]
        return {
            "side": self.side, "kind": self.kind, "what": self.what,
            "low": self.low, "best": self.best, "high": self.high, "high_open": self.high_open,
            "rule": self.rule,
            "low_from": refs(self.low_from), "best_from": refs(self.best_from), "high_from": refs(self.high_from),
            "unquantified": [r.ref.to_dict() for r in self.unquantified],
        }


def derive_range(key: tuple[str, str, str | None], figs: list[Figure], conflict: Conflict) -> Range:
    """low / best / high of one side + kind (+ what) from its figures (see the module doc)."""
    side, kind, what = key
    totals = [f for f in figs if f.total and f.numeric]
    parts = [f for f in figs if not f.total and f.numeric]
    numeric = totals or parts
    unquantified = [r for f in figs if not f.numeric for r in f.refs]
    if not numeric:
        return Range(side, kind, what, None, None, None, False, [], [], [], "no figure given", [], unquantified)
    roles = {id(f): role(conflict, f.source, side) for f in numeric}
    conceded = [f for f in numeric if roles[id(f)] in ("own", "neutral")]
    rules = []

    pool = conceded or numeric
    low = min(f.lower for f in pool)
    low_from = [f for f in pool if f.lower == low]
    rules.append("low: lowest figure conceded by the side or a neutral source" if conceded
                 else "low: lowest claim (no admission and no neutral figure: uncorroborated)")

    closed = [f.upper for f in numeric if f.upper is not None]
    open_lows = [f.lower for f in numeric if f.upper is None]
    if open_lows and (not closed or max(open_lows) >= max(closed)):
        high, high_open = None, True
        high_from = [f for f in numeric if f.upper is None and f.lower == max(open_lows)]
        rules.append(f"high: open (at least {max(open_lows)}, nobody gives more)")
    else:
        high, high_open = max(closed), False
        high_from = [f for f in numeric if f.upper == high]
        rules.append("high: highest claim by anyone")

    for wanted, words in (("neutral", "neutral sources"), ("own", "the side's own admission")):
        pool = [f for f in numeric if roles[id(f)] == wanted]
        if pool:
            break
    else:
        pool, words = numeric, "all claims"
    best = statistics.median_low(sorted(f.point for f in pool))
    best_from = [f for f in pool if f.point == best]
    rules.append(f"best: median of {words}")
    if not totals:
        rules.append("no source gives the event's total: from tolls of its parts, never added")
    return Range(side, kind, what, low, best, high, high_open, low_from, best_from, high_from,
                 "; ".join(rules), numeric, unquantified, parts if totals else [])


def ranges(event: Event, knowledge: Knowledge | None = None) -> list[Range]:
    """One Range per side + kind (+ what) told of the event, sorted."""
    conflict = (knowledge or default_knowledge()).conflict
    by_key: dict[tuple, list[Figure]] = {}
    for f in figures(event.claims, event):
        by_key.setdefault(f.key, []).append(f)
    return [derive_range(k, by_key[k], conflict) for k in sorted(by_key, key=lambda k: (k[0], k[1], k[2] or ""))]


def fatalities(event_ranges: list[Range]) -> int | None:
    """ACLED-style single conservative death toll: the best killed figures summed over sides.

    A toll of side ``unspecified`` may include the others, so it is taken only
    where it exceeds their sum. None when no killed figure is known.
    """
    killed = [r for r in event_ranges if r.kind == "killed" and r.best is not None]
    if not killed:
        return None
    by_side = sum(r.best for r in killed if r.side != "unspecified")
    overall = max((r.best for r in killed if r.side == "unspecified"), default=0)
    return max(by_side, overall)
