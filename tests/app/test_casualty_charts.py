"""The casualty charts: one bar per claim (materiel never summed across kinds), bounds drawn apart."""
import pandas as pd

from geo.present.tables import claims_frame
from ui_fixtures import sample_extractions
from views.casualty_charts import chart_rows, materiel_chart, people_chart

SHORT = {"armenian_mod": "Armenian MoD", "azerbaijani_mod": "Azerbaijani MoD", "reuters": "Reuters"}


def _rows():
    c = claims_frame(sample_extractions())
    c = c[c["scope"] == "incident"].assign(claimant=c["claimed_by"], side_name=c["side"].str.title(),
                                           claimant_short=c["claimed_by"].map(lambda v: SHORT.get(v, v)))
    return chart_rows(c)


def _layers(chart):
    spec = chart.to_dict()
    return spec, spec["spec"]["layer"]


def test_materiel_is_one_bar_per_claim_by_what():
    rows = _rows()
    mat = rows[rows["kind"] == "materiel"]
    assert len(mat) >= 4 and mat["bar"].is_unique
    assert {"helicopters — Armenian MoD", "tanks — Armenian MoD", "drones — Armenian MoD"} <= set(mat["bar"])
    spec, layers = _layers(materiel_chart(mat))
    assert spec["facet"]["row"]["field"] == "owner"  # whose equipment: a row each
    assert all(l["encoding"]["x"]["stack"] is None for l in layers)  # drawn apart, never stacked
    assert all(l["encoding"]["y"]["field"] == "bar" for l in layers)
    data = next(iter(spec["datasets"].values()))
    assert sorted(d["n"] for d in data if d["bar"].startswith("helicopters — Armenian MoD")) == [2.0]


def test_lower_bound_is_drawn_pale_with_an_outline_and_its_words():
    rows = _rows()
    people = rows[rows["kind"] != "materiel"]
    assert set(people.loc[people["qualifier"] == "at_least", "bound"]) == {"lower bound"}
    spec, layers = _layers(people_chart(people))
    opacity = layers[0]["encoding"]["opacity"]["scale"]
    assert dict(zip(opacity["domain"], opacity["range"]))["lower bound"] < dict(zip(opacity["domain"], opacity["range"]))["exact"]
    assert layers[1]["mark"]["strokeDash"] and layers[1]["transform"][0]["filter"] == "(datum.bound !== 'exact')"
    assert layers[2]["encoding"]["text"]["field"] == "figure"  # "at least 49" written beside the bar
    assert spec["facet"]["row"]["field"] == "kind"


def test_a_repeated_bar_label_is_told_apart():
    rows = _rows()
    twice = rows[rows["kind"] == "materiel"].head(1)
    again = chart_rows(pd.concat([twice, twice.assign(claim_id="x", published="2020-10-01")]))
    assert again["bar"].is_unique
