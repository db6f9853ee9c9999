"""Events built from the dashboard's frames: the same events as grouping the extractions; the timeline's marks."""
from datetime import date, timedelta

import pandas as pd

from geo.events.grouping import group_events
from geo.present.dataset import Dataset
from geo.present.events import extractions_from_frames, timeline_frame
from geo.present.tables import claims_frame, incident_places_frame
from ui_fixtures import sample_extractions


def test_frame_events_are_the_extractions_events():
    exs = sample_extractions()
    index = Dataset(exs).events
    placed = {(ex.article.id, i.id) for ex in exs for i in ex.incidents}
    expected = {ev.id: {m.key for m in ev.members} & placed for ev in group_events(exs)}
    assert {ev.id: {m.key for m in ev.members} for ev in index.events(index.table["event_id"])} == {k: v for k, v in expected.items() if v}
    assert index.incidents["event_id"].notna().all()


def test_goris_is_one_event_told_by_two_reports():
    index = Dataset(sample_extractions()).events
    goris = index.incidents[index.incidents["place"] == "Goris"]
    assert goris["event_id"].nunique() == 1 and goris["incident_id"].nunique() == 2
    (row,) = index.of_rows(goris).itertuples()
    assert row.when.startswith("13") and row.when.endswith("Sep 2022") and {"Goris", "Sotk", "Jermuk"} <= set(row.places)
    assert row.killed == {"armenia": 49, "azerbaijan": 50} and row.n_articles == 3
    assert index.event(row.event_id).id == row.event_id


def test_table_newest_first_and_undated_last():
    index = Dataset(sample_extractions()).events
    dates = index.table["date_start"].tolist()
    assert dates == sorted(dates, reverse=True)


def test_claims_frame_part_of_reaches_the_events_claims():
    exs = sample_extractions()
    inc, claims = incident_places_frame(exs), claims_frame(exs)
    claims = claims[claims["article_id"].isin(set(inc["article_id"]))].reset_index(drop=True)
    aid = claims["article_id"].iloc[0]
    claims.loc[1:, "part_of"] = [f"{aid}-c0" if a == aid else None for a in claims["article_id"].iloc[1:]]
    got = {(ex.article.id, c.part_of) for ex in extractions_from_frames(inc, claims) for c in ex.claims}
    assert (aid, 0) in got and all(p in (None, 0) for _, p in got)


def _table(days: list[str], types: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"date_start": [date.fromisoformat(d) for d in days], "event_type": types,
                         "fatalities": [1] * len(days), "when": days, "name": days,
                         "event_id": [f"ev-{i}" for i in range(len(days))]})


def test_timeline_draws_every_event_until_too_many_then_the_finest_bins_that_fit():
    days = [(date(2022, 9, 1) + timedelta(days=i // 4)).isoformat() for i in range(120)]  # 30 days, 4 a day
    table = _table(days, ["shelling", "drone_strike"] * 60)
    rows, binned = timeline_frame(table, max_points=120)
    assert binned is None and len(rows) == 120 and rows["event_id"].notna().all()
    rows, binned = timeline_frame(table, max_points=60)  # 30 days × 2 types
    assert binned == "day" and len(rows) == 60 and rows["n"].sum() == 120 and rows["event_id"].isna().all()
    rows, binned = timeline_frame(table, max_points=20)  # 5 weeks (Monday 29 Aug to 30 Sep) × 2 types
    assert binned == "week" and len(rows) == 10 and rows["n"].sum() == 120
    assert rows["date"].iloc[0] == "2022-08-29" and rows["when"].iloc[0] == "week of 29 Aug 2022"
    rows, binned = timeline_frame(table, max_points=3)  # months: September alone, 2 types
    assert binned == "month" and len(rows) == 2 and set(rows["when"]) == {"Sep 2022"}
    assert rows["fatalities"].sum() == 120


def test_timeline_leaves_undated_events_out():
    table = pd.concat([_table(["2022-09-13"], ["shelling"]), _table(["2022-09-14"], ["shelling"]).assign(date_start=None)])
    rows, _ = timeline_frame(table)
    assert rows["date"].tolist() == ["2022-09-13"]
