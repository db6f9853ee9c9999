"""What the Sources page shows, shaped here so that the page only lays it out.

Events told by several claimants (newest first), the place spans that mark a
"where" cell's passages, and one row per claimant with its party and how its
figures fare against others'. Pure functions over geo.present.events'
index and geo.present.tables' frames.
"""
from __future__ import annotations

import pandas as pd

from geo.events.grouping import Event, Ref
from geo.events.source_stats import source_table
from geo.present.events import EventIndex
from geo.present.tables import claimants_frame

CLAIMANT_COLUMNS = {"claimant": "Claimant", "party": "Speaks for", "places": "Places it reports",
                    "event_types": "Event types", "figures": "Figures (incident)", "blames": "Blames",
                    "agreement": "Its figures vs others'", "n_articles": "Articles"}


def told_by_several(index: EventIndex, incidents: pd.DataFrame) -> list[Event]:
    """The events of these incident rows that more than one claimant tells, newest first."""
    rows = index.of_rows(incidents)
    return [index.event(e) for e, sources in zip(rows["event_id"], rows["sources"]) if len(sources) > 1]


def place_marks(index: EventIndex, events: list[Event]) -> dict[Ref, list[tuple[int, int]]]:
    """Each report's passage (its Ref) → the spans of its places, to mark a "where" cell's passages."""
    keys = {(m.article.id, m.incident.id): m.ref for ev in events for m in ev.members}
    rows = index.incidents[[k in keys for k in zip(index.incidents["article_id"], index.incidents["incident_id"])]]
    out: dict[Ref, list[tuple[int, int]]] = {}
    for aid, iid, spans in zip(rows["article_id"], rows["incident_id"], rows["place_spans"]):
        out.setdefault(keys[(aid, iid)], []).extend(spans)
    return out


def claimants_view(incidents: pd.DataFrame, claims: pd.DataFrame, events: list[Event],
                   labels: dict[str, dict[str, str]]) -> pd.DataFrame:
    """One row per claimant (geo.present.tables.claimants_frame) with its party and its figures' agreement
    with other claimants' in ``events``, named for display (CLAIMANT_COLUMNS), plus ``claimed_by``."""
    names = {f: labels.get(f, {}) for f in ("claimed_by", "event_type", "side")}
    summary = claimants_frame(incidents, claims, names["side"])
    stats = {r["source"]: r for r in source_table(events)}
    view = summary.assign(
        party=summary["claimed_by"].map(lambda v: stats[v]["party_label"] if v in stats else "unknown"),
        agreement=summary["claimed_by"].map(
            lambda v: "{agree} agree · {contradict} contradict · {uncorroborated} alone".format(**stats[v])
            if v in stats else ""),
        claimant=summary["claimed_by"].map(lambda v: names["claimed_by"].get(v, v)),
        places=summary["places"].map(", ".join),
        event_types=summary["event_types"].map(lambda ts: ", ".join(names["event_type"].get(t, t) for t in ts)),
        figures=summary["figures"].map("; ".join),
        blames=summary["blames"].map(lambda ss: ", ".join(names["side"].get(s, s) for s in ss)),
    )
    return view[["claimed_by", *CLAIMANT_COLUMNS]].rename(columns=CLAIMANT_COLUMNS)
