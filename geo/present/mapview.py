"""The event map as a folium object: one marker per location, deterministic.

- One marker per place with a permanent label (its name, beside the dot, so
  the map reads without hovering) and a tooltip "Goris · 1 event, 2 reports"
  (many markers close on screen cluster into one circle with their events'
  count, until zoomed in)
  (the events told there, and the reports of them: one article's account of
  an incident is a report). The
  tooltip also carries a stable id in a hidden span: streamlit-folium returns
  a clicked tooltip's textContent (last_object_clicked_tooltip), which
  includes hidden text, so the click finds its location without the id ever
  being shown. No popup: the page's side panel lists the incidents.
- Marker style: dash and opacity show precision (town / district / region),
  size the precision or, when asked, the best fatality figure of the events
  there; colour the event type or the side blamed, one colour per value
  everywhere (geo.present.colours). A label is clickable as its dot is;
  labels that would overlap a more important one are hidden until zoomed in.
- Country outlines from data/geo/countries.geojson and, when offline, the
  theatre's main towns as faint grey background labels, so the map reads
  without tiles; a tile layer only when online mode is on.
- Deterministic: streamlit-folium keys the component on the map's
  JavaScript (folium's random element ids stripped), so the same rows must
  give the same script — no random jitter, no per-click styling — or the
  map reloads and forgets the click.
- Leaflet and friends from /app/static/vendor/ when scripts/install_assets.sh
  has put them there (air-gapped use), else folium's CDN defaults.
- Markers and labels are one JSON array drawn by one loop in one script
  element (_Script), not a folium object or a Leaflet call each: a thousand
  locations take milliseconds instead of seconds to render on every rerun, and
  a third of the bytes to send.
Article-derived text goes through geo.present.escape.esc (folium inserts it raw).
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement, Template

from geo.config import DATA_DIR, VENDOR_DIR
from geo.geometry import in_bbox
from geo.present.colours import MIXED_COLOUR, UNKNOWN_COLOUR, colours_of
from geo.present.escape import esc
from geo.present.tables import counted, other_words, place_label

COUNTRIES_FILE = DATA_DIR / "geo" / "countries.geojson"
VENDOR_URL = "/app/static/vendor"

# folium's asset names → files installed by scripts/install_assets.sh.
LOCAL_ASSETS = {
    "leaflet": "leaflet/leaflet.js",
    "jquery": "jquery/jquery.min.js",
    "bootstrap": "bootstrap/bootstrap.bundle.min.js",
    "awesome_markers": "awesome-markers/leaflet.awesome-markers.js",
    "leaflet_css": "leaflet/leaflet.css",
    "bootstrap_css": "bootstrap/bootstrap.min.css",
    "awesome_markers_font_css": "fontawesome/css/all.min.css",
    "awesome_markers_css": "awesome-markers/leaflet.awesome-markers.css",
}
# Stylesheets folium adds that our markers never use; left out rather than fetched from a CDN.
UNUSED_ASSETS = {"glyphicons_css", "awesome_rotate_css"}

# Precision → how sure the location is: a town is a small solid dot, a region a large faint ring.
PRECISION_STYLE = {
    "town": {"radius": 7, "fill_opacity": 0.9, "dash_array": None, "weight": 2},
    "district": {"radius": 11, "fill_opacity": 0.45, "dash_array": "5 4", "weight": 2},
    "region": {"radius": 17, "fill_opacity": 0.2, "dash_array": "2 5", "weight": 2},
    "country": {"radius": 22, "fill_opacity": 0.1, "dash_array": "1 6", "weight": 2},
}
MAX_FATALITY_RADIUS = 26  # the largest marker, sized by fatalities (area proportional to the toll)
_MARKER_ID = re.compile(r"\bm-[0-9a-f]{8}\b")
# Marker labels: dark text with a white halo, legible over outlines and rings; background towns faint.
LABEL_CSS = (
    ".place-label,.town-label{white-space:nowrap;pointer-events:none;font-family:sans-serif}"
    ".place-label{display:inline-block;font-size:12px;font-weight:600;color:#222;line-height:16px;"
    "pointer-events:auto;cursor:pointer;"
    "text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,0 0 4px #fff}"
    ".place-label.above{transform:translateX(-50%);font-weight:500;font-style:italic}"
    ".town-label{font-size:10px;font-style:italic;color:#a3a3a3;line-height:14px;text-shadow:0 0 2px #fff}"
    ".town-dot{display:inline-block;width:3px;height:3px;border-radius:50%;background:#b5b5b5;"
    "margin-right:3px;vertical-align:middle}"
    ".leaflet-interactive:focus,.place-label-icon:focus{outline:none}"  # no focus square on a clicked marker
    ".cluster{width:100%;height:100%;border-radius:50%;background:rgba(68,68,68,.78);color:#fff;font:600 12px "
    "sans-serif;display:flex;align-items:center;justify-content:center;border:2px solid #fff;cursor:pointer}"
)
# A full-screen button (the browser's Fullscreen API on the map's own frame: no plugin to fetch).
FULLSCREEN_JS = """
var Full = L.Control.extend({options: {position: "topleft"}, onAdd: function () {
  var b = L.DomUtil.create("a", "leaflet-bar leaflet-control fullscreen-button");
  b.href = "#"; b.title = "Full screen"; b.setAttribute("role", "button");
  b.innerHTML = '<svg viewBox="0 0 16 16" width="16" height="16" style="margin:7px"><path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#333" stroke-width="2"/></svg>';
  b.style.cssText = "display:block;width:30px;height:30px;background:#fff";
  L.DomEvent.on(b, "click", function (e) {
    L.DomEvent.stop(e);
    var el = map.getContainer();
    if (document.fullscreenElement) { document.exitFullscreen(); } else if (el.requestFullscreen) { el.requestFullscreen(); }
  });
  return b; }});
new Full().addTo(map);
document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
"""
# Draws ``D``: per location [lat, lon, colour, precision, radius, tooltip HTML, label HTML, label anchor,
# events], widest rings first; ``ORDER``: their indexes, most important label first. ``P`` (for
# CLUSTER_JS): per location its dot, its label (clickable, with the dot's tooltip) and its events;
# ``DRAWN``: the same in D's order. They are made off the map: CLUSTER_JS puts on it those not in a
# cluster (a few dozen of a thousand at the theatre's zoom), which is most of a filter change's work.
MARKERS_JS = """
var DRAWN = D.map(function (r, i) {
  var s = STYLE[r[3]];
  var d = L.circleMarker([r[0], r[1]], {color: r[2], fillColor: r[2], fill: true, dashArray: s.dash_array,
    fillOpacity: s.fill_opacity, weight: s.weight, radius: r[4]}).bindTooltip(r[5], {sticky: false});
  var l = L.marker([r[0], r[1]], {interactive: true, keyboard: false, icon: L.divIcon({className: "place-label-icon",
    html: r[6], iconSize: [1, 1], iconAnchor: r[7]})}).bindTooltip(r[5], {sticky: false, opacity: 0});
  return {i: i, n: r[8], d: d, l: l, ring: r[3] !== "town"};
});
var P = ORDER.map(function (i) { return DRAWN[i]; });
"""
CLUSTER_PX = 44  # markers closer than this on screen join one cluster...
CLUSTER_FROM = 40  # ...when the map has at least this many, below CLUSTER_UNTIL_ZOOM
CLUSTER_UNTIL_ZOOM = 10
# Clusters, then labels. ``P``: one entry per place, most important first: its dot, its label and its
# events. Below CLUSTER_UNTIL_ZOOM, places that fall in one CLUSTER_PX screen cell are drawn as one
# circle with their number of events (a click zooms in), after every zoom; the others are put on the map,
# widest rings under the towns (which stay on top, and clickable). Then each label that overlaps one drawn
# before it is hidden. A click on a dot or a label reaches streamlit-folium through the group they are
# in (Leaflet passes a layer's events to its group, with the layer as their source).
CLUSTER_JS = """
var clusters = L.layerGroup().addTo(map), home = null;  // in the group: they leave with it
function declutter() {  // every box read before any style is written: one layout, not one a label
  var shown = [], labels = P.map(function (p) {
    var el = p.l.getElement && p.l.getElement();
    return {el: el, box: el && el.firstChild && el.firstChild.getBoundingClientRect()}; });
  labels.forEach(function (x) {
    var box = x.box;
    if (!box) { return; }
    x.clash = shown.some(function (b) {
      return box.left < b.right && b.left < box.right && box.top < b.bottom && b.top < box.bottom; });
    if (!x.clash) { shown.push(box); }
  });
  labels.forEach(function (x) { if (x.box) { x.el.style.visibility = x.clash ? "hidden" : ""; } });
}
function recluster() {
  var lm = map._map;
  if (!lm) { home.off("zoomend", recluster); return; }  // a filter change replaced this group
  var cells = {}, many = P.length >= %(from)d && lm.getZoom() < %(zoom)d;
  clusters.clearLayers();
  P.forEach(function (p) {
    var pt = lm.latLngToContainerPoint(p.d.getLatLng());
    var k = many ? Math.floor(pt.x / %(px)d) + ":" + Math.floor(pt.y / %(px)d) : p.i;
    (cells[k] = cells[k] || []).push(p);
  });
  Object.keys(cells).forEach(function (k) { cells[k].forEach(function (p) { p.alone = cells[k].length === 1; }); });
  var ringAdded = false;
  DRAWN.forEach(function (p) {
    [p.d, p.l].forEach(function (x) {
      if (p.alone && !map.hasLayer(x)) { map.addLayer(x); ringAdded = ringAdded || (x === p.d && p.ring); }
      if (!p.alone && map.hasLayer(x)) { map.removeLayer(x); } }); });
  if (ringAdded) {  // a ring comes on top of what is there: the dots in D's order again, towns last
    DRAWN.forEach(function (p) { if (p.alone) { p.d.bringToFront(); } });
  }
  Object.keys(cells).forEach(function (k) {
    var g = cells[k];
    if (g.length === 1) { return; }
    var n = 0, lat = 0, lon = 0;
    g.forEach(function (p) { n += p.n; lat += p.d.getLatLng().lat / g.length; lon += p.d.getLatLng().lng / g.length; });
    var size = Math.round(26 + 6 * Math.log10(n + 1));
    L.marker([lat, lon], {keyboard: false, icon: L.divIcon({className: "cluster-icon", iconSize: [size, size],
      html: '<div class="cluster" title="' + g.length + ' places">' + n + '</div>'})})
      .on("click", function () { lm.setView([lat, lon], Math.min(lm.getZoom() + 2, %(zoom)d)); }).addTo(clusters);
  });
  declutter();
}
var tries = 0;  // the markers are drawn once the group is on the map (st_folium adds it right after this runs)
setTimeout(function start() {
  home = map._map;
  if (home) { home.on("zoomend", recluster); recluster(); } else if (++tries < 40) { setTimeout(start, 50); }
}, 50);
""" % {"px": CLUSTER_PX, "from": CLUSTER_FROM, "zoom": CLUSTER_UNTIL_ZOOM}


def marker_id(place: str, lat: float, lon: float) -> str:
    """Stable id of a location's marker (what a click returns inside the tooltip)."""
    return "m-" + hashlib.sha1(f"{place}|{lat:.4f}|{lon:.4f}".encode()).hexdigest()[:8]


def clicked_marker_id(tooltip: str | None) -> str | None:
    """The marker id in a clicked tooltip's text, or None."""
    m = _MARKER_ID.search(tooltip or "")
    return m.group(0) if m else None


def locations_frame(incidents: pd.DataFrame) -> pd.DataFrame:
    """One row per location: place, label, lat, lon, precision, marker_id, n_events, n_reports, fatalities
    (the largest best toll of its events; 0 when none), the incident rows' index.

    ``label`` is the canonical name with the articles' other words for it ("Khankendi (Stepanakert)").
    Events are the rows' ``event_id`` (geo.present.events), each incident its own event without one;
    a report is one article's incident.
    """
    cols = ["marker_id", "place", "label", "lat", "lon", "precision", "n_events", "n_reports", "fatalities", "rows"]
    if incidents.empty:
        return pd.DataFrame(columns=cols)
    # Integer codes and numpy counts: a pandas aggregation per column costs ~10 ms at 30,000 rows, on
    # every filter change.
    keys = ["place", "lat", "lon"]
    loc = incidents.groupby(keys, sort=True).ngroup().to_numpy()
    n = int(loc.max()) + 1
    report = _codes(_codes(incidents["article_id"]) * len(incidents) + _codes(incidents["incident_id"]))
    if "event_id" in incidents:  # an incident without an event is its own
        event = _codes(incidents["event_id"])
        event = _codes(np.where(event >= 0, event, len(incidents) + report))
    else:
        event = report
    deaths = pd.to_numeric(incidents["fatalities"]).fillna(0).to_numpy(np.int64) if "fatalities" in incidents \
        else np.zeros(len(incidents), np.int64)
    order = np.argsort(loc, kind="stable")
    starts = np.searchsorted(loc[order], np.arange(n))
    fatalities = np.zeros(n, np.int64)
    np.maximum.at(fatalities, loc, deaths)
    words: list[list[str]] = [[] for _ in range(n)]
    for code, ws in zip(loc.tolist(), incidents["place_words"].tolist()):
        words[code].extend(ws)
    first = incidents.iloc[order[starts]]
    out = pd.DataFrame({"place": first["place"].to_numpy(), "lat": first["lat"].to_numpy(),
                        "lon": first["lon"].to_numpy(), "precision": first["precision"].to_numpy(),
                        "n_events": _per_code(loc, event, n), "n_reports": _per_code(loc, report, n),
                        "fatalities": fatalities,
                        "rows": [ix.tolist() for ix in np.split(incidents.index.to_numpy()[order], starts[1:])]})
    out["marker_id"] = [marker_id(p, lat, lon) for p, lat, lon in zip(out["place"], out["lat"], out["lon"])]
    out["label"] = [place_label(p, other_words(p, ws)) for p, ws in zip(out["place"], words)]
    return out[cols]


def _codes(values) -> np.ndarray:
    """Each value's integer code, 0 to the number of distinct values (-1 for a missing one)."""
    return pd.factorize(values)[0].astype(np.int64)


def _per_code(group: np.ndarray, key: np.ndarray, n: int) -> np.ndarray:
    """The number of distinct ``key`` values (codes below len(key)) in each of ``n`` groups."""
    return np.bincount(np.unique(group * len(key) + key) // len(key), minlength=n)


def counts_text(n_events: int, n_reports: int) -> str:
    """"1 event, 2 reports"."""
    return f"{counted(n_events, 'event')}, {counted(n_reports, 'report')}"


def tooltip_html(label: str, n_events: int, n_reports: int, mid: str) -> str:
    """The marker's tooltip: the place and its counts shown, the marker id hidden (a click returns it)."""
    return f"{esc(label)} · {counts_text(n_events, n_reports)}<span hidden> {mid}</span>"


def fatality_radius(deaths: int, largest: int) -> float:
    """A marker's radius for a toll: its area proportional to the toll, the largest MAX_FATALITY_RADIUS."""
    return 5 + (MAX_FATALITY_RADIUS - 5) * (max(deaths, 0) / largest) ** 0.5 if largest > 0 else 5


def background_towns(entries, bbox: tuple[float, float, float, float] | None, limit: int = 40,
                     min_gap_deg: float = 0.25) -> list[tuple[str, float, float]]:
    """(name, lat, lon) of the largest towns in ``bbox``, none within ``min_gap_deg`` of a larger one.

    ``entries``: gazetteer entries (name, lat, lon, population). The gap keeps a capital's
    districts from crowding out the towns of the rest of the theatre.
    """
    chosen: list[tuple[str, float, float]] = []
    for e in sorted(entries, key=lambda e: (-e.population, e.name)):
        if bbox and not in_bbox(bbox, e.lat, e.lon):
            continue
        if all(abs(e.lat - lat) > min_gap_deg or abs(e.lon - lon) > min_gap_deg for _, lat, lon in chosen):
            chosen.append((e.name, e.lat, e.lon))
            if len(chosen) == limit:
                break
    return chosen


def build_map(
    incidents: pd.DataFrame,
    *,
    colour_by: str = "event_type",
    colours: dict[str, str] | None = None,
    countries: dict | None = None,
    online: bool = False,
    local_assets: bool | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    towns: list[tuple[str, float, float]] = (),
) -> folium.Map:
    """The map of ``incidents`` (rows of geo.present.tables.incident_places_frame): base_map with its location_layer.

    colour_by: the column that colours markers ("event_type", "attacker": the side blamed, ...).
    ``colours`` maps its values to colours (default: the data files', geo.present.colours). ``countries``: a GeoJSON dict of outlines (default: the shipped file).
    ``bbox`` (lon_min, lat_min, lon_max, lat_max) frames an empty map. ``towns``: (name, lat, lon)
    drawn as faint background labels when offline (see background_towns).
    """
    locs = locations_frame(incidents)
    m = base_map(countries=countries, online=online, local_assets=local_assets, frame=frame_of(locs, bbox))
    location_layer(incidents, colour_by=colour_by, colours=colours, towns=[] if online else towns, bbox=bbox,
                   locations=locs).add_to(m)
    return m


def frame_of(locs: pd.DataFrame, bbox: tuple[float, float, float, float] | None = None,
             pad: float = 0.6) -> list[list[float]] | None:
    """[[south, west], [north, east]] around the locations (padded), else the bbox, else None."""
    if not locs.empty:
        return [[float(locs.lat.min()) - pad, float(locs.lon.min()) - pad],
                [float(locs.lat.max()) + pad, float(locs.lon.max()) + pad]]
    return [[bbox[1], bbox[0]], [bbox[3], bbox[2]]] if bbox else None


def base_map(*, countries: dict | None = None, online: bool = False, local_assets: bool | None = None,
             frame: list[list[float]] | None = None) -> folium.Map:
    """The map without its incidents: country outlines (default: the shipped file), tiles only when
    ``online``, the labels' styles, framed on ``frame`` ([[south, west], [north, east]]).

    The dashboard keeps it the same whatever the filters (streamlit-folium then keeps the map and only
    swaps the location_layer: a filter change redraws markers without reloading Leaflet).
    """
    m = folium.Map(location=None, zoom_start=7, tiles="OpenStreetMap" if online else None,
                   control_scale=True, prefer_canvas=False)
    if not online:
        # No tiles: a pale sea behind the country outlines.
        m.get_root().header.add_child(Element("<style>.leaflet-container{background:#dde6ee}</style>"))
    if countries is None:
        countries = load_countries()
    if countries:
        _add_countries(m, countries)
    m.get_root().header.add_child(Element(f"<style>{LABEL_CSS}</style>"))
    _Script(FULLSCREEN_JS).add_to(m)
    if frame:
        m.fit_bounds(frame)
    if local_assets is None:
        local_assets = assets_installed()
    if local_assets:
        use_local_assets(m)
    return m


def location_layer(
    incidents: pd.DataFrame,
    *,
    colour_by: str = "event_type",
    colours: dict[str, str] | None = None,
    towns: list[tuple[str, float, float]] = (),
    bbox: tuple[float, float, float, float] | None = None,
    locations: pd.DataFrame | None = None,
    size_by_fatalities: bool = False,
) -> folium.FeatureGroup:
    """The incidents' markers and labels, the background ``towns`` not next to a marker, and a call
    that frames them (``bbox`` when there is none). ``locations``: the rows' locations_frame, when the
    caller has it already. ``size_by_fatalities``: marker area by the best toll of its events."""
    colours = colours or colours_of(colour_by)
    locs = locations_frame(incidents) if locations is None else locations
    group = folium.FeatureGroup(name="incidents", control=False)
    if towns:
        # A town at (or right next to) a marker would only crowd its label.
        lat, lon = locs["lat"].to_numpy(float), locs["lon"].to_numpy(float)
        _add_towns(group, [t for t in towns if not ((abs(t[1] - lat) < 0.12) & (abs(t[2] - lon) < 0.25)).any()])
    code = _marker_script(incidents, locs, colour_by, colours, size_by_fatalities) if not locs.empty else ""
    frame = frame_of(locs, bbox)
    if frame:  # once the group is on the map (it is added right after this script runs)
        code += f"\nsetTimeout(function () {{ (map._map || map).fitBounds({json.dumps(frame)}); }}, 0);"
    if code:
        _Script(code).add_to(group)
    return group


class _Script(MacroElement):
    """Leaflet calls on the map, written here in one pass: a folium object per marker or label would
    compile and render its own Jinja templates (seconds for a thousand locations, on every rerun)."""

    _template = Template("{% macro script(this, kwargs) %}(function (map) {\n{{ this.code }}\n})"
                         "({{ this._parent.get_name() }});{% endmacro %}")

    def __init__(self, code: str):
        super().__init__()
        self._name = "Script"
        self.code = code


def _json_html(value) -> str:
    """JSON (HTML strings in it) that cannot close the page's <script> (as folium's tojson writes it)."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _label_js(lat: float, lon: float, html: str, class_name: str, size: list[int], anchor: list[int]) -> str:
    """A non-interactive text label (a DivIcon marker) at a point. An expression."""
    return (f'L.marker({json.dumps([float(lat), float(lon)])}, {{"interactive": false, "icon": L.divIcon({{'
            f'"html": {_json_html(html)}, "iconSize": {json.dumps(size)}, "iconAnchor": {json.dumps(anchor)}, '
            f'"className": {json.dumps(class_name)}}})}}).addTo(map)')


def _marker_script(incidents: pd.DataFrame, locs: pd.DataFrame, colour_by: str, colours: dict[str, str],
                   size_by_fatalities: bool = False) -> str:
    """Leaflet calls drawing each location: a circle (dash and opacity by precision, size by precision or
    toll, colour by category; a tooltip carrying the marker id) and its permanent label, which carries
    the same tooltip so that clicking it is clicking the dot. Wide rings first, towns last: small
    markers stay on top and clickable. Labels are decluttered most important first: the finest places
    (a town's name before its region's), then the most events and reports.

    The locations go as one JSON array that MARKERS_JS draws (a third of the bytes a call per marker
    takes, which the server, the socket and the browser all handle on every filter change)."""
    keys = ["place", "lat", "lon"]
    cats = incidents.groupby(keys, sort=False)[colour_by].agg(["nunique", "first"])
    cats = cats.reindex(pd.MultiIndex.from_frame(locs[keys]))
    largest = int(locs["fatalities"].max()) if size_by_fatalities else 0
    precisions = [p if p in PRECISION_STYLE else "town" for p in locs["precision"]]
    order = sorted(zip(locs.itertuples(), precisions, cats["nunique"], cats["first"]),
                   key=lambda x: (-PRECISION_STYLE[x[1]]["radius"], x[0].place))
    rows, ranks = [], []
    for i, (loc, precision, n_cats, first) in enumerate(order):
        radius = round(fatality_radius(loc.fatalities, largest), 1) if size_by_fatalities \
            else PRECISION_STYLE[precision]["radius"]
        # A town's label starts just right of its dot (a negative anchor moves the icon right); a wide
        # ring's label sits centred above it, clear of the towns inside.
        above = precision in ("region", "country")
        rows.append([round(float(loc.lat), 5), round(float(loc.lon), 5),
                     colours.get(first, UNKNOWN_COLOUR) if n_cats == 1 else MIXED_COLOUR, precision, radius,
                     f"<div>{tooltip_html(loc.label, loc.n_events, loc.n_reports, loc.marker_id)}</div>",
                     f'<div class="place-label{" above" if above else ""}">{esc(loc.label)}</div>',
                     [0, radius + 19] if above else [-(radius + 3), 8], int(loc.n_events)])
        ranks.append(((list(PRECISION_STYLE).index(precision), -loc.n_events, -loc.n_reports, loc.place), i))
    return (f"var STYLE = {json.dumps(PRECISION_STYLE)};\nvar D = {_json_html(rows)};\n"
            f"var ORDER = {json.dumps([i for _, i in sorted(ranks)])};\n" + MARKERS_JS + CLUSTER_JS)


def _add_towns(m: folium.Element, towns: list[tuple[str, float, float]]) -> None:
    if towns:
        _Script("\n".join(_label_js(lat, lon, f'<div class="town-label"><span class="town-dot"></span>{esc(name)}</div>',
                                     "town-label-icon", [1, 1], [2, 7]) + ";" for name, lat, lon in towns)).add_to(m)


def _add_countries(m: folium.Map, countries: dict) -> None:
    folium.GeoJson(
        countries, name="countries", control=False, interactive=False,
        style_function=lambda f: {"color": "#8a8a8a", "weight": 1, "fillColor": "#f7f5ef", "fillOpacity": 1},
    ).add_to(m)
    labels = [_label_js(p["label_lat"], p["label_lon"], f'<div class="country-label">{esc(p.get("name", ""))}</div>',
                        "empty", [120, 16], [60, 8]) + ";"
              for p in (f.get("properties", {}) for f in countries.get("features", [])) if p.get("label_lat") is not None]
    if labels:
        _Script("\n".join(labels)).add_to(m)
    m.get_root().header.add_child(Element(
        "<style>.country-label{font:600 11px sans-serif;color:#9a968c;text-align:center;"
        "letter-spacing:.08em;text-transform:uppercase;pointer-events:none}</style>"))


def load_countries(path: Path = COUNTRIES_FILE) -> dict | None:
    """The shipped country outlines, or None when the file is absent."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def assets_installed(vendor_dir: Path = VENDOR_DIR) -> bool:
    return all((vendor_dir / f).is_file() for f in LOCAL_ASSETS.values())


def use_local_assets(m: folium.Map, base_url: str = VENDOR_URL) -> None:
    """Point every element's JS/CSS at the app's own copies instead of CDNs."""
    for el in _walk(m):
        for attr in ("default_js", "default_css"):
            links = getattr(el, attr, None)
            if links:
                setattr(el, attr, [(name, f"{base_url}/{LOCAL_ASSETS[name]}" if name in LOCAL_ASSETS else url)
                                   for name, url in links if name not in UNUSED_ASSETS])


def _walk(el):
    yield el
    for child in list(getattr(el, "_children", {}).values()):
        yield from _walk(child)
