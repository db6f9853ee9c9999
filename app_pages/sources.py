"""Sources: each claimant's account side by side — per event, overall, and per article."""
import pandas as pd
import streamlit as st

from geo.compare import contradictions, side_by_side
from geo.events import group_events
from geo.filters import filter_claims, filter_incidents
from geo.ranges import ranges
from geo.source_stats import source_table
from geo.tables import claimants_frame
from geo.safe_html import esc
from views.common import dataset, filter_sidebar, label, setup_page, show_passage

setup_page()
data = dataset()
f = filter_sidebar(date_frames=[data.incidents], options={"claimed_by": sorted(set(data.incidents["claimed_by"]) | set(data.claims["claimed_by"]))})
inc = filter_incidents(data.incidents, f)
claims = filter_claims(data.claims, f)


def passage(ref) -> None:
    """One ref (geo.events.Ref: article_id, start, end, claimed_by) shown as its passage."""
    art = data.article(ref.article_id)
    if art is not None:
        show_passage(art.body, ref.start, ref.end,
                     meta=f"{label('claimed_by', ref.claimed_by)} — {art.title or art.id}, {art.published or 'undated'}")


def _num(n: int | None) -> str:
    return "—" if n is None else f"{n:,}"


@st.cache_resource(show_spinner="Grouping incidents into events…")
def events_of(article_ids: tuple[str, ...], _extractions):
    return group_events(_extractions)


st.title("Who says what")
events = events_of(tuple(e.article.id for e in data.extractions), data.extractions)
if f.active:
    shown = set(inc["incident_id"])
    events = [e for e in events if any(m.incident.id in shown for m in e.members)]
multi = sorted((e for e in events
                if len({m.incident.claimed_by for m in e.members} | {c.claim.claimed_by for c in e.claims}) > 1),
               key=lambda e: (e.date_start is not None, e.date_start), reverse=True)  # newest first

st.header("Events told by several sources")
if not multi:
    st.caption("No event is told by more than one source yet.")
for ev in multi:
    table = side_by_side(ev)
    clashes = contradictions(ev)
    st.subheader(ev.name)
    st.caption(f"{len(ev.article_ids)} articles · places: {', '.join(ev.place_names)}")
    records = pd.DataFrame(table.to_records()).rename(columns=lambda c: label("claimed_by", c) if c != "row" else "")
    st.dataframe(records, hide_index=True, width="stretch")
    if clashes:
        st.warning(f"**{len(clashes)} contradiction{'s' if len(clashes) != 1 else ''}**\n" + "".join(
            f"\n- *{esc(c.subject)}*: {esc(label('claimed_by', c.source_a))} says {esc(c.says_a)}; "
            f"{esc(label('claimed_by', c.source_b))} says {esc(c.says_b)}" for c in clashes), icon="⚠️")
    rs = ranges(ev)
    if rs:
        st.caption("Low / best / high per side, derived from the figures above")
        st.dataframe(pd.DataFrame([{
            "side": label("side", r.side), "kind": r.kind + (f" ({r.what})" if r.what else ""),
            "low": _num(r.low), "best": _num(r.best), "high": "open" if r.high_open else _num(r.high), "how": r.rule,
        } for r in rs]), hide_index=True, width="stretch")
    with st.expander("The passages behind each cell"):
        for row in table.rows:
            for src, cell in row.cells.items():
                st.markdown(f"<div><b>{esc(row.label)} — {esc(label('claimed_by', src))}:</b> {esc(cell.text)}</div>",
                            unsafe_allow_html=True)
                for ref in dict.fromkeys(cell.refs):
                    passage(ref)
        for c in clashes:
            st.markdown(f"<div><b>{esc(c.subject)}: {esc(label('claimed_by', c.source_a))} vs "
                        f"{esc(label('claimed_by', c.source_b))}</b></div>", unsafe_allow_html=True)
            for ref in c.refs_a + c.refs_b:
                passage(ref)

st.header("Every claimant")
summary = claimants_frame(inc, claims)
stats = {r["source"]: r for r in source_table(events, data.extractions)}
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
        for r in inc[inc["claimed_by"] == src].drop_duplicates("incident_id").itertuples():
            show_passage(data.article(r.article_id).body, r.start, r.end, r.place_spans,
                         meta=f"{label('event_type', r.event_type)} at {', '.join(inc[inc.incident_id == r.incident_id].place)}"
                              f" — {r.title}, {r.date or 'undated'}")
        for r in claims[claims["claimed_by"] == src].itertuples():
            show_passage(data.article(r.article_id).body, r.start, r.end,
                         meta=f"{r.kind} {label('side', r.side)}: {r.figure} ({r.scope}) — {r.title}")

st.header("One article, source by source")
titles = dict(zip(data.articles["article_id"], data.articles["title"]))
chosen = st.selectbox("Article", list(titles), format_func=lambda a: titles[a], key="sources_article")
if chosen:
    a_inc = inc[inc["article_id"] == chosen].drop_duplicates("incident_id")
    a_claims = claims[claims["article_id"] == chosen]
    body = data.article(chosen).body
    for src in sorted(set(a_inc["claimed_by"]) | set(a_claims["claimed_by"]), key=lambda s: label("claimed_by", s)):
        st.subheader(label("claimed_by", src))
        for r in a_inc[a_inc["claimed_by"] == src].itertuples():
            show_passage(body, r.start, r.end, r.place_spans, meta=f"{label('event_type', r.event_type)} · {r.date or 'undated'}")
        for r in a_claims[a_claims["claimed_by"] == src].itertuples():
            show_passage(body, r.start, r.end, meta=f"{r.kind} {label('side', r.side)}: {r.figure} ({r.scope})")
