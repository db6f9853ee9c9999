"""Events: a timeline of what happened, the events as a table, and one event's page (``?event=<id>``)."""
import io

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.events.compare import contradictions, side_by_side
from geo.events.export import write_events_jsonl
from geo.events.ranges import ranges
from geo.events.table import display_records, flagged_cells, unique_contradictions
from geo.present.escape import md_plain
from geo.present.events import events_display, ranges_display, timeline_frame
from geo.present.filters import filter_incidents
from geo.present.mapview import base_map, frame_of, location_layer, locations_frame
from geo.present.tables import counted, date_text
from views.common import (contradictions_box, dataset, filter_sidebar, label, labels,
                          nothing_matches, setup_page, show_passage)
from views.timeline import brushed_dates, timeline_chart

MAX_ROWS = 2_000  # events listed (newest first); the download has them all

setup_page()
data = dataset()
index = data.events


def show_event(event_id: str) -> None:
    """One event: where and when, each source side by side, contradictions, low / best / high, every passage."""
    ev = index.event(event_id)
    st.page_link("app_pages/events.py", label="All events", icon=":material/arrow_back:")
    if ev is None:
        st.warning("No event has this id in the data shown (it may have been regrouped when articles were added).")
        return
    row = index.table.set_index("event_id").loc[ev.id]
    rows = index.incidents[index.incidents["event_id"] == ev.id]
    st.markdown(f"#### {md_plain(row['when'])} · {md_plain(', '.join(ev.place_names))}", unsafe_allow_html=True)
    st.caption(md_plain(f"{label('event_type', row['event_type'])} · {len(ev.members)} reports in "
                        f"{len(ev.article_ids)} articles · grouped because: {ev.explanation}"))
    where, when = st.columns([3, 2])
    with where:
        locs = locations_frame(rows)
        st_folium(base_map(frame=frame_of(locs)), key=f"event_map_{ev.id}", height=260, use_container_width=True,
                  feature_group_to_add=location_layer(rows, colour_by="event_main_type", locations=locs),
                  returned_objects=[])
    with when:
        st.markdown(f"**When:** {md_plain(row['when'])} (precision: {md_plain(row['date_precision'] if isinstance(row['date_precision'], str) else 'none')})")
        st.markdown("**Where:**  \n" + "  \n".join(f"{md_plain(p.name)} ({md_plain(p.precision or 'not placed')})"
                                                  for p in ev.places), unsafe_allow_html=True)

    table = side_by_side(ev)
    clashes = unique_contradictions(contradictions(ev))
    st.markdown("##### What each source says")
    names = {s: label("source_short", s) for s in table.sources}
    st.dataframe(pd.DataFrame(display_records(table, flagged_cells(table, clashes), names)), hide_index=True,
                 width="stretch", column_config={"": st.column_config.TextColumn("", pinned=True)})
    st.caption("⚠ marks a figure, a blame or a place another claimant contradicts. A place's toll "
               "(\u201cat Kapan\u201d) is part of the event and never set against its total.")
    contradictions_box(clashes)
    rs = ranges(ev)
    if rs:
        st.markdown("##### Low / best / high per side, and the claims behind each bound")
        st.dataframe(ranges_display(rs, labels()), hide_index=True, width="stretch")

    st.markdown("##### Every report")
    outlets = dict(zip(data.articles["article_id"], data.articles["outlet"]))
    for m in ev.members:
        spans = rows[(rows["article_id"] == m.article.id) & (rows["incident_id"] == m.incident.id)]["place_spans"]
        art = data.article(m.article.id)
        if art is not None:
            show_passage(art.body, m.incident.start, m.incident.end, [s for ss in spans for s in ss],
                         meta=f"{art.title or art.id} · {outlets.get(art.id) or 'outlet not given'} · "
                              f"{date_text(m.incident.date)} · according to {label('claimed_by', m.incident.claimed_by)}")
    for refs, title in ((ev.claims, f"The {len(ev.claims)} figures' passages"),
                        (ev.background, f"Earlier incidents and background in these articles ({len(ev.background)}), "
                                        "never added")):
        if refs:
            with st.expander(title):
                for ref in refs:
                    c, art = ref.claim, data.article(ref.article_id)
                    if art is not None:
                        show_passage(art.body, c.start, c.end, meta=f"{label('claimed_by', c.claimed_by)}: "
                                     f"{label('side', c.side)} {c.kind} ({c.scope}) — {art.title or art.id}")
    out = io.StringIO()
    write_events_jsonl([ev], out)
    st.download_button("This event (JSON Lines)", out.getvalue(), file_name=f"event_{ev.id}.jsonl",
                       mime="application/jsonl", on_click="ignore")


# The brush of the last run is the date filter of this one: it moves the sidebar's dates and the URL.
brushed = brushed_dates(getattr(st.session_state.get("timeline"), "selection", None))
if brushed and brushed != st.session_state.get("_brushed"):
    st.session_state["_brushed"] = brushed
    st.query_params["from"], st.query_params["to"] = brushed

inc_all = index.incidents
f = filter_sidebar(date_frames=[inc_all], date_key="incident_id", aliases=data.place_aliases, options={
    "place": inc_all["place"].unique().tolist(), "claimed_by": data.claimants,
    "event_type": inc_all["event_type"].unique().tolist(),
})
event_id = st.query_params.get("event")
if event_id:
    show_event(event_id)
    st.stop()

st.markdown("#### Events: what happened, when, told by whom")
undated_f = f.with_(date_from=None, date_to=None)
timeline = index.of_rows(filter_incidents(inc_all, undated_f))  # the timeline shows every date: brush to pick
shown = index.of_rows(filter_incidents(inc_all, f))
if inc_all.empty:
    st.info("No event yet: add articles on the Articles page.")
elif shown.empty:
    nothing_matches(f, "event")
points, binned = timeline_frame(timeline)
if len(points):
    st.altair_chart(timeline_chart(points, labels()["event_type"], (f.date_from, f.date_to) if f.date_from and f.date_to
                                   else None), key="timeline", on_select="rerun", selection_mode="brush",
                    width="stretch")
    st.caption((f"Many events: one circle per {binned} and type, coloured by the type, sized by the sum of its "
                "events' best fatality figures" if binned else
                "One circle per event, coloured by its type, sized by its best fatality figure")
               + ". Drag across it to set the dates; the table below follows.")
n_undated = int(timeline["date_start"].isna().sum())
st.markdown(f"##### {counted(len(shown), 'event')}" + (f" (the newest {MAX_ROWS:,} listed)" if len(shown) > MAX_ROWS else "")
            + (f" · {n_undated:,} undated" if n_undated else ""))
picked = st.dataframe(events_display(shown.head(MAX_ROWS), labels()), hide_index=True, width="stretch",
                      on_select="rerun", selection_mode="single-row", key="events_table", column_config={
                          "event": st.column_config.LinkColumn("event", display_text="open", width="small"),
                          "date": st.column_config.TextColumn("date", width=110),
                          "places": st.column_config.TextColumn("places", width="medium"),
                          "type": st.column_config.TextColumn("type", width="medium"),
                          "sources": st.column_config.TextColumn("sources", width="medium"),
                          "⚠": st.column_config.TextColumn("⚠", width="small",
                                                           help="the sources contradict each other")})
if picked and picked.selection.rows:
    st.query_params["event"] = shown["event_id"].iloc[picked.selection.rows[0]]
    st.rerun()
