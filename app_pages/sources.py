"""Sources: each claimant's account side by side — per event, overall, and per article."""
import io

import pandas as pd
import streamlit as st

from geo.events.compare import contradictions, side_by_side
from geo.events.export import write_acled_csv, write_events_csv, write_events_jsonl
from geo.events.ranges import ranges
from geo.events.table import display_records, flagged_cells, unique_contradictions
from geo.present.escape import md_plain, option_text
from geo.present.filters import filter_claims, filter_incidents
from geo.present.sources import claimants_view, place_marks, told_by_several
from geo.present.tables import date_text, place_label
from views.common import (contradictions_box, dataset, filter_sidebar, label, labels, setup_page,
                          show_passage)

MAX_EVENTS = 25  # side-by-side tables shown (newest first)
MAX_PASSAGES = 50  # passages listed per claimant

setup_page()
data = dataset()
index = data.events
f = filter_sidebar(date_frames=[data.incidents], date_key="incident_id", options={"claimed_by": data.claimants})
inc = filter_incidents(index.incidents, f)
claims = filter_claims(data.claims, f, data.place_aliases)


def passage(ref, marks=()) -> None:
    """One ref (geo.events.grouping.Ref: article_id, start, end, claimed_by) shown as its passage, ``marks`` highlighted
    (default: the ref's own words)."""
    art = data.article(ref.article_id)
    if art is not None:
        show_passage(art.body, ref.start, ref.end, marks,
                     meta=f"{label('claimed_by', ref.claimed_by)} — {art.title or art.id}, {date_text(art.published)}")


def _num(n: int | None) -> str:
    return "—" if n is None else f"{n:,}"


st.markdown("#### Who says what")
multi, n_multi = told_by_several(index, inc, MAX_EVENTS)
st.markdown("##### Events told by several sources")
if not multi:
    st.caption("No event is told by more than one source yet.")
elif n_multi > MAX_EVENTS:
    st.caption(f"The {MAX_EVENTS} newest of {n_multi:,} events: narrow the dates or the claimants to see others.")
marks = place_marks(index, multi)  # a "where" cell highlights the place names in its passages
for ev in multi:
    table = side_by_side(ev)
    clashes = unique_contradictions(contradictions(ev))
    flagged = flagged_cells(table, clashes)
    st.markdown(f"**{md_plain(ev.name)}**")
    st.caption(md_plain(f"{len(ev.article_ids)} articles · places: {', '.join(ev.place_names)}"))
    st.page_link("app_pages/events.py", label="The event's page", query_params={"event": ev.id}, icon=":material/event:")
    names = {s: label("source_short", s) for s in table.sources}
    picked = st.dataframe(
        pd.DataFrame(display_records(table, flagged, names)), hide_index=True, width="stretch",
        on_select="rerun", selection_mode="single-cell", key=f"event_{ev.id}",
        column_config={"": st.column_config.TextColumn("", pinned=True)})
    cells = picked.selection.cells if picked else []
    if cells:
        i, column = cells[0]
        src = next((s for s, n in names.items() if n == column), None)
        row = table.rows[i] if i < len(table.rows) else None
        with st.container(border=True):
            if row is None or src not in row.cells:
                st.caption(md_plain(f"{column} says nothing on this."))
            else:
                st.markdown(f"**{md_plain(row.label)} — {md_plain(label('claimed_by', src))}:** {md_plain(row.cells[src].text)}")
                for ref in dict.fromkeys(row.cells[src].refs):
                    passage(ref, marks.get(ref, ()) if row.key == ("where",) else ())
    else:
        st.caption("Click a cell to read the passages it comes from. ⚠ marks a cell that another claimant contradicts.")
    contradictions_box(clashes)
    rs = ranges(ev)
    if rs:
        st.caption("Low / best / high per side, derived from the figures above")
        st.table(pd.DataFrame([{
            "side": label("side", r.side), "kind": r.kind + (f" ({r.what})" if r.what else ""),
            "low": _num(r.low), "best": _num(r.best), "high": "open (≥)" if r.high_open else _num(r.high),
            "how": r.rule,
        } for r in rs]).set_index("side"))

shown = index.of_rows(inc)
with st.expander("Download the events"):
    st.caption("Every event of this selection with its member incidents, articles and derived low / best / high; "
               "the ACLED-like table has one row per event and location.")
    for col, (name, write, file_name, mime) in zip(st.columns(3), (
            ("Events (JSON Lines)", write_events_jsonl, "events.jsonl", "application/jsonl"),
            ("Events (CSV)", write_events_csv, "events.csv", "text/csv"),
            ("ACLED-like (CSV)", write_acled_csv, "events_acled.csv", "text/csv"))):
        def build(write=write) -> str:  # only when clicked: every event of the selection is rebuilt
            out = io.StringIO()
            write(index.events(shown["event_id"]), out)
            return out.getvalue()
        col.download_button(name, build, file_name=file_name, mime=mime, disabled=shown.empty,
                            key=f"dl_{file_name}", on_click="ignore")

st.markdown("##### Every claimant")
summary = claimants_view(inc, claims, shown, labels())
st.dataframe(summary.drop(columns="claimed_by"), hide_index=True, width="stretch")
for src in summary["claimed_by"]:
    with st.expander(f"{label('claimed_by', src)}: its passages"):
        own = inc[inc["claimed_by"] == src]
        told = own.drop_duplicates("incident_id")
        own_claims = claims[claims["claimed_by"] == src]
        if len(told) > MAX_PASSAGES or len(own_claims) > MAX_PASSAGES:
            st.caption(f"The first {MAX_PASSAGES} of {len(told):,} incidents and of {len(own_claims):,} figures: "
                       "narrow the filters to read others.")
        told = told.head(MAX_PASSAGES)
        where: dict[str, list[str]] = {}
        here = own[own["incident_id"].isin(told["incident_id"])]
        for i, p, w in zip(here["incident_id"], here["place"], here["place_words"]):
            where.setdefault(i, []).append(place_label(p, w))
        for r in told.itertuples():
            show_passage(data.article(r.article_id).body, r.start, r.end, r.place_spans,
                         meta=f"{label('event_type', r.event_type)} at {', '.join(where[r.incident_id])} — "
                              f"{r.title}, {date_text(r.date)}")
        for r in own_claims.head(MAX_PASSAGES).itertuples():
            show_passage(data.article(r.article_id).body, r.start, r.end,
                         meta=f"{r.kind} {label('side', r.side)}: {r.figure} ({r.scope}) — {r.title}")

st.markdown("##### One article, source by source")
titles = dict(zip(data.articles["article_id"], data.articles["title"]))
chosen = st.selectbox("Article", list(titles), format_func=lambda a: option_text(titles[a]), key="sources_article")
if chosen:
    a_inc = inc[inc["article_id"] == chosen].drop_duplicates("incident_id")
    a_claims = claims[claims["article_id"] == chosen]
    body = data.article(chosen).body
    for src in sorted(set(a_inc["claimed_by"]) | set(a_claims["claimed_by"]), key=lambda s: label("claimed_by", s)):
        st.markdown(f"**{md_plain(label('claimed_by', src))}**")
        for r in a_inc[a_inc["claimed_by"] == src].itertuples():
            show_passage(body, r.start, r.end, r.place_spans, meta=f"{label('event_type', r.event_type)} · {date_text(r.date)}")
        for r in a_claims[a_claims["claimed_by"] == src].itertuples():
            show_passage(body, r.start, r.end, meta=f"{r.kind} {label('side', r.side)}: {r.figure} ({r.scope})")
