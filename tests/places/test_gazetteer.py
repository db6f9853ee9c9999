"""The offline gazetteer: folding, lookups of the theatre's spellings, fuzzy
matching, the supplement's data checks and the on-disk index."""
import time

import pytest

from geo.places.gazetteer import GazEntry, Gazetteer, GazetteerError, build_index, read_supplement, SUPPLEMENT
from geo.text.normalize import fold, name_key, normalize_apostrophes, translit_key

THEATRE = (43.4, 38.3, 50.5, 42.0)


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.default()


def test_fold_case_diacritics_apostrophes():
    assert fold("Xankəndi") == fold("XANKENDI") == "xankendi"
    assert fold("Füzuli") == "fuzuli" and fold("Laçın") == "lacin"
    assert fold("L’Azerbaigian") == "l'azerbaigian"
    assert normalize_apostrophes("dell’Armenia") == "dell'Armenia"
    assert name_key("Nagorno-Karabakh") == name_key("nagorno  karabakh") == "nagorno karabakh"
    assert translit_key("kalpajar") == translit_key("kalbajar")
    assert fold("Степанакерт") == "степанакерт"  # scripts are kept, not transliterated


@pytest.mark.parametrize("name, gid", [
    ("Stepanakert", "geonames:146970"), ("Xankəndi", "geonames:146970"), ("Khankendi", "geonames:146970"),
    ("Степанакерт", "geonames:146970"), ("Goris", "geonames:174895"), ("Jermuk", "geonames:174884"),
    ("Sotk", "geonames:616041"), ("Shushi", "geonames:147105"), ("Shusha", "geonames:147105"),
    ("Fizuli", "geonames:148106"), ("Füzuli", "geonames:148106"), ("Terter", "geonames:584871"),
    ("Tartar", "geonames:584871"), ("Kelbajar", "geonames:586268"), ("Berdzor", "geonames:147625"),
    ("Martakert", "supplement:aghdara"), ("Aghdara", "supplement:aghdara"), ("Hadrut", "supplement:hadrut"),
    ("Karvachar", "supplement:kalbajar_district"), ("Artsaj", "supplement:nagorno_karabakh"),
    ("Artsakh", "supplement:nagorno_karabakh"), ("Alto Karabakh", "supplement:nagorno_karabakh"),
    ("Nagorno Karabakh", "supplement:nagorno_karabakh"), ("Caucaso meridionale", "supplement:south_caucasus"),
    ("Medio Oriente", "supplement:middle_east"), ("Eufrate", "supplement:euphrates"),
    ("Lachin corridor", "supplement:lachin_corridor"), ("Gegharkunik", "supplement:gegharkunik_province"),
])
def test_lookup_spellings(gaz, name, gid):
    assert gid in [e.id for e in gaz.lookup(name)]


def test_khankendi_coordinates(gaz):
    e = gaz.get("geonames:146970")
    assert (e.name, e.country, e.kind, e.precision) == ("Khankendi", "AZ", "town", "town")
    assert (round(e.lat, 4), round(e.lon, 4)) == (39.8177, 46.7528)


@pytest.mark.parametrize("exonym, iso", [
    ("Azerbaigian", "AZ"), ("Turchia", "TR"), ("Stati Uniti", "US"), ("Kazakistan", "KZ"), ("Bielorussia", "BY"),
    ("Kirghizistan", "KG"), ("Tagikistan", "TJ"), ("Siria", "SY"), ("Libia", "LY"), ("Francia", "FR"),
    ("Russia", "RU"), ("Italia", "IT"), ("Armenia", "AM"), ("USA", "US"), ("Azerbaijan", "AZ"),
])
def test_countries_and_exonyms(gaz, exonym, iso):
    countries = [e for e in gaz.lookup(exonym) if e.kind == "country"]
    assert [e.country for e in countries] == [iso]
    assert countries[0].precision == "country"


def test_organisations_are_not_places(gaz):
    for word in ("Unione Europea", "Putin", "Cremlino", "Reuters", "OSCE"):
        assert not [e for e in gaz.lookup(word) if e.kind != "town"], word


@pytest.mark.parametrize("typo, name", [("Kalpajar", "Kalbajar"), ("Dasheksan", "Dashkasan"), ("Sok", "Sotk"),
                                        ("Kelbadjar", "Kalbajar"),
                                        ("Xankendy", "Khankendi")])  # first letters differ until transliterated
def test_fuzzy_within_the_theatre(gaz, typo, name):
    found = gaz.fuzzy(typo, ("AM", "AZ"), THEATRE, cutoff=84)
    assert found and found[0][0].name == name and found[0][1] >= 84


def test_fuzzy_never_leaves_the_area(gaz):
    # "Pariss" is close to Paris, but Paris is not in the theatre.
    assert all(e.country in ("AM", "AZ") or THEATRE[1] <= e.lat <= THEATRE[3] for e, _, _ in gaz.fuzzy("Pariss", ("AM", "AZ"), THEATRE))
    assert gaz.fuzzy("Pariss", ("FR",), None)[0][0].name == "Paris"


def test_fuzzy_compares_only_names_sharing_a_first_letter():
    from geo.places.gazetteer import _NamePool

    keys = ["goris", "jermuk", "khankendi", "gavar"]
    pool = _NamePool(keys, [1, 2, 3, 4], [translit_key(k) for k in keys])
    assert pool.sharing_first_letter("gorris", "gorris") == [0, 3]
    # "xankendi" transliterates as "khankendi" (x/kh): the plain and merged first letters both count.
    assert pool.sharing_first_letter("xankendi", pool.tkeys[2]) == [2]


def test_the_index_stores_each_names_transliteration_key(gaz):
    """Fuzzy pools read the merged-spelling keys from the index instead of computing them in every process."""
    rows = gaz._query("SELECT key, tkey FROM names WHERE key LIKE 'k%' LIMIT 500")
    assert len(rows) == 500 and all(tkey == translit_key(key) for key, tkey in rows)


def test_supplement_rows_cite_their_sources():
    rows = read_supplement()
    assert len(rows) >= 35
    for entry, aliases in rows:
        assert entry.source.strip() and entry.name in aliases
        assert entry.kind in ("town", "district", "province", "region")
    kinds = {e.id: e.kind for e, _ in rows}
    assert kinds["supplement:lachin_district"] == "district" and kinds["supplement:syunik_province"] == "province"


def test_bad_supplement_names_file_and_line(tmp_path):
    bad = tmp_path / "supplement.csv"
    header = SUPPLEMENT.read_text(encoding="utf-8").splitlines()[0]
    bad.write_text(header + "\nx,X,town,AM,91,45,,0,X,somewhere\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"supplement.csv, line 2: coordinates out of range"):
        read_supplement(bad)
    bad.write_text(header + "\nx,X,village,AM,40,45,,0,X,\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="line 2"):
        read_supplement(bad)


def test_build_and_open_a_small_index(tmp_path):
    town = GazEntry("geonames:1", "Tiny", "town", "AM", 40.0, 45.0, 600, "AM.04", "test")
    land = GazEntry("geonames:2", "Testland", "country", "AM", 40.0, 45.0, 10, None, "test")
    path = tmp_path / "g.sqlite"
    build_index(path, [(town, ["Tiny", "Tinì"]), (land, ["Testland"])], {"Terra di Prova": "AM", "Piccola": "geonames:1"})
    g = Gazetteer(path)
    assert [e.id for e in g.lookup("tini")] == ["geonames:1"]
    assert [e.id for e in g.lookup("terra di prova")] == ["geonames:2"]
    assert g.lookup("Piccola")[0] == town and g.get("geonames:9") is None
    with pytest.raises(GazetteerError, match="Nowhere"):
        build_index(tmp_path / "h.sqlite", [(town, ["Tiny"])], {"Nowhere": "geonames:404"})


def test_cached_index_opens_fast(gaz):
    Gazetteer.default()  # built already
    t = time.perf_counter()
    g = Gazetteer(gaz.path)
    g.lookup("Goris")
    elapsed = time.perf_counter() - t
    print(f"warm open + first lookup: {elapsed:.3f}s")
    assert elapsed < 1.0
    assert Gazetteer.default() is Gazetteer.default()
