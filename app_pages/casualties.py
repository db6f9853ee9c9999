"""Casualties: every figure as its claimant states it, by side and scope; never summed across scopes."""
import streamlit as st

from geo.export import MEDIA_TYPES, export_bytes
from geo.filters import filter_claims
from geo.models import CLAIM_KINDS, SCOPES
from views.casualty_charts import chart_rows, materiel_chart, people_chart
from views.common import dataset, filter_sidebar, label, setup_page, show_passage

SCOPE_TITLES = {
    "incident": "Figures for the incident reported",
    "earlier": "Earlier incidents mentioned in passing",
    "background": "Background: war totals and history (never added to the incident figures)",
}

setup_page()
data = dataset()
claims_all = data.claims
f = filter_sidebar(date_frames=[claims_all[claims_all["scope"] != "background"]], options={
    "claimed_by": claims_all["claimed_by"].unique().tolist(), "side": claims_all["side"].unique().tolist(),
    "kind": list(CLAIM_KINDS), "scope": list(SCOPES),
    "place": sorted({p for ps in claims_all["places"] for p in ps}),
})
claims = filter_claims(claims_all, f)
view = claims.assign(
    claimant=claims["claimed_by"].map(lambda v: label("claimed_by", v)),
    claimant_short=claims["claimed_by"].map(lambda v: label("source_short", v)),
    side_name=claims["side"].map(lambda v: label("side", v)),
    what=claims["what"].fillna(""), published=claims["published"].fillna("undated"),
)

st.title("Casualties and losses by claimant")
if claims_all.empty:
    st.info("No casualty figure has been extracted yet: add articles on the Articles page.")

headline = view[(view["scope"] == "incident") & view["count_low"].notna() & (view["kind"] != "materiel")]
if not headline.empty:
    st.subheader("Headline figures")
    cols = st.columns(min(4, len(headline)))
    for i, r in enumerate(headline.sort_values(["kind", "claimant_short", "side"]).itertuples()):
        cols[i % len(cols)].metric(f"{r.side_name} {r.kind} — {r.claimant_short}", r.figure,
                                   help=f"{r.title} ({r.published}): “{r.quote}”")

rows = chart_rows(view[view["scope"] == "incident"])
people, materiel = rows[rows["kind"] != "materiel"], rows[rows["kind"] == "materiel"]
if not rows.empty:
    st.subheader("By side and claimant (incident figures)")
    st.caption("One bar per figure as its claimant states it; nothing is added up. A pale bar with a dashed "
               "outline is a bound (“at least 49”), drawn at its number.")
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
    st.dataframe(part[list(COLUMNS)].rename(columns=COLUMNS), hide_index=True, width="stretch",
                 key=f"table_{scope}")
    with st.expander(f"Read the {len(part)} passage{'s' if len(part) != 1 else ''}"):
        for r in part.itertuples():
            show_passage(data.article(r.article_id).body, r.start, r.end,
                         meta=f"{r.claimant}: {r.side_name} {r.kind} {r.figure}"
                              f"{' (' + r.what + ')' if r.what else ''} — {r.title}, {r.published}")

with st.expander("Download the claims"):
    cols = st.columns(2)
    for col, fmt in zip(cols, ("csv", "jsonl")):
        col.download_button(fmt.upper(), export_bytes(claims, fmt, "claims"), file_name=f"claims.{fmt}",
                            mime=MEDIA_TYPES[fmt], disabled=claims.empty, key=f"dl_{fmt}")
