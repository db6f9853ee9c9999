"""AppTest of the casualties page with hand-coded extractions."""
from ui_fixtures import app, open_page  # noqa: F401  (app: a pytest fixture)


PAGE = "app_pages/casualties.py"


SCOPE_HEADINGS = {"Figures for the incident": "table_incident", "Earlier incidents": "table_earlier",
                  "Background": "table_background"}


def _tables(at):
    """The claim tables by scope (each follows its subheading, in page order)."""
    scopes = [key for h in at.subheader for prefix, key in SCOPE_HEADINGS.items() if h.value.startswith(prefix)]
    assert len(scopes) == len(at.dataframe)
    return {key: t.value for key, t in zip(scopes, at.dataframe)}


def test_scopes_are_shown_apart(app):
    at = open_page(app, PAGE)
    assert not at.exception
    tables = _tables(at)
    assert set(tables) == {"table_incident", "table_earlier", "table_background"}
    bg = tables["table_background"]
    assert set(bg.Figure) >= {"more than 6,000", "about 30,000", "more than 6,500"}
    assert "more than 6,000" not in set(tables["table_incident"].Figure)


def test_reuters_deep_link_shows_reuters_figures(app):
    at = open_page(app, PAGE, claimed_by="reuters")
    assert not at.exception
    assert at.multiselect(key="filter_claimed_by").value == ["reuters"]
    inc = _tables(at)["table_incident"]
    assert set(inc.Claimant) == {"Reuters"}
    assert sorted(inc.Figure) == ["50", "at least 49"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Armenia killed — Reuters": "at least 49", "Azerbaijan killed — Reuters": "50"}
    passages = " ".join(m.value for m in at.markdown)
    assert "Almeno 49 soldati armeni e 50 azeri sono morti" in passages


def test_kind_filter(app):
    at = open_page(app, PAGE, kind="materiel")
    tables = _tables(at)
    assert set(tables) == {"table_incident"}
    assert set(tables["table_incident"].Kind) == {"materiel"}
    assert "helicopters" in set(tables["table_incident"].What)
