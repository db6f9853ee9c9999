"""Grouping incidents into events, and the events' exports and command."""
from __future__ import annotations

import copy
import csv
import io
import itertools
import json
import random
from datetime import date

import pytest

from geo.cli.main import main
from geo.geometry import geodesic_km
from geo.events.grouping import (EVENT_SPAN_KM, GROUPING_KM, _link, _member, _place_index, candidate_pairs, date_interval,
                        group_events)
from geo.events.export import (ACLED_COLUMNS, CSV_COLUMNS, acled_rows, event_to_dict, write_acled_csv,
                               write_events_csv, write_events_jsonl)
from geo.models import Article, Claim, Extraction, Incident, Place
from event_fixtures import load

SEPT_2022 = ["it_2022_09_13_districts", "it_2022_09_14_towns", "it_2022_09_13_both_accounts"]
WAR_2020 = ["it_2020_09_27_counteroffensive", "it_2020_10_stepanakert"]


def violent_events(events):
    return [e for e in events if "ceasefire" not in e.event_types]


def event_of(events, article_id):
    return next(e for e in violent_events(events) if article_id in e.article_ids)


# ------------------------------------------------------------------- dates

@pytest.mark.parametrize("iso, precision, expected", [
    ("2022-09-13", "day", (date(2022, 9, 13), date(2022, 9, 13))),
    ("2020-10", "month", (date(2020, 10, 1), date(2020, 10, 31))),
    ("2020-10", "day", (date(2020, 10, 1), date(2020, 10, 31))),  # a truncated date is never finer
    ("2024-02-10", "month", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2022-09-14", "week", (date(2022, 9, 12), date(2022, 9, 18))),
    ("2020", None, (date(2020, 1, 1), date(2020, 12, 31))),
    ("2022-13-01", "day", None),
    (None, None, None),
])
def test_date_interval(iso, precision, expected):
    assert date_interval(iso, precision) == expected


# ---------------------------------------------------------------- grouping

def test_sample_like_2022_articles_form_one_event_and_2020_stays_apart(knowledge):
    exs = load(*SEPT_2022, *WAR_2020)
    events = group_events(exs, knowledge)
    ids_2022 = {ex.article.id for ex in exs[:3]}
    clash = event_of(events, exs[0].article.id)
    assert set(clash.article_ids) == ids_2022
    assert {"Goris", "Sotk", "Jermuk", "Dashkasan", "Kalbajar", "Lachin"} == set(clash.place_names)
    assert (clash.date_start, clash.date_end) == (date(2022, 9, 13), date(2022, 9, 14))
    assert "13–14 Sep 2022" in clash.name and "…" in clash.name
    assert all(p.lat is not None and p.lon is not None for p in clash.places)
    for ex in exs[3:]:
        assert ex.article.id not in clash.article_ids
    # the 2020 incidents are not on the same dates as each other (27 Sep vs October)
    war = [e for e in events if set(e.article_ids) & {ex.article.id for ex in exs[3:]}]
    assert len(war) == 2 and all(e.date_start.year == 2020 for e in war)


def test_explanation_names_the_rule(knowledge):
    clash = event_of(group_events(load(*SEPT_2022), knowledge), load(SEPT_2022[0])[0].article.id)
    text = clash.explanation
    assert "1 day apart" in text
    assert "mentioned by 2 articles" in text and "Goris" in text
    assert "km from" in text  # the Armenian towns and Azerbaijani districts joined by distance
    km = [l.km for l in clash.links if l.km is not None]
    assert km and all(k <= GROUPING_KM for k in km)


def test_grouping_is_order_independent(knowledge):
    exs = load(*SEPT_2022, *WAR_2020, "en_2022_09_20_goris_again", "en_2022_09_13_ijevan_far")
    expected = [(e.id, e.name, [m.key for m in e.members], [c.sort_key for c in e.claims])
                for e in group_events(exs, knowledge)]
    for perm in itertools.islice(itertools.permutations(exs), 0, 5040, 997):
        got = [(e.id, e.name, [m.key for m in e.members], [c.sort_key for c in e.claims])
               for e in group_events(list(perm), knowledge)]
        assert got == expected
    reversed_incidents = copy.deepcopy(exs)
    for ex in reversed_incidents:
        ex.incidents.reverse()
        ex.claims.reverse()
    assert [e.id for e in group_events(reversed_incidents, knowledge)] == [e[0] for e in expected]


def test_event_id_is_its_first_report(knowledge):
    a = event_of(group_events(load(*SEPT_2022), knowledge), load(SEPT_2022[0])[0].article.id)
    b = event_of(group_events(load(*SEPT_2022, *WAR_2020), knowledge), load(SEPT_2022[0])[0].article.id)
    assert a.id == b.id and a.id.startswith("ev-")
    c = event_of(group_events(load(*SEPT_2022[:2]), knowledge), load(SEPT_2022[0])[0].article.id)
    assert c.id == a.id  # fewer reports of it, the same first one: the same event


def test_same_place_other_date_is_another_event(knowledge):
    exs = load(*SEPT_2022, "en_2022_09_20_goris_again")
    events = violent_events(group_events(exs, knowledge))
    assert len(events) == 2
    later = event_of(events, exs[-1].article.id)
    assert later.article_ids == [exs[-1].article.id] and later.place_names == ["Goris"]


def test_same_day_far_away_is_another_event(knowledge):
    exs = load(*SEPT_2022, "en_2022_09_13_ijevan_far")
    events = violent_events(group_events(exs, knowledge))
    assert len(events) == 2
    assert event_of(events, exs[-1].article.id).place_names == ["Ijevan"]


def test_a_ceasefire_is_not_merged_into_the_clash(knowledge):
    events = group_events(load(*SEPT_2022), knowledge)
    ceasefire = [e for e in events if e.event_types == ["ceasefire"]]
    assert len(ceasefire) == 1 and ceasefire[0].place_names == ["Lachin"]
    assert len(events) == 2


def _extraction(aid: str, incidents: list[tuple[str, str | None, str | None, list[str]]], published=None):
    """incidents: (event_type, date, date_precision, place names); places at real coordinates."""
    coords = {"Goris": (39.5111, 46.3417, "AM", "town"), "Lachin": (39.6374, 46.5498, "AZ", "district"),
              "Jermuk": (39.8395, 45.6711, "AM", "town"), "Stepanakert": (39.8177, 46.7528, "AZ", "town"),
              "Armenia": (None, None, "AM", "country")}
    names = sorted({n for *_, ps in incidents for n in ps if n in coords})
    places = [Place(n, 0, len(n), n, coords[n][2], coords[n][0], coords[n][1], coords[n][3], "incident")
              for n in names]
    incs = [Incident(f"{aid}-i{k}", t, d, p, ps, "unattributed", "q", 0, 1)
            for k, (t, d, p, ps) in enumerate(incidents)]
    return Extraction(Article(aid, "body", published=published,
                              published_precision="day" if published else None), places, [], incs)


def test_distance_threshold_between_places():
    near = [_extraction("a", [("shelling", "2022-09-13", "day", ["Goris"])]),
            _extraction("b", [("armed_clash", "2022-09-13", "day", ["Lachin"])])]  # 23 km
    far = [_extraction("a", [("shelling", "2022-09-13", "day", ["Goris"])]),
           _extraction("c", [("shelling", "2022-09-13", "day", ["Jermuk"])])]  # 68 km
    assert len(group_events(near, types={})) == 1
    assert len(group_events(far, types={})) == 2
    (ev,) = group_events(near, types={})
    assert "same day" in ev.explanation and "23 km" in ev.explanation


def test_a_shared_country_alone_does_not_group():
    exs = [_extraction("a", [("shelling", "2022-09-13", "day", ["Armenia"])]),
           _extraction("b", [("shelling", "2022-09-13", "day", ["Armenia"])])]
    assert len(group_events(exs, types={})) == 2


def test_month_precision_overlaps_its_days_but_does_not_chain_the_month():
    exs = [_extraction("m", [("shelling", "2020-10", "month", ["Stepanakert"])]),
           _extraction("d1", [("shelling", "2020-10-05", "day", ["Stepanakert"])]),
           _extraction("d2", [("shelling", "2020-10-20", "day", ["Stepanakert"])]),
           _extraction("s", [("shelling", "2020-09-27", "day", ["Stepanakert"])])]
    events = group_events(exs, types={})
    groups = sorted(sorted(e.article_ids) for e in events)
    # the month joins one of its days; the two days 15 days apart never share an event
    assert len(events) == 3
    assert ["s"] in groups
    assert not any({"d1", "d2"} <= set(g) for g in groups)
    joined = next(e for e in events if "m" in e.article_ids)
    assert len(joined.article_ids) == 2 and joined.precision == "day"


def test_undated_incident_falls_back_to_the_article_date_or_stays_alone():
    dated_by_article = [_extraction("a", [("shelling", None, None, ["Goris"])], published="2022-09-13"),
                        _extraction("b", [("shelling", "2022-09-13", "day", ["Goris"])])]
    assert len(group_events(dated_by_article, types={})) == 1
    undated = [_extraction("a", [("shelling", None, None, ["Goris"])]),
               _extraction("b", [("shelling", "2022-09-13", "day", ["Goris"])])]
    events = group_events(undated, types={})
    assert len(events) == 2
    assert any(e.name.endswith("undated") and e.date_start is None for e in events)


def _placed(aid: str, incidents: list[tuple[str, str, list[str]]], coords: dict, precision="day"):
    """incidents: (date, event_type, place names); coords: name -> (lat, lon, precision)."""
    names = sorted({n for *_, ps in incidents for n in ps})
    places = [Place(n, 0, len(n), n, "AZ", coords[n][0], coords[n][1], coords[n][2], "incident") for n in names]
    incs = [Incident(f"{aid}-i{k}", t, d, precision, ps, "unattributed", "q", 0, 1)
            for k, (d, t, ps) in enumerate(incidents)]
    return Extraction(Article(aid, "body"), places, [], incs)


LINE = {f"L{k}": (40.0, 45.0 + k / 10, "town") for k in range(0, 31)}  # towns 8.5 km apart along 40°N
LINE["Region"] = (40.0, 45.2, "region")


def test_a_shared_region_does_not_join_towns_far_apart():
    both_fine = [_placed("a", [("2022-09-13", "shelling", ["L0", "Region"])], LINE),
                 _placed("b", [("2022-09-13", "shelling", ["L10", "Region"])], LINE)]  # 85 km apart
    assert len(group_events(both_fine, types={})) == 2
    only_region = [_placed("a", [("2022-09-13", "shelling", ["L0", "Region"])], LINE),
                   _placed("b", [("2022-09-13", "shelling", ["Region"])], LINE)]
    (ev,) = group_events(only_region, types={})
    assert "Region mentioned by 2 articles" in ev.explanation
    # a report naming only the region is placed at its point: 17 km from L4, 170 km from L22
    near, far = _placed("c", [("2022-09-13", "shelling", ["L4"])], LINE), \
        _placed("d", [("2022-09-13", "shelling", ["L22"])], LINE)
    events = group_events([only_region[1], near, far], types={})
    assert sorted(sorted(e.article_ids) for e in events) == [["b", "c"], ["d"]]


def test_a_chain_of_near_places_stops_at_the_event_span():
    """a–b and b–c are near, but a and c lie more than EVENT_SPAN_KM apart: b joins one of them."""
    exs = [_placed("a", [("2022-09-13", "shelling", ["L0"])], LINE),
           _placed("b", [("2022-09-13", "shelling", ["L5", "L25"])], LINE),
           _placed("c", [("2022-09-13", "shelling", ["L30"])], LINE)]
    assert geodesic_km(*LINE["L0"][:2], *LINE["L30"][:2]) > EVENT_SPAN_KM
    events = group_events(exs, types={})
    assert len(events) == 2 and not any({"a", "c"} <= set(e.article_ids) for e in events)


def test_an_event_spans_at_most_three_days():
    exs = [_placed(f"d{d}", [(f"2022-09-{d}", "shelling", ["L0"])], LINE) for d in (12, 13, 14)]
    (ev,) = group_events(exs, types={})
    assert (ev.date_start.day, ev.date_end.day) == (12, 14) and "13–14" not in ev.name
    exs.append(_placed("d15", [("2022-09-15", "shelling", ["L0"])], LINE))
    assert len(group_events(exs, types={})) == 2


def test_a_month_dated_incident_joins_by_name_not_by_distance():
    month = _placed("m", [("2022-09", "shelling", ["L0"])], LINE, precision="month")
    near = _placed("n", [("2022-09-13", "shelling", ["L2"])], LINE)  # 17 km
    same = _placed("s", [("2022-09-13", "shelling", ["L0"])], LINE)
    assert len(group_events([month, near], types={})) == 2
    assert len(group_events([month, same], types={})) == 1


def test_candidate_pairs_find_every_pair_that_links():
    rng = random.Random(7)
    coords = {f"P{k}": (rng.uniform(38.5, 41.5), rng.uniform(44.0, 48.0), rng.choice(["town", "district"]))
              for k in range(40)}
    coords["R"] = (39.8, 46.8, "region")
    exs = []
    for k in range(150):
        day = f"2022-09-{rng.randint(1, 20):02d}"
        prec = rng.choice(["day", "day", "day", "week", "month"])
        exs.append(_placed(f"a{k}", [(day if prec != "month" else day[:7], "shelling",
                                      rng.sample(sorted(coords), rng.randint(1, 3)))], coords, precision=prec))
    members = [_member(ex, ex.incidents[0], _place_index(ex)) for ex in exs]
    linked = {(i, j) for i, j in itertools.combinations(range(len(members)), 2)
              if _link(members[i], members[j], {})}
    candidates = candidate_pairs(members)
    assert linked and linked <= candidates
    assert len(candidates) < len(members) * (len(members) - 1) / 2


def test_candidate_pairs_stay_few_over_a_long_war():
    """3,000 incidents over two years: the pairs compared are a small fraction of all pairs."""
    rng = random.Random(3)
    coords = {f"P{k}": (rng.uniform(38.5, 41.5), rng.uniform(44.0, 48.0), "town") for k in range(200)}
    start = date(2021, 1, 1).toordinal()
    exs = [_placed(f"a{k}", [(date.fromordinal(start + rng.randrange(730)).isoformat(), "shelling",
                               rng.sample(sorted(coords), rng.randint(1, 2)))], coords) for k in range(3000)]
    members = [_member(ex, ex.incidents[0], _place_index(ex)) for ex in exs]
    assert len(candidate_pairs(members)) < 0.01 * 3000 * 2999 / 2


def test_a_claim_goes_to_the_event_it_names_else_to_the_nearest_in_the_text():
    coords = {"Jermuk": (39.8395, 45.6711, "town"), "Stepanakert": (39.8177, 46.7528, "town")}  # 92 km
    ex = _placed("a", [("2022-09-13", "shelling", ["Jermuk"]), ("2022-09-13", "shelling", ["Stepanakert"])], coords)
    ex.incidents[0].start, ex.incidents[0].end = 0, 50
    ex.incidents[1].start, ex.incidents[1].end = 200, 250

    def claim(start, places):
        return Claim("killed", 3, 3, "exact", "civilian", "incident", "unattributed", None, "q", start, start + 20,
                     places=places, date="2022-09-13", date_precision="day")

    ex.claims = [claim(60, ["Jermuk", "Stepanakert"]),  # every place of the article: by the text
                 claim(260, ["Jermuk", "Stepanakert"]),
                 claim(270, ["Jermuk"])]  # a place of its own: by the place
    events = {e.place_names[0]: e for e in group_events([ex], types={})}
    assert [r.claim.start for r in events["Jermuk"].claims] == [60, 270]
    assert [r.claim.start for r in events["Stepanakert"].claims] == [260]


def test_claims_follow_their_articles_incidents_background_apart(knowledge):
    exs = load(*SEPT_2022)
    events = group_events(exs, knowledge)
    clash = event_of(events, exs[0].article.id)
    scopes = {r.claim.scope for r in clash.claims}
    assert scopes == {"incident"}
    assert {r.claim.scope for r in clash.background} == {"earlier", "background"}
    figures = {(r.claim.claimed_by, r.claim.side, r.claim.count_low) for r in clash.claims}
    assert {("armenian_mod", "armenia", 49), ("reuters", "armenia", 49), ("reuters", "azerbaijan", 50)} <= figures
    # the ceasefire event of the same article gets no loss figure
    ceasefire = next(e for e in events if e.event_types == ["ceasefire"])
    assert ceasefire.claims == []
    n_incident_claims = sum(c.scope == "incident" for ex in exs for c in ex.claims)
    assert len(clash.claims) == n_incident_claims


# ----------------------------------------------------------------- exports

@pytest.fixture(scope="module")
def events(knowledge):
    return group_events(load(*SEPT_2022, *WAR_2020), knowledge)


def test_jsonl_export_round_trips(events, knowledge):
    buf = io.StringIO()
    write_events_jsonl(events, buf, knowledge)
    lines = [json.loads(l) for l in buf.getvalue().splitlines()]
    assert [d["id"] for d in lines] == [e.id for e in events]
    clash = next(d for d in lines if "Goris" in {p["name"] for p in d["places"]})
    assert clash["date_start"] == "2022-09-13" and len(clash["incidents"]) == 4
    killed_am = next(r for r in clash["ranges"] if (r["side"], r["kind"]) == ("armenia", "killed"))
    assert (killed_am["low"], killed_am["best"], killed_am["high_open"]) == (49, 49, True)
    assert all(c["scope"] != "incident" for c in clash["background_claims"])
    assert {c["kind"] for c in clash["contradictions"]} == {"location", "blame"}


def test_csv_export_parses_with_its_columns(events, knowledge):
    buf = io.StringIO()
    write_events_csv(events, buf, knowledge)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == len(events)
    clash = next(r for r in rows if "Goris" in r["places"])
    assert "armenia killed: 49/49/open" in clash["ranges"] and clash["fatalities"] == "99"


def test_acled_export_one_row_per_event_and_location(events, knowledge):
    buf = io.StringIO()
    write_acled_csv(events, buf, knowledge)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) == sum(len(e.places) for e in events)
    clash = [r for r in rows if r["event_date"] == "2022-09-13"]
    assert {r["location"] for r in clash} == {"Goris", "Sotk", "Jermuk", "Dashkasan", "Kalbajar", "Lachin"}
    assert sum(int(r["fatalities"]) for r in clash) == 99  # counted once per event
    goris = next(r for r in clash if r["location"] == "Goris")
    assert (goris["time_precision"], goris["geo_precision"], goris["country"]) == ("1", "1", "Armenia")
    assert goris["event_type"] == "Explosions/Remote violence"
    assert goris["actor1"] == "Azerbaijan" and goris["actor2"] == "Armenia"
    assert float(goris["latitude"]) == pytest.approx(39.5111)
    assert "Goris" in goris["notes"]
    month = next(r for r in rows if r["location"] == "Stepanakert")
    assert (month["time_precision"], month["year"]) == ("3", "2020")
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)


def test_csv_cells_never_start_a_formula(knowledge):
    ex = _extraction("x", [("shelling", "2022-09-13", "day", ["Goris"])])
    ex.incidents[0].quote = "=HYPERLINK(\"http://evil\")"
    buf = io.StringIO()
    write_acled_csv(group_events([ex], knowledge), buf, knowledge)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert not row["notes"].startswith("=")
    assert acled_rows(group_events([ex], knowledge), knowledge)[0]["notes"].startswith("unattributed: =")


def test_event_to_dict_is_json(events, knowledge):
    for e in events:
        json.dumps(event_to_dict(e, knowledge))


# ---------------------------------------------------------------- command

def test_events_command_reads_extractions_and_reports_bad_files(tmp_path, capsys):
    jsonl = tmp_path / "extractions.jsonl"
    jsonl.write_text("".join(json.dumps(ex.to_dict()) + "\n" for ex in load(*SEPT_2022)), encoding="utf-8")
    assert main(["events", str(jsonl), "--format", "acled"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["location"] for r in rows} >= {"Goris", "Lachin"}
    bad = tmp_path / "broken.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert main(["events", str(jsonl), str(bad)]) == 1
    out = capsys.readouterr()
    assert "broken.jsonl" in out.err and "line 1" in out.err
    assert len(out.out.splitlines()) == 2  # the good file's events are still printed
