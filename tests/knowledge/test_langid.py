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


@pytest.mark.parametrize("body, lang", [(IT, "it"), (EN, "en"), (FR, None), (DE, None), (FR_LEAD, None)])
def test_detect_language(body, lang):
    assert detect_language(body, default_knowledge()) == lang


def test_too_few_words_is_no_language():
    assert detect_language("Scontri a Jermuk.", default_knowledge()) is None


def test_the_front_matter_language_wins():
    art = build_article(f"---\nlanguage: it\n---\n{EN}")
    assert article_language(art, default_knowledge()) == "it"


@pytest.mark.parametrize("text, words", [
    (FR, ["language not recognised", "it", "en"]),
    (f"---\nlanguage: fr\n---\n{FR}", ["unsupported language", "fr"]),
])
def test_an_unsupported_language_is_refused_with_the_reason(text, words):
    with pytest.raises(UnsupportedLanguage) as e:
        extract_article(build_article(text))
    assert all(w in str(e.value) for w in words)


def test_the_detected_language_is_recorded_on_the_article():
    ex = extract_article(build_article(EN))
    assert ex.article.language == "en"
