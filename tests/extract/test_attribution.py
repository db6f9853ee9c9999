"""Who says it: the claimant of a passage (geo.extract.attribution)."""
import pytest
from support import analysed

from geo.extract.attribution import UNATTRIBUTED


def claimant(text, lang, word):
    """The attribution of the first token whose text is ``word``."""
    doc = analysed(text, lang)
    (k,) = [t.i for t in doc.tokens if t.text == word][:1]
    return doc.attributor.claimant(doc.sentence_of(k), k)


@pytest.mark.parametrize("text, lang, word, source, cue", [
    ("Secondo il ministero della Difesa armeno, 49 soldati sono morti.", "it", "49", "armenian_mod", "ministero della Difesa armeno"),
    ("49 soldati sono morti, ha riferito il ministero della Difesa armeno.", "it", "49", "armenian_mod", "ministero della Difesa armeno"),
    ("According to the Armenian Defence Ministry, 49 soldiers were killed.", "en", "49", "armenian_mod", "Armenian Defence Ministry"),
    ("49 soldiers were killed, the Armenian Defence Ministry said.", "en", "49", "armenian_mod", "Armenian Defence Ministry"),
    ("Il ministero della Difesa dell’Azerbaigian ha detto che 50 soldati sono morti.", "it", "50", "azerbaijani_mod",
     "ministero della Difesa dell’Azerbaigian"),
    ("Azerbaijan's Defence Ministry said 50 soldiers were killed.", "en", "50", "azerbaijani_mod", "Azerbaijan's Defence Ministry"),
])
def test_a_source_named_in_the_sentence(text, lang, word, source, cue):
    a = claimant(text, lang, word)
    assert (a.source, a.text) == (source, cue)


def test_the_nearest_cue_before_the_figure_wins():
    text = "Secondo Reuters, il ministero della Difesa armeno ha detto che 49 soldati sono morti."
    assert claimant(text, "it", "49").source == "armenian_mod"


def test_a_cue_after_the_figure_counts_when_none_is_before():
    text = "Tre soldati armeni sono morti, secondo la Tass."
    assert claimant(text, "it", "Tre").source == "tass"


@pytest.mark.parametrize("text, lang, word, source", [
    ("L’Azerbaigian ha affermato che 50 soldati armeni sono stati uccisi.", "it", "50", "azerbaijani_government"),
    ("L'Armenia ha accusato Baku: 49 soldati sono morti.", "it", "49", "armenian_government"),
    ("Azerbaijan said 50 Armenian soldiers were killed.", "en", "50", "azerbaijani_government"),
    ("Armenia said 49 of its soldiers were killed.", "en", "49", "armenian_government"),
])
def test_a_side_as_speaker_is_its_government(text, lang, word, source):
    assert claimant(text, lang, word).source == source


@pytest.mark.parametrize("text, lang, word", [
    ("Armenia e Azerbaigian hanno riferito di 50 morti.", "it", "50"),
    ("Armenia and Azerbaijan reported 50 deaths.", "en", "50"),
    ("Sono morti 50 soldati armeni.", "it", "50"),
    ("Fifty Armenian soldiers were killed.", "en", "Fifty"),
])
def test_unattributed(text, lang, word):
    a = claimant(text, lang, word)
    assert (a.source, a.text) == (UNATTRIBUTED, None)


def test_a_place_of_a_side_is_no_speaker():
    text = "Nella regione del Nagorno-Karabakh, riferendo fonti locali, 5 soldati sono morti."
    assert claimant(text, "it", "5").source == UNATTRIBUTED


def test_quoted_speech_keeps_its_speaker_across_sentences():
    text = ("Il ministero della Difesa armeno ha diffuso un bilancio. "
            "“Abbiamo perso 49 soldati. Altri 30 sono rimasti feriti”, ha detto la portavoce.")
    assert claimant(text, "it", "49").source == "armenian_mod"
    assert claimant(text, "it", "30").source == "armenian_mod"


def test_a_quotation_opened_by_its_speaker():
    text = "Il portavoce del Cremlino Peskov ha detto: «Ci sono 12 feriti tra i civili. Altri 3 sono morti.»"
    assert claimant(text, "it", "3").source == "kremlin"


def test_english_quotation_closed_by_its_speaker():
    text = '"We lost 49 soldiers. Another 30 were wounded," the Armenian Defence Ministry said.'
    assert claimant(text, "en", "49").source == "armenian_mod"


@pytest.mark.parametrize("text, lang, word", [
    ("Il ministero della Difesa armeno ha parlato di scontri. Ha aggiunto che tre soldati sono rimasti feriti.", "it", "tre"),
    ("Il ministero della Difesa armeno ha parlato di scontri. Tre soldati sono rimasti feriti, ha spiegato la portavoce.", "it", "Tre"),
    ("The Armenian Defence Ministry reported clashes. He added that three soldiers were wounded.", "en", "three"),
    ("The Armenian Defence Ministry reported clashes. Three soldiers were wounded, it added.", "en", "Three"),
])
def test_anaphora_refers_back_to_the_last_speaker(text, lang, word):
    a = claimant(text, lang, word)
    assert (a.source, a.text) == ("armenian_mod", "ministero della Difesa armeno" if lang == "it" else "Armenian Defence Ministry")


def test_a_sentence_without_saying_does_not_inherit_the_speaker():
    text = "Il ministero della Difesa armeno ha parlato di scontri. Tre soldati sono morti a Sotk."
    assert claimant(text, "it", "Tre").source == UNATTRIBUTED


@pytest.mark.parametrize("text, lang, word", [
    ("Due soldati armeni sono morti nella notte. Lo scrive Reuters.", "it", "Due"),
    ("Two Armenian soldiers died overnight. Reuters reported.", "en", "Two"),
])
def test_a_trailing_attribution_covers_the_sentence_before(text, lang, word):
    assert claimant(text, lang, word).source == "reuters"


def test_a_trailing_attribution_in_the_same_sentence():
    a = claimant("Due soldati armeni sono morti nella notte, scrive Reuters.", "it", "Due")
    assert (a.source, a.text) == ("reuters", "scrive Reuters")


def test_a_source_named_later_in_a_long_next_sentence_is_no_trailing_attribution():
    text = "Due soldati armeni sono morti nella notte. Reuters ha poi pubblicato un lungo servizio sulla regione."
    assert claimant(text, "it", "Due").source == UNATTRIBUTED


def test_strength_orders_the_ways_of_knowing():
    explicit = claimant("Secondo la Tass, tre soldati sono morti.", "it", "tre")
    anaphoric = claimant("La Tass ha parlato di scontri. Ha aggiunto che tre soldati sono morti.", "it", "tre")
    none = claimant("Tre soldati sono morti.", "it", "Tre")
    assert explicit.strength > anaphoric.strength > none.strength


@pytest.mark.parametrize("text, lang, source", [
    ("The Ministry of Defence of Armenia said 12 soldiers were killed.", "en", "armenian_mod"),
    ("Armenia's Defence Ministry reported 12 soldiers killed.", "en", "armenian_mod"),
    ("The Azerbaijani defence ministry said 12 soldiers were wounded.", "en", "azerbaijani_mod"),
    ("Baku's prosecutor general's office said 12 civilians had died.", "en", "azerbaijani_prosecutor"),
    ("Azerbaijan's health ministry said 12 civilians were injured.", "en", "azerbaijan_health_ministry"),
    ("The NKR army said 12 of its servicemen were killed.", "en", "karabakh_authorities"),
    ("The human rights defender of Armenia reported 12 civilians killed.", "en", "human_rights_ombudsman_am"),
    ("The Russian Defence Ministry said 12 peacekeepers were wounded.", "en", "russian_mod"),
    ("Il ministero della Difesa azero ha riferito di 12 soldati uccisi.", "it", "azerbaijani_mod"),
    ("Il ministero della Difesa dell'Armenia ha detto che 12 soldati sono morti.", "it", "armenian_mod"),
    ("La procura generale di Baku ha reso noto che 12 civili sono morti.", "it", "azerbaijani_prosecutor"),
    ("Il difensore civico armeno ha contato 12 civili uccisi.", "it", "human_rights_ombudsman_am"),
    ("Il servizio di emergenza azero ha soccorso 12 feriti.", "it", "azerbaijan_emergency_service"),
    ("Secondo l'esercito del Karabakh, 12 soldati sono morti.", "it", "karabakh_authorities"),
])
def test_an_institution_next_to_a_side_is_that_sides_source(text, lang, source):
    """Composed, not listed: no phrase of these is in the conflict file."""
    assert claimant(text, lang, "12").source == source


@pytest.mark.parametrize("text, lang", [
    ("The Azerbaijani army shelled the village, killing 12 civilians.", "en"),
    ("L'esercito azero ha bombardato il villaggio, uccidendo 12 civili.", "it"),
])
def test_an_army_that_attacks_is_no_claimant(text, lang):
    assert claimant(text, lang, "12").source == UNATTRIBUTED


def test_an_institution_named_alone_is_the_last_source_of_its_kind():
    text = ("Azerbaijan's Ministry of Defence reported heavy fighting overnight. "
            "A source in the ministry put the toll at 12 soldiers killed.")
    a = claimant(text, "en", "12")
    assert (a.source, a.text) == ("azerbaijani_mod", "the ministry")
    it = ("Il ministero della Difesa armeno ha diffuso un bollettino. "
          "Secondo il ministero, 12 soldati sono morti.")
    assert claimant(it, "it", "12").source == "armenian_mod"


def test_its_institution_is_that_of_the_actor_named_before():
    text = "Azerbaijan gave no military figures, but its prosecutor general's office said 12 civilians were killed."
    assert claimant(text, "en", "12").source == "azerbaijani_prosecutor"


def test_the_ministry_alone_is_the_last_ministry_named_not_the_last_source():
    text = ("The Armenian Foreign Ministry said the town was shelled. Earlier, TASS reported fighting. "
            "The ministry said 12 soldiers had been killed.")
    assert claimant(text, "en", "12").source == "armenian_government"


def test_a_victim_named_like_a_source_is_no_claimant():
    text = "Serviceman Asif Aliyev was killed on the border overnight, the Azerbaijani Defence Ministry said."
    assert claimant(text, "en", "Serviceman").source == "azerbaijani_mod"
