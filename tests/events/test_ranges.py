"""low / best / high per side and kind, and the figures they come from."""
from __future__ import annotations

from dataclasses import replace

import pytest

from geo.events.grouping import ClaimRef, group_events
from geo.knowledge.files import DATA_DIR, Knowledge, load_conflict
from geo.models import Article, Claim, Extraction, Incident, Place
from geo.events.ranges import derive_range, fatalities, figures, ranges, role, what_key
from event_fixtures import load

@pytest.fixture(scope="module")
def conflict():
    return load_conflict(DATA_DIR / "conflicts" / "armenia_azerbaijan.yaml")


@pytest.fixture(scope="module")
def knowledge(conflict) -> Knowledge:
    return Knowledge({}, {conflict.id: conflict}, DATA_DIR)


def claim(by, low, high=None, qualifier="exact", side="armenia", kind="killed", scope="incident", what=None, start=0):
    if qualifier in ("exact", "approx") and high is None:
        high = low
    return Claim(kind, low, high, qualifier, side, scope, by, None, f"{by}: {low}", start, start + 1, what=what)


def refs(*pairs):
    """(article id, Claim) pairs → ClaimRefs."""
    return [ClaimRef(aid, c) for aid, c in pairs]


def one_range(conflict, *pairs):
    figs = figures(refs(*pairs))
    keys = {f.key for f in figs}
    assert len(keys) == 1
    return derive_range(keys.pop(), figs, conflict)


def test_roles(conflict):
    assert role(conflict, "armenian_mod", "armenia") == "own"
    assert role(conflict, "azerbaijani_mod", "armenia") == "adversary"
    assert role(conflict, "reuters", "armenia") == "neutral"
    assert role(conflict, "kremlin", "azerbaijan") == "neutral"
    assert role(conflict, "somebody", "armenia") == "unknown"


def test_own_side_of_a_source_comes_from_the_conflict_file(conflict):
    src = conflict.sources["karabakh_authorities"]
    with_side = {**conflict.sources, src.id: replace(src, side="karabakh_armenian")}
    without = {**conflict.sources, src.id: replace(src, side=None)}
    assert role(replace(conflict, sources=with_side), "karabakh_authorities", "karabakh_armenian") == "own"
    assert role(replace(conflict, sources=without), "karabakh_authorities", "karabakh_armenian") != "own"
    assert role(conflict, "armenian_mod", "civilian") == "partisan"


def test_at_least_gives_low_and_leaves_high_open(conflict):
    r = one_range(conflict, ("a1", claim("reuters", 49, qualifier="at_least")), ("a2", claim("armenian_mod", 49)))
    assert (r.low, r.best, r.high, r.high_open) == (49, 49, None, True)
    assert [f.source for f in r.best_from] == ["reuters"]  # a neutral source's figure is best
    assert [f.source for f in r.high_from] == ["reuters"]
    assert "open" in r.rule


def test_a_higher_number_closes_the_at_least(conflict):
    r = one_range(conflict, ("a1", claim("reuters", 49, qualifier="at_least")),
                  ("a2", claim("azerbaijani_mod", 200)), ("a3", claim("armenian_mod", 49)))
    assert (r.low, r.best, r.high, r.high_open) == (49, 49, 200, False)
    assert [f.source for f in r.high_from] == ["azerbaijani_mod"]
    assert sorted(f.source for f in r.low_from) == ["armenian_mod", "reuters"]


def test_own_admission_is_best_without_neutral_and_adversary_sets_only_high(conflict):
    r = one_range(conflict, ("a1", claim("armenian_mod", 1, side="azerbaijan", kind="materiel", what="helicopters")),
                  ("a1", claim("azerbaijani_mod", 1, side="azerbaijan", kind="materiel", what="military helicopter")))
    assert r.what == "helicopter"
    r = one_range(conflict, ("a1", claim("armenian_mod", 2, side="azerbaijan", kind="materiel", what="helicopters")),
                  ("a1", claim("azerbaijani_mod", 1, side="azerbaijan", kind="materiel", what="military helicopter")))
    assert (r.low, r.best, r.high) == (1, 1, 2)
    assert [f.source for f in r.low_from] == ["azerbaijani_mod"] == [f.source for f in r.best_from]
    assert [f.source for f in r.high_from] == ["armenian_mod"]
    assert "own admission" in r.rule


def test_only_adversary_claims_are_marked_uncorroborated(conflict):
    r = one_range(conflict, ("a1", claim("azerbaijani_mod", 12, kind="materiel", what="OSA air-defence missile systems")))
    assert (r.low, r.best, r.high) == (12, 12, 12)
    assert "uncorroborated" in r.rule


def test_duplicated_reports_count_once(conflict):
    """The adversary's 10 repeated by three articles must not outweigh two other figures."""
    pairs = [(f"a{i}", claim("azerbaijani_mod", 10)) for i in range(3)]
    pairs += [("b1", claim("azerbaijani_government", 30)), ("b2", claim("azerbaijani_prosecutor", 40))]
    r = one_range(conflict, *pairs)
    assert r.best == 30  # the median of 10, 30, 40; counting the repeats would give 10
    (ten,) = [f for f in r.figures if f.source == "azerbaijani_mod"]
    assert len(ten.refs) == 3
    assert len(r.figures) == 3


def test_no_sums_of_same_figure_across_articles(knowledge):
    exs = load("it_2022_09_13_districts", "it_2022_09_14_towns", "it_2022_09_13_both_accounts",
               "en_2022_09_13_wire_repeat")
    clash = next(e for e in group_events(exs, knowledge) if "Goris" in e.place_names)
    by_key = {r.key: r for r in ranges(clash, knowledge)}
    am = by_key[("armenia", "killed", None)]
    assert (am.low, am.best, am.high, am.high_open) == (49, 49, None, True)
    assert len(am.figures) == 2  # Reuters ≥49 and the MoD's 49, each quoted twice
    assert all(len(f.refs) == 2 for f in am.figures)
    az = by_key[("azerbaijan", "killed", None)]
    assert (az.low, az.best, az.high) == (50, 50, 50)
    assert by_key[("azerbaijan", "casualties", None)].unquantified
    assert fatalities(list(by_key.values())) == 99


def test_background_and_earlier_claims_are_excluded(knowledge):
    exs = load("it_2022_09_14_towns", "it_2022_09_13_both_accounts")
    clash = next(e for e in group_events(exs, knowledge) if "Goris" in e.place_names)
    assert clash.background  # 6000, 30000, 6500, earlier deaths are there...
    keys = {r.key for r in ranges(clash, knowledge)}
    assert ("unspecified", "killed", None) not in keys  # ...but never in the figures
    assert ("karabakh_armenian", "wounded", None) not in keys
    assert all(f.refs[0].claim.scope == "incident" for r in ranges(clash, knowledge) for f in r.figures)
    mixed = figures(refs(("a", claim("reuters", 5)), ("a", claim("reuters", 6000, scope="background"))))
    assert [f.lower for f in mixed] == [5]


def test_unquantified_only(conflict):
    r = one_range(conflict, ("a1", claim("azerbaijani_mod", None, None, "unspecified", side="azerbaijan",
                                         kind="casualties")))
    assert (r.low, r.best, r.high, r.high_open) == (None, None, None, False)
    assert len(r.unquantified) == 1 and r.figures == []


def test_approx_and_at_most_points(conflict):
    r = one_range(conflict, ("a1", claim("reuters", 30, qualifier="approx")), ("a2", claim("tass", None, 40, "at_most")))
    assert (r.low, r.best, r.high) == (0, 30, 40)  # "at most 40" concedes nothing above 0; best: lower median


def test_fatalities_sums_sides_and_does_not_double_count_totals(conflict):
    rs = [derive_range(("armenia", "killed", None), figures(refs(("a", claim("reuters", 49)))), conflict),
          derive_range(("azerbaijan", "killed", None),
                       figures(refs(("a", claim("reuters", 50, side="azerbaijan")))), conflict)]
    assert fatalities(rs) == 99
    total = derive_range(("unspecified", "killed", None),
                         figures(refs(("a", claim("reuters", 120, side="unspecified")))), conflict)
    assert fatalities(rs + [total]) == 120
    assert fatalities([]) is None


@pytest.mark.parametrize("what, key", [
    ("helicopters", "helicopter"), ("military helicopter", "helicopter"), ("OSA air-defence missile systems", "system"),
    ("tanks", "tank"), ("drones", "drone"), ("batteries", "battery"), (None, None), ("", None),
])
def test_what_key(what, key):
    assert what_key(what) == key


def test_range_to_dict_names_its_passages(knowledge):
    inc = Incident("i", "shelling", "2022-09-13", "day", ["Goris"], "armenian_mod", "q", 0, 1)
    ex = Extraction(Article("art", "body", published="2022-09-13", published_precision="day"),
                    [Place("Goris", 0, 5, "Goris", "AM", 39.5, 46.3, "town", "incident")],
                    [claim("armenian_mod", 49, start=10)], [inc])
    (event,) = group_events([ex], types={})
    (r,) = ranges(event, knowledge)
    d = r.to_dict()
    assert d["best_from"][0]["refs"][0] == {"article_id": "art", "start": 10, "end": 11,
                                            "quote": "armenian_mod: 49", "claimed_by": "armenian_mod"}
