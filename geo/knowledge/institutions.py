"""Sources composed of an institution and a side ("Azerbaijan's Ministry of Defence").

A conflict file lists the kinds of institution that speak (`institutions:`)
and the actors that have them: its `sides` and its `third_parties`. Each
actor's own `institutions:` maps a kind to the source it names ("army:
armenian_mod"); a kind it does not map composes into a source of its own,
`<actor>_<kind>`, named "<institution> of <actor>". The words for each kind
live per language (data/lang/<code>/institutions.yaml), so a source that is
an institution needs no phrase list in any language.
"""
from __future__ import annotations

from typing import Any, Iterator


def actors(conflict: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(id, data, is_side) of every side and third party that has names in text."""
    for key, is_side in (("sides", True), ("third_parties", False)):
        for aid, a in (conflict.get(key) or {}).items():
            if a.get("names") or a.get("adjectives"):
                yield aid, a, is_side


def institution_table(conflict: dict[str, Any]) -> dict[tuple[str, str], str]:
    """{(actor, institution kind): source id} for every actor and kind."""
    kinds = conflict.get("institutions") or {}
    return {(aid, kind): (a.get("institutions") or {}).get(kind) or f"{aid}_{kind}"
            for aid, a, _ in actors(conflict) for kind in kinds}


def with_composed_sources(conflict: dict[str, Any]) -> dict[str, Any]:
    """The conflict's data with a `sources` entry for every composed source it lacks."""
    sources = dict(conflict.get("sources") or {})
    kinds = conflict.get("institutions") or {}
    named = {aid: (a, is_side) for aid, a, is_side in actors(conflict)}
    for (aid, kind), sid in institution_table(conflict).items():
        if sid in sources:
            continue
        a, is_side = named[aid]
        inst = kinds[kind] or {}
        party = a.get("party", aid) if is_side else "third"
        entry = {"name": f"{inst.get('name', kind)} of {a.get('name', aid)}",
                 "short": f"{a.get('name', aid)} {inst.get('short', kind)}", "party": party, "cues": {}}
        if is_side and party != aid:
            entry["side"] = aid  # whose people it calls "ours"
        sources[sid] = entry
    return {**conflict, "sources": sources}
