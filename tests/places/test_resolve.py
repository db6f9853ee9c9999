"""Place resolution against the gold places, spelling variants, context and the online hook."""
from pathlib import Path

import pytest
import yaml
from geopy.distance import geodesic

from geo.knowledge.lexicon import lexicon_for
from geo.places.gazetteer import GazEntry, Gazetteer
from geo.places.online import GeocodeResult
from geo.places.resolve import resolve_mentions
from geo.places.toponyms import find_toponyms
from geo.text.normalize import name_key

ROOT = Path(__file__).resolve().parents[2]
GOLD = yaml.safe_load((ROOT / "tests/fixtures/gold_seeds.yaml").read_text(encoding="utf-8"))


def places(places_env, body, lang="it", geocoder=None):
    k, gaz, conflict = places_env
    mentions = find_toponyms(body, lexicon_for(k, lang), gaz)
    out = resolve_mentions(mentions, body, conflict, gaz, geocoder=geocoder)
    assert [(p.start, p.end) for p in out] == [(m.start, m.end) for m in mentions]
    return out


def by_text(ps):
    return {p.text: p for p in ps}


@pytest.mark.parametrize("art", GOLD["articles"], ids=lambda a: a["file"])
def test_gold_places_of_the_sample(places_env, art):
    body = (ROOT / "data/sample" / art["file"]).read_text(encoding="utf-8")
    ps = places(places_env, body)
    for name in art["incident_places"]:
        gold = GOLD["places"][name]
        keys = {name_key(a) for a in [name] + gold.get("aliases", [])}
        hits = [p for p in ps if name_key(p.text) in keys]
        assert hits, name
        for p in hits:
            assert (p.country, p.precision) == (gold["country"], gold["precision"]), (name, p)
            assert geodesic((p.lat, p.lon), (gold["lat"], gold["lon"])).km <= gold["tolerance_km"], (name, p)
            assert 0 < p.confidence <= 1 and p.role == "context" and p.gazetteer


@pytest.mark.parametrize("name, country", [("Yerevan", "AM"), ("Baku", "AZ"), ("Ankara", "TR"), ("Idlib", "SY"),
                                           ("Washington", "US"), ("Bruxelles", "BE")])
def test_context_cities_of_the_sample(places_env, name, country):
    body = "Se ne è parlato a {} ieri.".format(name)
    (p,) = places(places_env, body)
    assert p.country == country and p.precision == "town"


@pytest.mark.parametrize("sentence, expected", [
    ("Scontri a Shushi e a Martakert.", {"Shushi": ("Shusha", "AZ"), "Martakert": ("Aghdara", "AZ")}),
    ("Colpi a Fizuli, Füzuli e Terter.", {"Fizuli": ("Fuzuli", "AZ"), "Füzuli": ("Fuzuli", "AZ"), "Terter": ("Tartar", "AZ")}),
    ("Combattimenti a Hadrut e a Berdzor.", {"Hadrut": ("Hadrut", "AZ"), "Berdzor": ("Laçın", "AZ")}),
    ("Attacchi su Xankəndi e Khankendi.", {"Xankəndi": ("Khankendi", "AZ"), "Khankendi": ("Khankendi", "AZ")}),
    ("La regione di Karvachar e l'Artsaj.", {"Karvachar": ("Kalbajar", "AZ"), "Artsaj": ("Nagorno-Karabakh", "AZ")}),
    ("Fighting near Aghdara and Tartar, and in the Kelbajar district.",
     {"Aghdara": ("Aghdara", "AZ"), "Tartar": ("Tartar", "AZ"), "Kelbajar": ("Kalbajar", "AZ")}),
])
def test_new_and_old_spellings(places_env, sentence, expected):
    got = {t: (p.name, p.country) for t, p in by_text(places(places_env, sentence, "en" if "Fighting" in sentence else "it")).items()}
    assert got == expected


def test_no_single_country_filter(places_env):
    ps = by_text(places(places_env, "Bombardamenti tra Goris e la regione di Lachin."))
    assert (ps["Goris"].country, ps["Goris"].precision) == ("AM", "town")
    assert (ps["Lachin"].country, ps["Lachin"].precision, ps["Lachin"].gazetteer) == ("AZ", "district", "supplement:lachin_district")


def test_kind_hint_chooses_town_or_district(places_env):
    (town,) = places(places_env, "Colpita la città di Lachin.")
    (district,) = places(places_env, "Colpito il distretto di Lachin.")
    assert town.precision == "town" and town.gazetteer == "geonames:147625"
    assert district.precision == "district" and district.gazetteer == "supplement:lachin_district"
    (goris,) = places(places_env, "the town of Goris", "en")
    assert goris.name == "Goris" and goris.country == "AM"


def test_parent_place_decides_between_namesakes(places_env):
    # Two Armenian villages are called Vardenis, one in each province.
    a = by_text(places(places_env, "Colpi su Vardenis, Gegharkunik."))
    b = by_text(places(places_env, "Colpi su Vardenis, Aragatsotn."))
    assert a["Vardenis"].gazetteer == "geonames:616108" and b["Vardenis"].gazetteer == "geonames:616107"
    assert a["Gegharkunik"].precision == "district" and a["Gegharkunik"].gazetteer == "supplement:gegharkunik_province"
    (sotk, _) = places(places_env, "the village of Sotk, Gegharkunik", "en")
    assert sotk.name == "Sotk" and sotk.confidence >= 0.9


def test_confidence_exact_local_above_fuzzy(places_env):
    ps = places(places_env, "vicino alle città di Goris, Sok e Jermuk")
    conf = {p.text: p.confidence for p in ps}
    assert ps[1].name == "Sotk" and conf["Sok"] < conf["Goris"] and conf["Sok"] < conf["Jermuk"]


def test_countries_and_areas(places_env):
    ps = by_text(places(places_env, "Russia, Stati Uniti e Francia guardano al Caucaso meridionale e all'Eufrate."))
    assert {t: (p.country, p.precision) for t, p in ps.items()} == {
        "Russia": ("RU", "country"), "Stati Uniti": ("US", "country"), "Francia": ("FR", "country"),
        "Caucaso meridionale": (None, "region"), "Eufrate": (None, "region")}


class FakeGeocoder:
    def __init__(self, answer):
        self.answer, self.asked = answer, []

    def geocode(self, name, country_codes=()):
        self.asked.append((name, tuple(country_codes)))
        return GeocodeResult(self.answer, None if self.answer else "not found", False)


def test_unplaced_mentions_and_the_online_hook(places_env):
    body = "Colpito il villaggio di Zzyxqorr e la città di Goris."
    (unknown, goris) = places(places_env, body)
    assert unknown.name is None and unknown.lat is None and "offline gazetteer" in unknown.reason and goris.name == "Goris"
    geo = FakeGeocoder(GazEntry("nominatim:1", "Zzyxqorr", "town", "AM", 40.0, 45.0))
    (unknown, goris) = places(places_env, body, geocoder=geo)
    assert geo.asked == [("Zzyxqorr", ())]  # only the mention the gazetteer cannot place
    assert (unknown.name, unknown.gazetteer, unknown.precision) == ("Zzyxqorr", "nominatim:1", "town")
    (unknown, _) = places(places_env, body, geocoder=FakeGeocoder(None))
    assert unknown.name is None and "online geocoder: not found" in unknown.reason


def test_a_far_look_alike_is_not_guessed(places_env):
    """A village the gazetteer lacks is left unplaced, with the reason, rather than sent to a
    look-alike far from the article's other places; a typo near them is still read."""
    ps = by_text(places(places_env, "Bombardati i villaggi di Sotk e Norabak, nella provincia di Gegharkunik.", "it"))
    assert ps["Norabak"].name is None and "look-alike" in ps["Norabak"].reason
    assert ps["Sotk"].name == "Sotk"
