"""Events out: JSON Lines, a flat CSV, and an ACLED-like CSV.

The ``*_rows`` / ``event_to_dict`` functions are pure; the ``write_*``
functions take an open text file (newline="" for CSV).

ACLED-like rows are one per event and location. ``fatalities`` is the event's
conservative toll (geo.events.ranges.fatalities) and is put on the event's first
location row only, 0 on the others, so that summing the column counts each
event once; ``notes`` says so.
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import asdict
from typing import IO, Iterable

from geo.events.compare import contradictions, side_name
from geo.events.grouping import Event, Member, event_types
from geo.events.ranges import fatalities, ranges
from geo.knowledge.files import Knowledge, default_knowledge
from geo.models import Place
from geo.text.untrusted import spreadsheet_cell

ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
ACLED_GEO_PRECISION = {"town": 1, "district": 2, "region": 3, "country": 3}
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities", "event_id",
)
CSV_COLUMNS = (
    "event_id", "name", "date_start", "date_end", "date_precision", "places", "countries", "event_types",
    "articles", "incidents", "sources", "ranges", "fatalities", "contradictions", "explanation",
)


# An event whose incidents name no place still gets one row, without a location.
_NOWHERE = Place(text="", start=0, end=0, name="", country=None, lat=None, lon=None, precision=None)
def _iso(d) -> str | None:
    return d.isoformat() if d else None


def _range_text(r) -> str:
    what = f" {r.what}" if r.what else ""
    if r.best is None and r.low is None:
        return f"{r.side} {r.kind}{what}: no number"
    high = "open" if r.high_open else r.high
    return f"{r.side} {r.kind}{what}: {r.low}/{r.best}/{high}"


def event_to_dict(event: Event, knowledge: Knowledge | None = None) -> dict:
    """Everything about an event, its derivations included, as JSON-ready data."""
    rs = ranges(event, knowledge)
    return {
        "id": event.id,
        "name": event.name,
        "date_start": _iso(event.date_start),
        "date_end": _iso(event.date_end),
        "date_precision": event.precision,
        "explanation": event.explanation,
        "places": [{"name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country, "precision": p.precision}
                   for p in event.places],
        "articles": event.article_ids,
        "event_types": event.event_types,
        "incidents": [{"article_id": m.article.id, **asdict(m.incident)} for m in event.members],
        "claims": [{"article_id": r.article_id, **asdict(r.claim)} for r in event.claims],
        "background_claims": [{"article_id": r.article_id, **asdict(r.claim)} for r in event.background],
        "ranges": [r.to_dict() for r in rs],
        "fatalities": fatalities(rs),
        "contradictions": [c.to_dict() for c in contradictions(event, knowledge)],
    }


def write_events_jsonl(events: Iterable[Event], fp: IO[str], knowledge: Knowledge | None = None) -> None:
    for ev in events:
        fp.write(json.dumps(event_to_dict(ev, knowledge), ensure_ascii=False) + "\n")


def events_csv_rows(events: Iterable[Event], knowledge: Knowledge | None = None) -> list[dict]:
    """One flat row per event; lists joined with '; '."""
    rows = []
    for ev in events:
        rs = ranges(ev, knowledge)
        rows.append({
            "event_id": ev.id,
            "name": ev.name,
            "date_start": _iso(ev.date_start) or "",
            "date_end": _iso(ev.date_end) or "",
            "date_precision": ev.precision or "",
            "places": "; ".join(ev.place_names),
            "countries": "; ".join(sorted({p.country for p in ev.places if p.country})),
            "event_types": "; ".join(ev.event_types),
            "articles": "; ".join(ev.article_ids),
            "incidents": "; ".join(m.incident.id for m in ev.members),
            "sources": "; ".join(sorted({m.incident.claimed_by for m in ev.members}
                                        | {r.claim.claimed_by for r in ev.claims})),
            "ranges": "; ".join(_range_text(r) for r in rs),
            "fatalities": "" if fatalities(rs) is None else fatalities(rs),
            "contradictions": len(contradictions(ev, knowledge)),
            "explanation": ev.explanation,
        })
    return rows


def _most_common(values: list[str]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _actor(conflict, members: list[Member], attr: str) -> str:
    """The side(s) blamed (attacker) or hit (target); several when the sources disagree."""
    sides = sorted({getattr(m.incident, attr) for m in members} - {None, "unspecified"})
    return "; ".join(side_name(conflict, s) for s in sides)


def acled_rows(events: Iterable[Event], knowledge: Knowledge | None = None) -> list[dict]:
    """ACLED-like rows: one per event and location (see the module doc)."""
    conflict = (knowledge or default_knowledge()).conflict
    types = event_types(knowledge)
    country_names = {s.country: s.name for s in conflict.sides.values() if s.country}
    rows = []
    for ev in events:
        toll = fatalities(ranges(ev, knowledge)) or 0
        for n, place in enumerate(ev.places or [_NOWHERE], 1):
            here = [m for m in ev.members if place.name in {p.name for p in m.places}] or ev.members
            tid = _most_common([m.incident.event_type for m in here])
            et = types.get(tid)
            sources = sorted({m.incident.claimed_by for m in here})
            notes = " | ".join(f"{m.incident.claimed_by}: {m.incident.quote}" for m in here)
            if n == 1 and len(ev.places) > 1:
                notes += f" | fatalities of the whole event ({len(ev.places)} locations) on this row"
            rows.append({
                "event_id_cnty": f"{place.country or 'XX'}-{ev.id.removeprefix('ev-')}-{n}",
                "event_date": _iso(ev.date_start) or "",
                "year": ev.date_start.year if ev.date_start else "",
                "time_precision": ACLED_TIME_PRECISION.get(ev.precision or "", 3),
                "event_type": et.acled_event_type if et else "",
                "sub_event_type": et.acled_sub_event_type if et else (tid or ""),
                "actor1": _actor(conflict, here, "attacker"),
                "actor2": _actor(conflict, here, "target"),
                "country": country_names.get(place.country, place.country or ""),
                "location": place.name,
                "latitude": "" if place.lat is None else place.lat,
                "longitude": "" if place.lon is None else place.lon,
                "geo_precision": ACLED_GEO_PRECISION.get(place.precision or "", 3),
                "source": "; ".join(conflict.sources[s].name if s in conflict.sources else s for s in sources),
                "notes": notes,
                "fatalities": toll if n == 1 else 0,
                "event_id": ev.id,
            })
    return rows


def _write_csv(rows: list[dict], columns: tuple[str, ...], fp: IO[str]) -> None:
    w = csv.DictWriter(fp, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in rows)


def write_events_csv(events: Iterable[Event], fp: IO[str], knowledge: Knowledge | None = None) -> None:
    _write_csv(events_csv_rows(events, knowledge), CSV_COLUMNS, fp)


def write_acled_csv(events: Iterable[Event], fp: IO[str], knowledge: Knowledge | None = None) -> None:
    _write_csv(acled_rows(events, knowledge), ACLED_COLUMNS, fp)
