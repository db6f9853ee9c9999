"""The words behind a record: the passage around a span, as escaped HTML.

Every incident and claim points at characters of its article's body; the
views show that passage with the place (or figure) highlighted, so a reader
can judge the record from its source. Output is safe HTML (geo.present.escape).
"""
from __future__ import annotations

from geo.present.escape import esc, highlight

ELLIPSIS = "…"


def window(body: str, start: int, end: int, context: int = 160) -> tuple[int, int]:
    """[start, end) widened by up to ``context`` characters each side, cut at a sentence end or a word gap."""
    start, end = max(0, start), min(len(body), max(start, end))
    lo = max(0, start - context)
    if lo > 0:
        cut = max(body.rfind(". ", lo, start), body.rfind("\n", lo, start))
        lo = cut + 1 if cut >= 0 else (body.find(" ", lo, start) + 1 or lo)
    hi = min(len(body), end + context)
    if hi < len(body):
        stops = [i for i in (body.find(". ", end, hi), body.find("\n", end, hi)) if i >= 0]
        gap = body.rfind(" ", end, hi)
        hi = min(stops) + 1 if stops else (gap if gap > end else hi)
    while lo < start and body[lo].isspace():
        lo += 1
    return lo, hi


def passage_html(body: str, start: int, end: int, marks: list[tuple[int, int]] = (),
                 context: int = 160) -> str:
    """Escaped passage around body[start:end]; ``marks`` (body offsets) are wrapped in <mark>.

    Line breaks become <br>, so the result stays one HTML block when embedded in Markdown.

    With no marks, the span itself is marked. An ellipsis shows where the text was cut.
    """
    lo, hi = window(body, start, end, context)
    spans = [(s - lo, e - lo) for s, e in (marks or [(start, end)]) if s < hi and e > lo]
    html = highlight(body[lo:hi].rstrip(), spans).replace("\n", "<br>")
    return (ELLIPSIS + " " if lo > 0 else "") + html + (" " + ELLIPSIS if hi < len(body) else "")


def article_html(body: str, marks: list[tuple[int, int, str]]) -> str:
    """The whole article, escaped, each (start, end, css_class) span marked; paragraphs kept.

    Marks may overlap (a place inside a figure's clause): each stretch of text takes the innermost
    (shortest) mark covering it, so every mark stays visible — the place as a place, the rest of the
    clause as the figure.
    """
    marks = [(max(0, s), min(len(body), e), c) for s, e, c in marks if e > s]
    cuts = sorted({0, len(body), *(s for s, _, _ in marks), *(e for _, e, _ in marks)})
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        covering = [(e - s, s, c) for s, e, c in marks if s <= lo and hi <= e]
        text = esc(body[lo:hi])
        out.append(f'<mark class="{esc(min(covering)[2])}">{text}</mark>' if covering else text)
    return "".join(out).replace("\n", "<br>\n")


def figure_span(body: str, start: int, end: int, count_text: str | None) -> tuple[int, int]:
    """Where a claim's figure is written: its words (``count_text``) inside its passage [start, end),
    else the whole passage."""
    if count_text:
        at = body.find(count_text, start, end)
        if at >= 0:
            return at, at + len(count_text)
    return start, end
