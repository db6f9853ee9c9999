"""An event's side-by-side table (geo.events.compare) as the Sources page shows it.

Contradictions are flagged in the cells they concern, not only listed apart:
a figure clash flags that figure's row, a blame clash the blame row, a
location clash the where row — in both claimants' columns. Identical
contradictions (the same two claimants saying the same two things, found
once per pair of incidents) are shown once, their passages merged.
"""
from __future__ import annotations

from dataclasses import replace

from geo.events.compare import Contradiction, Table

FLAG = "⚠ "
_ROW_OF_KIND = {"blame": ("blame",), "location": ("where",)}


def unique_contradictions(clashes: list[Contradiction]) -> list[Contradiction]:
    out: dict[tuple, Contradiction] = {}
    for c in clashes:
        key = (c.kind, c.subject, c.source_a, c.source_b, c.says_a, c.says_b)
        if key in out:
            seen = out[key]
            out[key] = replace(seen, refs_a=list(dict.fromkeys(seen.refs_a + c.refs_a)),
                               refs_b=list(dict.fromkeys(seen.refs_b + c.refs_b)))
        else:
            out[key] = c
    return list(out.values())


def flagged_cells(table: Table, clashes: list[Contradiction]) -> set[tuple[int, str]]:
    """(row index, source) of every cell that a contradiction concerns."""
    out = set()
    for i, row in enumerate(table.rows):
        for c in clashes:
            concerned = row.key == _ROW_OF_KIND.get(c.kind) or (c.kind == "figures" and row.key[0] == "figure"
                                                               and row.label == c.subject)
            if concerned:
                out |= {(i, s) for s in (c.source_a, c.source_b) if s in row.cells}
    return out


def display_records(table: Table, flagged: set[tuple[int, str]], names: dict[str, str]) -> list[dict[str, str]]:
    """One dict per row: "" → the row's label, then a column per source (``names``: id → display name),
    flagged cells prefixed with ⚠."""
    return [{"": row.label, **{names.get(s, s): (FLAG if (i, s) in flagged else "") + row.cells[s].text
                               if s in row.cells else "" for s in table.sources}}
            for i, row in enumerate(table.rows)]
