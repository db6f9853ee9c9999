"""Incidents and the role of each place mention (geo.extract.incidents through geo.extract.pipeline)."""
import pytest
from support import analysed

from geo.ingest.articles import build_article
from geo.extract.incidents import extract_incidents
from geo.models import Place
from geo.extract.pipeline import extract_article


def extract(body, lang, published="2022-09-14"):
    return extract_article(build_article(f"---\nlanguage: {lang}\npublished: {published}\n---\n{body}"))


def roles(ex):
    return {p.text: p.role for p in ex.places}


@pytest.mark.parametrize("body, lang", [
    ("L'artiglieria azera ha bombardato il villaggio di Sotk martedì.", "it"),
    ("Azerbaijani artillery shelled the village of Sotk on Tuesday.", "en"),
])
def test_a_village_under_shelling_is_an_incident(body, lang):
    ex = extract(body, lang)
    assert roles(ex) == {"Sotk": "incident"}
    (inc,) = ex.incidents
    assert (inc.event_type, inc.places, inc.date, inc.date_precision) == ("shelling", ["Sotk"], "2022-09-13", "day")
    assert (inc.attacker, inc.target) == ("azerbaijan", "armenia")
    assert body[inc.start:inc.end] == inc.quote and inc.id


@pytest.mark.parametrize("body, lang", [
    ("Il governo di Yerevan ha denunciato bombardamenti su Jermuk.", "it"),
    ("The government of Yerevan denounced the shelling of Jermuk.", "en"),
    ("Il ministero della Difesa di Baku ha riferito di bombardamenti su Jermuk.", "it"),
])
def test_a_capital_standing_for_a_government_is_context(body, lang):
    r = roles(extract(body, lang))
    assert r["Jermuk"] == "incident"
    assert r.get("Yerevan", r.get("Baku")) == "context"


@pytest.mark.parametrize("body, lang", [
    ("Da Goris, il sindaco ha denunciato bombardamenti su Jermuk.", "it"),
    ("From Goris, the mayor condemned the shelling of Jermuk.", "en"),
    ("Da Washington, Blinken ha condannato i bombardamenti su Jermuk.", "it"),
])
def test_where_the_speaker_is_is_context(body, lang):
    r = roles(extract(body, lang))
    assert r["Jermuk"] == "incident"
    assert r.get("Goris", r.get("Washington")) == "context"


@pytest.mark.parametrize("body, lang, outside", [
    ("Scontri a Idlib e bombardamenti a Jermuk.", "it", "Idlib"),
    ("Talks in Brussels followed the shelling of Goris.", "en", "Brussels"),
])
def test_places_outside_the_theatre_are_context(body, lang, outside):
    ex = extract(body, lang)
    r = roles(ex)
    assert r[outside] == "context" and "outside" in {p.text: p.reason for p in ex.places}[outside]
    assert [i.places for i in ex.incidents] == [[n for n in r if n != outside]]


@pytest.mark.parametrize("body, lang", [("Ci sono stati scontri in Armenia.", "it"), ("There was fighting in Azerbaijan.", "en")])
def test_a_country_is_context(body, lang):
    ex = extract(body, lang)
    assert set(roles(ex).values()) == {"context"} and ex.incidents == []


@pytest.mark.parametrize("body, lang", [
    ("Nella guerra del 2020 ci furono bombardamenti su Stepanakert.", "it"),
    ("In the 2020 war Stepanakert was shelled.", "en"),
    ("Dall'inizio della guerra Jermuk è stata bombardata decine di volte.", "it"),
    ("Since the start of the war, Jermuk has been shelled dozens of times.", "en"),
])
def test_background_sentences_make_no_incidents(body, lang):
    ex = extract(body, lang)
    assert ex.incidents == [] and set(roles(ex).values()) == {"context"}


def test_a_background_clause_does_not_make_its_places_incidents():
    ex = extract("Martedì sono stati bombardati Goris e Jermuk. I due paesi avevano combattuto nel 2020 una guerra per Shusha.", "it")
    assert roles(ex) == {"Goris": "incident", "Jermuk": "incident", "Shusha": "context"}
    (inc,) = ex.incidents
    assert inc.places == ["Goris", "Jermuk"] and inc.date == "2022-09-13"


def test_an_earlier_incident_keeps_its_own_date():
    ex = extract("Ad agosto ci sono stati scontri a Lachin.", "it")
    (inc,) = ex.incidents
    assert (inc.event_type, inc.places, inc.date, inc.date_precision) == ("armed_clash", ["Lachin"], "2022-08", "month")


def test_a_place_without_violence_is_context():
    ex = extract("Il ministro è arrivato a Goris per una visita.", "it")
    assert roles(ex) == {"Goris": "context"} and ex.incidents == []


def test_a_ceasefire_is_no_incident():
    ex = extract("Il cessate il fuoco è stato firmato a Goris.", "it")
    assert ex.incidents == [] and roles(ex) == {"Goris": "context"}


def test_the_incident_is_claimed_by_the_sentences_source():
    ex = extract("The village of Sotk came under shelling on Tuesday, the Armenian Defence Ministry said.", "en")
    (inc,) = ex.incidents
    assert (inc.claimed_by, inc.claimed_by_text) == ("armenian_mod", "Armenian Defence Ministry")


def test_claims_of_the_news_take_the_incident_places():
    ex = extract("Azerbaijan launched an attack on Armenian positions near Jermuk, killing 49 soldiers.", "en")
    (c,) = ex.claims
    assert (c.kind, c.count_low, c.side, c.places) == ("killed", 49, "armenia", ["Jermuk"])
    assert roles(ex) == {"Azerbaijan": "context", "Jermuk": "incident"}


def test_the_same_incident_told_twice_is_merged_with_a_stable_id():
    body = "Martedì Sotk è stata bombardata. Martedì Sotk è stata bombardata di nuovo."
    a, b = extract(body, "it"), extract(body, "it")
    assert len(a.incidents) == 1 and [i.id for i in a.incidents] == [i.id for i in b.incidents]


def test_extract_incidents_on_given_places():
    """The decision alone, on hand-made places (no gazetteer)."""
    body = "Il governo di Yerevan denuncia bombardamenti su Sotk."
    doc = analysed(body)

    def place(text, name, lat, lon, precision="town"):
        start = body.index(text)
        return Place(text, start, start + len(text), name, "AM", lat, lon, precision)

    yerevan, sotk = place("Yerevan", "Yerevan", 40.18, 44.51), place("Sotk", "Sotk", 40.20, 45.87)
    incidents, per_sentence = extract_incidents(doc, [yerevan, sotk], "art")
    assert (yerevan.role, sotk.role) == ("context", "incident")
    assert yerevan.reason and sotk.reason is None
    assert [i.places for i in incidents] == [["Sotk"]] and per_sentence == {0: ["Sotk"]}


@pytest.mark.parametrize("body, lang, where", [
    # a pro-form points at the place of the sentence before
    ("Goris è una cittadina di confine della provincia di Syunik. Qui ieri notte un razzo ha colpito una scuola.", "it", {"Goris"}),
    ("Goris is a border town of Syunik province. Here, a rocket hit a school overnight.", "en", {"Goris"}),
    # a relative "where" clause carries its violence to the places before it
    ("Il cessate il fuoco regge a Goris e Kapan, dove ieri ci sono stati scontri.", "it", {"Goris", "Kapan"}),
    ("Calm returned to Goris and Kapan, where clashes broke out on Monday.", "en", {"Goris", "Kapan"}),
    # a list with its kind noun after it; ceasefire violations are fighting
    ("Baku reported violations of the ceasefire in the Aghdam, Tartar and Goranboy regions.", "en", {"Aghdam", "Tartar", "Goranboy"}),
])
def test_places_pointed_at_and_listed(body, lang, where):
    ex = extract(body, lang)
    assert {p.text for p in ex.places if p.role == "incident"} >= where


@pytest.mark.parametrize("body, lang", [
    ("The rockets that hit Barda were fired, Baku says, by Nagorno-Karabakh forces.", "en"),
    ("A Barda, lontano dalle zone dove si combatteva nel Nagorno-Karabakh, un razzo ha ucciso due civili.", "it"),
])
def test_a_place_naming_an_actor_or_far_from_it_is_context(body, lang):
    r = roles(extract(body, lang))
    assert r["Barda"] == "incident" and r["Nagorno-Karabakh"] == "context"


@pytest.mark.parametrize("body, lang, side", [
    ("Un razzo ha colpito Goris nella notte: sei persone sono morte.", "it", "civilian"),
    ("Rockets struck Goris overnight, killing six people.", "en", "civilian"),
    ("Rockets struck Goris overnight, killing six soldiers.", "en", "unspecified"),
    ("Fighting near Goris killed six people.", "en", "unspecified"),  # a clash, not a strike on the town
    # an amount "of" the wounded counts people as "ten wounded" does
    ("Le bombardement de Stepanakert a fait une dizaine de blessés.", "fr", "civilian"),
    ("El bombardeo de Tartar dejó decenas de heridos.", "es", "civilian"),
    ("The shelling of Stepanakert left dozens of wounded.", "en", "civilian"),
])
def test_people_killed_where_a_settlement_was_struck_are_civilians(body, lang, side):
    (claim,) = extract(body, lang).claims
    assert claim.side == side


@pytest.mark.parametrize("body, lang, war_place", [
    ("Tres soldados armenios murieron cerca de Sotk, el choque más mortífero desde el fin de la guerra en Nagorno "
     "Karabaj.", "es", "Nagorno Karabaj"),
    ("Three Armenian soldiers were killed near Sotk, the deadliest clash since the war in Karabakh.", "en",
     "Karabakh"),
])
def test_the_war_a_time_is_counted_from_is_context(body, lang, war_place):
    r = roles(extract(body, lang))
    assert r["Sotk"] == "incident" and r[war_place] == "context"


@pytest.mark.parametrize("body, lang, side", [
    # a war total of no side, told with shells and settlements in its own sentence, is of civilians
    ("С начала боевых действий под обстрелами в городах и селах погиб 91 человек.", "ru", "civilian"),
    ("Since the fighting began, 91 people have been killed in the shelling of towns and villages.", "en", "civilian"),
    ("Desde el inicio de los combates, 91 personas murieron por los bombardeos de ciudades y pueblos.", "es",
     "civilian"),
    ("Since the fighting began, 91 people have been killed.", "en", "unspecified"),
    ("Since the fighting began, 91 soldiers have been killed in the shelling of towns and villages.", "en",
     "unspecified"),
])
def test_a_war_total_of_shelled_settlements_is_of_civilians(body, lang, side):
    (claim,) = extract(body, lang).claims
    assert (claim.scope, claim.side) == ("background", side)


@pytest.mark.parametrize("body, lang", [
    # a superlative before the since-word: the news compared with a past war, not a total since it
    ("Three Armenian soldiers were killed near Sotk, the deadliest clash since the 2020 war.", "en"),
    ("Tre soldati armeni sono morti vicino a Sotk, lo scontro più grave dalla guerra del 2020.", "it"),
    ("Trois soldats arméniens ont été tués près de Sotk, l'affrontement le plus meurtrier depuis la guerre de 2020.", "fr"),
    ("Tres soldados armenios murieron cerca de Sotk, el choque más mortífero desde la guerra de 2020.", "es"),
    ("Drei armenische Soldaten wurden bei Sotk getötet, die schwersten Kämpfe seit dem Krieg von 2020.", "de"),
])
def test_news_compared_with_a_past_war_is_still_news(body, lang):
    ex = extract(body, lang)
    assert roles(ex) == {"Sotk": "incident"}
    assert [(c.count_low, c.scope, c.date) for c in ex.claims] == [(3, "incident", "2022-09-14")]


@pytest.mark.parametrize("body, lang, expected", [
    # without a superlative, a total since the war; after the comparison, a figure of the time compared with
    ("Since the 2020 war, 300 soldiers have been killed on the border near Sotk.", "en", [(300, "background", "2020")]),
    ("The clashes were the worst since the 1990s, when about 30,000 people died.", "en", [(30000, "background", "1990")]),
])
def test_a_total_since_a_war_and_a_figure_of_the_compared_time_are_background(body, lang, expected):
    assert [(c.count_low, c.scope, c.date) for c in extract(body, lang).claims] == expected
