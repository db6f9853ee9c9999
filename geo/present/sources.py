"""What the Sources page shows, shaped here so that the page only lays it out.

Events told by several claimants (newest first), the place spans that mark a
"where" cell's passages, and one row per claimant with its party and how its
figures fare against others'. Pure functions over geo.present.events'
index and geo.present.tables' frames.
"""
from __future__ import annotations

import pandas as pd

from geo.events.grouping import Event, Ref
from geo.events.source_stats import party_label
from geo.knowledge.files import default_knowledge
from geo.present.events import EventIndex
from geo.present.tables import claimants_frame

CLAIMANT_COLUMNS = {"claimant": "Claimant", "party": "Speaks for", "places": "Places it reports",
                    "event_types": "Event types", "figures": "Figures (incident)", "blames": "Blames",
                    "agreement": "Its figures vs others'", "n_articles": "Articles"}


def told_by_several(index: EventIndex, incidents: pd.DataFrame, limit: int) -> tuple[list[Event], int]:
    """The newest ``limit`` events of these incident rows that more than one claimant tells, and how many
    there are in all."""
    rows = index.of_rows(incidents)
    several = rows[rows["sources"].map(len) > 1]
    return index.events(several["event_id"].head(limit)), len(several)


def place_marks(index: EventIndex, events: list[Event]) -> dict[Ref, list[tuple[int, int]]]:
    """Each report's passage (its Ref) → the spans of its places, to mark a "where" cell's passages."""
    keys = {(m.article.id, m.incident.id): m.ref for ev in events for m in ev.members}
    rows = index.incidents[[k in keys for k in zip(index.incidents["article_id"], index.incidents["incident_id"])]]
    out: dict[Ref, list[tuple[int, int]]] = {}
    for aid, iid, spans in zip(rows["article_id"], rows["incident_id"], rows["place_spans"]):
        out.setdefault(keys[(aid, iid)], []).extend(spans)
    return out


def agreement_totals(event_rows: pd.DataFrame) -> dict[str, list[int]]:
    """Source → [agree, contradict, uncorroborated] summed over these rows of the events table."""
    out: dict[str, list[int]] = {}
    for per_source in event_rows["agreement"]:
        for src, counts in per_source.items():
            out[src] = [a + b for a, b in zip(out.get(src, [0, 0, 0]), counts)]
    return out


def claimants_view(incidents: pd.DataFrame, claims: pd.DataFrame, event_rows: pd.DataFrame,
                   labels: dict[str, dict[str, str]]) -> pd.DataFrame:
    """One row per claimant (geo.present.tables.claimants_frame) with its party and its figures' agreement
    with other claimants' in the events of ``event_rows`` (rows of the events table), named for display
    (CLAIMANT_COLUMNS), plus ``claimed_by``."""
    names = {f: labels.get(f, {}) for f in ("claimed_by", "event_type", "side")}
    summary = claimants_frame(incidents, claims, names["side"])
    conflict = default_knowledge().conflict
    totals = agreement_totals(event_rows)
    view = summary.assign(
        party=summary["claimed_by"].map(lambda v: party_label(conflict, conflict.source_party(v))),
        agreement=summary["claimed_by"].map(
            lambda v: "{} agree · {} contradict · {} alone".format(*totals[v]) if v in totals else ""),
        claimant=summary["claimed_by"].map(lambda v: names["claimed_by"].get(v, v)),
        places=summary["places"].map(", ".join),
        event_types=summary["event_types"].map(lambda ts: ", ".join(names["event_type"].get(t, t) for t in ts)),
        figures=summary["figures"].map("; ".join),
        blames=summary["blames"].map(lambda ss: ", ".join(names["side"].get(s, s) for s in ss)),
    )
    return view[["claimed_by", *CLAIMANT_COLUMNS]].rename(columns=CLAIMANT_COLUMNS)
