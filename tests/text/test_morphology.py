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
