"""Figures grouped by event, breakdowns under their parent."""
import pandas as pd

from geo.present.casualties import event_groups, nest_breakdowns, with_events
from geo.present.dataset import Dataset
from ui_fixtures import sample_extractions


def test_figures_sit_under_their_event_newest_first():
    data = Dataset(sample_extractions())
    claims = with_events(data.claims, data.events)
    groups, n = event_groups(claims[claims["scope"] == "incident"], data.events, limit=10)
    assert n == len(groups) and n >= 1
    heading, figures = groups[0]
    assert heading["when"].endswith("Sep 2022") and "Goris" in heading["places"]
    assert {"at least 49", "49", "50"} <= set(figures["figure"])
    assert set(claims[claims["scope"] == "background"]["event_id"].dropna()) == set()  # never an event's


def test_breakdowns_nest_under_their_parent_and_absent_column_means_none():
    rows = pd.DataFrame({"claim_id": ["a", "b", "c", "d"], "part_of": [None, None, "a", "zz"]})
    out = nest_breakdowns(rows)
    assert out["claim_id"].tolist() == ["a", "c", "b", "d"] and out["level"].tolist() == [0, 1, 0, 0]
    plain = nest_breakdowns(rows.drop(columns="part_of"))
    assert plain["claim_id"].tolist() == ["a", "b", "c", "d"] and set(plain["level"]) == {0}


def test_a_breakdown_sits_under_its_parent_in_the_parents_event():
    data = Dataset(sample_extractions())
    claims = data.claims.copy()
    held = with_events(claims, data.events)
    parent = held[held["event_id"].notna()].iloc[0]
    child = claims.index[(claims["article_id"] == parent["article_id"]) & (claims["claim_id"] != parent["claim_id"])][0]
    claims.loc[child, "part_of"] = parent["claim_id"]
    out = with_events(claims, Dataset(sample_extractions()).events)
    row = out[out["claim_id"] == claims.loc[child, "claim_id"]].iloc[0]
    assert row["event_id"] == parent["event_id"]
