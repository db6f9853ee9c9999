"""The Events page's timeline: one mark per event by date, coloured by event type (the data files'
colours), sized by its best fatality figure; an x-brush whose range is the page's date filter."""
from __future__ import annotations

import altair as alt
import pandas as pd

from geo.present.colours import event_type_colours, scale

BRUSH = "brush"


def timeline_chart(rows: pd.DataFrame, type_names: dict[str, str], brushed: tuple[str, str] | None = None) -> alt.Chart:
    """``rows``: geo.present.events.timeline_frame. ``brushed``: (from, to) ISO dates the brush starts on."""
    data = rows.assign(type=rows["event_type"].map(lambda t: type_names.get(t, t)))
    domain, colours = scale(event_type_colours(), type_names, sorted(set(data["type"])))
    brush = alt.selection_interval(name=BRUSH, encodings=["x"],
                                   value={"x": list(brushed)} if brushed else alt.Undefined)
    return alt.Chart(data).mark_circle(opacity=0.75, stroke="#333", strokeWidth=0.5).encode(
        x=alt.X("date:T", title=None, scale=alt.Scale(padding=32)),
        y=alt.Y("type:N", title=None, sort=domain, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("type:N", scale=alt.Scale(domain=domain, range=colours), legend=None),
        size=alt.Size("fatalities:Q", title="fatalities (best)", scale=alt.Scale(range=[60, 900], zero=True),
                      legend=alt.Legend(orient="right", tickCount=3)),
        tooltip=[alt.Tooltip("when:N", title="date"), alt.Tooltip("name:N", title="event"),
                 alt.Tooltip("type:N", title="type"), alt.Tooltip("fatalities:Q", title="fatalities (best)"),
                 alt.Tooltip("n:Q", title="events")],
    ).add_params(brush).properties(height=max(150, 48 * len(domain)))


def brushed_dates(selection) -> tuple[str, str] | None:
    """The brush's (from, to) ISO dates from st.altair_chart's selection state, or None."""
    picked = (selection or {}).get(BRUSH) or {}
    span = picked.get("date") or next(iter(picked.values()), None)
    if not span or len(span) != 2:
        return None
    lo, hi = sorted(pd.to_datetime(v, unit="ms" if isinstance(v, (int, float)) else None) for v in span)
    return lo.date().isoformat(), hi.date().isoformat()
