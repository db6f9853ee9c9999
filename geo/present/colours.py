"""One colour per event type and per side, everywhere: taken from the data files, never from the order
in which values happen to appear (data/event_types.yaml ``colour``; the conflict file's sides' ``colour``).
A value the files give no colour is grey."""
from __future__ import annotations

from geo.events.grouping import event_types
from geo.knowledge.files import Conflict, default_knowledge

UNKNOWN_COLOUR = "#777777"
MIXED_COLOUR = "#444444"  # a marker whose events differ in colour category


def event_type_colours() -> dict[str, str]:
    return {t.id: t.colour or UNKNOWN_COLOUR for t in event_types().values()}


def side_colours(conflict: Conflict | None = None) -> dict[str, str]:
    return {s.id: s.colour or UNKNOWN_COLOUR for s in (conflict or default_knowledge().conflict).sides.values()}


def colours_of(field: str) -> dict[str, str]:
    """Value → colour for a field coloured in the views: an event type field (``event_type``, an event's
    ``event_main_type``), or a side field (``side``, ``attacker``, ``target``)."""
    return event_type_colours() if field in ("event_type", "event_main_type") else side_colours()


def scale(colours: dict[str, str], names: dict[str, str] | None = None, shown=None) -> tuple[list[str], list[str]]:
    """(domain, range) for a chart's colour scale: the values ``shown`` (default: all), by display name
    (``names``: value → name) when the chart shows names, each with its fixed colour."""
    names = names or {}
    keep = [v for v in colours if shown is None or v in set(shown) or names.get(v, v) in set(shown)]
    extra = [v for v in (shown or []) if v not in colours and v not in {names.get(k, k) for k in colours}]
    return ([names.get(v, v) for v in keep] + list(extra), [colours[v] for v in keep] + [UNKNOWN_COLOUR] * len(extra))
