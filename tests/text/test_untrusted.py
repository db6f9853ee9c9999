"""Printing file names and writing spreadsheet cells from untrusted text (geo.text.untrusted)."""
from geo.text.untrusted import printable, spreadsheet_cell


def test_printable_escapes_terminal_codes_and_keeps_letters():
    assert printable("Ağdam\x1b[31m\u202e.md\x9b") == "Ağdam\\x1b[31m\\u202e.md\\x9b"


def test_formula_cells_are_quoted_and_other_values_kept():
    assert spreadsheet_cell('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert [spreadsheet_cell(v) for v in ("+1", "@SUM(A1)", "-2")] == ["'+1", "'@SUM(A1)", "'-2"]
    assert [spreadsheet_cell(v) for v in ("Goris", 3, None, -2)] == ["Goris", 3, None, -2]
