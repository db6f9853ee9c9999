"""Contradictions flagged in the side-by-side cells, and shown once each."""
from geo.events.compare import Cell, Contradiction, Row, Table
from geo.events.table import display_records, flagged_cells, unique_contradictions
from geo.events.grouping import Ref


def _ref(n):
    return Ref("a", n, n + 5, "quote", "x")


TABLE = Table("ev", ["am", "az", "reuters"], [
    Row(("where",), "where", {"am": Cell("Goris", [_ref(1)]), "az": Cell("Lachin", [_ref(2)])}),
    Row(("blame",), "blame (attacker → target)", {"am": Cell("Azerbaijan → Armenia"), "az": Cell("Armenia → Azerbaijan")}),
    Row(("figure", "azerbaijan", "materiel", "helicopters"), "materiel (helicopters) — Azerbaijan",
        {"am": Cell("2"), "az": Cell("1"), "reuters": Cell("2")}),
    Row(("figure", "armenia", "killed", None, ""), "killed — Armenia", {"am": Cell("49"), "reuters": Cell("≥49")}),
])


def _clash(kind, subject, refs_a=(), says_a="A", says_b="B"):
    return Contradiction(kind, subject, "am", "az", says_a, says_b, list(refs_a), [])


def test_same_clash_found_twice_is_shown_once_with_both_passages():
    clashes = [_clash("blame", "who attacked", [_ref(1)]), _clash("blame", "who attacked", [_ref(7)]),
               _clash("blame", "who attacked", [_ref(1)], says_a="Other")]
    out = unique_contradictions(clashes)
    assert len(out) == 2 and out[0].refs_a == [_ref(1), _ref(7)]


def test_cells_of_both_claimants_are_flagged_in_the_row_concerned():
    clashes = [_clash("location", "where it happened"),
               _clash("figures", "materiel (helicopters) — Azerbaijan")]
    flagged = flagged_cells(TABLE, clashes)
    assert flagged == {(0, "am"), (0, "az"), (2, "am"), (2, "az")}  # not Reuters, not the killed row
    records = display_records(TABLE, flagged, {"am": "Armenian MoD", "az": "Azerbaijani MoD"})
    assert records[2] == {"": "materiel (helicopters) — Azerbaijan", "Armenian MoD": "⚠ 2",
                          "Azerbaijani MoD": "⚠ 1", "reuters": "2"}
    assert records[3]["Armenian MoD"] == "49" and records[3]["Azerbaijani MoD"] == ""
