"""Analysts' corrections, and how they change an extraction (pure).

A correction targets a place mention by its character offsets, or an incident
by its id, so that it still applies after the article is extracted again
(offsets index the body, which the content hash pins). The store keeps the
corrections and writes every extraction with them applied, in order.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime

from geo.errors import GeoError
from geo.models import PRECISIONS, Extraction, Incident, Place

ACTIONS = ("move", "not_incident")


class CorrectionError(GeoError, ValueError):
    """A correction that cannot be made; the message says why."""


@dataclass
class Correction:
    article_id: str
    action: str  # "move": the mention is another place; "not_incident": nothing happened there / no incident
    who: str
    place_start: int | None = None
    place_end: int | None = None
    incident_id: str | None = None
    new_gazetteer: str | None = None
    new_name: str | None = None
    new_lat: float | None = None
    new_lon: float | None = None
    new_country: str | None = None
    new_precision: str | None = None
    note: str | None = None
    id: int | None = None
    created_at: datetime | None = None

    @property
    def targets_place(self) -> bool:
        return self.place_start is not None


def validate(c: Correction) -> None:
    if c.action not in ACTIONS:
        raise CorrectionError(f"action must be one of {', '.join(ACTIONS)}, not {c.action!r}")
    if not (c.who or "").strip():
        raise CorrectionError("a correction needs who made it")
    if c.targets_place == (c.incident_id is not None):
        raise CorrectionError("a correction targets either a place mention (start, end) or an incident id")
    if c.targets_place and (c.place_end is None or c.place_end <= c.place_start):
        raise CorrectionError("a place mention needs start < end")
    if c.action == "move":
        if not c.targets_place:
            raise CorrectionError("only a place mention can be moved")
        if not c.new_name or c.new_lat is None or c.new_lon is None:
            raise CorrectionError("a move needs the new place's name, lat and lon")
        if not (-90 <= c.new_lat <= 90 and -180 <= c.new_lon <= 180):
            raise CorrectionError(f"lat/lon out of range: {c.new_lat}, {c.new_lon}")
        if c.new_precision is not None and c.new_precision not in PRECISIONS:
            raise CorrectionError(f"precision must be one of {', '.join(PRECISIONS)}")


def find_target(extraction: Extraction, c: Correction) -> Place | Incident | None:
    if c.targets_place:
        return next((p for p in extraction.places if (p.start, p.end) == (c.place_start, c.place_end)), None)
    return next((i for i in extraction.incidents if i.id == c.incident_id), None)


def apply_corrections(extraction: Extraction, corrections: list[Correction]) -> Extraction:
    """A copy of ``extraction`` with the corrections applied in order.

    A correction whose target the extraction no longer has (a newer extractor
    found other mentions) is kept, and reported in the warnings.
    """
    out = copy.deepcopy(extraction)
    for c in corrections:
        target = find_target(out, c)
        if target is None:
            out.warnings.append(f"correction {c.id} by {c.who} no longer matches: {_describe(c)}")
        elif c.targets_place:
            _apply_to_place(out, target, c)
        else:
            out.incidents.remove(target)
    return out


def _apply_to_place(ex: Extraction, place: Place, c: Correction) -> None:
    old = place.name
    by = f"corrected by {c.who}" + (f": {c.note}" if c.note else "")
    if c.action == "move":
        place.name, place.lat, place.lon = c.new_name, c.new_lat, c.new_lon
        place.gazetteer = c.new_gazetteer
        place.country = c.new_country if c.new_country is not None else place.country
        place.precision = c.new_precision if c.new_precision is not None else place.precision
        place.confidence = 1.0
        place.reason = by
        new = c.new_name
    else:
        place.role = "context"
        place.reason = f"not an incident place, {by}"
        new = None
    # Records name places by canonical name: rename (or drop) it there unless
    # another incident mention still carries the old name.
    if old is not None and not any(p.name == old and p.role == "incident" for p in ex.places):
        for record in [*ex.incidents, *ex.claims]:
            names = (new if n == old else n for n in record.places)
            record.places = list(dict.fromkeys(n for n in names if n is not None))


def _describe(c: Correction) -> str:
    target = f"place at {c.place_start}-{c.place_end}" if c.targets_place else f"incident {c.incident_id}"
    return f"{c.action} {target}"
