"""Making untrusted text (anything read from an article) safe to put in markup.

folium inserts Popup and Tooltip HTML raw into a JavaScript template literal,
where ``${...}`` runs even after ordinary HTML escaping, so besides
``& < > " '`` we also escape ``$``, the backtick and the backslash.
"""
from __future__ import annotations

_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#x27;",
    "$": "&#36;",
    "`": "&#96;",
    "\\": "&#92;",
}
_TABLE = str.maketrans(_ENTITIES)


def esc(text: object) -> str:
    """Text → HTML that shows the same characters and runs nothing, also inside a JS template literal."""
    if text is None:
        return ""
    return str(text).translate(_TABLE)


def highlight(text: str, spans: list[tuple[int, int]], css_class: str = "hl") -> str:
    """Escape ``text`` and wrap each (start, end) span in ``<mark>``; overlapping spans are merged."""
    out: list[str] = []
    pos = 0
    for start, end in _merged(spans, len(text)):
        out.append(esc(text[pos:start]))
        out.append(f'<mark class="{css_class}">{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def _merged(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    clipped = sorted((max(0, s), min(length, e)) for s, e in spans if e > s)
    merged: list[tuple[int, int]] = []
    for s, e in clipped:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        elif s < e:
            merged.append((s, e))
    return merged
