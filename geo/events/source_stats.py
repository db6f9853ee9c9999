"""Per source: its party, how much it claims, and how its figures fare against others'.

A figure (one claimant's number for one event, side and kind) *agrees* when it
is compatible with every other claimant's figure for the same event, side and
kind; *contradicts* when at least one is incompatible; is *uncorroborated*
when nobody else gives a number for it (see geo.events.compare.figure_agreement).
"""
from __future__ import annotations

from typing import Iterable

from geo.events.compare import figure_agreement
from geo.events.grouping import Event
from geo.knowledge.files import Conflict, Knowledge, default_knowledge
from geo.models import Extraction

PARTY_LABELS = {"third": "third-party government", "media": "media"}


def party_label(conflict: Conflict, party: str | None) -> str:
    """'Armenia-aligned' for a side's party, else the label of third / media."""
    if party in conflict.sides:
        return f"{conflict.sides[party].name}-aligned"
    return PARTY_LABELS.get(party or "", "unknown")


def source_table(events: list[Event], extractions: Iterable[Extraction] = (),
                 knowledge: Knowledge | None = None) -> list[dict]:
    """One row per source that claims anything, sorted by claims (desc) then id.

    ``claims`` counts every claim of the extractions (all scopes, an article
    counted once); ``events`` the events where the source tells an incident
    or an incident figure.
    """
    conflict = (knowledge or default_knowledge()).conflict
    claims: dict[str, int] = {}
    seen = set()
    for ex in extractions:
        if ex.article.id in seen:
            continue
        seen.add(ex.article.id)
        for c in ex.claims:
            claims[c.claimed_by] = claims.get(c.claimed_by, 0) + 1
    n_events: dict[str, int] = {}
    tally: dict[str, dict[str, int]] = {}
    for ev in events:
        for src in {m.incident.claimed_by for m in ev.members} | {r.claim.claimed_by for r in ev.claims}:
            n_events[src] = n_events.get(src, 0) + 1
        for fig, status in figure_agreement(ev):
            t = tally.setdefault(fig.source, {"agree": 0, "contradict": 0, "uncorroborated": 0})
            t[status] += 1
    rows = []
    for src in set(claims) | set(n_events):
        spec = conflict.sources.get(src)
        party = spec.party if spec else None
        t = tally.get(src, {})
        rows.append({
            "source": src,
            "name": spec.name if spec else src,
            "party": party,
            "party_label": party_label(conflict, party),
            "claims": claims.get(src, 0),
            "events": n_events.get(src, 0),
            "agree": t.get("agree", 0),
            "contradict": t.get("contradict", 0),
            "uncorroborated": t.get("uncorroborated", 0),
        })
    return sorted(rows, key=lambda r: (-r["claims"], -r["events"], r["source"]))
