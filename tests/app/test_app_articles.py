"""AppTest of the articles page: reading with marks, adding articles (session-only for viewers), escaping."""
from ui_fixtures import app, open_page  # noqa: F401  (app: a pytest fixture)

PAYLOAD = ("Titolo\n\n<img src=x onerror=\"window.__xss=1\"> ${alert(1)} `x` "
           "Il ministero della Difesa armeno ha dichiarato che tre soldati sono stati uccisi vicino a Goris.")


PAGE = "app_pages/articles.py"


def _html(at):
    return " ".join(m.value for m in at.markdown)


def test_article_from_url_is_shown_with_places_and_figures_marked(app):
    at = open_page(app, PAGE, article="a3b341a600b6c764")
    assert not at.exception
    html = _html(at)
    assert '<mark class="inc">Goris</mark>' in html
    assert '<mark class="ctx">Kazakistan</mark>' in html
    assert '<mark class="fig">Almeno 49 soldati armeni e 50 azeri sono morti martedì</mark>' in html
    assert len(at.dataframe[0].value) == 5


def test_pasted_article_is_escaped_and_stays_in_the_session(app):
    at = open_page(app, PAGE)
    at.text_area[0].input(PAYLOAD)
    at.selectbox(key="paste_language").set_value("it")
    at.button[0].click().run()  # the form's "Extract"
    assert not at.exception
    html = _html(at)
    assert "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt; &#36;{alert(1)} &#96;x&#96;" in html
    assert "<img" not in html and "${alert" not in html
    table = at.dataframe[0].value
    assert len(table) == 6 and list(table.Added).count("this session") == 1
    # another viewer (a fresh session of the same process) does not see it
    other = open_page(app, PAGE)
    assert len(other.dataframe[0].value) == 5


def test_bad_paste_names_the_input_and_the_reason_and_keeps_what_was_added(app):
    at = open_page(app, PAGE)
    at.text_area[0].input(PAYLOAD)
    at.selectbox(key="paste_language").set_value("it")
    at.button[0].click().run()
    assert list(at.dataframe[0].value.Added).count("this session") == 1
    at.text_area[0].input("   ")
    at.button[0].click().run()
    assert any("Pasted text: nothing to extract" in e.value for e in at.error)
    at.selectbox(key="paste_language").set_value("detect")
    at.text_area[0].input("---\nlanguage: xx\n---\nUn testo in una lingua che non esiste.")
    at.button[0].click().run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("pasted: Un testo in una lingua") and "not extracted" in w for w in warnings), warnings
    table = at.dataframe[0].value
    assert list(table.Added).count("this session") == 2 and len(table) == 7  # stored, readable, nothing lost


def test_every_place_mention_says_how_it_was_placed(app):
    at = open_page(app, PAGE)
    at.text_area[0].input("Secondo il ministero della Difesa armeno, le forze azere hanno bombardato il villaggio di "
                          "Zzyxqorr e la città di Goris, uccidendo due soldati.")
    at.selectbox(key="paste_language").set_value("it")
    at.button[0].click().run()
    assert not at.exception
    places = next(df.value for df in at.dataframe if "why" in df.value.columns)
    unplaced = places[places["words"] == "Zzyxqorr"].iloc[0]
    assert unplaced["place"] == "— not placed" and "offline gazetteer" in unplaced["why"]
    goris = places[places["words"] == "Goris"].iloc[0]
    assert (goris["place"], goris["role"]) == ("Goris", "incident")


def test_the_language_filter_reads_the_url_and_keeps_labels_in_english(app):
    at = open_page(app, PAGE, language="it")
    assert not at.exception
    (box,) = [m for m in at.multiselect if m.label == "Language"]
    assert box.value == ["it"] and box.options == ["Italian (it)"]
    at.text_area[0].input("Минобороны Армении сообщило, что в результате обстрела Горис погибли двое военнослужащих.")
    at.selectbox(key="paste_language").set_value("detect")
    at.button[0].click().run()
    (box,) = [m for m in at.multiselect if m.label == "Language"]
    assert "Russian (ru)" in box.options
    box.set_value(["ru"]).run()
    assert not at.exception and at.query_params["language"] in ("ru", ["ru"])
    assert list(at.dataframe[0].value["Lang."]) == ["ru"]
