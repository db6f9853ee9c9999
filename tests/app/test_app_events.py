"""AppTest of the Events page: the timeline, the table of events, one event's page by its link."""
from ui_fixtures import app  # noqa: F401  (pytest fixture)

from views.timeline import brushed_dates

PAGE = "app_pages/events.py"


def _events(app, **params):
    at = app()
    at.switch_page(PAGE)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def test_events_table_one_row_per_event_newest_first(app):
    at = _events(app)
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 3 and table["date"].iloc[0].endswith("Sep 2022")
    sept = table.iloc[0]
    assert {"Goris", "Sotk", "Jermuk"} <= set(sept["places"].split(", "))
    assert sept["killed (best, per side)"] == "Armenia 49 · Azerbaijan 50" and sept["⚠"] == "⚠"
    assert sept["event"].startswith("/events?event=ev-")
    assert at.get("vega_lite_chart")  # the timeline


def test_an_event_page_opened_by_its_link(app):
    link = _events(app).dataframe[0].value["event"].iloc[0]
    at = _events(app, event=link.split("=", 1)[1])
    assert not at.exception
    md = " ".join(m.value for m in at.markdown)
    assert "Goris, Sotk, Jermuk" in md and "What each source says" in md and "Every report" in md
    side = at.dataframe[0].value.set_index("")
    assert side.loc["killed — Armenia", "Reuters"] == "≥49" and side.loc["killed — Armenia", "Armenian MoD"] == "49"
    bounds = at.dataframe[1].value.set_index("side")
    assert bounds.loc["Armenia", "best"] == "49" and "Reuters (≥49)" in bounds.loc["Armenia", "from (best)"]
    assert '<mark class="hl">Goris</mark>' in md  # every report's passage, its places marked


def test_an_unknown_event_says_so(app):
    at = _events(app, event="ev-000000000000")
    assert not at.exception and "No event has this id" in at.warning[0].value


def test_dates_filter_the_table_not_the_timeline(app):
    at = _events(app, **{"from": "2022-01-01"})
    assert len(at.dataframe[0].value) == 1


def test_brush_state_gives_iso_dates():
    ms = [1663027200000, 1663113600000]  # 2022-09-13 and 14, as Vega-Lite returns them
    assert brushed_dates({"brush": {"date": ms}}) == ("2022-09-13", "2022-09-14")
    assert brushed_dates({"brush": {}}) is None and brushed_dates(None) is None
