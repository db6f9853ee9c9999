import pandas as pd
import pytest

from geo.present.filters import Filters, among, date_in_range, filter_claims, filter_incidents, undated_hidden
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


def test_articles_are_filtered_by_language_from_the_url():
    import pandas as pd

    from geo.present.filters import filter_articles

    arts = pd.DataFrame({"article_id": ["a", "b", "c"], "language": ["ru", "it", "fr"],
                         "published": ["2020-10-11", "2020-10", None]})
    f = Filters.from_query({"language": "ru,fr"})
    assert f.language == ("ru", "fr") and f.to_query() == {"language": "ru,fr"}
    assert list(filter_articles(arts, f)["article_id"]) == ["a", "c"]
    assert list(filter_articles(arts, Filters())["article_id"]) == ["a", "b", "c"]
    assert list(filter_articles(arts, Filters(language=("ru", "it"), date_from="2020-10-05"))["article_id"]) == ["a", "b"]


def test_a_russian_passage_is_shown_in_its_own_words_with_the_place_and_figure_marked():
    from geo.present.passages import passage_html

    body = "Обстрел продолжался. По данным ведомства, в Гяндже погибли 9 мирных жителей. Баку заявил протест."
    place, figure = body.index("Гяндже"), body.index("9 мирных жителей")
    html = passage_html(body, place, place + 6, marks=[(place, place + 6), (figure, figure + len("9 мирных жителей"))], context=40)
    assert '<mark class="hl">Гяндже</mark>' in html and '<mark class="hl">9 мирных жителей</mark>' in html


def test_places_match_whatever_the_case_and_by_the_articles_names():
    df = incident_places_frame(sample_extractions())
    assert set(filter_incidents(df, Filters(place=("goris",))).place) == {"Goris"}
    # an article's own word for a place finds it ("Artsaj" is Nagorno-Karabakh; as "Stepanakert" is Khankendi)
    assert set(filter_incidents(df, Filters(place=("artsaj",))).place) == {"Nagorno-Karabakh"}
    assert set(filter_incidents(df, Filters.from_query({"place": "DASHKESAN,jermuk"})).place) == {"Dashkasan", "Jermuk"}
    claims = claims_frame(sample_extractions())
    assert len(filter_claims(claims, Filters(place=("goris",)))) == len(filter_claims(claims, Filters(place=("Goris",))))
    assert filter_incidents(df, Filters(place=("Atlantis",))).empty


def test_undated_records_are_counted_and_can_be_included():
    df = incident_places_frame(sample_extractions())
    df.loc[df.index[0], "date"] = None
    ranged = Filters(date_from="2000-01-01")
    assert undated_hidden(df, ranged) == 1 and undated_hidden(df, Filters()) == 0
    assert len(filter_incidents(df, ranged.with_(undated=True))) == len(filter_incidents(df, ranged)) + 1
    assert Filters.from_query({"undated": "1"}).undated and Filters(undated=True).to_query() == {"undated": "1"}
    assert undated_hidden(df, ranged.with_(undated=True)) == 0


@pytest.mark.parametrize("values", [["b", "d"], {"b", "d"}, pd.Series(["d", "b", "b"]), pd.Index(["d", "b"]), []])
def test_among_is_isin(values):
    s = pd.Series(["a", "b", None, "d", "b"], dtype="str")
    assert among(s, values).tolist() == s.isin(list(values)).tolist()
    assert among(s.head(0), values).tolist() == []
