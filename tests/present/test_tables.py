from geo.models import Claim
from geo.present.tables import articles_frame, claims_frame, counted, figure_text, incident_places_frame
from ui_fixtures import sample_extractions

GOLD_MARKERS = {"Stepanakert", "Nagorno-Karabakh", "Goris", "Sotk", "Jermuk", "Dashkasan", "Kalbajar", "Lachin"}


def _claim(low, high, qualifier):
    return Claim(kind="killed", count_low=low, count_high=high, qualifier=qualifier, side="armenia",
                 scope="incident", claimed_by="reuters", claimed_by_text=None, quote="", start=0, end=0)


def test_figure_text():
    assert figure_text(_claim(49, None, "at_least")) == "at least 49"
    assert figure_text(_claim(6000, None, "more_than")) == "more than 6,000"
    assert figure_text(_claim(30000, 30000, "approx")) == "about 30,000"
    assert figure_text(_claim(12, 15, "exact")) == "12–15"
    assert figure_text(_claim(None, None, "unspecified")) == "unspecified"


def test_incident_places_are_the_incident_locations_only():
    exs = sample_extractions()
    df = incident_places_frame(exs)
    assert set(df.place) == GOLD_MARKERS
    context_names = {p.name for ex in exs for p in ex.places if p.role == "context"} - GOLD_MARKERS
    assert context_names and not (set(df.place) & context_names)
    # Nagorno-Karabakh is an incident place in the 2020 articles only (context in 2022)
    nk = df[df.place == "Nagorno-Karabakh"]
    assert set(nk.published.str[:4]) == {"2020"}


def test_incident_rows_carry_passage_and_place_spans():
    exs = sample_extractions()
    bodies = {e.article.id: e.article.body for e in exs}
    df = incident_places_frame(exs)
    for r in df.itertuples():
        assert bodies[r.article_id][r.start:r.end] == r.quote
        assert r.place_spans
    sok = df[(df.place == "Sotk") & df.quote.str.contains("Sok e")].iloc[0]
    s, e = sok.place_spans[0]
    assert bodies[sok.article_id][s:e] == "Sok"


def test_claims_frame_one_row_per_claim_with_figures():
    exs = sample_extractions()
    df = claims_frame(exs)
    assert len(df) == sum(len(e.claims) for e in exs)
    reuters = df[df.claimed_by == "reuters"].set_index("side")
    assert reuters.loc["armenia", "figure"] == "at least 49"
    assert reuters.loc["azerbaijan", "figure"] == "50"
    assert set(df.scope) == {"incident", "earlier", "background"}
    assert str(df.count_low.dtype) == "Int64"


def test_articles_frame():
    df = articles_frame(sample_extractions())
    assert len(df) == 5 and df.n_claims.sum() > 0
    assert df.set_index("article_id").loc["a3b341a600b6c764", "n_places"] == 3


def test_claimants_side_by_side():
    from geo.present.tables import claimants_frame

    exs = sample_extractions()
    df = claimants_frame(incident_places_frame(exs), claims_frame(exs), {"armenia": "Armenia"}).set_index("claimed_by")
    assert df.loc["armenian_mod", "places"] == ["Goris", "Sotk", "Jermuk"]
    assert set(df.loc["azerbaijani_mod", "places"]) >= {"Dashkasan", "Kalbajar", "Lachin"}
    assert "killed Armenia: at least 49" in df.loc["reuters", "figures"]
    assert "killed Armenia: 49" in df.loc["armenian_mod", "figures"]
    # background and earlier figures stay out of the side-by-side
    assert not any("6,000" in f for fs in df["figures"] for f in fs)


def test_counted_is_plural_but_for_one():
    assert [counted(n, "event") for n in (0, 1, 2, 2000)] == ["0 events", "1 event", "2 events", "2,000 events"]
