"""Event types (data/event_types.yaml), typed: our ids, their ACLED equivalents, whether they are
violence, and which wins when a passage names several. Loaded once per knowledge; extraction and
grouping read the same copy."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

# ACLED's political-violence event types: a type without ``violent`` is violent when it maps onto one.
VIOLENT_ACLED_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


@dataclass(frozen=True)
class EventType:
    id: str
    label: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    violent: bool  # political violence (ACLED), as opposed to ceasefires, mobilisations...
    priority: int = 0  # when a passage names several kinds of violence, the highest wins
    colour: str | None = None  # its colour on every map, chart and legend


def parse_event_types(data: object, origin: str = "event types") -> dict[str, EventType]:
    """Read the mapping ``id: {label, acled_event_type, acled_sub_event_type, violent, priority, colour}``.

    A ValueError names the origin and what is wrong.
    """
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError(f"{origin}: expected a mapping of event type ids")
    data = data.get("event_types", data.get("types", data))
    out = {}
    for tid, spec in data.items():
        if not isinstance(spec, dict):
            raise ValueError(f"{origin}: event type {tid!r} must be a mapping")
        acled = spec.get("acled") if isinstance(spec.get("acled"), dict) else {}
        acled_type = spec.get("acled_event_type") or acled.get("event_type")
        out[str(tid)] = EventType(
            id=str(tid),
            label=str(spec.get("label") or str(tid).replace("_", " ")),
            acled_event_type=acled_type,
            acled_sub_event_type=spec.get("acled_sub_event_type") or acled.get("sub_event_type"),
            violent=bool(spec["violent"]) if "violent" in spec else acled_type in VIOLENT_ACLED_TYPES,
            priority=int(spec.get("priority") or 0),
            colour=str(spec["colour"]) if spec.get("colour") else None,
        )
    return out


def read_event_types(path: Path) -> dict[str, EventType]:
    """The event types of a file (none when it is absent); a ValueError names the file."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ValueError(f"{path}: {e}") from None
    return parse_event_types(data, str(path))
