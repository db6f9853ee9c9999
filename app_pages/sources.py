"""Sources: each claimant's account side by side — per event, overall, and per article."""
import io

import pandas as pd
import streamlit as st

from geo.events.compare import contradictions, side_by_side
from geo.events.export import write_acled_csv, write_events_csv, write_events_jsonl
from geo.events.grouping import group_events
from geo.events.ranges import ranges
from geo.events.source_stats import source_table
from geo.events.table import display_records, flagged_cells, unique_contradictions
from geo.present.escape import md_plain, option_text
from geo.present.filters import filter_claims, filter_incidents
from geo.present.tables import claimants_frame, place_label
from views.common import dataset, filter_sidebar, label, labels, setup_page, show_passage

MAX_EVENT_INCIDENTS = 5_000  # grouping takes about a second per 5,000 incidents: the page stays interactive
MAX_EVENTS = 25  # side-by-side tables shown (newest first)
MAX_PASSAGES = 50  # passages listed per claimant

setup_page()
data = dataset()
f = filter_sidebar(date_frames=[data.incidents], options={"claimed_by": sorted(set(data.incidents["claimed_by"]) | set(data.claims["claimed_by"]))})
inc = filter_incidents(data.incidents, f)
claims = filter_claims(data.claims, f)


def passage(ref, marks=()) -> None:
    """One ref (geo.events.grouping.Ref: article_id, start, end, claimed_by) shown as its passage, ``marks`` highlighted
    (default: the ref's own words)."""
    art = data.article(ref.article_id)
    if art is not None:
        show_passage(art.body, ref.start, ref.end, marks,
                     meta=f"{label('claimed_by', ref.claimed_by)} — {art.title or art.id}, {art.published or 'undated'}")


def _num(n: int | None) -> str:
    return "—" if n is None else f"{n:,}"


@st.cache_resource(show_spinner="Grouping incidents into events…", max_entries=4)
def events_of(article_ids: tuple[str, ...], state: str, _data):
    """The events of these articles and their extractions (grouped once per set of articles and store state)."""
    exs = _data.extractions_of(article_ids)
    return group_events(exs), exs


def event_articles() -> tuple[tuple[str, ...], int]:
    """The articles whose incidents are grouped into events: all of them, or, past MAX_EVENT_INCIDENTS
    incidents, the newest articles of the filtered set up to that many incidents; and how many were left out."""
    arts = data.articles
    if arts["n_incidents"].sum() > MAX_EVENT_INCIDENTS:
        arts = arts[arts["article_id"].isin(set(inc["article_id"]) | set(claims["article_id"]))]
    newest = arts.iloc[::-1]
    kept = newest[newest["n_incidents"].cumsum() <= MAX_EVENT_INCIDENTS]
    return tuple(kept["article_id"]), len(arts) - len(kept)


st.title("Who says what")
ids, left_out = event_articles()
events, extractions = events_of(ids, str(data.state), data)
if left_out:
    st.caption(f"Events of the {len(ids):,} newest articles of this selection ({left_out:,} older ones left out): "
               "narrow the dates or the claimants to see others.")
if f.active:
    shown = set(inc["incident_id"])
    events = [e for e in events if any(m.incident.id in shown for m in e.members)]
multi = sorted((e for e in events
                if len({m.incident.claimed_by for m in e.members} | {c.claim.claimed_by for c in e.claims}) > 1),
               key=lambda e: (e.date_start is not None, e.date_start), reverse=True)  # newest first

st.header("Events told by several sources")
if not multi:
    st.caption("No event is told by more than one source yet.")
elif len(multi) > MAX_EVENTS:
    st.caption(f"The {MAX_EVENTS} newest of {len(multi):,} events: narrow the dates or the claimants to see others.")
# A "where" cell highlights the place names in its passages.
by_id = {e.article.id: e for e in extractions}
place_marks = {m.ref: [(p.start, p.end) for p in by_id[m.article.id].places
                       if p.name in {q.name for q in m.places}] for e in multi[:MAX_EVENTS] for m in e.members}
for ev in multi[:MAX_EVENTS]:
    table = side_by_side(ev)
    clashes = unique_contradictions(contradictions(ev))
    flagged = flagged_cells(table, clashes)
    st.subheader(md_plain(ev.name))
    st.caption(md_plain(f"{len(ev.article_ids)} articles · places: {', '.join(ev.place_names)}"))
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
                    passage(ref, place_marks.get(ref, ()) if row.key == ("where",) else ())
    else:
        st.caption("Click a cell to read the passages it comes from. ⚠ marks a cell that another claimant contradicts.")
    if clashes:
        st.warning(f"**{len(clashes)} contradiction{'s' if len(clashes) != 1 else ''}**\n" + "".join(
            f"\n- *{md_plain(c.subject)}*: {md_plain(label('claimed_by', c.source_a))} says {md_plain(c.says_a)}; "
            f"{md_plain(label('claimed_by', c.source_b))} says {md_plain(c.says_b)}" for c in clashes), icon="⚠️")
    rs = ranges(ev)
    if rs:
        st.caption("Low / best / high per side, derived from the figures above")
        st.table(pd.DataFrame([{
            "side": label("side", r.side), "kind": r.kind + (f" ({r.what})" if r.what else ""),
            "low": _num(r.low), "best": _num(r.best), "high": "open (≥)" if r.high_open else _num(r.high),
            "how": r.rule,
        } for r in rs]).set_index("side"))

with st.expander("Download the events"):
    st.caption("Every event of this selection with its member incidents, articles and derived low / best / high; "
               "the ACLED-like table has one row per event and location.")
    for col, (name, write, file_name, mime) in zip(st.columns(3), (
            ("Events (JSON Lines)", write_events_jsonl, "events.jsonl", "application/jsonl"),
            ("Events (CSV)", write_events_csv, "events.csv", "text/csv"),
            ("ACLED-like (CSV)", write_acled_csv, "events_acled.csv", "text/csv"))):
        def build(write=write) -> str:  # only when clicked
            out = io.StringIO()
            write(events, out)
            return out.getvalue()
        col.download_button(name, build, file_name=file_name, mime=mime, disabled=not events,
                            key=f"dl_{file_name}", on_click="ignore")

st.header("Every claimant")
summary = claimants_frame(inc, claims, labels()["side"])
stats = {r["source"]: r for r in source_table(events, extractions)}
view = summary.assign(
    party=summary["claimed_by"].map(lambda v: stats[v]["party_label"] if v in stats else "unknown"),
    agreement=summary["claimed_by"].map(lambda v: "{agree} agree · {contradict} contradict · {uncorroborated} alone".format(**stats[v])
                                        if v in stats else ""),
    claimant=summary["claimed_by"].map(lambda v: label("claimed_by", v)),
    places=summary["places"].map(", ".join),
    event_types=summary["event_types"].map(lambda ts: ", ".join(label("event_type", t) for t in ts)),
    figures=summary["figures"].map("; ".join),
    blames=summary["blames"].map(lambda ss: ", ".join(label("side", s) for s in ss)),
)
st.dataframe(view[["claimant", "party", "places", "event_types", "figures", "blames", "agreement", "n_articles"]].rename(columns={
    "claimant": "Claimant", "party": "Speaks for", "agreement": "Its figures vs others'", "places": "Places it reports", "event_types": "Event types", "figures": "Figures (incident)",
    "blames": "Blames", "n_articles": "Articles"}), hide_index=True, width="stretch")
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
            places = ", ".join(where[r.incident_id])
            show_passage(data.article(r.article_id).body, r.start, r.end, r.place_spans,
                         meta=f"{label('event_type', r.event_type)} at {places} — {r.title}, {r.date or 'undated'}")
        for r in own_claims.head(MAX_PASSAGES).itertuples():
            show_passage(data.article(r.article_id).body, r.start, r.end,
                         meta=f"{r.kind} {label('side', r.side)}: {r.figure} ({r.scope}) — {r.title}")

st.header("One article, source by source")
titles = dict(zip(data.articles["article_id"], data.articles["title"]))
chosen = st.selectbox("Article", list(titles), format_func=lambda a: option_text(titles[a]), key="sources_article")
if chosen:
    a_inc = inc[inc["article_id"] == chosen].drop_duplicates("incident_id")
    a_claims = claims[claims["article_id"] == chosen]
    body = data.article(chosen).body
    for src in sorted(set(a_inc["claimed_by"]) | set(a_claims["claimed_by"]), key=lambda s: label("claimed_by", s)):
        st.subheader(md_plain(label("claimed_by", src)))
        for r in a_inc[a_inc["claimed_by"] == src].itertuples():
            show_passage(body, r.start, r.end, r.place_spans, meta=f"{label('event_type', r.event_type)} · {r.date or 'undated'}")
        for r in a_claims[a_claims["claimed_by"] == src].itertuples():
            show_passage(body, r.start, r.end, meta=f"{r.kind} {label('side', r.side)}: {r.figure} ({r.scope})")
