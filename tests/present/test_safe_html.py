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


def test_md_plain_leaves_nothing_for_markdown_latex_or_directives_to_read():
    from geo.present.escape import md_plain

    assert md_plain("![x](http://host/p.png)") == "\\!\\[x\\]\\(http://host/p.png\\)"
    assert md_plain("$x$ :red[a] <b> &amp; `c` *d* ~e~ a|b") == "\\$x\\$ :red\\[a\\] \\<b\\> \\&amp; \\`c\\` \\*d\\* \\~e\\~ a\\|b"
    assert [md_plain(t) for t in ("# h", "- a", "1. a", "> q", "line\n\nbreak")] == [
        "\\# h", "\\- a", "1\\. a", "\\> q", "line break"]
    assert md_plain("Goris, 2022-09-13: 49 soldiers") == "Goris, 2022-09-13: 49 soldiers"
    assert md_plain(None) == md_plain(float("nan")) == ""


def test_option_text_is_always_a_string():
    from geo.present.escape import option_text

    assert [option_text(v) for v in ("T", float("nan"), None, 3)] == ["T", "—", "—", "3"]


def test_a_null_title_falls_back_to_the_path_or_the_id():
    from geo.present.tables import _title

    assert _title([float("nan"), None, "", "T"], ["p.md", float("nan"), None, "q.md"], ["a", "b", "c", "d"]) == [
        "p.md", "b", "c", "T"]
