"""geo.text.morphology: one analyser per process, words reduced to a key, and grammatical number."""
import pytest

from geo.text.morphology import MorphologyError, morphology_for


def test_russian_lemmas_and_number():
    ru = morphology_for("pymorphy3")
    assert ru is morphology_for("pymorphy3")  # built once
    assert ru.lemma("погибших") == "погибнуть" and ru.lemma("Гяндже") == "гянджа"
    assert ru.singular("селянине") and ru.singular("жителя") and ru.singular("военнослужащий")
    assert not ru.singular("жителей") and not ru.singular("военнослужащих") and not ru.singular("офицерах")


def test_stemmers_key_words_but_tell_no_number():
    de = morphology_for("snowball:german")
    assert de.norm("getöteten") == de.norm("getötete") and de.lemma is None and de.singular is None
    assert morphology_for("none") is None


def test_an_unknown_analyser_is_a_clear_error():
    with pytest.raises(MorphologyError, match="unknown morphology"):
        morphology_for("hunspell")


def test_the_analysers_run_in_c_and_agree_with_the_pure_python_ones():
    """requirements.txt installs PyStemmer and pymorphy3[fast] (DAWG2): 30 and 5 times faster a new word form. A
    missing one would only slow ingestion, silently, so this says so; the stems must be the pure-Python ones."""
    import Stemmer
    import pymorphy3.dawg
    import snowballstemmer
    from snowballstemmer import french_stemmer, german_stemmer, spanish_stemmer

    assert pymorphy3.dawg.DAWG.__module__ == "dawg"  # the C reader, not dawg_python
    words = {"german": ["getöteten", "Soldaten", "Verteidigungsministeriums", "Angaben", "Dörfer"],
             "french": ["tués", "blessés", "l'armée", "azerbaïdjanaise", "selon", "bombardements"],
             "spanish": ["muertos", "heridos", "según", "informó", "civiles", "ataques"]}
    pure = {"german": german_stemmer.GermanStemmer, "french": french_stemmer.FrenchStemmer,
            "spanish": spanish_stemmer.SpanishStemmer}
    for language, forms in words.items():
        fast = snowballstemmer.stemmer(language)
        assert isinstance(fast, Stemmer.Stemmer)
        assert [fast.stemWord(w.lower()) for w in forms] == [pure[language]().stemWord(w.lower()) for w in forms]
