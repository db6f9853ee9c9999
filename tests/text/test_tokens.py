"""Tokens, sentences, clauses and the phrase matcher (geo.text.tokens)."""
import pytest
from support import lexicon

from geo.text.tokens import PhraseMatcher, bounded, clauses, phrase_tokens, sentences, tokenize


@pytest.fixture(scope="module")
def lex():
    return lexicon("it")


def sentence_texts(text, lex):
    toks = tokenize(text)
    return [text[s.start:s.end] for s in sentences(text, toks, lex.abbreviations)]


def clause_texts(text, lex):
    toks = tokenize(text)
    (sent,) = sentences(text, toks, lex.abbreviations)
    return [text[c.start:c.end] for c in clauses(toks, sent, lex.clause_openers)]


def test_tokens_carry_offsets_into_the_text_and_a_folded_form():
    text = "L’Azerbaigian è già lì: Città"
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.i for t in toks] == list(range(len(toks)))
    assert [t.norm for t in toks] == ["l", "'", "azerbaigian", "e", "gia", "li", ":", "citta"]
    assert toks[2].is_word and toks[2].is_capitalised and not toks[1].is_word


@pytest.mark.parametrize("text", ["6.500", "6,500", "30.000", "1,5"])
def test_grouped_and_decimal_numbers_are_one_token(text):
    (t,) = tokenize(text)
    assert t.text == text and t.is_number


def test_a_clock_time_is_three_tokens():
    assert [t.text for t in tokenize("alle 00:05")] == ["alle", "00", ":", "05"]


def test_phrase_tokens_fold_case_accents_and_apostrophes():
    assert phrase_tokens("Ministero della Difesa dell’Azerbaigian") == phrase_tokens("ministero della difesa dell'azerbaigian")
    assert phrase_tokens("Città") == ("citta",)


def test_phrase_matcher_longest_match_wins_and_matches_are_disjoint():
    m = PhraseMatcher([("ministero", "short"), ("ministero della Difesa", "long"), ("difesa", "alone")])
    toks = tokenize("Il Ministero della difesa e la Difesa")
    assert list(m.find(toks)) == [(1, 3, "long"), (6, 6, "alone")]


def test_phrase_matcher_respects_the_upper_bound():
    m = PhraseMatcher([("ministero della Difesa", "long")])
    toks = tokenize("ministero della Difesa")
    assert m.match_at(toks, 0) == (2, "long")
    assert m.match_at(toks, 0, 2) is None
    assert list(m.find(toks, 0, 2)) == []


def test_phrase_matcher_is_apostrophe_insensitive():
    m = PhraseMatcher([("l'Azerbaigian ha affermato", "gov")])
    toks = tokenize("Ieri L’Azerbaigian ha affermato")
    assert list(m.find(toks)) == [(1, 5, "gov")]


def test_sentences_split_at_a_full_stop_before_a_capital(lex):
    assert sentence_texts("Sono morti tre soldati. Il ministero tace! Davvero? Sì.", lex) == [
        "Sono morti tre soldati.", "Il ministero tace!", "Davvero?", "Sì."]


def test_sentences_do_not_split_after_an_abbreviation_or_inside_a_number(lex):
    assert sentence_texts("Lo ha detto il gen. Rossi. Costo 6.5 milioni. Fine.", lex) == [
        "Lo ha detto il gen. Rossi.", "Costo 6.5 milioni.", "Fine."]


def test_sentences_do_not_split_before_a_lower_case_word(lex):
    assert sentence_texts("Era il n. 3 e poi. e basta.", lex) == ["Era il n. 3 e poi. e basta."]


def test_a_closing_quote_after_the_full_stop_stays_in_its_sentence(lex):
    assert sentence_texts('Ha detto: "Siamo pronti." Poi è partito.', lex) == ['Ha detto: "Siamo pronti."', "Poi è partito."]
    assert sentence_texts("Ha detto: “Siamo pronti.” Poi è partito.", lex) == ["Ha detto: “Siamo pronti.”", "Poi è partito."]


def test_a_line_break_ends_a_sentence(lex):
    assert sentence_texts("Titolo senza punto\nIl testo comincia qui.", lex) == ["Titolo senza punto", "Il testo comincia qui."]


def test_clauses_split_at_semicolons_dashes_and_a_comma_before_an_opener(lex):
    assert clause_texts("Sono morti due soldati, mentre tre civili sono feriti; un ufficiale è disperso – dice Baku.", lex) == [
        "Sono morti due soldati", "mentre tre civili sono feriti", "un ufficiale è disperso", "dice Baku."]


def test_clauses_do_not_split_inside_a_list_of_names(lex):
    assert clause_texts("Goris, Jermuk e Sotk sono stati colpiti.", lex) == ["Goris, Jermuk e Sotk sono stati colpiti."]


def test_a_colon_does_not_split_a_clause(lex):
    # A colon usually opens the same speaker's words: they stay with their attribution.
    assert clause_texts("Il ministero ha dichiarato: tre soldati morti a Sotk.", lex) == [
        "Il ministero ha dichiarato: tre soldati morti a Sotk."]


def test_initials_do_not_end_a_sentence():
    en = lexicon("en")
    assert sentence_texts("The U.S. said two soldiers died. Then it ended.", en) == [
        "The U.S. said two soldiers died.", "Then it ended."]


def test_english_clause_openers(lex):
    en = lexicon("en")
    assert clause_texts("Two soldiers died, while three civilians were wounded.", en) == [
        "Two soldiers died", "while three civilians were wounded."]


def test_bounded_cuts_long_sentences_after_a_comma_and_keeps_short_ones():
    text = "Short one. Then " + "word, " * 30 + "end."
    toks = tokenize(text)
    spans = sentences(text, toks)
    pieces = bounded(spans, toks, 10)
    assert pieces[0] == spans[0]
    assert all(p.hi - p.lo <= 10 for p in pieces)
    assert [(p.lo, p.hi) for p in pieces] == list(zip([p.lo for p in pieces], [p.lo for p in pieces[1:]] + [len(toks)]))
    assert all(toks[p.hi - 1].text == "," for p in pieces[1:-1])  # cut after a comma, not inside a phrase


def test_phrase_matcher_scans_overlapping_phrases_left_to_right():
    # a phrase starting inside an earlier match is skipped; one starting after it is found,
    # and a word that starts no phrase is never tried (the scan goes through the words' index)
    m = PhraseMatcher([("forze armate", "army"), ("armate azere", "adj"), ("azere", "side"), ("ha colpito", "verb")])
    toks = tokenize("Le forze armate azere hanno colpito, le forze armate azere ha colpito")
    assert list(m.find(toks)) == [(1, 2, "army"), (3, 3, "side"), (8, 9, "army"), (10, 10, "side"), (11, 12, "verb")]
    assert m.heads.keys() == {"forze", "armate", "azere", "ha"}


def test_tokens_are_keyed_the_same_once_their_table_is_full(monkeypatch):
    import geo.text.tokens as tokens

    first = tokenize("Sette soldati armeni uccisi a Sotk")
    monkeypatch.setattr(tokens, "_MAX_KEYED", 2)  # every call now starts an empty table
    assert tokenize("Sette soldati armeni uccisi a Sotk") == first
    assert tokenize("Sette soldati armeni uccisi a Sotk") == first
