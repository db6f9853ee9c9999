"""Language detection (geo.knowledge.langid) and the language an article is extracted in (geo.extract.pipeline)."""
import pytest

from geo.ingest.articles import build_article
from geo.knowledge.files import default_knowledge
from geo.knowledge.langid import detect_language
from geo.extract.pipeline import UnsupportedLanguage, article_language, extract_article

IT = ("Il ministero della Difesa armeno ha detto che tre soldati sono morti durante la notte. "
      "Secondo Baku, le forze armene hanno aperto il fuoco per prime.")
EN = ("The Armenian Defence Ministry said that three soldiers were killed during the night. "
      "According to Baku, Armenian forces opened fire first.")
FR = ("Le ministère arménien de la Défense a déclaré mardi que des combats avaient éclaté dans la nuit le long de la "
      "frontière avec l'Azerbaïdjan. Selon Erevan, les forces azerbaïdjanaises ont bombardé plusieurs localités, dont "
      "Jermuk et Goris. Bakou accuse de son côté l'Arménie de provocations.")
DE = ("Das armenische Verteidigungsministerium teilte am Dienstag mit, dass in der Nacht an der Grenze zu Aserbaidschan "
      "Kämpfe ausgebrochen seien. Nach Angaben aus Eriwan beschossen aserbaidschanische Truppen mehrere Orte, darunter "
      "Dschermuk und Goris.")
FR_LEAD = "Le ministère arménien de la Défense a déclaré que trois soldats avaient été tués pendant la nuit."
# A title and two sentences in each language.
RU = ("Обстрел Гянджи. Минобороны Азербайджана сообщило о гибели четырех мирных жителей. "
      "По данным ведомства, удар был нанесен ночью с территории Армении.")
ES = ("Combates en la frontera. El Ministerio de Defensa de Armenia informó de tres soldados muertos. "
      "Según Ereván, las tropas azeríes abrieron fuego durante la noche contra sus posiciones.")
DE_SHORT = ("Gefechte an der Grenze. Nach Angaben aus Baku wurden zwei Soldaten getötet. "
            "Das armenische Verteidigungsministerium wies die Vorwürfe zurück.")
PT = ("Confrontos na fronteira. O Ministério da Defesa da Armênia disse que três soldados morreram. "
      "Segundo Baku, as forças armênias abriram fogo primeiro.")
# Mixed: a French article quoting Russian, an English one quoting Italian.
FR_QUOTING_RU = ("« Противник понес потери », a déclaré le porte-parole, selon l'agence russe. Le ministère arménien "
                 "de la Défense a indiqué que deux soldats avaient été blessés dans la nuit de lundi à mardi.")
EN_QUOTING_IT = ("The Armenian Defence Ministry said two soldiers were wounded overnight. \"Non ci sono state vittime\", "
                 "an Italian observer told reporters, and the ministry said that the shelling had stopped by the morning.")


@pytest.mark.parametrize("body, lang", [(IT, "it"), (EN, "en"), (FR, "fr"), (DE, "de"), (FR_LEAD, "fr"), (RU, "ru"),
                                        (ES, "es"), (DE_SHORT, "de"), (PT, "pt"), (FR_QUOTING_RU, "fr"), (EN_QUOTING_IT, "en")])
def test_detect_language(body, lang):
    assert detect_language(body, default_knowledge()) == lang


def test_too_few_words_is_no_language():
    assert detect_language("Scontri a Jermuk.", default_knowledge()) is None


def test_the_front_matter_language_wins():
    art = build_article(f"---\nlanguage: it\n---\n{EN}")
    assert article_language(art, default_knowledge()) == "it"


@pytest.mark.parametrize("text, words", [
    ("Obrigado. Xyz abc.", ["language not recognised", "it", "ru"]),
    (PT, ["unsupported language", "'pt'", "Portuguese"]),
    (f"---\nlanguage: ja\n---\n{FR}", ["unsupported language", "'ja'"]),
])
def test_an_unsupported_language_is_refused_with_the_reason(text, words):
    with pytest.raises(UnsupportedLanguage) as e:
        extract_article(build_article(text))
    assert all(w in str(e.value) for w in words)


def test_the_detected_language_is_recorded_on_the_article():
    ex = extract_article(build_article(EN))
    assert ex.article.language == "en"
