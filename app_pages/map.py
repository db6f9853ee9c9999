"""Map: one marker per place, counting the events told there and their reports; click one to read them."""
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.config import MAP_TILES_ENV
from geo.present.colours import MIXED_COLOUR, colours_of
from geo.present.escape import esc, md_plain
from geo.present.filters import filter_incidents
from geo.present.tables import counted, date_text
from geo.present.mapview import (PRECISION_STYLE, base_map, clicked_marker_id, counts_text, frame_of, location_layer,
                                 locations_frame)
from views.common import (data_bbox, dataset, download_buttons, filter_sidebar, label,
                          nothing_matches, setting_on, setup_page, show_passage, theatre_towns, url_choice)

COLOUR_BY = {"event_type": "event type", "attacker": "side blamed"}
COLOUR_COLUMN = {"event_type": "event_main_type", "attacker": "attacker"}  # an event has one colour: its main type

setup_page()
data = dataset()
events = data.events
inc_all = events.incidents
f = filter_sidebar(date_frames=[inc_all], date_key="incident_id", aliases=data.place_aliases, options={
    "place": inc_all["place"].unique().tolist(), "claimed_by": data.claimants,
    "side": pd.concat([inc_all["attacker"], inc_all["target"]]).dropna().unique().tolist(),
    "event_type": inc_all["event_type"].unique().tolist(), "precision": list(PRECISION_STYLE),
})
with st.sidebar:
    st.subheader("Map")
    colour_by = url_choice("colour", "Colour markers by", COLOUR_BY)
    by_deaths = url_choice("size", "Marker size", {"precision": "location precision", "fatalities": "fatalities"})
    online = setting_on("map_tiles", MAP_TILES_ENV) and st.toggle("Background map (online tiles)", value=True)

inc = filter_incidents(inc_all, f)
locs = locations_frame(inc)
n_events, n_reports = inc["event_id"].nunique(), inc[["article_id", "incident_id"]].drop_duplicates().shape[0]
colours = colours_of(colour_by)
shown = set(inc[COLOUR_COLUMN[colour_by]].dropna().unique())
legend = "".join(f'<span class="dot" style="background:{c}"></span>{esc(label("side" if colour_by == "attacker" else colour_by, v))}'
                 for v, c in colours.items() if v in shown)
legend += f'<span class="dot" style="background:{MIXED_COLOUR}"></span>several'
size = ("marker area: the best fatality figure of the events there" if by_deaths == "fatalities"
        else "solid dot: town · dashed ring: district · faint large ring: region")
st.markdown(f"#### Where the reports place the fighting\n<div class='meta'>{counted(len(locs), 'place')} · "
            f"{counts_text(n_events, n_reports)} · {counted(inc['article_id'].nunique(), 'article')}</div>"
            f'<div class="legend meta">{legend} &nbsp;·&nbsp; {size}</div>', unsafe_allow_html=True)
if inc_all.empty:
    st.info("No incident has been placed yet: add articles on the Articles page.")
elif inc.empty:
    nothing_matches(f, "place")
left, right = st.columns([2, 1], gap="small")
with left:
    # The base map is the same whatever the filters: a filter change swaps the markers' layer only.
    fmap = base_map(online=online, frame=frame_of(inc_all[["lat", "lon"]], data_bbox()))
    layer = location_layer(inc, colour_by=COLOUR_COLUMN[colour_by], colours=colours, locations=locs,
                           towns=[] if online else theatre_towns(), bbox=data_bbox(),
                           size_by_fatalities=by_deaths == "fatalities")
    clicked = st_folium(fmap, key="incident_map", height=520, use_container_width=True, feature_group_to_add=layer,
                        returned_objects=["last_object_clicked_tooltip"])
# The selected marker: a new click, else the URL's (a copied link opens with the same passages).
click = clicked_marker_id((clicked or {}).get("last_object_clicked_tooltip"))
if click and click != st.session_state.get("_map_click"):
    st.session_state["_map_click"] = click
    st.query_params["marker"] = click
selected = st.query_params.get("marker")
if selected not in set(locs["marker_id"]):
    selected = locs["marker_id"].iloc[0] if len(locs) == 1 else None
outlets = dict(zip(data.articles["article_id"], data.articles["outlet"]))
with right:
    if selected is None:
        st.markdown("##### Passages")
        st.caption("Click a marker or its name to read, event by event, the reports that place it there.")
    else:
        loc = locs.set_index("marker_id").loc[selected]
        here = inc.loc[loc["rows"]]
        st.markdown("##### " + md_plain(f"{loc['label']} · {counts_text(int(loc['n_events']), int(loc['n_reports']))}"))
        st.caption(f"Location precision: {loc['precision']}")
        for ev in events.of_rows(here).itertuples():
            with st.container(border=True):
                st.markdown(f"**{md_plain(ev.when)} · {md_plain(label('event_type', ev.event_type))}**  \n"
                            f"<span class='meta'>{md_plain(', '.join(ev.places))}</span>", unsafe_allow_html=True)
                st.page_link("app_pages/events.py", label="The event: every source side by side",
                             query_params={"event": ev.event_id}, icon=":material/event:")
                reports = here[here["event_id"] == ev.event_id].drop_duplicates(["article_id", "incident_id"])
                for r in reports.sort_values(["date", "article_id"], na_position="last").itertuples():
                    show_passage(data.article(r.article_id).body, r.start, r.end, r.place_spans,
                                 meta=f"{r.title} · {outlets.get(r.article_id) or 'outlet not given'} · "
                                      f"{date_text(r.date)} · according to {label('claimed_by', r.claimed_by)}")

st.markdown("##### Places")
table = locs.drop(columns="place").rename(columns={"label": "place", "n_events": "events", "n_reports": "reports"})
st.dataframe(table[["place", "precision", "events", "reports", "lat", "lon"]], hide_index=True, width="stretch")
with st.expander("Download the incidents" + (f" at {loc['place']}" if selected else "")):
    download_buttons((here if selected else inc).drop(columns=["event_main_type", "fatalities"]), "incidents", ("csv", "geojson", "jsonl"), f,
                     loc["place"] if selected else "")
