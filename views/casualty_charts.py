"""Charts of casualty and loss figures: one bar per claim, never a sum.

People (killed, wounded...) per kind, a bar per claim by claimant, coloured by
side; materiel per side whose equipment it is, a bar per claim by *what* (2
helicopters and 3 tanks stay two bars). A figure that is only a bound ("at
least 49") is drawn lighter with a dashed outline and labelled in words.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from geo.present.colours import scale, side_colours

# Opacity per bound (geo.present.tables.figure_bound): only an exact count is solid.
BOUNDS = ["exact", "approximate", "range", "lower bound", "upper bound"]
OPACITY = [0.95, 0.6, 0.6, 0.35, 0.35]
BAR_STEP = 20  # pixels per claim


def chart_rows(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims that have a number, with ``n`` (the number a bar is drawn to: the lower bound if any)
    and ``bar`` (the bar's label: "Reuters — Armenia" for people, "helicopters — Armenian MoD" for
    materiel; a repeated label gets its article's date, so two claims never share a bar).

    Expects the columns of geo.present.tables.claims_frame plus claimant_short and side_name.
    """
    d = claims[claims["count_low"].notna() | claims["count_high"].notna()].copy()
    d["n"] = d["count_low"].fillna(d["count_high"]).astype(float)
    materiel = d["kind"] == "materiel"
    d["bar"] = (d["claimant_short"] + " — " + d["side_name"]).where(
        ~materiel, d["what"].fillna("unspecified equipment") + " — " + d["claimant_short"])
    repeated = d.duplicated(["kind", "side", "bar"], keep=False)
    d.loc[repeated, "bar"] += " (" + d.loc[repeated, "published"].fillna("undated").astype(str) + ")"
    while (dup := d.duplicated(["kind", "side", "bar"])).any():  # same date too: number them
        d.loc[dup, "bar"] += " ·"
    return d


def _bars(colour: str, colour_title: str, tooltip: list[str], bounds: list[str],
          colours: alt.Scale | None = None) -> list[alt.Chart]:
    base = alt.Chart().encode(
        y=alt.Y("bar:N", title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("n:Q", title="count as stated (a bound is drawn at its number)", stack=None),
        tooltip=tooltip,
    )
    shown = [b for b in BOUNDS if b in bounds]
    bars = base.mark_bar().encode(
        color=alt.Color(f"{colour}:N", title=colour_title, scale=colours or alt.Scale(scheme="tableau10")),
        opacity=alt.Opacity("bound:N", title="figure", scale=alt.Scale(
            domain=shown, range=[OPACITY[BOUNDS.index(b)] for b in shown])),
    )
    outline = base.mark_bar(filled=False, strokeDash=[4, 3], strokeWidth=1.2, color="#333").transform_filter(
        alt.datum.bound != "exact")
    words = base.mark_text(align="left", dx=4, fontSize=11, color="#333").encode(text="figure:N")
    return [bars, outline, words]


def _facet(layers: list[alt.Chart], data: pd.DataFrame, row: str) -> alt.FacetChart:
    return alt.layer(*layers, data=data).properties(width=420, height=alt.Step(BAR_STEP)).facet(
        row=alt.Row(f"{row}:N", title=None,
                    header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold", labelFontSize=12)),
    ).resolve_scale(y="independent")


def people_chart(rows: pd.DataFrame, side_names: dict[str, str] | None = None) -> alt.FacetChart:
    """Killed, wounded, missing, captured, casualties: a row per kind, a bar per claim (``chart_rows``),
    coloured by side with each side's colour of the conflict file (``side_names``: id → the names shown)."""
    tooltip = ["claimant", "side_name", "kind", "figure", "bound", "title", "published"]
    domain, colours = scale(side_colours(), side_names, sorted(set(rows["side_name"])))
    return _facet(_bars("side_name", "side", tooltip, list(rows["bound"]), alt.Scale(domain=domain, range=colours)),
                  rows, "kind")


def materiel_chart(rows: pd.DataFrame) -> alt.FacetChart:
    """Equipment lost: a row per side whose equipment it is, a bar per claim by what was lost."""
    tooltip = ["claimant", "side_name", "what", "figure", "bound", "title", "published"]
    data = rows.assign(owner="lost by " + rows["side_name"])
    return _facet(_bars("claimant_short", "claimant", tooltip, list(rows["bound"])), data, "owner")
