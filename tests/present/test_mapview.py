import json
import re

from geo.places.gazetteer import GazEntry
from geo.events.grouping import event_types
from geo.present.colours import colours_of
from geo.present.dataset import Dataset
from geo.present.mapview import (MAX_FATALITY_RADIUS, assets_installed, background_towns, base_map, build_map, clicked_marker_id,
                                 fatality_radius, location_layer, locations_frame, marker_id, tooltip_html)
from geo.models import Extraction
from geo.present.passages import passage_html
from geo.present.tables import incident_places_frame
from streamlit_folium import _get_header, _get_map_string, generate_js_hash
from ui_fixtures import sample_extractions

COUNTRIES = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "Armenia", "label_lat": 40.2, "label_lon": 45.0},
     "geometry": {"type": "Polygon", "coordinates": [[[44, 39], [46, 39], [46, 41], [44, 41], [44, 39]]]}}]}


def _frame(exs=None):
    return incident_places_frame(exs or sample_extractions())


def _js(m):
    m.get_root().render()
    return _get_map_string(m)


def _layer_js(df, **kw):
    m = base_map(countries=COUNTRIES, local_assets=False)
    location_layer(df, **kw).add_to(m)
    return _js(m)


def _markers(js: str) -> list[list]:
    """The locations the script draws: [lat, lon, colour, precision, radius, tooltip, label, anchor, events]."""
    return json.loads(re.search(r"^var D = (.*);$", js, re.M).group(1))


def _icon_texts(js: str, css_class: str) -> list[str]:
    """The text of every label whose HTML has this class: the markers' and the background's divIcons
    (their HTML a JSON string in the script)."""
    htmls = [json.loads(h) for h in re.findall(r'"html": ("(?:[^"\\]|\\.)*")', js)]
    htmls += [r[6] for r in _markers(js)] if "var D = " in js else []
    return [re.sub(r"<[^>]+>", "", h) for h in htmls if f'class="{css_class}"' in h]


def test_one_marker_per_location_counting_events_and_reports():
    df = Dataset(sample_extractions()).events.incidents
    locs = locations_frame(df).set_index("place")
    assert len(locs) == 8
    assert locs.loc["Goris", ["n_events", "n_reports"]].tolist() == [1, 2]
    assert locs.loc["Stepanakert", ["n_events", "n_reports"]].tolist() == [1, 1]
    js = _js(build_map(df, countries=COUNTRIES, local_assets=False))
    assert len(_markers(js)) == 8
    tip = "Goris · 1 event, 2 reports<span hidden> " + marker_id("Goris", 39.5111, 46.3417) + "</span>"
    assert [r[5] for r in _markers(js)].count(f"<div>{tip}</div>") == 1
    # without events (a plain incident frame) each incident is its own event
    plain = locations_frame(_frame()).set_index("place")
    assert plain.loc["Goris", ["n_events", "n_reports"]].tolist() == [2, 2]


def test_labels_are_clickable_with_their_dots_tooltip_and_decluttered():
    js = _js(build_map(Dataset(sample_extractions()).events.incidents, countries=COUNTRIES, local_assets=False))
    tip = "Goris · 1 event, 2 reports<span hidden> " + marker_id("Goris", 39.5111, 46.3417) + "</span>"
    assert f"<div>{tip}</div>" in [r[5] for r in _markers(js)]
    assert js.count("bindTooltip(r[5]") == 2  # the dot's tooltip is its label's too
    assert "interactive: true" in js and "declutter" in js


def test_marker_size_by_fatalities():
    df = Dataset(sample_extractions()).events.incidents
    js = _layer_js(df, size_by_fatalities=True)
    assert max(r[4] for r in _markers(js)) == float(MAX_FATALITY_RADIUS)  # the deadliest event's places: the largest
    assert fatality_radius(0, 99) == 5 and fatality_radius(99, 99) == MAX_FATALITY_RADIUS
    assert "bindPopup" not in js  # the side panel lists the incidents; no popup covers the markers


def test_every_marker_has_a_permanent_label_beside_its_dot():
    js = _js(build_map(_frame(), countries=COUNTRIES, local_assets=False))
    labels = _icon_texts(js, "place-label") + _icon_texts(js, "place-label above")
    assert sorted(labels) == sorted(locations_frame(_frame())["label"])
    assert "Dashkasan (Dashkesan, Dasheksan)" in labels  # the articles' spellings beside the canonical name
    # anchored right of a town's dot (radius 7) or a district's ring (11); above a region's ring (17)
    assert {(r[3], tuple(r[7])) for r in _markers(js)} == {("town", (-10, 8)), ("district", (-14, 8)), ("region", (0, 36))}
    assert _icon_texts(js, "place-label above") == ["Nagorno-Karabakh (Artsaj)"]


def test_label_names_the_canonical_place_and_the_article_words():
    exs = sample_extractions()
    d = next(ex for ex in exs if any(p.name == "Stepanakert" for p in ex.places)).to_dict()
    for p in d["places"]:
        if p["name"] == "Stepanakert":
            p["name"] = "Khankendi"
    for i in d["incidents"]:
        i["places"] = ["Khankendi" if n == "Stepanakert" else n for n in i["places"]]
    locs = locations_frame(incident_places_frame([Extraction.from_dict(d)])).set_index("place")
    assert locs.loc["Khankendi", "label"] == "Khankendi (Stepanakert)"
    assert locs.loc["Nagorno-Karabakh", "label"] == "Nagorno-Karabakh"  # same name, other dashes: no repeat


def test_background_towns_offline_only_and_spread_out():
    entries = [GazEntry("g:1", "Capital", "town", "AM", 40.18, 44.51, 1_000_000),
               GazEntry("g:2", "Capital district", "town", "AM", 40.20, 44.48, 150_000),
               GazEntry("g:3", "Goris", "town", "AM", 39.51, 46.34, 20_000),
               GazEntry("g:4", "Far away", "town", "AM", 10.0, 10.0, 500_000)]
    towns = background_towns(entries, (43.4, 38.3, 50.5, 42.0))
    assert [t[0] for t in towns] == ["Capital", "Goris"]
    offline = _js(build_map(_frame(), countries=COUNTRIES, local_assets=False, towns=towns))
    assert _icon_texts(offline, "town-label") == ["Capital"]  # Goris has a marker: no second label
    online = _js(build_map(_frame(), countries=COUNTRIES, online=True, local_assets=False, towns=towns))
    assert "Capital" not in online


def test_same_data_same_javascript():
    """streamlit-folium keys the component on the JS: two builds must hash alike (no random ids)."""
    a = build_map(_frame(), countries=COUNTRIES, local_assets=False)
    b = build_map(_frame(), countries=COUNTRIES, local_assets=False)
    assert generate_js_hash(_js(a)) == generate_js_hash(_js(b))
    fewer = build_map(_frame().iloc[1:], countries=COUNTRIES, local_assets=False)
    assert generate_js_hash(_js(fewer)) != generate_js_hash(_js(a))


def test_offline_has_no_tiles_online_has():
    assert "tileLayer" not in _js(build_map(_frame(), countries=COUNTRIES, local_assets=False))
    assert "tileLayer" in _js(build_map(_frame(), countries=COUNTRIES, online=True, local_assets=False))


def test_country_outlines_and_labels():
    js = _js(build_map(_frame(), countries=COUNTRIES, local_assets=False))
    assert "L.geoJson(" in js and "country-label" in js and "Armenia" in js


def test_clicked_marker_id_from_the_tooltip_text_a_click_returns():
    mid = marker_id("Goris", 39.5111, 46.3417)
    html = tooltip_html("Goris", 1, 2, mid)
    text = re.sub(r"<[^>]+>", "", html)  # streamlit-folium returns the tooltip's textContent
    assert clicked_marker_id(text) == mid
    assert clicked_marker_id("Goris · 1 event, 2 reports") is None and clicked_marker_id(None) is None


def test_colours_come_from_the_data_whatever_is_shown():
    types, sides = colours_of("event_type"), colours_of("attacker")
    assert set(types) == set(event_types()) and len(set(types.values())) == len(types)
    assert types["shelling"] == event_types()["shelling"].colour
    assert {"armenia", "azerbaijan"} <= set(sides) and sides["armenia"] != sides["azerbaijan"]
    js_all = _layer_js(_frame())
    js_one = _layer_js(_frame()[_frame()["event_type"] == "shelling"])
    assert types["shelling"] in js_one and types["shelling"] in js_all


def test_local_assets_replace_cdns(tmp_path):
    m = build_map(_frame(), countries=COUNTRIES, local_assets=True)
    links = [u for _, u in m.default_js + m.default_css]
    assert links and all(u.startswith("/app/static/vendor/") for u in links)
    assert not assets_installed(tmp_path)


def test_cdn_when_not_local():
    m = build_map(_frame(), countries=COUNTRIES, local_assets=False)
    assert any(u.startswith("https://") for _, u in m.default_js)


def test_article_text_is_escaped_in_tooltips_and_labels():
    ex = sample_extractions()[3]
    d = ex.to_dict()
    d["article"]["body"] = ex.article.body
    d["article"]["title"] = "<img src=x onerror=alert(1)> ${alert(1)}"
    for p in d["places"]:
        if p["name"] == "Goris":
            p["name"] = "Go<b>ris</b>${alert(2)}`"
            p["text"] = "<i>Goris</i>"
    for i in d["incidents"]:
        i["places"] = ["Go<b>ris</b>${alert(2)}`" if n == "Goris" else n for n in i["places"]]
    bad = Extraction.from_dict(d)
    m = build_map(incident_places_frame([bad]), countries=COUNTRIES, local_assets=False)
    js = _js(m)
    assert "<img" not in js and "${alert" not in js and "<b>ris" not in js and "`" not in re.sub(r"`[^`]*`", "", js.replace("\\`", ""))
    shown = "Go&lt;b&gt;ris&lt;/b&gt;&#36;{alert(2)}&#96; (&lt;i&gt;Goris&lt;/i&gt;)"
    assert any(re.search(re.escape(shown) + r" · \d+ events?, \d+ reports?<span hidden> m-", r[5]) for r in _markers(js))
    assert shown in _icon_texts(js, "place-label")
    header = _get_header(m)
    assert "<img" not in header


def test_passage_highlights_place():
    ex = sample_extractions()[3]
    df = _frame([ex])
    r = df[df.place == "Goris"].iloc[0]
    html = passage_html(ex.article.body, r.start, r.end, r.place_spans)
    assert "vicino alle città di <mark" in html and '<mark class="hl">Goris</mark>, Sotk e Jermuk' in html
    assert html.startswith("… ")


def test_many_markers_cluster_below_a_zoom_with_their_events_count():
    df = Dataset(sample_extractions()).events.incidents
    js = _js(build_map(df, countries=COUNTRIES, local_assets=False))
    assert "var P = " in js and "recluster" in js and "L.layerGroup().addTo(map)" in js
    # one entry per place: its dot, its label and its number of events
    assert sorted(r[8] for r in _markers(js)) == sorted(locations_frame(df)["n_events"])
    from geo.present.mapview import CLUSTER_FROM
    assert CLUSTER_FROM > 8  # the sample's 8 places never cluster
