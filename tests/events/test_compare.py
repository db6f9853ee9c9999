"""Side-by-side accounts, contradictions and the per-source table."""
from __future__ import annotations

from pathlib import Path

import pytest

from geo.ingest.articles import read_article
from geo.events.compare import contradictions, figure_agreement, side_by_side
from geo.events.grouping import group_events
from geo.models import Article, Claim, Extraction, Incident, Place
from geo.events.ranges import Figure, compatible, ranges
from geo.events.source_stats import agreement, party_label
from event_fixtures import load

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
SEPT_2022 = ["it_2022_09_13_districts", "it_2022_09_14_towns", "it_2022_09_13_both_accounts",
             "en_2022_09_13_wire_repeat"]


@pytest.fixture(scope="module")
def clash(knowledge):
    events = group_events(load(*SEPT_2022), knowledge)
    return next(e for e in events if "Goris" in e.place_names)


@pytest.fixture(scope="module")
def war_start(knowledge):
    (event,) = group_events(load("it_2020_09_27_counteroffensive"), knowledge)
    return event


def fig(low, high, qualifier="exact", source="s"):
    return Figure(source, "armenia", "killed", None, None, low, high, qualifier)


@pytest.mark.parametrize("a, b, ok", [
    (fig(49, None, "at_least"), fig(50, 50), True),
    (fig(49, None, "at_least"), fig(49, 49), True),
    (fig(49, None, "at_least"), fig(40, 40), False),
    (fig(2, 2), fig(1, 1), False),
    (fig(30000, 30000, "approx"), fig(29000, 29000), True),
    (fig(30000, 30000, "approx"), fig(20000, 20000), False),
    (fig(3, 3, "approx"), fig(4, 4), True),  # about 3 allows at least ± 1
    (fig(None, 5, "at_most"), fig(4, 4), True),
    (fig(None, 5, "at_most"), fig(6, None, "more_than"), False),
    (fig(10, 20, "exact"), fig(15, 15), True),
    (fig(None, None, "unspecified"), fig(7, 7), True),
])
def test_compatible_ranges(a, b, ok):
    assert compatible(a, b) is ok and compatible(b, a) is ok


def test_side_by_side_columns_rows_and_passages(clash, knowledge):
    table = side_by_side(clash, knowledge)
    assert {"armenian_mod", "azerbaijani_mod", "reuters"} <= set(table.sources)
    assert table.sources.index("armenian_mod") < table.sources.index("azerbaijani_mod") < table.sources.index("reuters")
    rows = {r.key: r for r in table.rows}
    where = rows[("where",)].cells
    assert where["armenian_mod"].text == "Goris, Sotk, Jermuk"
    assert set(where["azerbaijani_mod"].text.split(", ")) == {"Dashkasan", "Lachin", "Kalbajar"}
    killed = rows[("figure", "armenia", "killed", None, "")].cells
    assert killed["armenian_mod"].text == "49"  # repeated in two articles: one figure...
    assert len(killed["armenian_mod"].refs) == 2  # ...with both passages
    assert killed["reuters"].text == "≥49"
    assert rows[("figure", "azerbaijan", "killed", None, "")].cells["reuters"].text == "50"
    blame = rows[("blame",)].cells
    assert blame["armenian_mod"].text == "Azerbaijan → Armenia"
    assert blame["azerbaijani_mod"].text == "Armenia → Azerbaijan"
    records = table.to_records()
    assert records[0]["row"] == "where" and set(records[0]) == {"row", *table.sources}


def test_cell_references_point_at_their_passage(clash, knowledge):
    bodies = {}
    for f in SAMPLE.glob("*.txt"):
        a = read_article(f)
        bodies[a.id] = a.body
    for ex in load(*SEPT_2022):
        bodies.setdefault(ex.article.id, ex.article.body)
    refs = [ref for row in side_by_side(clash, knowledge).rows for cell in row.cells.values() for ref in cell.refs]
    assert refs
    for ref in refs:
        assert bodies[ref.article_id][ref.start:ref.end] == ref.quote


def test_helicopters_two_versus_one_is_a_contradiction(war_start, knowledge):
    found = contradictions(war_start, knowledge)
    assert len(found) == 1
    (c,) = found
    assert c.kind == "figures" and "helicopter" in c.subject and "Azerbaijan" in c.subject
    assert {(c.source_a, c.says_a), (c.source_b, c.says_b)} == {("armenian_mod", "2"), ("azerbaijani_mod", "1")}
    quotes = {r.quote for r in c.refs_a + c.refs_b}
    assert quotes == {"La parte armena ha abbattuto due elicotteri e tre droni nemici",
                      "l'Azerbaigian ha confermato soltanto la perdita di un elicottero militare"}


def test_border_accounts_contradict_on_place_and_blame_not_on_compatible_tolls(clash, knowledge):
    found = contradictions(clash, knowledge)
    kinds = sorted(c.kind for c in found)
    assert "figures" not in kinds  # at least 49 (Reuters) and 49 (Armenian MoD) agree
    location = [c for c in found if c.kind == "location"]
    assert len(location) == 1
    loc = location[0]
    assert {loc.source_a, loc.source_b} == {"armenian_mod", "azerbaijani_mod"}
    says = {loc.source_a: loc.says_a, loc.source_b: loc.says_b}
    assert "Goris" in says["armenian_mod"] and "(AM)" in says["armenian_mod"]
    assert "Dashkasan" in says["azerbaijani_mod"] and "(AZ)" in says["azerbaijani_mod"]
    assert loc.refs_a and loc.refs_b
    blame = [c for c in found if c.kind == "blame"]
    assert blame and all({c.source_a, c.source_b} == {"armenian_mod", "azerbaijani_mod"} for c in blame)


def _event_with(claims=(), incidents=(), places=()):
    ex = Extraction(Article("a1", "body", published="2022-09-13", published_precision="day"),
                    list(places), list(claims), list(incidents))
    (event,) = group_events([ex], types={})
    return event


def _claim(by, low, high=None, qualifier="exact", side="armenia", kind="killed", scope="incident", what=None):
    return Claim(kind, low, high if high is not None or qualifier != "exact" else low, qualifier, side, scope,
                 by, None, f"{by} says {low}", 0, 1, what=what)


GORIS = Place("Goris", 0, 5, "Goris", "AM", 39.5111, 46.3417, "town", "incident")
LACHIN = Place("Lachin", 0, 6, "Lachin", "AZ", 39.6374, 46.5498, "district", "incident")


def test_same_source_changing_its_figure_is_no_contradiction(knowledge):
    inc = Incident("i", "shelling", "2022-09-13", "day", ["Goris"], "armenian_mod", "q", 0, 1)
    ev = _event_with([_claim("armenian_mod", 49), _claim("armenian_mod", 105)], [inc], [GORIS])
    assert contradictions(ev, knowledge) == []


def test_earlier_and_background_figures_never_contradict(knowledge):
    inc = Incident("i", "shelling", "2022-09-13", "day", ["Goris"], "armenian_mod", "q", 0, 1)
    ev = _event_with([_claim("armenian_mod", 49), _claim("azerbaijani_mod", 3, scope="earlier"),
                      _claim("reuters", 6500, qualifier="more_than", scope="background")], [inc], [GORIS])
    assert contradictions(ev, knowledge) == []
    ev = _event_with([_claim("armenian_mod", 49), _claim("azerbaijani_mod", 3)], [inc], [GORIS])
    assert [c.kind for c in contradictions(ev, knowledge)] == ["figures"]


def test_neutral_source_elsewhere_is_not_a_location_contradiction(knowledge):
    incs = [Incident("i1", "shelling", "2022-09-13", "day", ["Goris"], "armenian_mod", "q", 0, 1),
            Incident("i2", "shelling", "2022-09-13", "day", ["Lachin"], "reuters", "q", 0, 1)]
    assert contradictions(_event_with([], incs, [GORIS, LACHIN]), knowledge) == []
    incs[1].claimed_by = "azerbaijani_mod"
    assert [c.kind for c in contradictions(_event_with([], incs, [GORIS, LACHIN]), knowledge)] == ["location"]


def test_same_attacker_is_no_blame_contradiction(knowledge):
    incs = [Incident("i1", "shelling", "2022-09-13", "day", ["Goris"], "armenian_mod", "q", 0, 1, attacker="azerbaijan"),
            Incident("i2", "shelling", "2022-09-13", "day", ["Goris"], "reuters", "q", 0, 1, attacker="azerbaijan")]
    assert contradictions(_event_with([], incs, [GORIS]), knowledge) == []
    incs[1].attacker = "armenia"
    (c,) = contradictions(_event_with([], incs, [GORIS]), knowledge)
    assert c.kind == "blame" and {c.says_a, c.says_b} == {"Armenia attacked", "Azerbaijan attacked"}


def test_figure_agreement_statuses(war_start):
    status = {(f.source, f.what): s for f, s in figure_agreement(war_start)}
    assert status[("armenian_mod", "helicopter")] == "contradict"
    assert status[("azerbaijani_mod", "helicopter")] == "contradict"
    assert status[("armenian_mod", "drone")] == "uncorroborated"
    assert ("azerbaijani_mod", None) not in status  # "diverse vittime": no number, nothing to compare


def test_agreement_and_parties(knowledge):
    exs = load(*SEPT_2022, "it_2020_09_27_counteroffensive")
    tally: dict[str, list[int]] = {}
    for ev in group_events(exs, knowledge):
        for src, counts in agreement(ev).items():
            tally[src] = [x + y for x, y in zip(tally.get(src, [0, 0, 0]), counts)]
    conflict = knowledge.conflict
    assert party_label(conflict, conflict.source_party("armenian_mod")) == "Armenia-aligned"
    assert party_label(conflict, conflict.source_party("azerbaijani_mod")) == "Azerbaijan-aligned"
    assert party_label(conflict, conflict.source_party("reuters")) == "media"
    assert party_label(conflict, conflict.source_party("kremlin")) == "third-party government"
    # Reuters' at-least-49 Armenian toll agrees with the MoD's 49; its 50 Azerbaijani dead stand alone
    assert tally["reuters"] == [1, 0, 1]
    assert tally["armenian_mod"] == [1, 1, 1]  # 49 | helicopters | drones


def _dated(claim, day, places=()):
    claim.date, claim.date_precision, claim.places = day, "day", list(places)
    return claim


def test_a_running_toll_is_no_contradiction_but_a_later_lower_one_is(knowledge):
    inc = Incident("i", "shelling", "2022-09-13", "day", ["Goris"], "armenian_mod", "q", 0, 1)
    rising = [_dated(_claim("armenian_government", 49), "2022-09-13"), _dated(_claim("reuters", 105), "2022-09-14")]
    assert contradictions(_event_with(rising, [inc], [GORIS]), knowledge) == []
    assert {s for _, s in figure_agreement(_event_with(rising, [inc], [GORIS]))} == {"agree"}
    falling = [_dated(_claim("armenian_government", 105), "2022-09-13"), _dated(_claim("reuters", 49), "2022-09-14")]
    assert [c.kind for c in contradictions(_event_with(falling, [inc], [GORIS]), knowledge)] == ["figures"]
    same_day = [_dated(_claim("armenian_government", 49), "2022-09-13"), _dated(_claim("reuters", 105), "2022-09-13")]
    assert [c.kind for c in contradictions(_event_with(same_day, [inc], [GORIS]), knowledge)] == ["figures"]


def test_civilian_figures_of_different_places_are_different_losses(knowledge):
    incs = [Incident("i1", "shelling", "2022-09-13", "day", ["Goris"], "armenian_mod", "q", 0, 1),
            Incident("i2", "shelling", "2022-09-13", "day", ["Lachin"], "azerbaijani_mod", "q", 0, 1)]
    apart = [_dated(_claim("armenian_mod", 3, side="civilian"), "2022-09-13", ["Goris"]),
             _dated(_claim("azerbaijani_mod", 2, side="civilian"), "2022-09-13", ["Lachin"])]
    assert "figures" not in {c.kind for c in contradictions(_event_with(apart, incs, [GORIS, LACHIN]), knowledge)}
    same_place = [_dated(_claim("armenian_mod", 3, side="civilian"), "2022-09-13", ["Goris"]),
                  _dated(_claim("azerbaijani_mod", 5, side="civilian"), "2022-09-13", ["Goris"])]
    assert "figures" in {c.kind for c in contradictions(_event_with(same_place, incs, [GORIS, LACHIN]), knowledge)}
    # one place's toll is part of the event, whoever's losses they are: not set against another place's
    soldiers = [_dated(_claim("armenian_mod", 3), "2022-09-13", ["Goris"]),
                _dated(_claim("azerbaijani_mod", 20), "2022-09-13", ["Lachin"])]
    assert "figures" not in {c.kind for c in contradictions(_event_with(soldiers, incs, [GORIS, LACHIN]), knowledge)}


def test_a_place_toll_is_part_of_the_event_total_unless_it_exceeds_it(knowledge):
    incs = [Incident("i1", "shelling", "2022-09-13", "day", ["Goris", "Lachin"], "reuters", "q", 0, 1),
            Incident("i2", "shelling", "2022-09-14", "day", ["Lachin"], "armenian_mod", "q", 0, 1)]
    total = _dated(_claim("reuters", 49, qualifier="at_least"), "2022-09-13", ["Goris", "Lachin"])
    part = _dated(_claim("armenian_mod", 3), "2022-09-13", ["Lachin"])
    ev = _event_with([total, part], incs, [GORIS, LACHIN])
    assert contradictions(ev, knowledge) == []
    (r,) = ranges(ev, knowledge)
    assert (r.low, r.high_open) == (49, True) and [f.place for f in r.parts] == ["Lachin"]
    labels = [row.label for row in side_by_side(ev, knowledge).rows if row.key[0] == "figure"]
    assert labels == ["killed — Armenia", "killed — Armenia, at Lachin"]
    exact = _dated(_claim("reuters", 2), "2022-09-13", ["Goris", "Lachin"])
    (c,) = contradictions(_event_with([exact, part], incs, [GORIS, LACHIN]), knowledge)
    assert c.subject == "killed — Armenia, at Lachin" and c.source_a == "armenian_mod"


def test_a_breakdown_is_never_set_against_its_total(knowledge):
    inc = Incident("i", "shelling", "2022-09-13", "day", ["Goris"], "reuters", "q", 0, 1)
    whole, part = _claim("reuters", 49), _claim("armenian_mod", 7)
    part.part_of = 0  # "including 7 ...": a breakdown of the article's first claim
    ev = _event_with([whole, part], [inc], [GORIS])
    assert contradictions(ev, knowledge) == []
    (r,) = ranges(ev, knowledge)
    assert r.best == 49 and [f.text for f in r.figures] == ["49"] and r.parts == []


def test_event_id_is_its_first_report_and_survives_later_reports(knowledge):
    def report(aid, published):
        inc = Incident(f"i-{aid}", "shelling", "2022-09-13", "day", ["Goris"], "reuters", "q", 0, 1)
        return Extraction(Article(aid, "b", published=published, published_precision="day"), [GORIS], [], [inc])

    (first,) = group_events([report("b1", "2022-09-13")], types={})
    (later,) = group_events([report("c2", "2022-09-14"), report("b1", "2022-09-13")], types={})
    (again,) = group_events([report("b1", "2022-09-13"), report("c2", "2022-09-14")], types={})
    assert first.id == later.id == again.id and len(later.members) == 2
