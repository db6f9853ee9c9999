from geo.present.filters import Filters, date_in_range, filter_claims, filter_incidents
from geo.present.tables import claims_frame, incident_places_frame
from ui_fixtures import sample_extractions


def test_query_round_trip():
    f = Filters.from_query({"place": "Jermuk", "claimed_by": ["reuters", "tass"], "from": "2022-09",
                            "side": "armenia,azerbaijan", "bogus": "x"})
    assert f.place == ("Jermuk",) and f.claimed_by == ("reuters", "tass")
    assert f.side == ("armenia", "azerbaijan") and f.date_from == "2022-09"
    assert Filters.from_query(f.to_query()) == f
    assert f.to_query()["from"] == "2022-09" and f.to_query()["claimed_by"] == "reuters,tass"
    assert Filters().to_query() == {} and not Filters().active


def test_bad_dates_are_ignored():
    assert Filters.from_query({"from": "yesterday", "to": "2022-13-01"}) == Filters()


def test_date_overlap_with_truncated_dates():
    assert date_in_range("2020-10", "2020-10-15", None)
    assert not date_in_range("2020-10", "2020-11-01", None)
    assert date_in_range("2022-09-13", "2022", "2022")
    assert not date_in_range(None, "2022", None)
    assert date_in_range(None, None, None)


def test_place_filter_keeps_one_marker():
    df = incident_places_frame(sample_extractions())
    out = filter_incidents(df, Filters(place=("Jermuk",)))
    assert set(out.place) == {"Jermuk"} and len(out) == 2


def test_date_and_event_type_filters():
    df = incident_places_frame(sample_extractions())
    out = filter_incidents(df, Filters(date_from="2022-01-01"))
    assert "Nagorno-Karabakh" not in set(out.place) and "Goris" in set(out.place)
    out = filter_incidents(df, Filters(event_type=("sabotage",)))
    assert set(out.place) == {"Dashkasan", "Kalbajar", "Lachin"}
    out = filter_incidents(df, Filters(precision=("district",)))
    assert set(out.place) == {"Dashkasan", "Kalbajar", "Lachin"}


def test_claims_filters():
    df = claims_frame(sample_extractions())
    reuters = filter_claims(df, Filters(claimed_by=("reuters",)))
    assert set(reuters.figure) == {"at least 49", "50"}
    bg = filter_claims(df, Filters(scope=("background",), kind=("killed",)))
    assert set(bg.scope) == {"background"} and len(bg) == 4
    at_goris = filter_claims(df, Filters(place=("Goris",)))
    assert len(at_goris) and all("Goris" in ps for ps in at_goris.places)
    assert filter_claims(df.iloc[0:0], Filters(place=("Goris",))).empty
