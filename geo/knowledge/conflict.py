"""A conflict, typed: its sides, third parties, institutions, sources and theatre (data/conflicts/<id>.yaml).

Every stage asks these objects, never the file's raw mapping: whose enemy a side is, whose people a
source calls "ours", which source speaks when a side itself is the subject ("Armenia said"), which source
an institution of an actor is ("Azerbaijan's Ministry of Defence"), whether a point lies in the theatre.

Sources composed of an institution and an actor: the file lists the kinds of institution that speak
(`institutions:`) and the actors that have them, its `sides` and `third_parties`. An actor's own
`institutions:` maps a kind to the source it names ("army: armenian_mod"); a kind it does not map composes
into a source of its own, `<actor>_<kind>`, named "<institution> of <actor>". The words for each kind live
per language (data/lang/<code>/institutions.yaml), so such a source needs no phrase list in any language.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from geo.geometry import BBox, in_bbox

MEDIA = "media"  # a source's party when it speaks for no side: a news agency, the article itself
THIRD = "third"  # a foreign government


@dataclass(frozen=True)
class Institution:
    id: str  # a kind: defence_ministry, prosecutor, army, ...
    name: str  # "Ministry of Defence"
    short: str  # "MoD"
    generic: bool = False  # words that stand for the actor's government only loosely ("officials")
    needs_saying: bool = False  # a claimant only with a verb of saying ("the Armenian army said")


@dataclass(frozen=True)
class Actor:
    """Who has institutions: a side of the conflict, or a third party (whose people no claim is about)."""

    id: str
    name: str
    adjectives: dict[str, list[str]] = field(default_factory=dict)  # language → words naming it in running text
    names: dict[str, list[str]] = field(default_factory=dict)  # language → names (its country, capital, ...)
    institutions: dict[str, str] = field(default_factory=dict)  # institution kind → source id


@dataclass(frozen=True)
class Side(Actor):
    country: str | None = None  # ISO 3166-1 alpha-2; None for a side that is no state (civilians, Karabakh Armenians)
    enemy: str | None = None  # the side it fights; None for civilians and "unspecified"
    party: str | None = None  # the party its sources speak for, when not itself (Karabakh Armenians: armenia)
    colour: str | None = None  # its colour on every map, chart and legend


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    party: str  # the side it speaks for, or THIRD, or MEDIA
    cues: dict[str, list[str]] = field(default_factory=dict)  # language → phrases naming it
    short: str | None = None  # a display name for tight spaces
    side: str | None = None  # whose people it calls "ours" when that differs from its party
    speaks_for_side: str | None = None  # the side whose default speaker it is ("Armenia said")

    @property
    def short_name(self) -> str:
        return self.short or self.name


@dataclass(frozen=True)
class Conflict:
    id: str
    name: str
    focus_countries: tuple[str, ...]
    theatre_bbox: BBox | None
    sides: dict[str, Side]
    sources: dict[str, Source]  # the file's, and those composed of an institution and an actor
    institutions: dict[str, Institution] = field(default_factory=dict)
    third_parties: dict[str, Actor] = field(default_factory=dict)

    def actors(self) -> list[Actor]:
        """Sides and third parties that have names in text."""
        return [a for a in (*self.sides.values(), *self.third_parties.values()) if a.names or a.adjectives]

    @property
    def institution_sources(self) -> dict[tuple[str, str], str]:
        """{(actor, institution kind): source id} for every actor and kind."""
        return {(a.id, kind): a.institutions.get(kind) or f"{a.id}_{kind}" for a in self.actors() for kind in self.institutions}

    def enemy_of(self, side: str | None) -> str | None:
        s = self.sides.get(side) if side else None
        return s.enemy if s else None

    def source_side(self, source_id: str) -> str | None:
        """The side whose people a source calls 'ours' (None for media and third parties)."""
        src = self.sources.get(source_id)
        side = src and (src.side or src.party)
        return side if side in self.sides else None

    def source_party(self, source_id: str) -> str | None:
        src = self.sources.get(source_id)
        return src.party if src else None

    @property
    def side_speakers(self) -> dict[str, str]:
        """Side → the source meant when the side itself speaks ("l'Azerbaigian ha affermato")."""
        return {s.speaks_for_side: s.id for s in self.sources.values() if s.speaks_for_side}

    def in_theatre(self, lat: float, lon: float, country: str | None = None, margin_deg: float = 0.0) -> bool:
        """In a focus country, or inside the theatre's bbox (widened by ``margin_deg``)."""
        return country in self.focus_countries or in_bbox(self.theatre_bbox, lat, lon, margin_deg)


def _composed_sources(c: Conflict) -> dict[str, Source]:
    """A source for every (actor, institution kind) the file does not name itself."""
    out = {}
    actors = {a.id: a for a in c.actors()}
    for (aid, kind), sid in c.institution_sources.items():
        if sid in c.sources or sid in out:
            continue
        a, inst = actors[aid], c.institutions[kind]
        party = (a.party or a.id) if aid in c.sides else THIRD
        out[sid] = Source(sid, f"{inst.name} of {a.name}", party, {}, f"{a.name} {inst.short}",
                          side=aid if aid in c.sides and party != aid else None)  # whose people it calls "ours"
    return out


def parse_conflict(d: Any, default_id: str) -> Conflict:
    """The typed conflict of a conflict file's mapping; a ValueError names what is wrong."""
    if not isinstance(d, dict) or "sides" not in d or "sources" not in d:
        raise ValueError("a conflict file needs 'sides' and 'sources'")
    sides = {
        sid: Side(sid, s.get("name", sid), s.get("adjectives") or {}, s.get("names") or {},
                  s.get("institutions") or {}, s.get("country"), s.get("enemy"), s.get("party"),
                  s.get("colour"))
        for sid, s in d["sides"].items()
    }
    third = {
        tid: Actor(tid, t.get("name", tid), t.get("adjectives") or {}, t.get("names") or {}, t.get("institutions") or {})
        for tid, t in (d.get("third_parties") or {}).items()
    }
    kinds = {
        k: Institution(k, (v or {}).get("name", k), (v or {}).get("short", k), bool((v or {}).get("generic")),
                       bool((v or {}).get("needs_saying")))
        for k, v in (d.get("institutions") or {}).items()
    }
    sources = {
        sid: Source(sid, s.get("name", sid), s.get("party", MEDIA), s.get("cues") or {}, s.get("short"),
                    s.get("side"), s.get("speaks_for_side"))
        for sid, s in d["sources"].items()
    }
    for src in sources.values():
        for attr in ("side", "speaks_for_side"):
            if getattr(src, attr) not in (None, *sides):
                raise ValueError(f"source {src.id!r}: {attr} {getattr(src, attr)!r} is not a side")
    bbox = d.get("theatre_bbox")
    conflict = Conflict(
        id=d.get("id", default_id),
        name=d.get("name", default_id),
        focus_countries=tuple(d.get("focus_countries") or ()),
        theatre_bbox=tuple(bbox) if bbox else None,
        sides=sides,
        sources=sources,
        institutions=kinds,
        third_parties=third,
    )
    return replace(conflict, sources={**sources, **_composed_sources(conflict)})
