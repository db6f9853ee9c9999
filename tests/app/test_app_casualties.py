"""AppTest of the casualties page with hand-coded extractions: figures event by event, scopes apart."""
from ui_fixtures import app  # noqa: F401  (pytest fixture)


def _run(app, **params):
    at = app()
    at.switch_page("app_pages/casualties.py")
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()



def _by_key(at):
    """The tables: table_event_<n> per event (they say what each figure counts), then the other scopes'."""
    events = [d.value for d in at.dataframe if "Counts" in d.value.columns]
    others = [d.value for d in at.dataframe if "Counts" not in d.value.columns]
    return {**{f"table_event_{i}": t for i, t in enumerate(events)},
            **dict(zip(["table_earlier", "table_background"][-len(others):] if others else [], others))}


def test_figures_grouped_by_event_with_date_and_places_in_the_heading(app):
    at = _run(app)
    assert not at.exception
    tables = _by_key(at)
    events = [k for k in tables if k.startswith("table_event_")]
    assert events and {"table_earlier", "table_background"} <= set(tables)
    sept = tables[events[0]]  # the newest event first
    assert {"at least 49", "49", "50"} <= set(sept.Figure) and set(sept.Counts) == {"the event"}
    md = " ".join(m.value for m in at.markdown)
    assert "Sep 2022 · " in md and "Goris" in md.split("Sep 2022 · ", 1)[1][:200]
    bg = tables["table_background"]
    assert set(bg.Figure) >= {"more than 6,000", "about 30,000", "more than 6,500"}
    assert not any("more than 6,000" in set(tables[k].Figure) for k in events)


def test_reuters_deep_link_shows_reuters_figures(app):
    at = _run(app, claimed_by="reuters")
    assert not at.exception
    assert at.multiselect(key="filter_claimed_by").value == ["reuters"]
    figures = [t for k, t in _by_key(at).items() if k.startswith("table_event_")]
    assert len(figures) == 1 and set(figures[0].Claimant) == {"Reuters"}
    assert sorted(figures[0].Figure) == ["50", "at least 49"]
    assert "Almeno 49 soldati armeni e 50 azeri sono morti" in " ".join(figures[0].Passage)


def test_kind_filter(app):
    at = _run(app, kind="materiel")
    tables = [t for k, t in _by_key(at).items() if k.startswith("table_event_")]
    assert tables and all(set(t.Kind) == {"materiel"} for t in tables)
    assert "helicopters" in set().union(*(set(t.What) for t in tables))


def test_every_claimant_is_offered(app):
    from ui_fixtures import sample_extractions
    exs = sample_extractions()
    claimants = {i.claimed_by for ex in exs for i in ex.incidents} | {c.claimed_by for ex in exs for c in ex.claims}
    for page in ("app_pages/casualties.py", "app_pages/map.py", "app_pages/events.py", "app_pages/sources.py"):
        at = app()
        at.switch_page(page)
        at.run()
        assert len(at.multiselect(key="filter_claimed_by").options) == len(claimants), page
