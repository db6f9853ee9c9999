"""Making untrusted text (anything read from an article) safe to put in markup.

folium inserts Popup and Tooltip HTML raw into a JavaScript template literal,
where ``${...}`` runs even after ordinary HTML escaping, so besides
``& < > " '`` we also escape ``$``, the backtick and the backslash.

Streamlit reads Markdown (and LaTeX between ``$``, and its own ``:red[...]``
directives) in headings, captions, help tooltips, metric and widget labels:
``md_plain`` makes article text plain there, so that a title
``![x](http://host/p.png)`` is those characters, not an image every reader's
browser fetches. ``option_text`` is the text of a select box option (plain
already, but it must be a string: a missing title is a float NaN).
"""
from __future__ import annotations

import math
import re

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


# CommonMark lets any ASCII punctuation be backslash-escaped; these open something anywhere in a
# line (emphasis, code, links and images, HTML and entities, LaTeX, tables, strikethrough, Streamlit's
# :color[...] directives), and _LINE_START what opens a block at the start of one (heading, list, quote).
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>!$|~&^#])")
_LINE_START = re.compile(r"\A(?:\d+(?=[.)])|(?=[-+=>]))")  # before the marker, or between "1" and "."


def md_plain(text: object) -> str:
    """Untrusted text → Markdown that shows exactly its characters, on one line (a heading or label)."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    one_line = _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))
    return _LINE_START.sub(lambda m: m.group() + "\\", one_line, count=1)


def option_text(value: object, missing: str = "—") -> str:
    """A select box's option label (format_func): always a string, ``missing`` for None or NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    return str(value)


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
