"""The dashboard's unit: events (geo.events.grouping) built from the frames every page reads.

``event_index(incidents, claims)`` groups the rows of geo.present.tables'
incident and claim frames into events without reading any extraction (the
store's frames are all a page has): each article becomes a light Extraction
(its incidents with their placed places, its claims) for group_events. What
the pages need comes back as frames — ``incidents`` with an ``event_id``
column, and ``table``, one row per event (date, places, types, sources,
best killed per side, contradictions) — and ``event(id)`` gives the Event
itself for its page, rebuilt from its rows. ``index_bytes`` and
``index_from_bytes`` write and read the grouping alone (which incident and
claim is in which event, and the table), for the store to keep; ``grouping_key``
says what else it depends on. Pure functions but grouping_key, which reads
the knowledge's files.
"""
from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from geo.events.compare import contradictions
from geo.events.grouping import Event, date_interval, format_date_range, group_events
from geo.events.ranges import Range, fatalities, figures, ranges
from geo.events.source_stats import agreement
from geo.events.table import unique_contradictions
from geo.knowledge.files import Knowledge, default_knowledge
from geo.models import Article, Claim, Extraction, Incident, Place
from geo.present.filters import among

TABLE_COLUMNS = ["event_id", "date_start", "date_end", "date_precision", "when", "name", "places", "event_type",
                 "event_types", "n_reports", "n_articles", "sources", "killed", "fatalities", "n_contradictions",
                 "agreement", "lat", "lon"]


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
        mine = claims[among(claims["article_id"], list(by_article))]
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


CACHED_EVENTS = 256  # events rebuilt for pages (an event page, the newest events told by several sources)


@dataclass
class EventIndex:
    """The events as frames (what every page filters), and any one event rebuilt when a page shows it.

    Holding the Event objects of a large store would cost more memory than its frames: an event is
    rebuilt from its rows (the stored assignment of incidents and claims to events) when asked for."""

    incidents: pd.DataFrame  # the incident frame's rows, with event_id, event_main_type and fatalities
    table: pd.DataFrame  # one row per event (TABLE_COLUMNS), newest first
    claim_events: pd.DataFrame  # claim_id → event_id and figure_scope ("" the event's total, "at Kapan"...)
    claims: pd.DataFrame  # the claim frame the events were built from
    _built: dict[str, Event] = field(default_factory=dict, repr=False)

    def event(self, event_id: str | None) -> Event | None:
        return (self.events([event_id]) or [None])[0] if event_id else None

    def events(self, event_ids) -> list[Event]:
        """The events of these ids (unknown ones left out), in the order given. A few are kept for the
        next run of the page; a long list (a download of them all) is rebuilt and let go."""
        ids = [e for e in dict.fromkeys(event_ids) if e is not None]
        built = self._built
        missing = [e for e in ids if e not in built]
        fresh = rebuild_events(self.incidents, self.claims, self.claim_events, missing) if missing else {}
        if len(ids) <= CACHED_EVENTS:
            if len(built) + len(fresh) > CACHED_EVENTS:
                built.clear()
            built.update(fresh)
        return [ev for e in ids if (ev := fresh.get(e) or built.get(e)) is not None]

    def of_rows(self, incidents: pd.DataFrame) -> pd.DataFrame:
        """The table's rows of the events these incident rows belong to, in the table's order."""
        return self.table[among(self.table["event_id"], incidents["event_id"].unique())]


def rebuild_events(incidents: pd.DataFrame, claims: pd.DataFrame, claim_events: pd.DataFrame,
                   event_ids: list[str]) -> dict[str, Event]:
    """The events of these ids as group_events made them, from their rows alone.

    Grouping an event's own incidents again gives that event back: every merge that made it linked two
    of its incidents and was decided on them alone. Its articles' claims come with it: the incident
    figures assigned to it (claim_events) and their earlier and background ones."""
    wanted = among(incidents["event_id"], event_ids)
    arts = incidents.loc[wanted, "article_id"].unique()
    rows = incidents[among(incidents["article_id"], arts)]  # whole articles: their places as grouping saw them
    mine = claim_events[among(claim_events["event_id"], event_ids)]
    assigned = dict(zip(mine["claim_id"], mine["event_id"]))
    their = claims[among(claims["article_id"], arts)] if len(claims) else claims
    if len(their):
        their = their[(their["scope"] != "incident").to_numpy() | among(their["claim_id"], mine["claim_id"])]
    claim_ids: dict[int, str] = {}
    exs = {ex.article.id: ex for ex in extractions_from_frames(rows, their, claim_ids)}
    out: dict[str, Event] = {}
    for eid, members in incidents[wanted].groupby("event_id", sort=False):
        keys = set(zip(members["article_id"], members["incident_id"]))
        own = []
        for aid in dict.fromkeys(members["article_id"]):
            ex = exs[aid]
            own.append(Extraction(ex.article, ex.places, incidents=[i for i in ex.incidents if (aid, i.id) in keys],
                                  claims=[c for c in ex.claims if c.scope != "incident"
                                          or assigned.get(claim_ids[id(c)]) == eid]))
        (ev,) = group_events(own)
        out[eid] = ev
    return out


def event_index(incidents: pd.DataFrame, claims: pd.DataFrame) -> EventIndex:
    """Group the frames' incidents into events (see the module doc)."""
    claim_ids: dict[int, str] = {}
    events = group_events(extractions_from_frames(incidents, claims, claim_ids)) if len(incidents) else []
    of = {(m.article.id, m.incident.id): ev.id for ev in events for m in ev.members}
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
            "n_contradictions": len(unique_contradictions(contradictions(ev))), "agreement": agreement(ev),
            "lat": placed[0].lat if placed else None, "lon": placed[0].lon if placed else None,
        })
    scopes = {(id(ref.claim), ev.id): f.scope_text for ev in events for f in figures(ev.claims, ev) for ref in f.refs}
    told = [(claim_ids[id(ref.claim)], ev.id, scopes.get((id(ref.claim), ev.id), "")) for ev in events
            for ref in ev.claims]
    return indexed(incidents, claims, pd.DataFrame(rows, columns=TABLE_COLUMNS), [of.get(k) for k in zip(
        incidents["article_id"], incidents["incident_id"])], pd.DataFrame(told, columns=CLAIM_EVENT_COLUMNS))


CLAIM_EVENT_COLUMNS = ["claim_id", "event_id", "figure_scope"]


def indexed(incidents: pd.DataFrame, claims: pd.DataFrame, table: pd.DataFrame, event_ids: list,
            claim_events: pd.DataFrame) -> EventIndex:
    """The index of a grouping: the table newest first (undated last) and, on each incident row (in place:
    one copy of a large frame is enough), its event and what the map draws of it (colour, toll)."""
    if len(table):
        undated = table["date_start"].isna()
        table = pd.concat([table[~undated].sort_values(["date_start", "event_id"], ascending=[False, True]),
                           table[undated].sort_values("event_id")], ignore_index=True)
    incidents["event_id"] = event_ids
    incidents["event_main_type"] = incidents["event_id"].map(dict(zip(table["event_id"], table["event_type"])))
    incidents["fatalities"] = incidents["event_id"].map(dict(zip(table["event_id"], table["fatalities"])))
    return EventIndex(incidents, table, claim_events.drop_duplicates("claim_id").reset_index(drop=True), claims)


OWN_MARGIN_DAYS = 7  # a viewer's own articles are grouped with the shared events within a week of theirs
EVENT_COLUMNS = ["event_id", "event_main_type", "fatalities"]  # what indexed() adds to the incident rows


def with_own_articles(base: EventIndex, incidents: pd.DataFrame, claims: pd.DataFrame, own_ids) -> EventIndex:
    """The shared events (``base``) with a viewer's own articles grouped in, without grouping the whole store
    again for each viewer who adds one (half a minute at 10,000 events).

    ``incidents`` and ``claims``: the shared frames with the own articles' rows (``own_ids``) added or put in
    place of the same articles'; the shared rows still carry their events. Grouped again: the own rows and
    the shared events within OWN_MARGIN_DAYS of their dates, or that held a replaced article; every other
    event is kept as it is. The same as grouping everything, but where merges chain further than a week."""
    own = among(incidents["article_id"], own_ids)
    spans = [iv for iv in map(date_interval, incidents.loc[own, "date"], incidents.loc[own, "date_precision"]) if iv]
    t = base.table
    near = among(t["event_id"], base.incidents.loc[among(base.incidents["article_id"], own_ids), "event_id"].unique())
    if spans:
        lo = min(iv[0] for iv in spans) - timedelta(days=OWN_MARGIN_DAYS)
        hi = max(iv[1] for iv in spans) + timedelta(days=OWN_MARGIN_DAYS)
        dated = t["date_start"].notna().to_numpy()
        near |= dated & np.array([bool(s and s <= hi and e >= lo) for s, e in zip(t["date_start"], t["date_end"])])
    again = t.loc[near, "event_id"]
    redo = own | among(incidents["event_id"], again)
    kept_claims = base.claim_events[~among(base.claim_events["event_id"], again)]
    rows = incidents[redo].drop(columns=EVENT_COLUMNS, errors="ignore")
    mine = claims[among(claims["article_id"], rows["article_id"].unique())]
    sub = event_index(rows, mine[~among(mine["claim_id"], kept_claims["claim_id"])])  # claims of kept events stay
    event_ids = incidents["event_id"].to_numpy(dtype=object, na_value=None).copy()
    event_ids[redo] = sub.incidents["event_id"].to_numpy(dtype=object)
    return indexed(incidents, claims, pd.concat([t[~near], sub.table], ignore_index=True), list(event_ids),
                   pd.concat([kept_claims, sub.claim_events], ignore_index=True))


# -- kept in the store ------------------------------------------------------------------------------------
# The grouping is derived from the whole store, and takes about a minute at 10,000 events: it is kept
# in the store (geo.store.Store.save_derived) for the state it was made from, so that a restart or a
# second server reads it instead of grouping again. Its key names what it depends on besides the rows.

GROUPING_VERSION = "1"  # raise when the grouping, the ranges or the table's columns change


def grouping_key(knowledge: Knowledge | None = None) -> str:
    """What a kept grouping depends on besides the store's rows: this code's version and the data files
    the grouping and the figures read (event types, the conflicts' sides and sources)."""
    k = knowledge or default_knowledge()
    files = [k.data_dir / "event_types.yaml", *sorted((k.data_dir / "conflicts").glob("*.yaml"))]
    digest = hashlib.sha256()
    for f in files:
        if f.is_file():
            digest.update(f.read_bytes())
    return f"events-v{GROUPING_VERSION}-{digest.hexdigest()[:16]}"


def index_bytes(index: EventIndex) -> bytes:
    """The grouping of an index (not its frames' rows, which the store holds) as compressed JSON."""
    table = index.table.astype(object).where(index.table.notna(), None)
    doc = {"table": table.to_dict("split")["data"],
           "members": [[a, i, e] for a, i, e in zip(index.incidents["article_id"], index.incidents["incident_id"],
                                                     index.incidents["event_id"]) if e is not None],
           "claims": index.claim_events.values.tolist()}
    return zlib.compress(json.dumps(doc, default=str, separators=(",", ":")).encode(), 6)


def index_from_bytes(data: bytes, incidents: pd.DataFrame, claims: pd.DataFrame) -> EventIndex:
    """index_bytes read back over the frames it was made from."""
    doc = json.loads(zlib.decompress(data))
    table = pd.DataFrame(doc["table"], columns=TABLE_COLUMNS)
    for col in ("date_start", "date_end"):
        table[col] = [date.fromisoformat(d) if d else None for d in table[col]]
    of = {(a, i): e for a, i, e in doc["members"]}
    return indexed(incidents, claims, table, [of.get(k) for k in zip(incidents["article_id"], incidents["incident_id"])],
                   pd.DataFrame(doc["claims"], columns=CLAIM_EVENT_COLUMNS))


# -- what the Events page shows ---------------------------------------------------------------------------

MAX_TIMELINE_POINTS = 3_000  # more events than this are drawn one mark per day, week or month and type
TIMELINE_BINS = {  # a bin's first day, and how its mark names it
    "day": (lambda d: d, lambda d: d.strftime("%-d %b %Y")),
    "week": (lambda d: d - pd.to_timedelta(d.dt.day_of_week, unit="D"), lambda d: "week of " + d.strftime("%-d %b %Y")),
    "month": (lambda d: d.dt.to_period("M").dt.start_time, lambda d: d.strftime("%b %Y")),
}


def timeline_frame(table: pd.DataFrame, max_points: int = MAX_TIMELINE_POINTS) -> tuple[pd.DataFrame, str | None]:
    """The dated events as the timeline draws them: date (ISO), event_type, n (events), fatalities (their
    best tolls, 0 when none), when, name, event_id; and None. Past ``max_points`` events, one row per bin
    and type, the finest bin (day, week, month) that keeps to ``max_points`` rows (else months), and the
    bin's name: a browser draws a few thousand marks quickly, not tens of thousands."""
    d = table[table["date_start"].notna()]
    days = pd.to_datetime(d["date_start"])
    deaths = pd.to_numeric(d["fatalities"]).fillna(0).astype(int)
    if len(d) <= max_points:
        return pd.DataFrame({"date": days.dt.strftime("%Y-%m-%d"), "event_type": d["event_type"], "n": 1,
                             "fatalities": deaths, "when": d["when"], "name": d["name"],
                             "event_id": d["event_id"]}).reset_index(drop=True), None
    days = days.dt.normalize()
    for unit, (first_day, named) in TIMELINE_BINS.items():
        binned = pd.DataFrame({"start": first_day(days), "event_type": d["event_type"], "n": 1, "fatalities": deaths}) \
            .groupby(["start", "event_type"], sort=True).agg(n=("n", "sum"), fatalities=("fatalities", "sum")).reset_index()
        if len(binned) <= max_points:
            break
    # Named once per bin, not per event (formatting dates is most of the cost).
    return pd.DataFrame({"date": binned["start"].dt.strftime("%Y-%m-%d"), "event_type": binned["event_type"],
                         "n": binned["n"], "fatalities": binned["fatalities"], "when": named(binned["start"].dt),
                         "name": binned["n"].astype(str) + " events", "event_id": None}), unit


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
