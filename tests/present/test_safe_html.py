import html

from geo.present.escape import esc, highlight

PAYLOAD = """<img src=x onerror="alert(1)"> ${alert(1)} `x` \\ it's & more"""


def test_esc_leaves_no_markup_or_template_syntax():
    out = esc(PAYLOAD)
    for ch in "<>\"'$`\\":
        assert ch not in out
    assert html.unescape(out) == PAYLOAD


def test_esc_none_and_numbers():
    assert esc(None) == ""
    assert esc(49) == "49"


def test_highlight_marks_spans_and_escapes_the_rest():
    text = "a <b> Goris & Sotk ${x}"
    g = text.index("Goris")
    s = text.index("Sotk")
    out = highlight(text, [(s, s + 4), (g, g + 5)])
    assert '<mark class="hl">Goris</mark>' in out and '<mark class="hl">Sotk</mark>' in out
    assert "<b>" not in out and "&lt;b&gt;" in out and "${" not in out


def test_highlight_merges_overlaps_and_clips():
    out = highlight("abcdef", [(1, 3), (2, 5), (4, 99), (-3, 0)])
    assert out == 'a<mark class="hl">bcdef</mark>'
