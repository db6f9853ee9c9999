"""AppTest of the sources page with hand-coded extractions."""
from ui_fixtures import app, open_page  # noqa: F401  (app: a pytest fixture)


PAGE = "app_pages/sources.py"


def _event_table(at):
    return next(t for t in at.dataframe if "Reuters" in t.value.columns)


def test_2022_event_side_by_side_with_contradictions_flagged_in_the_cells(app):
    at = open_page(app, PAGE)
    assert not at.exception
    side = _event_table(at).value.set_index("")
    assert {"Armenian MoD", "Azerbaijani MoD", "Reuters"} <= set(side.columns)  # short display names
    where = side.loc["where"]
    assert where["Armenian MoD"].startswith("⚠ ") and "Goris" in where["Armenian MoD"]
    assert where["Azerbaijani MoD"].startswith("⚠ ") and "Dashkasan" in where["Azerbaijani MoD"]
    assert side.loc["killed — Armenia", "Reuters"] == "≥49"  # agrees with 49: not flagged
    assert at.warning[0].value.count("where it happened") == 1


def test_a_selected_cell_shows_its_passage_with_the_words_marked(app):
    at = open_page(app, PAGE)
    table = _event_table(at)
    at.session_state[table.key] = {"selection": {"rows": [], "columns": [], "cells": [[0, "Armenian MoD"]]}}
    at.run()
    assert not at.exception
    html = " ".join(m.value for m in at.markdown)
    assert "**where — Ministry of Defence of Armenia:**" in html
    assert '<mark class="hl">Goris</mark>' in html and '<mark class="hl">Jermuk</mark>' in html


def test_ranges_table_fits_without_scrolling(app):
    at = open_page(app, PAGE)
    ranges = at.table[0].value
    assert list(ranges.columns) == ["kind", "low", "best", "high", "how"]
    assert "open (≥)" in set(ranges["high"])


def test_every_claimant_row(app):
    at = open_page(app, PAGE)
    summary = next(t.value for t in at.dataframe if "Claimant" in t.value.columns)
    reuters = summary.set_index("Claimant").loc["Reuters"]
    assert "killed Armenia: at least 49" in reuters["Figures (incident)"]


def test_claimed_by_filter_from_url(app):
    at = open_page(app, PAGE, claimed_by="reuters")
    assert not at.exception
    summary = next(t.value for t in at.dataframe if "Claimant" in t.value.columns)
    assert list(summary.Claimant) == ["Reuters"]


def test_events_can_be_downloaded_as_jsonl_csv_and_acled(app):
    at = open_page(app, PAGE)
    assert not at.exception
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert {"Events (JSON Lines)", "Events (CSV)", "ACLED-like (CSV)"} <= set(labels)
    assert not any(b.proto.disabled for b in buttons if b.proto.label.startswith(("Events", "ACLED")))
