"""Map: one marker per incident location; click one to read what each source says happened there."""
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.config import MAP_TILES_ENV
from geo.present.filters import filter_incidents
from geo.present.mapview import (MIXED_COLOUR, PRECISION_STYLE, base_map, clicked_marker_id, colours_for, frame_of,
                         location_layer, locations_frame)
from geo.present.escape import esc, md_plain
from views.common import (data_bbox, dataset, download_buttons, filter_sidebar, label, setting_on, setup_page,
                          show_passage, theatre_towns)

setup_page()
data = dataset()
inc_all = data.incidents
f = filter_sidebar(date_frames=[inc_all], options={
    "place": inc_all["place"].unique().tolist(), "claimed_by": inc_all["claimed_by"].unique().tolist(),
    "side": pd.concat([inc_all["attacker"], inc_all["target"]]).dropna().unique().tolist(),
    "event_type": inc_all["event_type"].unique().tolist(), "precision": list(PRECISION_STYLE),
})
with st.sidebar:
    st.subheader("Map")
    colour_by = st.radio("Colour markers by", ["event_type", "attacker"], horizontal=True,
                         format_func=lambda v: {"event_type": "event type", "attacker": "side blamed"}[v])
    online = setting_on("map_tiles", MAP_TILES_ENV) and st.toggle("Background map (online tiles)", value=True)

inc = filter_incidents(inc_all, f)
locs = locations_frame(inc)

st.title("Where the reports place the fighting")
c1, c2, c3 = st.columns(3)
c1.metric("Incident locations", len(locs))
c2.metric("Incidents", inc["incident_id"].nunique())
c3.metric("Articles", inc["article_id"].nunique())
if inc_all.empty:
    st.info("No incident has been placed yet: add articles on the Articles page.")

colours = colours_for(inc_all[colour_by].dropna().unique())
left, right = st.columns([3, 2], gap="medium")
with left:
    # The base map is the same whatever the filters: a filter change swaps the markers' layer only.
    fmap = base_map(online=online, frame=frame_of(inc_all[["lat", "lon"]], data_bbox()))
    layer = location_layer(inc, colour_by=colour_by, colours=colours, towns=[] if online else theatre_towns(),
                           bbox=data_bbox(), locations=locs)
    clicked = st_folium(fmap, key="incident_map", height=560, use_container_width=True, feature_group_to_add=layer,
                        returned_objects=["last_object_clicked_tooltip"])
    shown = set(inc[colour_by].dropna())
    legend = "".join(f'<span class="dot" style="background:{c}"></span>{esc(label(colour_by if colour_by != "attacker" else "side", v))}'
                     for v, c in colours.items() if v in shown)
    legend += f'<span class="dot" style="background:{MIXED_COLOUR}"></span>several'
    st.markdown(f'<div class="legend meta">{legend} &nbsp;·&nbsp; solid dot: town · dashed ring: district · '
                f'faint large ring: region</div>', unsafe_allow_html=True)

selected = clicked_marker_id((clicked or {}).get("last_object_clicked_tooltip"))
if selected not in set(locs["marker_id"]):
    selected = locs["marker_id"].iloc[0] if len(locs) == 1 else None
with right:
    if selected is None:
        st.subheader("Passages")
        st.caption("Click a marker to read, for every incident placed there, the passage that places it.")
    else:
        loc = locs.set_index("marker_id").loc[selected]
        rows = inc.loc[loc["rows"]].drop_duplicates("incident_id")
        st.subheader(md_plain(f"{loc['label']} · {len(rows)} incident{'s' if len(rows) != 1 else ''}"))
        st.caption(f"Location precision: {loc['precision']}")
        for r in rows.sort_values(["date", "article_id"]).itertuples():
            body = data.article(r.article_id).body
            with st.container(border=True):
                st.markdown(f"<div><b>{esc(r.title)}</b></div>", unsafe_allow_html=True)
                show_passage(body, r.start, r.end, r.place_spans,
                             meta=f"{r.date or 'undated'} · {label('event_type', r.event_type)} · "
                                  f"according to {label('claimed_by', r.claimed_by)}")

st.subheader("Locations")
table = locs.assign(incidents=locs["n_incidents"])[["label", "precision", "incidents", "lat", "lon"]].rename(
    columns={"label": "place"})
st.dataframe(table, hide_index=True, width="stretch")
with st.expander("Download the incidents"):
    download_buttons(inc, "incidents", ("csv", "geojson", "jsonl"))
