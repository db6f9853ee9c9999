"""A conflict, typed: its sides, its sources and its theatre (data/conflicts/<id>.yaml).

Every stage asks these objects, never the file's raw mapping: whose enemy a side is, whose people a
source calls "ours", which source speaks when a side itself is the subject ("Armenia said"), whether a
point lies in the theatre.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from geo.geometry import BBox, in_bbox

MEDIA = "media"  # a source's party when it speaks for no side: a news agency, the article itself
THIRD = "third"  # a foreign government


@dataclass(frozen=True)
class Side:
    id: str
    name: str
    country: str | None  # ISO 3166-1 alpha-2; None for a side that is no state (civilians, Karabakh Armenians)
    enemy: str | None = None  # the side it fights; None for civilians and "unspecified"
    adjectives: dict[str, list[str]] = field(default_factory=dict)  # language → words naming it in running text
    names: dict[str, list[str]] = field(default_factory=dict)  # language → names (its country, capital, ...)


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
    sources: dict[str, Source]

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

    def speaker_of(self, side: str) -> str | None:
        """The source meant when the side itself speaks ("l'Azerbaigian ha affermato")."""
        return self.side_speakers.get(side)

    @property
    def side_speakers(self) -> dict[str, str]:
        return {s.speaks_for_side: s.id for s in self.sources.values() if s.speaks_for_side}

    def in_theatre(self, lat: float, lon: float, country: str | None = None, margin_deg: float = 0.0) -> bool:
        """In a focus country, or inside the theatre's bbox (widened by ``margin_deg``)."""
        return country in self.focus_countries or in_bbox(self.theatre_bbox, lat, lon, margin_deg)


def parse_conflict(d: Any, default_id: str) -> Conflict:
    """The typed conflict of a conflict file's mapping; a ValueError names what is wrong."""
    if not isinstance(d, dict) or "sides" not in d or "sources" not in d:
        raise ValueError("a conflict file needs 'sides' and 'sources'")
    sides = {
        sid: Side(sid, s.get("name", sid), s.get("country"), s.get("enemy"), s.get("adjectives") or {},
                  s.get("names") or {})
        for sid, s in d["sides"].items()
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
    return Conflict(
        id=d.get("id", default_id),
        name=d.get("name", default_id),
        focus_countries=tuple(d.get("focus_countries") or ()),
        theatre_bbox=tuple(bbox) if bbox else None,
        sides=sides,
        sources=sources,
    )
