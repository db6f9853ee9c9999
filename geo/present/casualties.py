"""The Casualties page's figures, grouped by the event they speak of (geo.present.events).

Each incident-scope figure sits under its event, newest event first, with its
scope within the event (its total, one place's toll); a breakdown (a claim's
``part_of``, when claims carry it) sits right under the figure it breaks
down, marked as such, never beside it as a rival. Figures of articles with no
placed event, earlier incidents and background war totals stay apart and are
never added. Pure functions over geo.present.tables' claims frame.
"""
from __future__ import annotations

import pandas as pd

from geo.present.events import EventIndex
from geo.present.filters import among

BREAKDOWN = "↳ "  # a breakdown's mark in the side column


def with_events(claims: pd.DataFrame, index: EventIndex) -> pd.DataFrame:
    """The claims with ``event_id`` (None where no event holds them) and ``figure_scope``; a breakdown,
    which no event counts, takes its parent's event and scope, to sit under it."""
    keyed = claims.merge(index.claim_events, on="claim_id", how="left")
    if "part_of" in keyed:
        parent = keyed["part_of"].map(index.claim_events.set_index("claim_id")["event_id"])
        scope = keyed["part_of"].map(index.claim_events.set_index("claim_id")["figure_scope"])
        keyed = keyed.assign(event_id=keyed["event_id"].fillna(parent), figure_scope=keyed["figure_scope"].fillna(scope))
    return keyed.assign(figure_scope=keyed["figure_scope"].fillna(""))


def nest_breakdowns(claims: pd.DataFrame) -> pd.DataFrame:
    """The rows in their order, each breakdown moved right under its parent (``part_of``: the parent's
    claim_id; a column that may be absent: then there are no breakdowns) with ``level`` 1, the others 0.
    A breakdown whose parent is not among the rows stays where it was, at level 0."""
    parts = claims["part_of"] if "part_of" in claims else pd.Series(None, index=claims.index, dtype=object)
    present = set(claims["claim_id"])
    nested = parts.notna() & parts.isin(present)
    children: dict[str, list[int]] = {}
    for i, parent in zip(claims.index[nested], parts[nested]):
        children.setdefault(parent, []).append(i)
    order, level = [], []
    for i, cid, is_child in zip(claims.index, claims["claim_id"], nested):
        if is_child:
            continue
        order.append(i)
        level.append(0)
        for j in children.get(cid, []):
            order.append(j)
            level.append(1)
    return claims.loc[order].assign(level=level)


def event_groups(claims: pd.DataFrame, index: EventIndex, limit: int) -> tuple[list[tuple[pd.Series, pd.DataFrame]], int]:
    """(event row of index.table, its figures nested) for the newest ``limit`` events the claims speak of,
    and how many events there are in all. ``claims``: with_events' rows of scope incident."""
    held = claims[claims["event_id"].notna()]
    table = index.table[among(index.table["event_id"], held["event_id"].unique())]
    groups = []
    for ev in table.head(limit).itertuples(index=False):
        mine = held[held["event_id"] == ev.event_id]
        mine = mine.sort_values(["figure_scope", "side", "kind", "claimed_by"], kind="stable")
        groups.append((pd.Series(ev._asdict()), nest_breakdowns(mine)))
    return groups, len(table)
