"""Casualties: every figure as its claimant states it, event by event; never summed across scopes."""
import streamlit as st

from geo.models import CLAIM_KINDS, SCOPES
from geo.present.casualties import BREAKDOWN, event_groups, with_events
from geo.present.escape import md_plain
from geo.present.filters import filter_claims
from geo.present.tables import date_text
from views.casualty_charts import chart_rows, materiel_chart, people_chart
from views.common import (dataset, download_buttons, filter_sidebar, labelled, labels,
                          nothing_matches, setup_page, show_passage)

SCOPE_TITLES = {
    "earlier": "Earlier incidents mentioned in passing",
    "background": "Background: war totals and history (never added to the incident figures)",
}
MAX_EVENTS = 30  # events listed with their figures (newest first)
MAX_BARS = 300  # bars per chart (the newest figures)
MAX_ROWS = 2_000  # rows per table; the download has them all
MAX_PASSAGES = 50  # passages per scope

setup_page()
data = dataset()
claims_all = data.claims
aliases = data.place_aliases
f = filter_sidebar(date_frames=[claims_all[claims_all["scope"] != "background"]], aliases=aliases, options={
    "claimed_by": data.claimants, "side": claims_all["side"].unique().tolist(),
    "kind": list(CLAIM_KINDS), "scope": list(SCOPES),
    "place": sorted(set(claims_all["places"].explode().dropna())),
})
claims = with_events(filter_claims(claims_all, f, aliases), data.events)
view = claims.assign(
    claimant=labelled(claims["claimed_by"], "claimed_by"), claimant_short=labelled(claims["claimed_by"], "source_short"),
    side_name=labelled(claims["side"], "side"), what=claims["what"].fillna(""),
    published=claims["published"].map(date_text), date=claims["date"].map(date_text),
)

st.markdown("#### Casualties and losses, event by event, as each claimant states them")
if claims_all.empty:
    st.info("No casualty figure has been extracted yet: add articles on the Articles page.")
elif claims.empty:
    nothing_matches(f, "figure")

COLUMNS = {"side_name": "Side", "kind": "Kind", "claimant_short": "Claimant", "figure": "Figure", "bound": "Bound",
           "figure_scope": "Counts", "what": "What", "date": "Date", "title": "Article", "quote": "Passage"}
# Article and Passage wide, and rows tall enough for their text to wrap instead of being cut off.
WIDE = {"Article": st.column_config.TextColumn("Article", width="medium"),
        "Passage": st.column_config.TextColumn("Passage", width="large"),
        **{c: st.column_config.TextColumn(c, width=95) for c in ("Side", "Kind", "Figure", "Bound", "Counts", "Date")}}

incident = view[view["scope"] == "incident"]
groups, n_events = event_groups(incident, data.events, MAX_EVENTS)
if groups:
    st.markdown("##### Figures for each event")
    if n_events > MAX_EVENTS:
        st.caption(f"The {MAX_EVENTS} newest of {n_events:,} events: narrow the filters to see others.")
for heading, figures in groups:
    st.markdown(f"**{md_plain(heading['when'])} · {md_plain(', '.join(heading['places']))}** "
                f"<span class='meta'>{md_plain(labels()['event_type'].get(heading['event_type'], heading['event_type']))}"
                f" · {heading['n_reports']} reports</span>", unsafe_allow_html=True)
    shown = figures.assign(side_name=[BREAKDOWN * lv + s for lv, s in zip(figures["level"], figures["side_name"])],
                           figure_scope=figures["figure_scope"].replace("", "the event"))
    columns = [c for c in COLUMNS if c != "what" or shown["what"].any()]
    st.dataframe(shown[columns].rename(columns=COLUMNS), hide_index=True, width="stretch", row_height=66,
                 column_config=WIDE, key=f"table_event_{heading['event_id']}")
loose = incident[incident["event_id"].isna()]
if not loose.empty:
    st.markdown("##### Figures of articles with no placed event")
    st.dataframe(loose.head(MAX_ROWS)[list(COLUMNS)].rename(columns=COLUMNS), hide_index=True, width="stretch",
                 row_height=66, column_config=WIDE, key="table_loose")

rows = chart_rows(incident)
charted = rows.sort_values("published", kind="stable").tail(MAX_BARS).sort_index() if len(rows) > MAX_BARS else rows
people, materiel = charted[charted["kind"] != "materiel"], charted[charted["kind"] == "materiel"]
if not rows.empty:
    with st.expander("Charts: every incident figure by side and claimant"):
        st.caption("One bar per figure as its claimant states it; nothing is added up. A pale bar with a dashed "
                   "outline is a bound (“at least 49”), drawn at its number."
                   + (f" The {MAX_BARS} newest of {len(rows):,} figures: narrow the filters to see others."
                      if len(rows) > MAX_BARS else ""))
        if not people.empty:
            st.markdown("**People**")
            st.altair_chart(people_chart(people, labels()["side"]), width="content")
        if not materiel.empty:
            st.markdown("**Equipment** (objects, not people; each kind apart)")
            st.altair_chart(materiel_chart(materiel), width="content")

for scope, title in SCOPE_TITLES.items():
    part = view[view["scope"] == scope]
    if part.empty:
        continue
    st.markdown(f"##### {title}")
    if len(part) > MAX_ROWS:
        st.caption(f"The first {MAX_ROWS:,} of {len(part):,} figures: narrow the filters, or download them all below.")
    st.dataframe(part.head(MAX_ROWS)[[c for c in COLUMNS if c != "figure_scope"]].rename(columns=COLUMNS),
                 hide_index=True, width="stretch", row_height=66, column_config=WIDE, key=f"table_{scope}")
    with st.expander(f"Read the {len(part)} passage{'s' if len(part) != 1 else ''}" if len(part) <= MAX_PASSAGES
                     else f"Read the first {MAX_PASSAGES} of {len(part):,} passages"):
        for r in part.head(MAX_PASSAGES).itertuples():
            show_passage(data.article(r.article_id).body, r.start, r.end,
                         meta=f"{r.claimant}: {r.side_name} {r.kind} {r.figure}"
                              f"{' (' + r.what + ')' if r.what else ''} — {r.title}, {r.published}")

with st.expander("Download the claims"):
    download_buttons(claims, "claims", ("csv", "jsonl"), f)
