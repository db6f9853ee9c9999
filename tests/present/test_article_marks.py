"""An article's marks: places and figures both visible where they share a sentence."""
from geo.present.passages import article_html, figure_span


def test_a_figure_in_a_sentence_with_a_place_keeps_its_mark():
    body = "Shelling near Goris killed 49 soldiers. Calm elsewhere."
    place = (14, 19, "inc")
    clause = (0, 38, "fig")
    html = article_html(body, [clause, place])
    assert '<mark class="inc">Goris</mark>' in html
    assert '<mark class="fig">Shelling near </mark>' in html and '<mark class="fig"> killed 49 soldiers</mark>' in html
    assert html.endswith(". Calm elsewhere.")


def test_figure_span_is_the_figure_words_when_found():
    body = "Shelling near Goris killed forty-nine soldiers."
    assert figure_span(body, 0, len(body), "forty-nine") == (27, 37)
    assert figure_span(body, 0, len(body), "fifty") == (0, len(body))
    assert figure_span(body, 0, 10, None) == (0, 10)


def test_marks_are_escaped():
    assert article_html("<b>x</b>", [(3, 4, "fig")]) == '&lt;b&gt;<mark class="fig">x</mark>&lt;/b&gt;'
