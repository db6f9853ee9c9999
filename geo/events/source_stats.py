"""Per source: its party, and how its figures fare against others' in an event.

A figure (one claimant's number for one event, side and kind) *agrees* when it
is compatible with every other claimant's figure for the same event, side and
kind; *contradicts* when at least one is incompatible; is *uncorroborated*
when nobody else gives a number for it (see geo.events.compare.figure_agreement).
"""
from __future__ import annotations

from geo.events.compare import figure_agreement
from geo.events.grouping import Event
from geo.knowledge.files import Conflict

PARTY_LABELS = {"third": "third-party government", "media": "media"}


def party_label(conflict: Conflict, party: str | None) -> str:
    """'Armenia-aligned' for a side's party, else the label of third / media."""
    if party in conflict.sides:
        return f"{conflict.sides[party].name}-aligned"
    return PARTY_LABELS.get(party or "", "unknown")


AGREEMENT = ("agree", "contradict", "uncorroborated")


def agreement(event: Event) -> dict[str, list[int]]:
    """Source → [agree, contradict, uncorroborated] (AGREEMENT's order): how its figures fare against the
    event's other claimants' (figure_agreement). Kept per event, to be summed over any selection."""
    out: dict[str, list[int]] = {}
    for fig, status in figure_agreement(event):
        out.setdefault(fig.source, [0, 0, 0])[AGREEMENT.index(status)] += 1
    return out
