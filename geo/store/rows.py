"""Extraction ⇄ table rows (pure): what the store writes and how it reads back."""
from __future__ import annotations

import json
from dataclasses import fields
from datetime import datetime
from operator import attrgetter
from typing import Any, Iterable

from geo.models import Article, Claim, Extraction, Incident, Place
from geo.store import schema as t
from geo.store.corrections import Correction

_ARTICLE_FIELDS = [f.name for f in fields(Article)]
_CHILD_TABLES = (t.places, t.claims, t.incidents, t.claim_places, t.incident_places)  # parents first
CHILD_COLUMNS = {table.name: [c.name for c in table.c] for table in _CHILD_TABLES}
"""The column order of the tuples child_rows gives, per table."""
# A record's values for its table's columns after article_id and seq.
_FIELD_GETTERS = {name: attrgetter(*CHILD_COLUMNS[name][2:]) for name in ("places", "claims", "incidents")}
_MENTIONS = CHILD_COLUMNS["claims"].index("mentions") - 2  # stored as JSON text


def article_row(
    article: Article, *, status: str, reason: str | None, warnings: list[str], version: str | None, now: datetime
) -> dict[str, Any]:
    row = {name: getattr(article, name) for name in _ARTICLE_FIELDS}  # asdict would deep-copy the body
    row.update(
        status=status,
        status_reason=reason,
        warnings=list(warnings),
        ingested_at=now,
        extracted_at=now if status != "error" else None,
        extractor_version=version,
    )
    return row


def child_rows(ex: Extraction, key: int) -> dict[str, list[tuple]]:
    """Rows of places, claims, incidents and their place links, keyed by table name (parents first),
    as tuples in the order of CHILD_COLUMNS: written in bulk, they skip per-row dicts. ``key`` is the
    article's article_key."""
    # The mention a record's place name points at: the first incident mention, else the first.
    first_mention: dict[str, int] = {}
    for seq, p in enumerate(ex.places):
        current = first_mention.get(p.name)
        if p.name is not None and (
            current is None or (p.role == "incident" and ex.places[current].role != "incident")
        ):
            first_mention[p.name] = seq

    def links(records) -> list[tuple]:
        return [(key, seq, pos, name, first_mention.get(name))
                for seq, r in enumerate(records) for pos, name in enumerate(r.places)]

    def rows(table, records) -> list[tuple]:
        # The record's fields as they are: asdict would deep-copy what is only written.
        values = _FIELD_GETTERS[table.name]
        return [(key, seq, *values(r)) for seq, r in enumerate(records)]

    def claim_rows() -> list[tuple]:
        out = []
        for row in rows(t.claims, ex.claims):
            row = list(row)
            row[2 + _MENTIONS] = json.dumps(row[2 + _MENTIONS]) if row[2 + _MENTIONS] else None
            out.append(tuple(row))
        return out

    return {
        "places": rows(t.places, ex.places),
        "claims": claim_rows(),
        "incidents": rows(t.incidents, ex.incidents),
        "claim_places": links(ex.claims),
        "incident_places": links(ex.incidents),
    }


def mentions_from_row(value) -> list[dict[str, int]]:
    """claims.mentions as stored (JSON text; NULL, or NaN in a frame, when stated once or stored
    before mentions existed)."""
    return json.loads(value) if isinstance(value, str) and value else []


def article_from_row(row: dict[str, Any]) -> Article:
    return Article(**{k: row.get(k) for k in _ARTICLE_FIELDS})


def extraction_from_rows(
    article: dict[str, Any],
    places: Iterable[dict[str, Any]],
    claims: Iterable[dict[str, Any]],
    incidents: Iterable[dict[str, Any]],
    claim_places: Iterable[dict[str, Any]],
    incident_places: Iterable[dict[str, Any]],
) -> Extraction:
    """Rebuild one Extraction; child rows must belong to this article (any order)."""

    def names(links) -> dict[int, list[str]]:
        out: dict[int, list[tuple[int, str]]] = {}
        for link in links:
            out.setdefault(link["owner_seq"], []).append((link["pos"], link["name"]))
        return {seq: [n for _, n in sorted(pairs)] for seq, pairs in out.items()}

    def build(cls, rows, place_names=None):
        allowed = {f.name for f in fields(cls)}
        out = []
        for r in sorted(rows, key=lambda r: r["seq"]):
            d = {k: v for k, v in r.items() if k in allowed}
            if place_names is not None:
                d["places"] = place_names.get(r["seq"], [])
            if "mentions" in allowed:
                d["mentions"] = mentions_from_row(d.get("mentions"))
            out.append(cls(**d))
        return out

    return Extraction(
        article=article_from_row(article),
        places=build(Place, places),
        claims=build(Claim, claims, names(claim_places)),
        incidents=build(Incident, incidents, names(incident_places)),
        warnings=list(article.get("warnings") or []),
    )


def correction_from_row(row: dict[str, Any]) -> Correction:
    allowed = {f.name for f in fields(Correction)}
    return Correction(**{k: v for k, v in row.items() if k in allowed})
