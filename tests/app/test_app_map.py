"""AppTest of the map page with hand-coded extractions (the view, not the extraction engine)."""
from ui_fixtures import app  # noqa: F401  (pytest fixture)

GOLD_MARKERS = {"Stepanakert", "Nagorno-Karabakh", "Goris", "Sotk", "Jermuk", "Dashkasan", "Kalbajar", "Lachin"}


def _locations(at):
    """The locations table, its place column the canonical name (the articles' other words stripped)."""
    locs = at.dataframe[0].value
    return locs.assign(label=locs.place, place=locs.place.str.replace(r" \(.*\)$", "", regex=True))


def test_map_lists_every_incident_location_and_no_context_place(app):
    at = app().run()
    assert not at.exception
    locs = _locations(at)
    assert set(locs.place) == GOLD_MARKERS
    assert "Yerevan" not in set(locs.place) and "Bruxelles" not in set(locs.place)
    assert locs.set_index("place").loc["Goris", ["events", "reports"]].tolist() == [1, 2]
    # canonical name first, the articles' own spellings after it
    assert locs.set_index("place").loc["Dashkasan", "label"] == "Dashkasan (Dashkesan, Dasheksan)"
    assert "8 places · 3 events, 7 reports · 5 articles" in " ".join(m.value for m in at.markdown)


def test_place_in_url_keeps_one_marker_and_shows_its_passages(app):
    at = app()
    at.query_params["place"] = "Jermuk"
    at.run()
    assert not at.exception
    assert set(_locations(at).place) == {"Jermuk"}
    assert at.multiselect(key="filter_place").value == ["Jermuk"]
    html = " ".join(m.value for m in at.markdown)
    assert '<mark class="hl">Jermuk</mark>' in html
    assert "Goris, Sotk e" in html
    assert "Jermuk · 1 event, 2 reports" in html  # one event, its two reports under it


def test_marker_in_url_opens_its_passages(app):
    from geo.present.mapview import marker_id
    at = app()
    at.query_params["marker"] = marker_id("Goris", 39.5111, 46.3417)
    at.run()
    assert not at.exception
    html = " ".join(m.value for m in at.markdown)
    assert "Goris · 1 event, 2 reports" in html and '<mark class="hl">Goris</mark>' in html
    assert len(_locations(at)) == 8  # the others stay on the map


def test_place_filter_forgives_case_and_other_names(app):
    at = app()
    at.query_params["place"] = "artsaj"
    at.run()
    assert set(_locations(at).place) == {"Nagorno-Karabakh"}
    assert at.multiselect(key="filter_place").value == ["Nagorno-Karabakh"]
    assert "1 place · " in " ".join(m.value for m in at.markdown)  # one place, not "1 places"


def test_a_filter_matching_nothing_says_so_and_clears(app):
    at = app()
    at.query_params["place"] = "Atlantis"
    at.run()
    assert not at.exception
    assert any("No place matches these filters" in w.value for w in at.warning)
    at.button(key="clear_filters").click().run()
    assert "place" not in at.query_params and len(_locations(at)) == 8


def test_colour_choice_is_in_the_url(app):
    at = app().run()
    at.radio(key="choice_colour").set_value("attacker").run()
    assert at.query_params["colour"] in ("attacker", ["attacker"])


def test_filter_widget_writes_the_url(app):
    at = app().run()
    at.multiselect(key="filter_event_type").set_value(["sabotage"]).run()
    assert at.query_params["event_type"] in ("sabotage", ["sabotage"])
    assert set(_locations(at).place) == {"Dashkasan", "Kalbajar", "Lachin"}


def test_date_range_from_url(app):
    at = app()
    at.query_params["from"] = "2022-01-01"
    at.run()
    assert not at.exception
    assert "Nagorno-Karabakh" not in set(_locations(at).place)
