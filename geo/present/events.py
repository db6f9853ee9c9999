"""The dashboard's unit: events (geo.events.grouping) built from the frames every page reads.

``event_index(incidents, claims)`` groups the rows of geo.present.tables'
incident and claim frames into events without reading any extraction (the
store's frames are all a page has): each article becomes a light Extraction
(its incidents with their placed places, its claims) for group_events. What
the pages need comes back as frames — ``incidents`` with an ``event_id``
column, and ``table``, one row per event (date, places, types, sources,
best killed per side, contradictions) — and ``event(id)`` gives the Event
itself for its page. Pure functions, no I/O.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from geo.events.compare import contradictions
from geo.events.grouping import Event, format_date_range, group_events
from geo.events.ranges import Range, fatalities, figures, ranges
from geo.events.table import unique_contradictions
from geo.models import Article, Claim, Extraction, Incident, Place

TABLE_COLUMNS = ["event_id", "date_start", "date_end", "date_precision", "when", "name", "places", "event_type",
                 "event_types", "n_reports", "n_articles", "sources", "killed", "fatalities", "n_contradictions",
                 "lat", "lon"]


def _value(v):
    """A frame cell as a Python value: NaN, NA and NaT become None."""
    return None if v is None or (not isinstance(v, (list, tuple)) and pd.isna(v)) else v


def _count(v) -> int | None:
    v = _value(v)
    return None if v is None else int(v)


def extractions_from_frames(incidents: pd.DataFrame, claims: pd.DataFrame,
                            claim_ids: dict[int, str] | None = None) -> list[Extraction]:
    """One light Extraction per article of the incident frame: its incidents (each with the places of its
    rows), those places, and its claims. No body: passages are read from the store when shown.
    ``claim_ids``, when given, receives id(Claim) → the frame's claim_id."""
    by_article: dict[str, Extraction] = {}
    seen: dict[tuple[str, str], Incident] = {}
    cols = ["article_id", "incident_id", "published", "date", "date_precision", "place", "lat", "lon",
            "precision", "country", "event_type", "claimed_by", "attacker", "target", "quote", "start", "end"]
    for (aid, iid, published, day, prec, place, lat, lon, precision, country, etype, by, attacker, target,
         quote, start, end) in zip(*(incidents[c].tolist() for c in cols)):
        ex = by_article.get(aid)
        if ex is None:
            ex = by_article[aid] = Extraction(Article(aid, "", published=_value(published)))
        inc = seen.get((aid, iid))
        if inc is None:
            inc = seen[(aid, iid)] = Incident(iid, etype, _value(day), _value(prec), [], by, quote, int(start),
                                              int(end), attacker=_value(attacker), target=_value(target))
            ex.incidents.append(inc)
        if place not in inc.places:
            inc.places.append(place)
        if not any(p.name == place for p in ex.places):
            ex.places.append(Place(place, int(start), int(end), place, _value(country), float(lat), float(lon),
                                   _value(precision), "incident"))
    if not claims.empty:
        mine = claims[claims["article_id"].isin(by_article)]
        for row in mine.itertuples(index=False):
            parent = _value(row.part_of)  # the claim_id of the figure a breakdown belongs under
            c = Claim(row.kind, _count(row.count_low), _count(row.count_high), row.qualifier, row.side, row.scope,
                      row.claimed_by, _value(row.claimed_by_text), row.quote, int(row.start), int(row.end),
                      places=list(row.places), date=_value(row.date), what=_value(row.what),
                      part_of=int(parent.rsplit("-c", 1)[1]) if parent else None)
            by_article[row.article_id].claims.append(c)
            if claim_ids is not None:
                claim_ids[id(c)] = row.claim_id
    return list(by_article.values())


def main_type(event: Event) -> str:
    """The event type most of its reports give (ties: by id), which colours the event."""
    counts = Counter(m.incident.event_type for m in event.members)
    return min(counts, key=lambda t: (-counts[t], t))


def killed_by_side(event_ranges: list[Range]) -> dict[str, int]:
    """Side → best killed figure of the event (ranges of the event's totals)."""
    return {r.side: r.best for r in event_ranges if r.kind == "killed" and r.best is not None}


@dataclass
class EventIndex:
    events: list[Event]
    incidents: pd.DataFrame  # the incident frame's rows, with event_id, event_main_type and fatalities
    table: pd.DataFrame  # one row per event (TABLE_COLUMNS), newest first
    claim_events: pd.DataFrame  # claim_id → event_id and figure_scope ("" the event's total, "at Kapan"...)
    _by_id: dict[str, Event] = field(default_factory=dict, repr=False)

    def event(self, event_id: str | None) -> Event | None:
        return self._by_id.get(event_id or "")

    def of_rows(self, incidents: pd.DataFrame) -> pd.DataFrame:
        """The table's rows of the events these incident rows belong to, in the table's order."""
        return self.table[self.table["event_id"].isin(set(incidents["event_id"]))]


def event_index(incidents: pd.DataFrame, claims: pd.DataFrame) -> EventIndex:
    """Group the frames' incidents into events (see the module doc)."""
    claim_ids: dict[int, str] = {}
    events = group_events(extractions_from_frames(incidents, claims, claim_ids)) if len(incidents) else []
    of = {(m.article.id, m.incident.id): ev.id for ev in events for m in ev.members}
    keyed = incidents.assign(event_id=[of.get(k) for k in zip(incidents["article_id"], incidents["incident_id"])])
    rows = []
    for ev in events:
        rs = ranges(ev)
        placed = [p for p in ev.places if p.lat is not None]
        rows.append({
            "event_id": ev.id, "date_start": ev.date_start, "date_end": ev.date_end, "date_precision": ev.precision,
            "when": format_date_range(ev.date_start, ev.date_end, ev.precision) if ev.date_start else "undated",
            "name": ev.name, "places": ev.place_names, "event_type": main_type(ev), "event_types": ev.event_types,
            "n_reports": len(ev.members), "n_articles": len(ev.article_ids),
            "sources": sorted({m.incident.claimed_by for m in ev.members} | {c.claim.claimed_by for c in ev.claims}),
            "killed": killed_by_side(rs), "fatalities": fatalities(rs),
            "n_contradictions": len(unique_contradictions(contradictions(ev))),
            "lat": placed[0].lat if placed else None, "lon": placed[0].lon if placed else None,
        })
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    if len(table):
        undated = table["date_start"].isna()
        table = pd.concat([table[~undated].sort_values(["date_start", "event_id"], ascending=[False, True]),
                           table[undated].sort_values("event_id")], ignore_index=True)
    # What the map draws per row: its event's colour category and toll.
    keyed["event_main_type"] = keyed["event_id"].map(dict(zip(table["event_id"], table["event_type"])))
    keyed["fatalities"] = keyed["event_id"].map(dict(zip(table["event_id"], table["fatalities"])))
    told = [(claim_ids[id(f_ref.claim)], ev.id, f.scope_text) for ev in events for f in figures(ev.claims, ev)
            for f_ref in f.refs]
    claim_events = pd.DataFrame(told, columns=["claim_id", "event_id", "figure_scope"]).drop_duplicates("claim_id")
    return EventIndex(events, keyed, table, claim_events, {ev.id: ev for ev in events})


# -- what the Events page shows ---------------------------------------------------------------------------

MAX_TIMELINE_POINTS = 3_000  # more events than this are drawn one mark per day and type


def timeline_frame(table: pd.DataFrame, max_points: int = MAX_TIMELINE_POINTS) -> pd.DataFrame:
    """The dated events as the timeline draws them: date (ISO), event_type, n (events), fatalities (their
    best tolls, 0 when none), when, name. Past ``max_points`` events, one row per day and type."""
    d = table[table["date_start"].notna()]
    out = pd.DataFrame({"date": pd.to_datetime(d["date_start"]).dt.strftime("%Y-%m-%d"), "event_type": d["event_type"],
                        "n": 1, "fatalities": pd.to_numeric(d["fatalities"]).fillna(0).astype(int),
                        "when": d["when"], "name": d["name"], "event_id": d["event_id"]})
    if len(out) <= max_points:
        return out.reset_index(drop=True)
    g = out.groupby(["date", "event_type"], sort=True)
    return g.agg(n=("n", "sum"), fatalities=("fatalities", "sum"), when=("when", "first")).reset_index().assign(
        name=lambda x: x["n"].astype(str) + " events", event_id=None)


def killed_text(killed: dict[str, int], side_names: dict[str, str]) -> str:
    """"Armenia 49 · Azerbaijan 50", or "—"."""
    return " · ".join(f"{side_names.get(s, s)} {n:,}" for s, n in sorted(killed.items())) or "—"


def events_display(table: pd.DataFrame, labels: dict[str, dict[str, str]]) -> pd.DataFrame:
    """The events table as shown: date, places, type, sources, best killed per side, ⚠ and a link to each
    event's page. ``labels``: field ("event_type", "source_short", "side") → value → display name."""
    names = {f: labels.get(f, {}) for f in ("event_type", "source_short", "side")}
    return pd.DataFrame({
        "⚠": ["⚠" if n else "" for n in table["n_contradictions"]],
        "date": table["when"],
        "places": table["places"].map(", ".join),
        "type": table["event_type"].map(lambda t: names["event_type"].get(t, t)),
        "sources": table["sources"].map(lambda ss: ", ".join(names["source_short"].get(s, s) for s in ss)),
        "killed (best, per side)": table["killed"].map(lambda k: killed_text(k, names["side"])),
        "reports": table["n_reports"],
        "event": "/events?event=" + table["event_id"],
    })


def bound_sources(figs, names: dict[str, str]) -> str:
    """Who gives a bound: "Reuters (≥49), Armenian MoD (49)"."""
    return ", ".join(f"{names.get(f.source, f.source)} ({f.text})" for f in figs)


def ranges_display(event_ranges: list[Range], labels: dict[str, dict[str, str]]) -> pd.DataFrame:
    """Low / best / high per side and kind, each bound with the claims behind it, and the parts (places'
    tolls, breakdowns) listed apart."""
    names, sides = labels.get("source_short", {}), labels.get("side", {})

    def num(n):
        return "—" if n is None else f"{n:,}"

    return pd.DataFrame([{
        "side": sides.get(r.side, r.side), "kind": r.kind + (f" ({r.what})" if r.what else ""),
        "low": num(r.low), "from (low)": bound_sources(r.low_from, names),
        "best": num(r.best), "from (best)": bound_sources(r.best_from, names),
        "high": "open (≥)" if r.high_open else num(r.high), "from (high)": bound_sources(r.high_from, names),
        "parts, never added": "; ".join(f"{f.scope_text}: {names.get(f.source, f.source)} {f.text}" for f in r.parts),
        "rule": r.rule,
    } for r in event_ranges], columns=["side", "kind", "low", "from (low)", "best", "from (best)", "high",
                                       "from (high)", "parts, never added", "rule"])
