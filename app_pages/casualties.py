"""Casualties: every figure as its claimant states it, by side and scope; never summed across scopes."""
import streamlit as st

from geo.models import CLAIM_KINDS, SCOPES
from geo.present.escape import md_plain
from geo.present.filters import filter_claims
from views.casualty_charts import chart_rows, materiel_chart, people_chart
from views.common import dataset, download_buttons, filter_sidebar, labelled, setup_page, show_passage

SCOPE_TITLES = {
    "incident": "Figures for the incident reported",
    "earlier": "Earlier incidents mentioned in passing",
    "background": "Background: war totals and history (never added to the incident figures)",
}

MAX_HEADLINES = 12  # metrics shown; the tables below list every figure
MAX_BARS = 300  # bars per chart (the newest figures)
MAX_ROWS = 2_000  # rows per table; the download has them all
MAX_PASSAGES = 50  # passages per scope

setup_page()
data = dataset()
claims_all = data.claims
f = filter_sidebar(date_frames=[claims_all[claims_all["scope"] != "background"]], options={
    "claimed_by": claims_all["claimed_by"].unique().tolist(), "side": claims_all["side"].unique().tolist(),
    "kind": list(CLAIM_KINDS), "scope": list(SCOPES),
    "place": sorted(set(claims_all["places"].explode().dropna())),
})
claims = filter_claims(claims_all, f)
view = claims.assign(
    claimant=labelled(claims["claimed_by"], "claimed_by"), claimant_short=labelled(claims["claimed_by"], "source_short"),
    side_name=labelled(claims["side"], "side"),
    what=claims["what"].fillna(""), published=claims["published"].fillna("undated"),
)

st.title("Casualties and losses by claimant")
if claims_all.empty:
    st.info("No casualty figure has been extracted yet: add articles on the Articles page.")

headline = view[(view["scope"] == "incident") & view["count_low"].notna() & (view["kind"] != "materiel")]
if not headline.empty:
    st.subheader("Headline figures")
    if len(headline) > MAX_HEADLINES:
        st.caption(f"{MAX_HEADLINES} of {len(headline):,} figures (all in the tables below): narrow the filters.")
    cols = st.columns(min(4, len(headline)))
    for i, r in enumerate(headline.sort_values(["kind", "claimant_short", "side"]).head(MAX_HEADLINES).itertuples()):
        cols[i % len(cols)].metric(md_plain(f"{r.side_name} {r.kind} — {r.claimant_short}"), r.figure,
                                   help=md_plain(f"{r.title} ({r.published}): “{r.quote}”"))

rows = chart_rows(view[view["scope"] == "incident"])
charted = rows.sort_values("published", kind="stable").tail(MAX_BARS).sort_index() if len(rows) > MAX_BARS else rows
people, materiel = charted[charted["kind"] != "materiel"], charted[charted["kind"] == "materiel"]
if not rows.empty:
    st.subheader("By side and claimant (incident figures)")
    st.caption("One bar per figure as its claimant states it; nothing is added up. A pale bar with a dashed "
               "outline is a bound (“at least 49”), drawn at its number."
               + (f" The {MAX_BARS} newest of {len(rows):,} figures: narrow the filters to see others."
                  if len(rows) > MAX_BARS else ""))
    if not people.empty:
        st.markdown("**People**")
        st.altair_chart(people_chart(people), width="content")
    if not materiel.empty:
        st.markdown("**Equipment** (objects, not people; each kind apart)")
        st.altair_chart(materiel_chart(materiel), width="content")

COLUMNS = {"claimant": "Claimant", "side_name": "Side", "kind": "Kind", "figure": "Figure", "bound": "Bound", "what": "What",
           "date": "Date", "title": "Article", "quote": "Passage"}
for scope in SCOPES:
    part = view[view["scope"] == scope]
    if part.empty:
        continue
    st.subheader(SCOPE_TITLES[scope])
    if len(part) > MAX_ROWS:
        st.caption(f"The first {MAX_ROWS:,} of {len(part):,} figures: narrow the filters, or download them all below.")
    st.dataframe(part.head(MAX_ROWS)[list(COLUMNS)].rename(columns=COLUMNS), hide_index=True, width="stretch",
                 key=f"table_{scope}")
    shown = part.head(MAX_PASSAGES)
    with st.expander(f"Read the {len(part)} passage{'s' if len(part) != 1 else ''}" if len(part) <= MAX_PASSAGES
                     else f"Read the first {MAX_PASSAGES} of {len(part):,} passages"):
        for r in shown.itertuples():
            show_passage(data.article(r.article_id).body, r.start, r.end,
                         meta=f"{r.claimant}: {r.side_name} {r.kind} {r.figure}"
                              f"{' (' + r.what + ')' if r.what else ''} — {r.title}, {r.published}")

with st.expander("Download the claims"):
    download_buttons(claims, "claims", ("csv", "jsonl"))
