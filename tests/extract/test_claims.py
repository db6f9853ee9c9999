"""Casualty and materiel claims (geo.extract.claims) on short sentences."""
import pytest
from support import analysed

from geo.extract.claims import extract_claims
from geo.models import CLAIM_KINDS, QUALIFIERS, SCOPES, Incident


def incident(places, claimed_by="unattributed", attacker="azerbaijan", target="armenia"):
    return Incident(id="i1", event_type="shelling", date=None, date_precision=None, places=list(places),
                    claimed_by=claimed_by, quote="", start=0, end=0, attacker=attacker, target=target)


def claims(text, lang, published="2022-09-14", places=("Sotk",)):
    doc = analysed(text, lang, published)
    out = extract_claims(doc, {}, [incident(places)])
    for c in out:  # invariants of every claim
        assert text[c.start:c.end] == c.quote
        assert c.kind in CLAIM_KINDS and c.qualifier in QUALIFIERS and c.scope in SCOPES
    return out


def one(text, lang, **kw):
    out = claims(text, lang, **kw)
    assert len(out) == 1, [(c.kind, c.count_low, c.quote) for c in out]
    return out[0]


def summary(c):
    return c.kind, c.count_low, c.count_high, c.qualifier, c.side


@pytest.mark.parametrize("text, lang, expected", [
    ("Almeno quarantanove soldati armeni sono morti.", "it", ("killed", 49, None, "at_least", "armenia")),
    ("At least forty-nine Armenian soldiers were killed.", "en", ("killed", 49, None, "at_least", "armenia")),
    ("Twenty-one Armenian soldiers were wounded.", "en", ("wounded", 21, 21, "exact", "armenia")),
    ("Ventuno civili sono rimasti feriti.", "it", ("wounded", 21, 21, "exact", "civilian")),
    ("Three civilians were killed.", "en", ("killed", 3, 3, "exact", "civilian")),
    ("Dozens of civilians were killed.", "en", ("killed", 24, 99, "vague", "civilian")),
    ("Una dozzina di soldati azeri sono rimasti feriti.", "it", ("wounded", 12, 12, "approx", "azerbaijan")),
    ("Circa 50 soldati azeri sono morti.", "it", ("killed", 50, 50, "approx", "azerbaijan")),
    ("Sono morti 49 soldati azeri.", "it", ("killed", 49, 49, "exact", "azerbaijan")),
    ("49 Azerbaijani soldiers were killed.", "en", ("killed", 49, 49, "exact", "azerbaijan")),
    ("Oltre seimila morti tra i civili.", "it", ("killed", 6000, None, "more_than", "civilian")),
    ("6,500 people were killed.", "en", ("killed", 6500, 6500, "exact", "unspecified")),
    ("6.500 persone sono morte.", "it", ("killed", 6500, 6500, "exact", "unspecified")),
    ("Tre soldati armeni risultano dispersi.", "it", ("missing", 3, 3, "exact", "armenia")),
    ("Two Armenian soldiers were captured.", "en", ("captured", 2, 2, "exact", "armenia")),
])
def test_figures_kinds_and_sides(text, lang, expected):
    assert summary(one(text, lang)) == expected


@pytest.mark.parametrize("text, lang", [("Ci sono state diverse vittime.", "it"), ("There were several casualties.", "en")])
def test_vague_losses_have_no_number(text, lang):
    c = one(text, lang)
    assert (c.kind, c.count_low, c.count_high, c.qualifier, c.side) == ("casualties", None, None, "unspecified", "unspecified")
    assert c.count_text is None


@pytest.mark.parametrize("text, lang", [
    ("L'attacco è stato respinto senza perdite.", "it"),
    ("The attack was repelled without casualties.", "en"),
])
def test_negated_losses_are_no_claim(text, lang):
    assert claims(text, lang) == []


@pytest.mark.parametrize("text, lang, expected", [
    ("Due soldati sono stati uccisi e più di una dozzina sono rimasti feriti.", "it",
     [("killed", 2, 2, "exact"), ("wounded", 12, None, "more_than")]),
    ("Two soldiers were killed and more than a dozen were wounded.", "en",
     [("killed", 2, 2, "exact"), ("wounded", 12, None, "more_than")]),
    ("The shelling killed one civilian and wounded 32 others.", "en", [("killed", 1, 1, "exact"), ("wounded", 32, 32, "exact")]),
    ("Three soldiers are missing and two were captured.", "en", [("missing", 3, 3, "exact"), ("captured", 2, 2, "exact")]),
])
def test_coordinated_figures_each_take_their_own_verb(text, lang, expected):
    assert [(c.kind, c.count_low, c.count_high, c.qualifier) for c in claims(text, lang)] == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Alle 00:05 sono stati uccisi due soldati.", "it", [("killed", 2)]),
    ("At 00:05 two soldiers were killed.", "en", [("killed", 2)]),
    ("Nel 2020 sono morti due soldati.", "it", [("killed", 2)]),
    ("In 2020 two soldiers were killed.", "en", [("killed", 2)]),
    ("Sei mesi fa sono morti tre soldati.", "it", [("killed", 3)]),
    ("Six months ago three soldiers died.", "en", [("killed", 3)]),
    ("Il 5 per cento dei feriti è grave.", "it", []),
])
def test_years_times_and_durations_are_no_counts(text, lang, expected):
    assert [(c.kind, c.count_low) for c in claims(text, lang)] == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Il ministero della Difesa armeno ha detto di aver distrutto tre carri armati, due elicotteri e cinque droni.", "it",
     [(3, "tanks"), (2, "helicopters"), (5, "drones")]),
    ("The Armenian Defence Ministry said three tanks, two helicopters and five drones were destroyed.", "en",
     [(3, "tanks"), (2, "helicopters"), (5, "drones")]),
])
def test_materiel_claims_name_what(text, lang, expected):
    out = claims(text, lang)
    assert [(c.count_low, c.what) for c in out] == expected
    assert all(c.kind == "materiel" and c.side == "azerbaijan" and c.claimed_by == "armenian_mod" for c in out)


@pytest.mark.parametrize("text, lang, side", [
    ("The Azerbaijani Defence Ministry said it destroyed three Armenian tanks.", "en", "armenia"),
    ("The Azerbaijani Defence Ministry said it destroyed three tanks.", "en", "armenia"),
    ("The Armenian Defence Ministry said it lost two helicopters.", "en", "armenia"),
    ("Il ministero della Difesa armeno ha dichiarato che sono stati abbattuti due elicotteri azeri.", "it", "azerbaijan"),
])
def test_materiel_sides(text, lang, side):
    c = one(text, lang)
    assert c.kind == "materiel" and c.side == side


def test_figures_of_equipment_without_a_loss_verb_are_no_claim():
    assert claims("L'esercito ha schierato tre carri armati al confine.", "it") == []


@pytest.mark.parametrize("text, lang, side", [
    ("Il ministero della Difesa armeno ha detto che 49 dei suoi soldati sono morti.", "it", "armenia"),
    ("The Armenian Defence Ministry said 49 of its soldiers were killed.", "en", "armenia"),
    ("Il ministero della Difesa armeno ha detto che 10 soldati nemici sono stati uccisi.", "it", "azerbaijan"),
    ("The Armenian Defence Ministry said 10 enemy soldiers were killed.", "en", "azerbaijan"),
    # the words say whose, not the claimant: its own side is only the likely reading
    ("Il ministero della Difesa armeno ha detto che 12 soldati sono stati feriti.", "it", "unspecified"),
    ("Azerbaijan's Defence Ministry said four soldiers were killed.", "en", "unspecified"),
    ("Baku said it had lost four soldiers.", "en", "azerbaijan"),
    ("Il ministero della Difesa armeno ha detto che 13 militari sono stati catturati dall'esercito azero.", "it", "armenia"),
    ("Two soldiers were captured by Azerbaijani forces.", "en", "armenia"),
    ("Tre militari sono caduti dall'inizio dell'offensiva azera.", "it", "unspecified"),
    ("Il ministero della Difesa armeno ha detto che 12 civili sono stati feriti.", "it", "civilian"),
    ("Le forze armate azere hanno bombardato Sotk uccidendo tre soldati.", "it", "armenia"),
    ("Azerbaijani forces shelled Sotk, killing three soldiers.", "en", "armenia"),
])
def test_sides_from_the_claimants_point_of_view(text, lang, side):
    assert one(text, lang).side == side


@pytest.mark.parametrize("text, lang, scope, date, precision", [
    ("Martedì 49 soldati armeni sono morti.", "it", "incident", "2022-09-13", "day"),
    ("La scorsa settimana sono morti due soldati armeni.", "it", "earlier", "2022-09-05", "week"),
    ("Two Armenian soldiers were killed last week.", "en", "earlier", "2022-09-05", "week"),
    ("Ad agosto sono morti due soldati armeni.", "it", "earlier", "2022-08", "month"),
    ("Two Armenian soldiers were killed in August.", "en", "earlier", "2022-08", "month"),
    ("Nella guerra sono morti oltre seimila soldati armeni.", "it", "background", None, None),
    ("More than 6,500 people died in the war.", "en", "background", None, None),
    ("Nel 2020 la guerra ha causato oltre seimila morti.", "it", "background", "2020", "year"),
])
def test_scope_and_date(text, lang, scope, date, precision):
    c = one(text, lang)
    assert (c.scope, c.date, c.date_precision) == (scope, date, precision)
    assert c.places == (["Sotk"] if scope == "incident" else [])


def test_then_inherits_the_scope_of_the_previous_sentence():
    out = claims("Lo scontro del 3 agosto ha causato la morte di due soldati. Un soldato è stato ferito allora.", "it")
    assert [(c.kind, c.count_low, c.scope, c.date) for c in out] == [
        ("killed", 2, "earlier", "2022-08-03"), ("wounded", 1, "earlier", "2022-08-03")]


def test_a_sentence_with_its_own_incident_places_uses_them():
    text = "Tre soldati sono morti. Due civili sono rimasti feriti."
    doc = analysed(text)
    out = extract_claims(doc, {1: ["Jermuk"]}, [incident(["Sotk"])])
    assert [c.places for c in out] == [["Sotk"], ["Jermuk"]]


def test_a_figure_without_a_place_goes_where_its_claimant_or_its_side_was():
    text = ("Il ministero della Difesa armeno riferisce che 49 soldati armeni sono morti. "
            "Secondo Reuters sono morti 50 soldati azeri e 49 armeni.")
    doc = analysed(text)
    attacked_armenia = incident(["Goris"], claimed_by="armenian_mod", attacker="azerbaijan", target="armenia")
    attacked_azerbaijan = incident(["Lachin"], claimed_by="azerbaijani_mod", attacker="armenia", target="azerbaijan")
    out = extract_claims(doc, {}, [attacked_armenia, attacked_azerbaijan])
    places = {(c.claimed_by, c.side): c.places for c in out}
    assert places[("armenian_mod", "armenia")] == ["Goris"]  # where its own claimant places the attack
    assert places[("reuters", "azerbaijan")] == ["Lachin"]  # where that side was attacked
    assert places[("reuters", "armenia")] == ["Goris"]
    out = extract_claims(doc, {}, [attacked_azerbaijan])
    assert {(c.claimed_by, c.side): c.places for c in out}[("armenian_mod", "armenia")] == []  # no guess


def test_claimant_and_quote():
    text = "Il ministero della Difesa armeno ha parlato di scontri. Ha aggiunto che 49 soldati sono morti, mentre Baku tace."
    c = one(text, "it")
    assert (c.claimed_by, c.claimed_by_text) == ("armenian_mod", "ministero della Difesa armeno")
    assert c.quote == "Ha aggiunto che 49 soldati sono morti"
    assert c.count_text == "49"


def test_the_same_figure_said_twice_by_the_same_claimant_is_one_claim():
    text = ("Secondo il ministero della Difesa azero, tre soldati azeri sono morti. "
            "Il ministero della Difesa azero ha ripetuto che tre soldati azeri sono morti.")
    assert len(claims(text, "it")) == 1


def test_the_same_figure_from_two_claimants_is_two_claims():
    text = "Secondo la Tass, tre soldati azeri sono morti. Secondo la Reuters, tre soldati azeri sono morti."
    assert sorted(c.claimed_by for c in claims(text, "it")) == ["reuters", "tass"]


def test_a_figure_without_a_casualty_term_is_no_claim():
    assert claims("Tre soldati armeni hanno raggiunto Sotk.", "it") == []
    assert claims("Three Armenian soldiers reached Sotk.", "en") == []


@pytest.mark.parametrize("text, lang, expected", [
    ("Sette militari azeri uccisi e dieci feriti.", "it", [("killed", 7, "azerbaijan"), ("wounded", 10, "azerbaijan")]),
    ("Seven Azerbaijani soldiers were killed and ten wounded.", "en", [("killed", 7, "azerbaijan"), ("wounded", 10, "azerbaijan")]),
])
def test_a_coordinated_figure_shares_the_side_of_the_first(text, lang, expected):
    assert [(c.kind, c.count_low, c.side) for c in claims(text, lang)] == expected


@pytest.mark.parametrize("text, lang, side", [
    ("Secondo il ministero della Difesa armeno, il nemico ha perso 30 soldati.", "it", "azerbaijan"),
    ("According to the Armenian Defence Ministry, the enemy lost 30 soldiers.", "en", "azerbaijan"),
    ("L'Azerbaigian ha ammesso la morte di 50 militari.", "it", "azerbaijan"),
    ("Le forze armene hanno perso 12 soldati, secondo il ministero della Difesa azero.", "it", "armenia"),
    ("Armenian forces lost 12 soldiers, the Azerbaijani Defence Ministry said.", "en", "armenia"),
])
def test_the_side_that_lost_them(text, lang, side):
    assert one(text, lang).side == side


@pytest.mark.parametrize("text, lang, scope", [
    ("As of September 14, the ministry put the civilian toll since September 1 at 24 dead.", "en", "background"),
    ("As of September 14, 24 civilians had been killed in Barda.", "en", "incident"),
])
def test_a_running_total_since_a_date_is_background_even_when_dated_today(text, lang, scope):
    assert one(text, lang).scope == scope


@pytest.mark.parametrize("text, lang", [
    # a since-word, then a word of beginning and one of fighting, in either order: however the total is worded
    ("Since the fighting began, 31 civilians have been killed.", "en"),
    ("Since the start of the current escalation, 31 civilians have been killed.", "en"),
    ("Dall'inizio dei combattimenti sono morti 31 civili.", "it"),
    ("Depuis le début des affrontements, 31 civils ont été tués.", "fr"),
    ("Desde que comenzaron los combates han muerto 31 civiles.", "es"),
    ("Desde el inicio de las hostilidades han muerto 31 civiles.", "es"),
    ("Seit Ausbruch der Gefechte wurden 31 Zivilisten getötet.", "de"),
    ("С момента начала боев погиб 31 мирный житель.", "ru"),
])
def test_a_total_since_the_fighting_began_is_background(text, lang):
    assert one(text, lang).scope == "background"


@pytest.mark.parametrize("text, lang", [
    # the beginning of a battle told as a time, not as the start of a total: the since-word ("da") is too far from it
    ("Tre civili sono stati uccisi da droni all'inizio dei combattimenti.", "it"),
    # a beginning without fighting, or fighting without a beginning
    ("Since the start of the week, 31 civilians have been killed.", "en"),
    ("Three civilians were killed since the fighting near Sotk.", "en"),
])
def test_a_since_word_without_the_start_of_the_fighting_is_no_running_total(text, lang):
    out = claims(text, lang)
    assert out and all(c.scope != "background" for c in out)


@pytest.mark.parametrize("text, lang, expected", [
    # "20 of them": a part of a civilian total is civilian, and of the total's time
    ("С начала боевых действий погибли 36 мирных жителей. Омбудсмен добавил, что 20 из них погибли в своих домах.",
     "ru", [(36, None, "civilian", "background"), (20, 0, "civilian", "background")]),
    # a part with a noun of its own is not made civilian by its whole
    ("Twelve civilians were killed in Sotk on Tuesday, among them two soldiers.", "en",
     [(12, None, "civilian", "incident"), (2, 0, "unspecified", "incident")]),
])
def test_a_part_takes_its_whole_s_civilians_and_time(text, lang, expected):
    assert [(c.count_low, c.part_of, c.side, c.scope) for c in claims(text, lang)] == expected


@pytest.mark.parametrize("text, lang", [
    # "in its ranks" after the figures: the claimant's own people, for each figure of no noun joined to the last
    ("Las fuerzas armenias informaron de tres muertos y dos heridos entre sus filas.", "es"),
    ("The Armenian army reported three dead and two wounded in its ranks.", "en"),
    ("L'armée arménienne a fait état de trois morts et deux blessés dans ses rangs.", "fr"),
    ("L'esercito armeno ha riferito di tre morti e due feriti tra le sue fila.", "it"),
    ("Die armenische Armee meldete drei Tote und zwei Verletzte in ihren Reihen.", "de"),
    ("Армия Армении сообщила о трех погибших и двух раненых в своих рядах.", "ru"),
])
def test_figures_in_the_claimant_s_ranks_are_its_own(text, lang):
    assert [(c.kind, c.count_low, c.side) for c in claims(text, lang)] == [("killed", 3, "armenia"), ("wounded", 2, "armenia")]


@pytest.mark.parametrize("text, lang, expected", [
    # a figure with a noun of its own tells only its own side
    ("Two soldiers were killed and three Armenian civilians were wounded.", "en",
     [("killed", 2, "unspecified"), ("wounded", 3, "civilian")]),
    ("Three were killed and two Azerbaijani soldiers were wounded.", "en",
     [("killed", 3, "unspecified"), ("wounded", 2, "azerbaijan")]),
])
def test_a_side_told_after_a_figure_with_its_own_noun_is_not_shared(text, lang, expected):
    assert [(c.kind, c.count_low, c.side) for c in claims(text, lang)] == expected


@pytest.mark.parametrize("text, lang", [
    # a stemmer makes "guerras" "guerra": the war named in a sentence does not make its news history
    ("Tres soldados armenios murieron el martes, el choque más mortífero desde el fin de la guerra.", "es"),
    ("Trois soldats arméniens ont été tués mardi, l'affrontement le plus meurtrier depuis la fin de la guerre.", "fr"),
    ("Drei armenische Soldaten wurden am Dienstag getötet, die schwersten Kämpfe seit dem Ende des Krieges.", "de"),
])
def test_the_war_named_beside_the_news_does_not_make_it_background(text, lang):
    assert one(text, lang).scope == "incident"


@pytest.mark.parametrize("text, lang, expected", [
    # the dead or wounded said to exist, with no number: a claim of no figure, its side from the words after
    ("По его словам, есть погибшие среди мирных жителей.", "ru", ("killed", None, "civilian")),
    ("Есть раненые.", "ru", ("wounded", None, "unspecified")),
    ("There are dead among civilians, he said.", "en", ("killed", None, "civilian")),
    ("Il y a eu des blessés parmi les civils.", "fr", ("wounded", None, "civilian")),
    ("Hay heridos entre los civiles.", "es", ("wounded", None, "civilian")),
    ("Es gibt Tote unter Zivilisten.", "de", ("killed", None, "civilian")),
    ("Ci sono morti tra la popolazione.", "it", ("killed", None, "unspecified")),
    # a number still counts, and "were" before a loss word says no such thing
    ("There were five soldiers killed.", "en", ("killed", 5, "unspecified")),
    ("Были убиты пять военнослужащих.", "ru", ("killed", 5, "unspecified")),
])
def test_losses_said_to_exist_with_no_number(text, lang, expected):
    c = one(text, lang)
    assert (c.kind, c.count_low, c.side) == expected
    assert c.qualifier == ("unspecified" if expected[1] is None else "exact")


@pytest.mark.parametrize("text, lang", [
    ("L'Azerbaigian non ha reso noto il numero dei suoi soldati caduti.", "it"),
    ("Baku did not disclose the number of its soldiers killed.", "en"),
])
def test_losses_not_told_are_no_claim(text, lang):
    assert extract_claims(analysed(text, lang, "2020-11-10"), {}, []) == []


@pytest.mark.parametrize("text, lang", [
    ("Минобороны Армении сообщило о гибели двух армянских солдат. Позже Минобороны Армении сообщило о двух погибших офицерах.", "ru"),
    ("The Armenian Defence Ministry said two Armenian soldiers were killed. The Armenian Defence Ministry said two soldiers were killed near Goris.", "en"),
])
def test_a_figure_said_again_without_its_side_is_the_same_claim(text, lang):
    c = one(text, lang)
    assert summary(c) == ("killed", 2, 2, "exact", "armenia") and c.claimed_by == "armenian_mod" and len(c.mentions) == 1


@pytest.mark.parametrize("text, lang, figures", [
    ("Les combats ont fait environ 15.000 morts et ont contraint près d'un million de personnes à fuir.", "fr", [15000]),
    ("The fighting killed 30 people and forced more than 100,000 people to flee.", "en", [30]),
    ("Baku accusa le forze armene di aver ucciso quattro poliziotti e due civili.", "it", [4, 2]),  # one verb, two objects
])
def test_a_figure_after_and_a_new_verb_is_not_the_first_verbs(text, lang, figures):
    assert [c.count_low for c in claims(text, lang)] == figures


@pytest.mark.parametrize("text, lang", [
    ("Their victims numbered 20 servicemen: 11 were killed and 4 wounded on the Azerbaijani side.", "en"),
    ("Потери составили 20 военнослужащих: 11 погибших и четверо раненых.", "ru"),
])
def test_figures_after_a_colon_break_down_the_toll_before_it(text, lang):
    out = claims(text, lang)
    assert [(c.kind, c.count_low, c.part_of) for c in out] == [("casualties", 20, None), ("killed", 11, 0), ("wounded", 4, 0)]

@pytest.mark.parametrize("text, lang, expected", [
    # the predicate figure counts the people named before its loss word
    ("Secondo Baku i militari armeni morti negli scontri sono almeno 40 o 50.", "it", ("killed", 40, None, "at_least", "armenia")),
    ("Dal 1 settembre i civili azeri uccisi sono 25.", "it", ("killed", 25, 25, "exact", "civilian")),
    # the side read after the loss word stops at a new clause
    ("One of its soldiers was injured after he was shot by Azerbaijani forces, the Armenian Defence Ministry said.", "en",
     ("wounded", 1, 1, "exact", "armenia")),
])
def test_predicates_and_clauses(text, lang, expected):
    assert summary(one(text, lang)) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # "the toll/number of <people> <loss word> rose to N": the figure counts the people of the subject
    ("The death toll among Armenian soldiers rose to 37, the ministry said.", "en", ("killed", 37, 37, "exact", "armenia")),
    ("The number of Azerbaijani servicemen killed has increased to 12.", "en", ("killed", 12, 12, "exact", "azerbaijan")),
    ("Il bilancio dei soldati armeni uccisi è salito a 37.", "it", ("killed", 37, 37, "exact", "armenia")),
    ("Il numero dei civili uccisi è arrivato a 12.", "it", ("killed", 12, 12, "exact", "civilian")),
    ("Le bilan des soldats arméniens tués s'est alourdi à 37.", "fr", ("killed", 37, 37, "exact", "armenia")),
    ("Le nombre de militaires azerbaïdjanais blessés s'élève à 12.", "fr", ("wounded", 12, 12, "exact", "azerbaijan")),
    ("La cifra de soldados armenios muertos ascendió a 37.", "es", ("killed", 37, 37, "exact", "armenia")),
    ("El número de militares azerbaiyanos heridos se elevó a 12, informó el ministerio.", "es",
     ("wounded", 12, 12, "exact", "azerbaijan")),
    ("Die Zahl der getöteten armenischen Soldaten stieg auf 37.", "de", ("killed", 37, 37, "exact", "armenia")),
    ("Die Zahl der verletzten aserbaidschanischen Soldaten ist auf 12 gestiegen.", "de",
     ("wounded", 12, 12, "exact", "azerbaijan")),
    ("Число погибших армянских военнослужащих возросло до 37.", "ru", ("killed", 37, 37, "exact", "armenia")),
    ("Число раненых азербайджанских военных выросло до 12.", "ru", ("wounded", 12, 12, "exact", "azerbaijan")),
    ("Die Zahl der getöteten Soldaten auf armenischer Seite stieg auf 37.", "de", ("killed", 37, 37, "exact", "armenia")),
])
def test_a_toll_that_rose_counts_the_people_named_in_its_subject(text, lang, expected):
    assert summary(one(text, lang)) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # one convention for words of a range in every language; singular and plural share a stem or a lemma
    ("Dutzende Soldaten wurden getötet.", "de", ("killed", 24, 99, "vague", "unspecified")),
    ("Ein Dutzend Zivilisten wurde verletzt.", "de", ("wounded", 12, 12, "approx", "civilian")),
    ("Decenas de civiles murieron.", "es", ("killed", 20, 99, "vague", "civilian")),
    ("Una decena de soldados armenios murieron.", "es", ("killed", 10, 10, "approx", "armenia")),
    ("Des dizaines de civils ont été tués.", "fr", ("killed", 20, 99, "vague", "civilian")),
    ("Погибли десятки мирных жителей.", "ru", ("killed", 20, 99, "vague", "civilian")),
    ("Погибли около десятка военнослужащих.", "ru", ("killed", 10, 10, "approx", "unspecified")),
    ("Ранены сотни человек.", "ru", ("wounded", 200, 999, "vague", "unspecified")),
])
def test_words_of_a_range_read_alike_in_every_language(text, lang, expected):
    assert summary(one(text, lang)) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # the side that lost is the subject, not the other party of the fighting named before the figure
    ("Bergkarabach hat bei den Kämpfen mit Aserbaidschan nach eigenen Angaben Dutzende Soldaten verloren.", "de",
     ("killed", 24, 99, "vague", "karabakh_armenian")),
    ("L'Arménie a perdu dans les combats contre l'Azerbaïdjan douze soldats.", "fr", ("killed", 12, 12, "exact", "armenia")),
    ("Les forces arméniennes ont perdu dans les combats contre l'armée azerbaïdjanaise plus de 200 soldats.", "fr",
     ("killed", 200, None, "more_than", "armenia")),
    ("Армения потеряла в боях с Азербайджаном 12 военнослужащих.", "ru", ("killed", 12, 12, "exact", "armenia")),
    ("Со стороны Азербайджана погибли 11 военнослужащих.", "ru", ("killed", 11, 11, "exact", "azerbaijan")),  # its side
])
def test_a_side_named_as_the_opponent_is_not_the_one_that_lost(text, lang, expected):
    assert summary(one(text, lang)) == expected


@pytest.mark.parametrize("text, lang, claimant", [
    # people words of an institution are its claimant only with a verb of saying
    ("Die Zahl der getöteten armenischen Grenzsoldaten stieg auf 37, erklärte die Agentur dpa.", "de", "dpa"),
    ("Trois gardes-frontières arméniens ont été tués, selon l'AFP.", "fr", "afp"),
    ("Los guardias fronterizos armenios informaron de que tres soldados azerbaiyanos murieron.", "es", "armenia_border_service"),
    # a side's sources speak for its government
    ("Secondo fonti armene, i morti tra i militari sarebbero almeno 30.", "it", "armenian_government"),
    ("Selon des sources arméniennes, trois soldats ont été tués.", "fr", "armenian_government"),
    ("Según fuentes azerbaiyanas, tres soldados murieron.", "es", "azerbaijani_government"),
    ("Nach Angaben armenischer Quellen wurden drei Soldaten getötet.", "de", "armenian_government"),
    # where it was said speaks
    ("За сутки погибли 35 армянских военнослужащих, утверждают в Баку.", "ru", "azerbaijani_government"),
    ("Binnen 24 Stunden seien 35 armenische Soldaten getötet worden, hieß es aus Baku.", "de", "azerbaijani_government"),
    # "armenios" shares the stem of "Armenia", but a name is written capitalised
    ("En las últimas 24 horas murieron 35 soldados armenios, indicaron en Bakú.", "es", "azerbaijani_government"),
    # a side's forces saying it are its army
    ("Las fuerzas armenias informaron de tres muertos entre sus filas.", "es", "armenian_mod"),
    # an institution in a capital is that side's
    ("Das Verteidigungsministerium in Stepanakert teilte mit, drei Soldaten seien getötet worden.", "de",
     "karabakh_authorities"),
    ("Le ministère de la Défense à Bakou a annoncé la mort de trois soldats.", "fr", "azerbaijani_mod"),
    # the sentence's subject goes on to say it, after "but" / "and"
    ("Azerbaijan has not disclosed its military casualties but says 63 civilians have been killed.", "en",
     "azerbaijani_government"),
    ("L'Azerbaigian non diffonde le sue perdite militari ma afferma che 63 civili sono stati uccisi.", "it",
     "azerbaijani_government"),
    ("Aserbaidschan nennt keine Zahlen zu eigenen Verlusten, meldet aber 63 getötete Zivilisten.", "de",
     "azerbaijani_government"),
    ("Азербайджан не раскрывает своих военных потерь, но сообщает о гибели 63 мирных жителей.", "ru",
     "azerbaijani_government"),
    # reported speech (German subjunctive) goes on with the last speaker
    ("Das armenische Verteidigungsministerium teilte am Montag mit, die Lage sei angespannt. Bei den Kämpfen seien "
     "drei Soldaten getötet worden.", "de", "armenian_mod"),
])
def test_who_claims_it(text, lang, claimant):
    assert one(text, lang).claimed_by == claimant


def test_a_speaker_after_a_word_of_contrast_speaks_for_its_own_clause():
    lost, none = claims("The Armenian side lost 16 soldiers, while Azerbaijan said it had suffered no losses.", "en")
    assert (lost.count_low, lost.side, lost.claimed_by) == (16, "armenia", "unattributed")
    assert (none.count_high, none.claimed_by) == (0, "azerbaijani_government") and none.side != "armenia"


def test_the_side_that_speaks_is_not_the_attacker_of_the_people_it_counts():
    c = one("Азербайджанская сторона сообщила о гибели 12 военнослужащих.", "ru")
    assert (c.claimed_by, c.side) == ("azerbaijani_government", "unspecified")  # not the enemy's soldiers


@pytest.mark.parametrize("text, lang", [
    # "<put> the number of <people> <loss> at N": the figure counts the people of the toll named before it
    ("Das Ministerium bezifferte die Zahl getöteter Zivilisten mit 92.", "de"),
    ("Die Behörden bezifferten die Zahl der getöteten Zivilisten auf 92.", "de"),
    ("The ministry put the number of civilians killed at 92.", "en"),
    ("Le ministère a chiffré à 92 le nombre de civils tués.", "fr"),
    ("El ministerio cifró en 92 el número de civiles muertos.", "es"),
    ("Минобороны оценило число погибших мирных жителей в 92 человека.", "ru"),
])
def test_a_toll_put_at_a_figure_counts_the_people_it_names(text, lang):
    assert summary(one(text, lang)) == ("killed", 92, 92, "exact", "civilian")


@pytest.mark.parametrize("text, lang, figures", [
    # a term after the figure is another figure's when that one stands between them
    ("Число погибших возросло до 13, еще более 50 человек получили ранения.", "ru", [("killed", 13), ("wounded", 50)]),
    # not when it is a part of the first ("including") or joined to it ("and")
    ("More than 700 people, including nearly 80 civilians, have been killed in the conflict so far.", "en",
     [("killed", 700), ("killed", 80)]),
    ("Sette militari azeri uccisi e dieci feriti.", "it", [("killed", 7), ("wounded", 10)]),
])
def test_a_term_after_two_figures_is_the_nearer_ones(text, lang, figures):
    assert [(c.kind, c.count_low) for c in claims(text, lang)] == figures


@pytest.mark.parametrize("text, lang", [
    ("Le autorità del Nagorno-Karabakh hanno riferito di altri 21 militari uccisi, portando il totale a 481.", "it"),
    ("Le Karabakh a annoncé la mort de 21 soldats supplémentaires, portant le total à 481.", "fr"),
    ("Las autoridades de Karabaj informaron de la muerte de otros 21 militares, lo que eleva el total a 481.", "es"),
    ("Die Behörden in Bergkarabach meldeten 21 weitere getötete Soldaten, damit stieg die Gesamtzahl auf 481.", "de"),
    ("Karabakh officials reported 21 more soldiers killed, bringing the total to 481.", "en"),
    ("Власти Карабаха сообщили о гибели еще 21 военнослужащего, общее число погибших достигло 481.", "ru"),
])
def test_a_total_after_a_figure_is_a_figure_of_its_kind(text, lang):
    assert [(c.kind, c.count_low, c.claimed_by) for c in claims(text, lang)] == [
        ("killed", 21, "karabakh_authorities"), ("killed", 481, "karabakh_authorities")]


def test_an_admission_with_its_verb_split():
    c = one("Aserbaidschan räumte den Tod von zwölf eigenen Soldaten ein.", "de")
    assert (c.count_low, c.side, c.claimed_by) == (12, "azerbaijan", "azerbaijani_government")


def test_a_running_total_since_the_onset_is_background_though_the_saying_is_dated():
    c = one("Die Zahl der getöteten Soldaten ist seit Beginn der Kämpfe auf 729 gestiegen, teilte das Ministerium am "
            "Montag mit.", "de")
    assert (c.count_low, c.scope) == (729, "background")


@pytest.mark.parametrize("text, lang, expected", [
    ("Погибли до 37 человек.", "ru", ("killed", None, 37, "at_most", "unspecified")),  # "до" without a verb of rising
    ("Des soldats arméniens ont été tués.", "fr", ("killed", None, None, "unspecified", "armenia")),  # "des": some
])
def test_what_the_toll_rule_leaves_alone(text, lang, expected):
    assert summary(one(text, lang)) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("Serviceman Eshan Valiyev was killed by a sniper near Tovuz, the Azerbaijani Defence Ministry said.", "en", ("killed", 1)),
    ("Azerbaijani officers, Captain Orkhan Aliyev and Lieutenant Rauf Karimov, were killed on Monday.", "en", ("killed", 2)),
    ("Il soldato Aram Petrosyan è stato ucciso da un cecchino vicino a Sotk.", "it", ("killed", 1)),
])
def test_people_named_with_a_rank_are_counted(text, lang, expected):
    c = one(text, lang)
    assert (c.kind, c.count_low) == expected


def test_the_article_repeating_a_sources_figure_is_one_claim():
    text = ("The Armenian Defence Ministry said four soldiers were killed near Sotk. "
            "Four soldiers were killed, in the heaviest fighting this year.")
    doc = analysed(text, "en")
    (c,) = extract_claims(doc, {}, [])
    assert (c.count_low, c.claimed_by, len(c.mentions)) == (4, "armenian_mod", 1)


@pytest.mark.parametrize("text, lang, expected", [
    # a breakdown set off by commas between the figure and its verb is part of that figure's clause
    ("Cinq militaires arméniens, dont deux officiers, ont été tués lundi près de Berd.", "fr",
     [(5, None, "armenia"), (2, 0, "armenia")]),
    # and a figure of the other side after it is a figure of its own
    ("Huit soldats azerbaïdjanais, dont un capitaine, et deux soldats arméniens ont été tués.", "fr",
     [(8, None, "azerbaijan"), (1, 0, "azerbaijan"), (2, None, "armenia")]),
    ("Six Armenian soldiers, including a captain, and three Azerbaijani soldiers were killed on Monday.", "en",
     [(6, None, "armenia"), (1, 0, "armenia"), (3, None, "azerbaijan")]),
    ("Seis soldados armenios, entre ellos dos oficiales, y tres soldados azerbaiyanos murieron el lunes.", "es",
     [(6, None, "armenia"), (2, 0, "armenia"), (3, None, "azerbaijan")]),
    ("Sechs armenische Soldaten, darunter zwei Offiziere, und drei aserbaidschanische Soldaten wurden am Montag getötet.", "de",
     [(6, None, "armenia"), (2, 0, "armenia"), (3, None, "azerbaijan")]),
])
def test_a_breakdown_in_apposition_and_a_figure_of_the_other_side(text, lang, expected):
    assert [(c.count_low, c.part_of, c.side) for c in claims(text, lang)] == expected


@pytest.mark.parametrize("text, lang, expected", [
    # people named after a figure that counts them are those people, not more
    ("Trois soldats arméniens ont été tués mardi près de Sotk. Le ministère a précisé que le lieutenant Aram "
     "Sarkissian et le sergent Levon Hakobian ont été tués par des tirs d'artillerie.", "fr", [(3, None)]),
    ("Four Azerbaijani soldiers were killed on Tuesday, the Azerbaijani Defence Ministry said. Lieutenant Elvin "
     "Mammadov and Sergeant Ramil Huseynov were killed by sniper fire, the ministry said.", "en", [(4, None)]),
    # more people named than the figure counts: others
    ("One Armenian soldier was killed near Sotk on Monday. Captain Aram Petrosyan and Lieutenant Davit Grigoryan "
     "were killed in Jermuk.", "en", [(1, None), (2, None)]),
    # "N others" after some of a toll were named or broken down: the rest of that toll
    ("Six soldats arméniens ont été tués lundi, selon le ministère arménien de la Défense. Le capitaine Aram "
     "Sarkissian et le lieutenant Levon Hakobian sont morts près de Sotk. Le ministère a confirmé la mort de "
     "quatre autres soldats arméniens.", "fr", [(6, None), (4, 0)]),
    ("Five Azerbaijani soldiers were killed on Tuesday, the Azerbaijani Defence Ministry said. Major Elvin "
     "Mammadov was killed near Tovuz. Four other soldiers died in the shelling of the border post.", "en",
     [(5, None), (4, 0)]),
    ("Siete soldados azerbaiyanos murieron el martes, entre ellos un coronel. El ministerio confirmó la muerte "
     "de otros seis soldados azerbaiyanos.", "es", [(7, None), (1, 0), (6, 0)]),
    # with nobody of the toll told apart before, "others" are more
    ("Three Armenian soldiers were killed on Monday. Two other Armenian soldiers were killed on Tuesday.", "en",
     [(3, None), (2, None)]),
])
def test_named_people_and_others_within_a_toll_told_before(text, lang, expected):
    assert [(c.count_low, c.part_of) for c in claims(text, lang, published="2022-09-14")] == expected


@pytest.mark.parametrize("text, lang, expected", [
    # each name with its rank and article; a pluperfect passive before the loss word
    ("Le porte-parole a indiqué que le capitaine Aram Sarkissian et le sergent Levon Hakobian avaient été tués "
     "par des tirs ennemis.", "fr", ("killed", 2)),
    ("Il portavoce ha detto che il tenente Aram Petrosyan e il sergente Levon Hakobyan sono stati uccisi.", "it",
     ("killed", 2)),
])
def test_people_named_with_a_rank_and_an_article_are_counted(text, lang, expected):
    c = one(text, lang)
    assert (c.kind, c.count_low) == expected


@pytest.mark.parametrize("text, lang, expected", [
    # a figure with a definite article or a demonstrative names people counted before: the same claim
    ("Deux soldats arméniens ont été tués lundi près de Sotk. Le ministère a précisé que les deux victimes "
     "étaient des conscrits.", "fr", [(2, 1)]),
    ("Three civilians were killed in the shelling of Tartar on Tuesday. The three victims were buried on "
     "Wednesday.", "en", [(3, 1)]),
    ("Due militari azeri sono morti martedì. Le due vittime erano di stanza a Tovuz.", "it", [(2, 1)]),
    ("Cuatro civiles murieron el martes en Barda. Las cuatro víctimas eran vecinos del pueblo.", "es", [(4, 1)]),
    ("Zwei armenische Soldaten wurden am Dienstag getötet. Die zwei Opfer waren Wehrpflichtige.", "de", [(2, 1)]),
    # with no figure of that count before, it is a figure of its own
    ("The two soldiers were killed by a mine near Tegh, the ministry said.", "en", [(2, 0)]),
    ("Deux soldats ont été tués lundi. Les trois victimes de l'attaque étaient des civils.", "fr", [(2, 0), (3, 0)]),
])
def test_a_figure_told_again_with_its_article_is_the_figure_before(text, lang, expected):
    assert [(c.count_low, len(c.mentions)) for c in claims(text, lang)] == expected


@pytest.mark.parametrize("text, lang, expected", [
    # an explicit zero counts nobody: a figure 0 of the people or losses it names
    ("Le ministère a souligné qu'aucun des habitants du village n'a été blessé.", "fr", ("wounded", 0, 0, "exact", "civilian")),
    ("Aucune victime n'a été signalée après le bombardement.", "fr", ("casualties", 0, 0, "exact", "unspecified")),
    ("The attack was repelled with no casualties.", "en", ("casualties", 0, 0, "exact", "unspecified")),
    ("No civilians were injured in the shelling.", "en", ("wounded", 0, 0, "exact", "civilian")),
    ("Nobody was killed in the attack on the border post.", "en", ("killed", 0, 0, "exact", "unspecified")),
    ("Nessun civile è rimasto ferito.", "it", ("wounded", 0, 0, "exact", "civilian")),
    ("Ningún civil resultó herido en el ataque.", "es", ("wounded", 0, 0, "exact", "civilian")),
    ("Kein Zivilist wurde bei dem Angriff verletzt.", "de", ("wounded", 0, 0, "exact", "civilian")),
    ("Никто из мирных жителей не пострадал.", "ru", ("wounded", 0, 0, "exact", "civilian")),
])
def test_an_explicit_zero_is_a_figure(text, lang, expected):
    assert summary(one(text, lang)) == expected


@pytest.mark.parametrize("text, lang", [
    # a zero of something else than people or losses is no figure
    ("Baku nannte keine Zahlen zu eigenen Verlusten.", "de"),
    ("No details of the losses were given.", "en"),
    ("Nessuno ha rivendicato l'attacco.", "it"),
])
def test_a_zero_of_something_else_is_no_claim(text, lang):
    assert claims(text, lang) == []


@pytest.mark.parametrize("text, lang, expected", [
    ("No one in the village was hurt.", "en", [("wounded", 0)]),
    ("Nadie resultó herido en el ataque.", "es", [("wounded", 0)]),
    ("Niemand wurde verletzt.", "de", [("wounded", 0)]),
    ("The bulletin said three soldiers were killed and no civilians were hurt.", "en", [("killed", 3), ("wounded", 0)]),
    # a zero with no noun counts the people of a loss word right after it, not of one further off
    ("Nessuno dei due eserciti ha confermato le perdite.", "it", [("casualties", None)]),
])
def test_a_zero_of_nobody(text, lang, expected):
    assert [(c.kind, c.count_low) for c in claims(text, lang)] == expected


def test_a_zero_where_a_settlement_was_struck_is_of_no_side():
    text = "Rockets hit Goris on Tuesday but caused no casualties, the ministry said."
    doc = analysed(text, "en")
    strike = Incident(id="i1", event_type="shelling", date=None, date_precision=None, places=["Goris"],
                      claimed_by="unattributed", quote="", start=0, end=0, attacker="azerbaijan", target="armenia")
    (c,) = extract_claims(doc, {0: ["Goris"]}, [strike], towns=frozenset({"Goris"}))
    assert (c.kind, c.count_low, c.side) == ("casualties", 0, "unspecified")


@pytest.mark.parametrize("text, expected", [
    ("В результате обстрела погиб мирный житель.", ("killed", 1, 1, "exact", "civilian")),
    ("Минобороны сообщило о гибели военнослужащего под Горисом.", ("killed", 1, 1, "exact", "unspecified")),
    ("Минобороны сообщило о погибшем азербайджанском военнослужащем.", ("killed", 1, 1, "exact", "azerbaijan")),
    ("Мирный житель получил ранение при обстреле.", ("wounded", 1, 1, "exact", "civilian")),
])
def test_one_victim_named_by_a_singular_noun_where_no_article_says_a(text, expected):
    """Russian has no "a": the singular noun says one, as "a civilian was killed" does in English."""
    assert summary(one(text, "ru")) == expected


@pytest.mark.parametrize("text, lang", [
    ("В результате обстрела погибли мирные жители.", "ru"),  # plural: how many is not said
    ("Мирный житель не пострадал при обстреле.", "ru"),  # negated
    ("Soldat bei Beschuss getötet.", "de"),  # no analyser of grammatical number: nothing assumed
])
def test_no_one_victim_without_a_singular_noun(text, lang):
    assert all(c.count_low != 1 for c in claims(text, lang))


def test_one_victim_never_beside_a_figure_of_its_clause():
    out = claims("Погибли двое военнослужащих и мирный житель.", "ru")
    assert [(c.count_low, c.side) for c in out if c.kind == "killed"] == [(2, "unspecified")]
