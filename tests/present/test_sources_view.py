"""The Sources page's shaping: events told by several claimants, their passages' place marks, claimants."""
from geo.present.dataset import Dataset
from geo.events.source_stats import agreement
from geo.present.sources import agreement_totals, claimants_view, place_marks, told_by_several
from ui_fixtures import sample_extractions

LABELS = {"claimed_by": {"reuters": "Reuters"}, "side": {"armenia": "Armenia"}, "event_type": {}}


def test_events_told_by_several_and_the_marks_of_their_places():
    data = Dataset(sample_extractions())
    multi, n = told_by_several(data.events, data.events.incidents, 25)
    assert multi and n == len(multi) and all(len({m.incident.claimed_by for m in ev.members} | {c.claim.claimed_by for c in ev.claims}) > 1
                         for ev in multi)
    marks = place_marks(data.events, multi)
    goris = next(m for ev in multi for m in ev.members if "Goris" in {p.name for p in m.places})
    body = goris.article.body or data.article(goris.article.id).body
    assert "Goris" in {body[s:e] for s, e in marks[goris.ref]}


def test_claimants_view_names_party_and_agreement():
    data = Dataset(sample_extractions())
    view = claimants_view(data.events.incidents, data.claims, data.events.table, LABELS).set_index("claimed_by")
    reuters = view.loc["reuters"]
    assert reuters["Claimant"] == "Reuters" and reuters["Speaks for"] == "media"
    assert "killed Armenia: at least 49" in reuters["Figures (incident)"]
    assert reuters["Its figures vs others'"].startswith("1 agree")


def test_told_by_several_keeps_the_newest_and_counts_them_all():
    data = Dataset(sample_extractions())
    every, n = told_by_several(data.events, data.events.incidents, 25)
    newest, m = told_by_several(data.events, data.events.incidents, 1)
    assert m == n and newest == every[:1]


def test_agreement_summed_from_the_table_is_the_events_agreement():
    index = Dataset(sample_extractions()).events
    expected: dict[str, list[int]] = {}
    for ev in index.events(index.table["event_id"]):
        for src, counts in agreement(ev).items():
            expected[src] = [x + y for x, y in zip(expected.get(src, [0, 0, 0]), counts)]
    assert agreement_totals(index.table) == expected and expected
    assert agreement_totals(index.table.head(0)) == {}
