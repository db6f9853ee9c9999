"""Place resolution: choose, for each toponym mention, a gazetteer entry or none.

Each candidate gets a score from evidence in the document, every part of it
a named weight below: how it matched (exact or fuzzy, primary name or
alternate), whether it lies in a focus country of the conflict, in the
theatre or in a country the document mentions, whether its kind fits the
kind hint ("le regioni di Lachin" → the district), whether the parent written
beside it contains it ("Sotk, Gegharkunik"), how close it is to the other
places of the document, and its population. There is no single country
filter: Goris is in Armenia and Lachin in Azerbaijan.

Confidence is built the same explainable way: an exact name starts at 0.6, a
fuzzy one at 0.3 to 0.5; being local, a matching kind, a matching parent and a near
neighbour add to it; a close runner-up takes from it.

An optional online geocoder (geo.places.online.OnlineGeocoder: ``geocode(name,
country_codes) -> GeocodeResult``) is asked only about mentions without any
offline candidate; its failures come back as the place's reason.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from geo.knowledge.files import Conflict
from geo.models import Place
from geo.places.gazetteer import GazEntry, Gazetteer
from geo.places.gazetteer import cached_name_key as name_key
from geo.places.toponyms import DATELINE, Candidate, Mention, contains

# Score weights.
W_EXACT = 1.0
W_FUZZY = 0.6  # at similarity 100; falls linearly to 0 at FUZZY_FLOOR
FUZZY_FLOOR = 80.0
W_PRIMARY = 0.2  # the entry's own name, not an alternate one
W_FOCUS = 0.8
W_THEATRE = 0.4
W_DOC_COUNTRY = 0.3
W_PARENT = 1.5
W_PARENT_MISMATCH = -0.5
# Inside a region the article names ("Nagorno-Karabakh"): the theatre's Martuni, not its namesake
# in Gegharkunik 150 km away. As strong as being in a focus country.
W_NAMED_REGION = W_FOCUS
W_NEIGHBOUR = 0.8  # at distance 0; falls linearly to 0 at NEIGHBOUR_KM: a place 30 km from the others beats its namesake 170 km away
NEIGHBOUR_KM = 150.0
W_POPULATION = 0.5  # times log10(population) / 7
AREA_POPULATION_SCORE = 0.25  # areas carry no population
# Kind fit: with a hint, how welcome each kind is; without one, a prior.
KIND_FIT = {
    "town": {"town": 0.8, "district": -0.2, "province": -0.2, "region": -0.4, "country": -0.6},
    "district": {"district": 0.8, "province": 0.7, "region": 0.5, "town": -0.3, "country": -0.3},
    "region": {"region": 0.8, "district": 0.5, "province": 0.5, "town": -0.3, "country": -0.2},
    "country": {"country": 0.8, "region": 0.3, "province": 0.0, "district": 0.0, "town": -0.5},
}
KIND_PRIOR = {"country": 1.2, "region": 0.5, "province": 0.5, "town": 0.45, "district": 0.3}
# A look-alike (fuzzy match only) farther than this from every clear town of the article is no guess
# worth making: "Norabak", a village the gazetteer lacks, is not Norabats 120 km away.
LOOKALIKE_KM = 100.0
ANCHOR_MARGIN = 0.5  # a first-pass choice this far ahead of its runner-up anchors its neighbours
AMBIGUITY_GAP = 0.5  # a runner-up closer than this lowers the confidence
# Distance from a candidate to the nearest of the mention's neighbours (None: none within reach).
NearestKm = Callable[[GazEntry], "float | None"]
_KM_PER_DEG_LAT = 110.5  # the shortest degree of latitude (at the equator), so never an overestimate


class OnlineGeocoder(Protocol):
    """geo.places.online.OnlineGeocoder's interface (kept abstract: resolve does no I/O itself)."""

    def geocode(self, name: str, country_codes: Sequence[str] = ()): ...


@dataclass(frozen=True)
class _Context:
    conflict: Conflict
    doc_countries: frozenset[str]
    regions: tuple[GazEntry, ...] = ()  # the regions the document names (mentions with that one reading)


def resolve_mentions(mentions: list[Mention], body: str, conflict: Conflict, gazetteer: Gazetteer,
                     geocoder: OnlineGeocoder | None = None) -> list[Place]:
    """One Place per mention, in the same order. A mention that cannot be
    placed is returned with ``name`` None and a ``reason``, never dropped."""
    ctx = _Context(
        conflict=conflict,
        doc_countries=frozenset(c.entry.country for m in mentions for c in m.candidates
                                if c.entry.kind == "country" and c.entry.country),
        regions=tuple({c.entry.id: c.entry for m in mentions if len(m.candidates) == 1
                       for c in m.candidates if c.entry.kind == "region" and c.match == "exact"}.values()),
    )
    parents = [_parent_entries(mentions, i, gazetteer) for i in range(len(mentions))]
    # Each candidate's score but its neighbours', once for both passes.
    bases = [[(_base_score(m, c, p, ctx), c) for c in m.candidates] for m, p in zip(mentions, parents)]
    # Pass 1 without neighbours; its clear choices anchor pass 2.
    first = [_ranked(b, _no_neighbours) for b in bases]
    anchors = []
    for m, ranked in zip(mentions, first):
        if m.dateline:
            continue  # where the report was filed says nothing of where the places it tells of are
        if ranked and ranked[0][1].entry.kind in ("town", "district", "province") and \
                (len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= ANCHOR_MARGIN):
            anchors.append((name_key(m.text), ranked[0][1].entry))
    neighbours = _Neighbours(anchors)
    places = []
    for m, p, b in zip(mentions, parents, bases):
        key = name_key(m.text)
        near = neighbours.without(key)
        ranked = _ranked(b, near)
        far = _far_lookalike(ranked, neighbours, key)
        if ranked and far is None:
            places.append(_place(m, body, ranked, p, ctx, near))
        else:
            places.append(_online(m, body, geocoder, p, far))
    return places


def _far_lookalike(ranked, neighbours: "_Neighbours", key: str) -> str | None:
    """Why the best candidate, a town only like the name and far from every clear town of the article
    (but those named ``key``), is refused (a province's centre says too little of where its villages are)."""
    if not ranked or not neighbours.has_towns(key) or ranked[0][1].match == "exact" or ranked[0][1].entry.kind != "town":
        return None  # a district's name misspelt ("Dasheksan") is still that district
    e = ranked[0][1].entry
    d = neighbours.nearest_km(key, e, towns_only=True)
    if d is not None and d <= LOOKALIKE_KM:
        return None
    where = f"{d:.0f} km" if d is not None else f"over {NEIGHBOUR_KM:.0f} km"
    return f"only a look-alike in the offline gazetteer ({e.name}, {where} from the article's other places): not guessed"


class _Neighbours:
    """The document's anchors, and each candidate's distance to the nearest of them.

    A long article names the same few places again and again: each place is an anchor once, with the
    names the article gives it, and each candidate's anchors within NEIGHBOUR_KM are sorted once per
    document, so a look-up costs the places of the theatre, never the length of the article.
    """

    def __init__(self, anchors: list[tuple[str, GazEntry]]):
        by_place: dict[str, tuple[GazEntry, set[str]]] = {}
        for key, e in anchors:
            by_place.setdefault(e.id, (e, set()))[1].add(key)
        self._anchors = list(by_place.values())
        self._towns = sum(1 for _, e in anchors if e.kind == "town")
        self._towns_named: dict[str, int] = {}
        for key, e in anchors:
            if e.kind == "town":
                self._towns_named[key] = self._towns_named.get(key, 0) + 1
        self._around: dict[str, list[tuple[float, str, GazEntry, set[str]]]] = {}

    def without(self, key: str) -> NearestKm:
        """Distances seen from a mention named ``key``: its namesakes are not its neighbours."""
        return functools.partial(self.nearest_km, key)

    def has_towns(self, key: str) -> bool:
        """Whether a town of the article is named otherwise than ``key``."""
        return self._towns > self._towns_named.get(key, 0)

    def nearest_km(self, key: str, e: GazEntry, towns_only: bool = False) -> float | None:
        """Geodesic distance from e to the nearest anchor named otherwise than ``key`` (a town, if
        ``towns_only``); None when none lies within NEIGHBOUR_KM (beyond it, distance no longer counts)."""
        for km, _, a, keys in self._around_of(e):
            if keys - {key} and (not towns_only or a.kind == "town"):
                return km
        return None

    def _around_of(self, e: GazEntry) -> list[tuple[float, str, GazEntry, set[str]]]:
        around = self._around.get(e.id)
        if around is None:
            # A latitude gap alone rules most anchors out (a degree of latitude is at least 110.5 km).
            around = sorted(((e.km_to(a), a.id, a, keys) for a, keys in self._anchors
                             if a.id != e.id and abs(a.lat - e.lat) * _KM_PER_DEG_LAT <= NEIGHBOUR_KM),
                            key=lambda x: (x[0], x[1]))
            around = self._around[e.id] = [x for x in around if x[0] <= NEIGHBOUR_KM]
        return around


def _no_neighbours(e: GazEntry) -> None:
    return None


def _parent_entries(mentions: list[Mention], i: int, gazetteer: Gazetteer) -> list[GazEntry]:
    m = mentions[i]
    if not m.parent:
        return []
    if i + 1 < len(mentions) and mentions[i + 1].text == m.parent:
        return [c.entry for c in mentions[i + 1].candidates]
    return gazetteer.lookup(m.parent)


def _ranked(bases: list[tuple[float, Candidate]], near: NearestKm) -> list[tuple[float, Candidate]]:
    scored = [(s + _neighbour_score(c.entry, near), c) for s, c in bases]
    return sorted(scored, key=lambda sc: (-sc[0], sc[1].entry.id))


def _local(e: GazEntry, ctx: _Context) -> bool:
    return ctx.conflict.in_theatre(e.lat, e.lon, e.country)


def _base_score(m: Mention, c: Candidate, parents: list[GazEntry], ctx: _Context) -> float:
    """A candidate's score from its name, kind, country and parents: all but its neighbours'."""
    e = c.entry
    s = W_EXACT if c.match == "exact" else W_FUZZY * max(0.0, c.similarity - FUZZY_FLOOR) / (100 - FUZZY_FLOOR)
    if name_key(e.name) == name_key(m.text):
        s += W_PRIMARY
    if e.country in ctx.conflict.focus_countries:
        s += W_FOCUS
    elif e.country in ctx.doc_countries:
        s += W_DOC_COUNTRY
    if _local(e, ctx):
        s += W_THEATRE
    s += KIND_FIT[m.kind_hint][e.kind] if m.kind_hint in KIND_FIT else KIND_PRIOR[e.kind]
    if parents:
        s += W_PARENT if any(contains(p, e) for p in parents) else W_PARENT_MISMATCH
    if any(contains(r, e) for r in ctx.regions):
        s += W_NAMED_REGION
    if e.kind == "town":
        s += W_POPULATION * math.log10(e.population + 1) / 7
    else:
        s += AREA_POPULATION_SCORE
    return s


def _neighbour_score(e: GazEntry, near: NearestKm) -> float:
    """What the nearest other place of the article adds (nothing to a country, or beyond NEIGHBOUR_KM)."""
    d = near(e) if e.kind != "country" else None
    return W_NEIGHBOUR * max(0.0, 1 - d / NEIGHBOUR_KM) if d is not None else 0.0


def _confidence(m: Mention, ranked: list[tuple[float, Candidate]], parents: list[GazEntry], ctx: _Context,
                near: NearestKm) -> float:
    score, c = ranked[0]
    e = c.entry
    conf = 0.6 if c.match == "exact" else 0.3 + 0.2 * max(0.0, c.similarity - FUZZY_FLOOR) / (100 - FUZZY_FLOOR)
    if _local(e, ctx) or e.country in ctx.doc_countries:
        conf += 0.2
    if e.kind == "country" and c.match == "exact":
        conf += 0.1
    if m.kind_hint and KIND_FIT.get(m.kind_hint, {}).get(e.kind, 0) > 0:
        conf += 0.1
    if parents and any(contains(p, e) for p in parents):
        conf += 0.1
    d = near(e) if e.kind != "country" else None
    if d is not None and d < 100:
        conf += 0.05
    if len(ranked) > 1 and score - ranked[1][0] < AMBIGUITY_GAP:
        conf -= 0.2 * (1 - (score - ranked[1][0]) / AMBIGUITY_GAP)
    return round(min(0.99, max(0.05, conf)), 2)


def _place(m: Mention, body: str, ranked, parents, ctx, near: NearestKm) -> Place:
    e = ranked[0][1].entry
    return Place(
        text=body[m.start:m.end], start=m.start, end=m.end, name=e.name, country=e.country,
        lat=e.lat, lon=e.lon, precision=e.precision, gazetteer=e.id,
        confidence=_confidence(m, ranked, parents, ctx, near), reason=DATELINE if m.dateline else None,
    )


def _online(m: Mention, body: str, geocoder: OnlineGeocoder | None, parents: list[GazEntry],
            reason: str | None = None) -> Place:
    text = body[m.start:m.end]
    reason = reason or "not in the offline gazetteer"
    if geocoder is not None:
        hint = next((p.country for p in parents if p.country), None)
        found = geocoder.geocode(text, country_codes=(hint,) if hint else ())
        e = found.entry
        if e is not None:
            return Place(text=text, start=m.start, end=m.end, name=e.name, country=e.country, lat=e.lat, lon=e.lon,
                         precision=e.precision, gazetteer=e.id, confidence=0.4)
        reason += f"; online geocoder: {found.reason or 'not found'}"
    return Place(text=text, start=m.start, end=m.end, name=None, country=None, lat=None, lon=None,
                 precision=None, reason=reason)
