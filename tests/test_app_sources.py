"""AppTest of the sources page with hand-coded extractions."""
from ui_fixtures import app  # noqa: F401  (pytest fixture)


def _run(app, **params):
    at = app()
    at.switch_page("app_pages/sources.py")
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def test_2022_event_side_by_side_with_contradiction_free_reuters(app):
    at = _run(app)
    assert not at.exception
    side = next(t.value for t in at.dataframe if "Reuters" in t.value.columns)
    cols = set(side.columns)
    assert {"Ministry of Defence of Armenia", "Ministry of Defence of Azerbaijan", "Reuters"} <= cols
    where = side[side.iloc[:, 0] == "where"].iloc[0]
    assert "Goris" in where["Ministry of Defence of Armenia"]
    assert "Dashkasan" in where["Ministry of Defence of Azerbaijan"]
    html = " ".join(m.value for m in at.markdown)
    assert "Almeno 49 soldati armeni" in html


def test_every_claimant_row(app):
    at = _run(app)
    summary = next(t.value for t in at.dataframe if "Claimant" in t.value.columns)
    reuters = summary.set_index("Claimant").loc["Reuters"]
    assert "killed armenia: at least 49" in reuters["Figures (incident)"]


def test_claimed_by_filter_from_url(app):
    at = _run(app, claimed_by="reuters")
    assert not at.exception
    summary = next(t.value for t in at.dataframe if "Claimant" in t.value.columns)
    assert list(summary.Claimant) == ["Reuters"]
