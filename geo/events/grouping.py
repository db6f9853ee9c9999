"""Group the incidents of several articles into real-world events.

Two incidents tell the same event when all three hold:

* date: their date intervals (a day; the Monday–Sunday week; the whole month
  or year, after the date's precision) overlap or lie at most
  ``DATE_SLACK_DAYS`` apart (a night attack is "Tuesday" in one report and
  "Monday evening GMT" or the publication day in another);
* place: they name a common place, or a place of one lies within
  ``GROUPING_KM`` great-circle kilometres of a place of the other (a town and
  its district; the two sides of one border stretch). Each incident is placed
  by its towns and districts; a region (its name, its centroid) only stands
  for an incident that names nothing finer, and a bare country never groups.
  Distance needs dates no looser than a week: an incident dated "September"
  joins only where it names the same place;
* type: the same event type id, or both violent (``violent`` in
  data/event_types.yaml: one side's "shelling" is the other's "sabotage");
  an id missing from that file is compatible with any. A ceasefire is not
  a clash.

Pairs that match are merged closest first (shared place, then distance, then
date gap, then ids) as long as the merged event stays within two hops in time
and space: latest start minus earliest end ≤ ``EVENT_WINDOW_DAYS`` and no two
of its incidents more than ``EVENT_SPAN_KM`` apart, so that daily incidents of
a long war, or a front line, do not chain into one event. The order of the
input never matters: every choice is made on sorted content. Only pairs that
share a time slot and a place name or neighbourhood are compared
(candidate_pairs), which keeps 10,000 incidents to about a second or two.

Claims reach an event through their article: an ``incident``-scope claim goes
to the article's event that shares most of its places (then: within its date,
nearest in the text, violent, with most of the article's incidents); an article's
``earlier``/``background`` claims are listed with each of its events, apart,
and never enter the figures. An article without incidents adds no event.
"""
from __future__ import annotations

import bisect
import calendar
import functools
import hashlib
import itertools
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable

from geo.geometry import geodesic_km
from geo.knowledge.files import EventType, Knowledge, default_knowledge
from geo.models import Article, Claim, Extraction, Incident, Place

GROUPING_KM = 60.0
EVENT_SPAN_KM = 2 * GROUPING_KM  # no two incidents of one event further apart: chains stop at two hops
DATE_SLACK_DAYS = 1
EVENT_WINDOW_DAYS = 2 * DATE_SLACK_DAYS  # latest start minus earliest end in one event: two hops, as in space
SLOT_DAYS = DATE_SLACK_DAYS + 1  # the time buckets of candidate_pairs
EARTH_KM = 6371.0088  # mean radius
CUBE_KM = GROUPING_KM * 1.01  # the candidate grid: a little wider than GROUPING_KM, see _cube_keys
# Places whose point stands for the place well enough to measure distances.
FINE_PRECISIONS = ("town", "district")
# A region's point is only a centroid: it is measured, and its name shared, only for an incident
# that names nothing finer (two towns of Karabakh 80 km apart are not one place because both
# reports also say "Karabakh").
COARSE_PRECISIONS = ("region",)
PRECISION_ORDER = ("day", "week", "month", "year")
PROXIMITY_PRECISIONS = ("day", "week")  # dates precise enough for nearness to mean the same event
NAME_PLACES = 4  # places spelled out in an event's name before "…"


# ---------------------------------------------------------------- event types

def event_types(knowledge: Knowledge | None = None) -> dict[str, EventType]:
    """The knowledge's event types (data/event_types.yaml): the copy extraction reads too."""
    return (knowledge or default_knowledge()).event_types


def types_compatible(a: str, b: str, types: dict[str, EventType]) -> bool:
    if a == b or a not in types or b not in types:
        return True
    return types[a].violent and types[b].violent


# ---------------------------------------------------------------------- dates

def date_interval(iso: str | None, precision: str | None = None) -> tuple[date, date] | None:
    """The days an ISO date (YYYY, YYYY-MM, YYYY-MM-DD) may stand for, given its precision."""
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso[:10].split("-")]
        y, m, d = (parts + [1, 1])[:3]
        day = date(y, m, d)
    except ValueError:
        return None
    # A truncated date cannot be finer than what it spells out.
    written = ("day", "month", "year")[3 - min(len(parts), 3)]
    if precision not in PRECISION_ORDER or PRECISION_ORDER.index(precision) < PRECISION_ORDER.index(written):
        precision = written
    if precision == "year":
        return date(y, 1, 1), date(y, 12, 31)
    if precision == "month":
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    return day, day


def _interval_precision(iv: tuple[date, date]) -> str:
    span = (iv[1] - iv[0]).days
    return "day" if span == 0 else "week" if span == 6 else "month" if span < 31 else "year"


def _gap_days(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two intervals; 0 when they overlap."""
    return max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)


def format_date_range(start: date, end: date, precision: str) -> str:
    """'13 Sep 2022', '13–14 Sep 2022', 'Sep 2022', '2022'."""
    if precision == "year":
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision == "month" and start.day == 1 and end == date(end.year, end.month, calendar.monthrange(end.year, end.month)[1]):
        if (start.year, start.month) == (end.year, end.month):
            return start.strftime("%b %Y")
        return f"{start.strftime('%b %Y')} – {end.strftime('%b %Y')}"
    if start == end:
        return f"{start.day} {start.strftime('%b %Y')}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {start.strftime('%b %Y')}"
    return f"{start.day} {start.strftime('%b %Y')} – {end.day} {end.strftime('%b %Y')}"


# -------------------------------------------------------------------- records

@dataclass(frozen=True)
class Ref:
    """A passage: where a figure, a place or a blame is said, and by whom."""

    article_id: str
    start: int
    end: int
    quote: str
    claimed_by: str

    def to_dict(self) -> dict:
        return {"article_id": self.article_id, "start": self.start, "end": self.end,
                "quote": self.quote, "claimed_by": self.claimed_by}


@dataclass(frozen=True)
class ClaimRef:
    """A claim with the article it comes from."""

    article_id: str
    claim: Claim

    @property
    def ref(self) -> Ref:
        c = self.claim
        return Ref(self.article_id, c.start, c.end, c.quote, c.claimed_by)

    @property
    def sort_key(self) -> tuple:
        c = self.claim
        return (self.article_id, c.start, c.end, c.kind, c.side, c.what or "", c.claimed_by)


@dataclass(frozen=True)
class Member:
    """An incident as one article tells it, with the places it names resolved."""

    article: Article
    incident: Incident
    places: tuple[Place, ...]
    interval: tuple[date, date] | None
    precision: str | None
    # Where it is known best (towns and districts, else regions): name, (lat, lon).
    points: tuple[tuple[str, tuple[float, float]], ...] = ()
    names: frozenset[str] = frozenset()  # its place names, countries excepted
    coarse: frozenset[str] = frozenset()  # its regions, where it also names something finer
    days: tuple[int, int] | None = None  # the interval as day ordinals: compared for every candidate pair

    @property
    def key(self) -> tuple[str, str]:
        return (self.article.id, self.incident.id)

    @property
    def measured(self) -> bool:
        """Whether distance can link it: measurable places, and a date no looser than a week
        (around "September 2022" everything in a war is near something)."""
        return bool(self.points) and self.precision in PROXIMITY_PRECISIONS

    @property
    def ref(self) -> Ref:
        i = self.incident
        return Ref(self.article.id, i.start, i.end, i.quote, i.claimed_by)


@dataclass(frozen=True)
class Link:
    """Why two members were put in one event."""

    a: tuple[str, str]
    b: tuple[str, str]
    shared: tuple[str, ...]  # place names both name
    km: float | None  # nearest distance between their places when none is shared
    near: tuple[str, str] | None  # the two places at that distance
    gap_days: int


@dataclass
class Event:
    id: str
    name: str
    date_start: date | None
    date_end: date | None
    precision: str | None  # the finest date precision among members
    places: list[Place]  # one per name, with coordinates where known
    members: list[Member]
    claims: list[ClaimRef]  # incident-scope claims of the member articles
    background: list[ClaimRef]  # earlier/background claims: listed, never counted
    links: list[Link] = field(default_factory=list)
    explanation: str = ""

    @property
    def article_ids(self) -> list[str]:
        return sorted({m.article.id for m in self.members})

    @property
    def event_types(self) -> list[str]:
        return sorted({m.incident.event_type for m in self.members})

    @property
    def place_names(self) -> list[str]:
        return [p.name for p in self.places]


# ------------------------------------------------------------------- matching

def _place_index(ex: Extraction) -> dict[str, Place]:
    """Canonical name → the best Place record for it (incident role, placed, first)."""
    best: dict[str, Place] = {}
    for p in ex.places:
        if not p.name:
            continue
        score = (p.role == "incident", p.lat is not None, -p.start)
        cur = best.get(p.name)
        if cur is None or score > (cur.role == "incident", cur.lat is not None, -cur.start):
            best[p.name] = p
    return best


def _member(ex: Extraction, inc: Incident, index: dict[str, Place]) -> Member:
    places = tuple(
        index.get(n) or Place(text=n, start=inc.start, end=inc.end, name=n, country=None,
                              lat=None, lon=None, precision=None, role="incident")
        for n in dict.fromkeys(inc.places)
    )
    if inc.date:
        iso, prec = inc.date, inc.date_precision
    else:
        iso, prec = ex.article.published, ex.article.published_precision
    interval = date_interval(iso, prec)
    placed = [p for p in places if p.lat is not None and p.lon is not None]
    fine = [p for p in placed if p.precision in FINE_PRECISIONS]
    points = tuple((p.name, (p.lat, p.lon)) for p in fine or [p for p in placed if p.precision in COARSE_PRECISIONS])
    names = frozenset(p.name for p in places if p.precision != "country")
    coarse = frozenset(p.name for p in places if p.precision in COARSE_PRECISIONS) if fine else frozenset()
    return Member(ex.article, inc, places, interval, _interval_precision(interval) if interval else None,
                  points, names, coarse, (interval[0].toordinal(), interval[1].toordinal()) if interval else None)


@functools.lru_cache(maxsize=1 << 16)
def _unit(point: tuple[float, float]) -> tuple[float, float, float]:
    """The point on the unit sphere (a war has few places: computed once each)."""
    la, lo = map(math.radians, point)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


@functools.lru_cache(maxsize=1 << 18)
def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """A war has few places: each pair's geodesic is computed once (most candidate pairs repeat one)."""
    return geodesic_km(a[0], a[1], b[0], b[1])


def _nearest(a: Member, b: Member) -> tuple[float, str, str] | None:
    best = None
    for na, pa in a.points:
        for nb, pb in b.points:
            cand = (_km(pa, pb), na, nb)
            if best is None or cand < best:
                best = cand
    return best


def _shared_places(a: Member, b: Member) -> tuple[str, ...]:
    """Names both give; a region only where one of them names nothing finer."""
    shared = a.names & b.names
    if a.coarse and b.coarse:
        shared -= a.coarse
    return tuple(sorted(shared))


def _link(a: Member, b: Member, types: dict[str, EventType]) -> Link | None:
    """The reason a and b tell one event, or None."""
    if a.days is None or b.days is None:
        return None
    gap = max(b.days[0] - a.days[1], a.days[0] - b.days[1], 0)  # _gap_days, on ordinals
    if gap > DATE_SLACK_DAYS or not types_compatible(a.incident.event_type, b.incident.event_type, types):
        return None
    shared = _shared_places(a, b)
    if shared:
        return Link(a.key, b.key, shared, None, None, gap)
    if not (a.measured and b.measured):
        return None
    near = _nearest(a, b)
    if near is not None and near[0] <= GROUPING_KM:
        return Link(a.key, b.key, (), round(near[0], 1), (near[1], near[2]), gap)
    return None


@functools.lru_cache(maxsize=1 << 16)
def _far_apart(a: tuple, b: tuple) -> bool:
    """Whether no place of points a lies within EVENT_SPAN_KM of one of points b."""
    return all(_km(pa, pb) > EVENT_SPAN_KM for _, pa in a for _, pb in b)


# ------------------------------------------------------------ candidate pairs

def _slots(m: Member) -> range:
    """Time slots of a member: two members whose dates are at most DATE_SLACK_DAYS apart share one."""
    first = m.interval[0].toordinal() // SLOT_DAYS
    return range(first, (m.interval[1].toordinal() + DATE_SLACK_DAYS) // SLOT_DAYS + 1)


@functools.lru_cache(maxsize=1 << 16)
def _cube_keys(point: tuple[float, float], neighbours: bool) -> tuple[tuple, ...]:
    """The cube of 3-D space holding the point (and the 26 around it): chords are shorter than arcs,
    and the sphere's arcs within 0.6 % of the ellipsoid's geodesics, so two places within GROUPING_KM
    lie in the same or adjacent cubes."""
    x, y, z = (math.floor(EARTH_KM * c / CUBE_KM) for c in _unit(point))
    offsets = itertools.product((-1, 0, 1), repeat=3) if neighbours else [(0, 0, 0)]
    return tuple(("cube", x + dx, y + dy, z + dz) for dx, dy, dz in offsets)


def _space_keys(m: Member, neighbours: bool) -> set[tuple]:
    keys: set[tuple] = {("name", n) for n in m.names}
    if m.measured:
        for _, point in m.points:
            keys.update(_cube_keys(point, neighbours))
    return keys


def candidate_pairs(members: list[Member]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of the members that may link: close in time and sharing a place name or a
    neighbourhood. Bucketing by SLOT_DAYS and place keeps this near-linear where comparing all pairs
    would not be (10,000 incidents: 50 million pairs)."""
    index: dict[tuple, list[int]] = {}
    queries = []
    for i, m in enumerate(members):
        if not m.interval:
            continue
        slots = _slots(m)
        own = _space_keys(m, neighbours=False)
        for s in slots:
            for key in own:
                index.setdefault((s, key), []).append(i)  # ascending i: bisect finds j > i
        queries.append((i, slots, _space_keys(m, neighbours=True)))
    pairs: set[tuple[int, int]] = set()
    for i, slots, keys in queries:
        for s in slots:
            for key in keys:
                bucket = index.get((s, key))
                if bucket:
                    pairs.update(zip(itertools.repeat(i), bucket[bisect.bisect_right(bucket, i):]))
    return pairs


# ------------------------------------------------------------------- grouping

@dataclass
class _Group:
    """Members merged so far, with what the merge rules need to know of them."""

    gid: int
    members: list[Member]
    latest_start: date
    earliest_end: date
    links: list[Link] = field(default_factory=list)  # the links that made it
    point_sets: set[tuple] = field(default_factory=set)  # distinct places of its members that have some
    refused: set[int] = field(default_factory=set)  # gids of the groups it cannot join

    @classmethod
    def of(cls, m: Member, gid: int) -> "_Group":
        return cls(gid, [m], m.interval[0], m.interval[1], point_sets={m.points} if m.points else set())

    def can_join(self, other: "_Group") -> bool:
        """Every member still fits one date window and no two lie more than EVENT_SPAN_KM apart.

        Groups only grow and both conditions only get harder, so a refusal is remembered."""
        if other.gid in self.refused:
            return False
        window = max(self.latest_start, other.latest_start) - min(self.earliest_end, other.earliest_end)
        if window.days > EVENT_WINDOW_DAYS or any(
                _far_apart(*sorted((a, b))) for a in self.point_sets for b in other.point_sets):
            self.refused.add(other.gid)
            other.refused.add(self.gid)
            return False
        return True

    def absorb(self, other: "_Group", link: Link, groups: dict[int, "_Group"]) -> None:
        self.members.extend(other.members)
        self.links.extend(other.links + [link])
        self.latest_start = max(self.latest_start, other.latest_start)
        self.earliest_end = min(self.earliest_end, other.earliest_end)
        self.point_sets |= other.point_sets
        for gid in other.refused:  # who refused the other now refuses this one
            groups[gid].refused.discard(other.gid)
            groups[gid].refused.add(self.gid)
        self.refused |= other.refused


def group_events(extractions: Iterable[Extraction], knowledge: Knowledge | None = None,
                 types: dict[str, EventType] | None = None) -> list[Event]:
    """Group the incidents of the extractions into events, sorted by date then id."""
    if types is None:
        types = event_types(knowledge)
    by_article: dict[str, Extraction] = {}
    for ex in extractions:
        by_article.setdefault(ex.article.id, ex)
    exs = [by_article[k] for k in sorted(by_article)]

    members: list[Member] = []
    for ex in exs:
        index = _place_index(ex)
        members.extend(_member(ex, inc, index) for inc in ex.incidents)
    members.sort(key=lambda m: m.key)

    links = [link for i, j in candidate_pairs(members) if (link := _link(members[i], members[j], types))]
    links.sort(key=lambda l: (not l.shared, l.km or 0.0, l.gap_days, min(l.a, l.b), max(l.a, l.b)))

    group_of = {m.key: _Group.of(m, gid) for gid, m in enumerate(members) if m.interval}
    live = {g.gid: g for g in group_of.values()}
    for link in links:
        ga, gb = group_of[link.a], group_of[link.b]
        if ga is gb or not ga.can_join(gb):
            continue
        if len(ga.members) < len(gb.members):
            ga, gb = gb, ga
        ga.absorb(gb, link, live)
        del live[gb.gid]
        for m in gb.members:
            group_of[m.key] = ga

    groups = [(g.members, g.links) for g in live.values()]
    groups += [([m], []) for m in members if not m.interval]  # undated: alone
    events = [_build_event(sorted(ms, key=lambda m: m.key), ls) for ms, ls in groups]
    _attach_claims(events, exs, types)
    events.sort(key=lambda e: (e.date_start or date.max, e.id))
    return events


def _event_places(members: list[Member]) -> tuple[list[Place], dict[str, int]]:
    """One Place per name (placed first), and how many articles name each."""
    articles: dict[str, set[str]] = {}
    best: dict[str, Place] = {}
    for m in members:
        for p in m.places:
            articles.setdefault(p.name, set()).add(m.article.id)
            if p.name not in best or (best[p.name].lat is None and p.lat is not None):
                best[p.name] = p
    counts = {n: len(a) for n, a in articles.items()}
    first = {}
    for m in members:
        for i, p in enumerate(m.places):
            first.setdefault(p.name, (m.key, i))
    order = sorted(best, key=lambda n: (-counts[n], first[n]))
    return [best[n] for n in order], counts


def event_id(members: list[Member]) -> str:
    """The event's id: a hash of its first report (earliest published, then article and incident id).

    It survives restarts and re-ingestion (article and incident ids are content hashes) and later
    reports joining the event; only an earlier report of it, or a regrouping, gives it another id.
    """
    first = min(members, key=lambda m: (m.article.published or "\uffff", m.key))
    return "ev-" + hashlib.sha256("\t".join(first.key).encode()).hexdigest()[:12]


def _build_event(members: list[Member], links: list[Link]) -> Event:
    places, counts = _event_places(members)
    dated = [m for m in members if m.interval]
    start = end = precision = None
    if dated:
        precision = min((m.precision for m in dated), key=PRECISION_ORDER.index)
        finest = [m for m in dated if m.precision == precision]
        start = min(m.interval[0] for m in finest)
        end = max(m.interval[1] for m in finest)
    names = [p.name for p in places]
    label = ", ".join(names[:NAME_PLACES]) + ("…" if len(names) > NAME_PLACES else "")
    when = format_date_range(start, end, precision) if start else "undated"
    return Event(
        id=event_id(members),
        name=f"{label or 'unplaced'} — {when}",
        date_start=start,
        date_end=end,
        precision=precision,
        places=places,
        members=members,
        claims=[],
        background=[],
        links=sorted(links, key=lambda l: (l.a, l.b)),
        explanation=explain(members, links, counts),
    )


def explain(members: list[Member], links: list[Link], place_articles: dict[str, int]) -> str:
    """The grouping rule in words: dates, places shared by articles, distances."""
    n_art = len({m.article.id for m in members})
    if len(members) == 1:
        return f"a single incident: no compatible incident within {DATE_SLACK_DAYS} day and {GROUPING_KM:g} km"
    parts = []
    days = {m.interval for m in members if m.interval}
    if len(days) == 1:
        (iv,) = days
        parts.append("same day" if iv[0] == iv[1] else "same dates")
    else:
        gap = max((l.gap_days for l in links), default=0)
        parts.append("overlapping dates" if gap == 0 else f"dates at most {gap} day{'s' * (gap > 1)} apart")
    kinds = sorted({m.incident.event_type for m in members})
    if len(kinds) > 1:
        parts.append(f"compatible types {'/'.join(kinds)}")
    shared = [n for n, c in place_articles.items() if c > 1]
    if shared and n_art > 1:
        by_count: dict[int, list[str]] = {}
        for n in shared:
            by_count.setdefault(place_articles[n], []).append(n)
        for c in sorted(by_count, reverse=True):
            parts.append(f"{'/'.join(by_count[c])} mentioned by {c} articles")
    elif any(l.shared for l in links):
        names = sorted({n for l in links for n in l.shared})
        parts.append(f"same place{'s' * (len(names) > 1)}: {'/'.join(names)}")
    for l in sorted((l for l in links if l.near), key=lambda l: (l.km, l.near)):
        parts.append(f"{l.near[1]} {l.km:.0f} km from {l.near[0]}")
    return "; ".join(parts)


# --------------------------------------------------------------------- claims

@dataclass(frozen=True)
class _Candidate:
    """One of an article's events, as _best_event weighs it for that article's claims."""

    event: Event
    places: frozenset[str]
    mine: tuple[Incident, ...]  # the event's incidents told by this article
    violent: bool


def _attach_claims(events: list[Event], exs: list[Extraction], types: dict[str, EventType]) -> None:
    events_of: dict[str, list[Event]] = {}
    for ev in events:
        for aid in ev.article_ids:
            events_of.setdefault(aid, []).append(ev)
    for ex in exs:
        evs = events_of.get(ex.article.id, [])
        if not evs:
            continue
        aid = ex.article.id
        candidates = [_Candidate(ev, frozenset(ev.place_names), tuple(m.incident for m in ev.members if m.article.id == aid),
                                 any(t not in types or types[t].violent for t in ev.event_types)) for ev in evs]
        article_places = {p for inc in ex.incidents for p in inc.places}
        for c in ex.claims:
            if c.part_of is not None:
                continue  # a breakdown ("including 7 women") is in its parent's figure: never a figure of its own
            ref = ClaimRef(aid, c)
            if c.scope != "incident":
                for ev in evs:
                    ev.background.append(ref)
            else:
                _best_event(c, candidates, article_places).claims.append(ref)
    for ev in events:
        ev.claims.sort(key=lambda r: r.sort_key)
        ev.background.sort(key=lambda r: r.sort_key)


def _best_event(claim: Claim, candidates: list[_Candidate], article_places: set[str]) -> Event:
    """The article's event a claim speaks of.

    The one sharing most of its places, where the claim names fewer places than the article's
    incidents do (a claim given every place of its article says nothing by them); then one within
    its date; then the one whose incident in this article is nearest in the text (a figure follows
    its news); then violence (losses come from violence), size and id.
    """
    civ = date_interval(claim.date, claim.date_precision)
    named = set(claim.places)
    specific = named < article_places

    def score(cand: _Candidate):
        ev = cand.event
        shared = len(named & cand.places) if specific else 0
        in_time = bool(civ and ev.date_start and _gap_days(civ, (ev.date_start, ev.date_end)) <= DATE_SLACK_DAYS)
        chars = min(max(i.start - claim.end, claim.start - i.end, 0) for i in cand.mine)
        return (-shared, not in_time, chars, not cand.violent, -len(cand.mine), ev.id)

    return min(candidates, key=score).event
