"""The scorer (geo.extract.evaluate) on hand-made predictions, and the test corpus's gold file.

Nothing here depends on the extractor's quality: predictions are built by hand.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.extract import evaluate as ev
from geo.ingest.articles import read_article
from geo.cli.main import main

ARTICLES = Path(__file__).resolve().parents[1] / "articles"
GOLD_FILE = ARTICLES / "expected.yaml"

GOLD = {
    "places": {
        "Sotk": {"lat": 40.2001, "lon": 45.8695, "tolerance_km": 15, "aliases": ["Sotk", "Sok"]},
        "Jermuk": {"lat": 39.8395, "lon": 45.6711, "tolerance_km": 15},
        "Gegharkunik": {"lat": 40.25, "lon": 45.35, "tolerance_km": 60},
        "Nagorno-Karabakh": {"lat": 39.85, "lon": 46.70, "tolerance_km": 60, "aliases": ["Artsakh", "Karabakh"]},
    },
    "articles": [{
        "file": "a.md",
        "published": {"date": "2022-09-13", "precision": "day"},
        "incident_places": ["Sotk", "Jermuk"],
        "not_incident": ["Yerevan", "Nagorno-Karabakh"],
        "claims": [
            {"kind": "killed", "count": 49, "side": "armenia", "scope": "incident", "claimed_by": "armenian_mod",
             "quote": "49 soldati armeni sono stati uccisi"},
            {"kind": "wounded", "count": {"low": 12}, "side": "civilian", "scope": "earlier",
             "claimed_by": "unattributed", "quote": "più di una dozzina di civili feriti"},
            {"kind": "killed", "count": {"approx": 30000}, "side": "unspecified", "scope": "background",
             "claimed_by": "unattributed", "quote": "circa 30.000 persone sono morte"},
            {"kind": "materiel", "count": 3, "what": "T-72 tanks", "side": "azerbaijan", "scope": "incident",
             "claimed_by": "armenian_mod", "quote": "distrutti tre carri armati"},
            {"kind": "casualties", "count": None, "side": "azerbaijan", "scope": "incident",
             "claimed_by": "azerbaijani_mod", "quote": "perdite tra il personale"},
        ],
    }, {"file": "b.md", "incident_places": [], "claims": []}],
}


def place(text, lat, lon, name=None, role="incident"):
    return {"text": text, "name": name or text, "lat": lat, "lon": lon, "role": role, "start": 0, "end": len(text)}


def claim(kind, low, high, qualifier, side, scope, claimed_by, quote, what=None):
    return {"kind": kind, "count_low": low, "count_high": high, "qualifier": qualifier, "side": side,
            "scope": scope, "claimed_by": claimed_by, "quote": quote, "what": what}


def perfect_claims():
    return [
        claim("killed", 49, 49, "exact", "armenia", "incident", "armenian_mod", "49 soldati armeni sono stati uccisi"),
        claim("wounded", 12, None, "more_than", "civilian", "earlier", "unattributed", "più di una dozzina di civili feriti"),
        claim("killed", 30000, 30000, "approx", "unspecified", "background", "unattributed", "circa 30.000 persone sono morte"),
        claim("materiel", 3, 3, "exact", "azerbaijan", "incident", "armenian_mod", "distrutti tre carri armati", "tanks"),
        claim("casualties", None, None, "unspecified", "azerbaijan", "incident", "azerbaijani_mod", "perdite tra il personale"),
    ]


def extraction(places=(), claims=(), path="/somewhere/else/a.md", published="2022-09-13"):
    return {"article": {"path": path, "published": published}, "places": list(places), "claims": list(claims)}


def perfect_places():
    return [place("Sotk", 40.2001, 45.8695), place("Jermuk", 39.84, 45.67), place("Yerevan", 40.18, 44.51, role="context")]


def test_perfect_prediction_scores_one():
    r = ev.score([extraction(perfect_places(), perfect_claims())], GOLD)
    assert (r.places.precision, r.places.recall, r.places.f1) == (1.0, 1.0, 1.0)
    assert (r.claims.precision, r.claims.recall, r.claims.f1) == (1.0, 1.0, 1.0)
    assert r.violations == 0
    assert all(a.value == 1.0 for k, a in r.attributes.items() if k != "part_of")
    assert r.attributes["part_of"].total == 0  # no breakdown in this gold
    assert r.attributes["what"].total == 1
    assert r.published.value == 1.0
    assert r.not_run == ["b.md"] and r.ungraded == []


def test_missing_place_lowers_recall_only():
    r = ev.score([extraction([place("Sotk", 40.20, 45.87)], perfect_claims())], GOLD)
    assert r.places.recall == 0.5 and r.places.precision == 1.0
    assert r.articles[0].place_misses == ["Jermuk"]


def test_far_place_is_a_false_positive_and_a_miss():
    far = place("Sotk", 41.0, 44.0)  # the right name, 170 km off
    r = ev.score([extraction([far, place("Jermuk", 39.84, 45.67)])], GOLD)
    a = r.articles[0]
    assert (a.places.tp, a.places.fp, a.places.fn) == (1, 1, 1)
    assert a.place_misses == ["Sotk"] and a.place_false_positives[0]["lat"] == 41.0


def test_duplicate_predictions_count_once():
    preds = [place("Sotk", 40.20, 45.87), place("Sok", 40.21, 45.86, name="Sotk"), place("Jermuk", 39.84, 45.67)]
    preds += [place("Gyumri", 40.79, 43.85), place("Gyumri", 40.79, 43.85)]
    a = ev.score([extraction(preds)], GOLD).articles[0]
    assert (a.places.tp, a.places.fp, a.places.fn) == (2, 1, 0)


def test_context_and_unplaced_places_are_not_scored():
    preds = perfect_places() + [place("Baku", 40.38, 49.89, role="context"), place("Nowhere", None, None)]
    assert ev.score([extraction(preds)], GOLD).places.precision == 1.0


def test_not_incident_violation_by_surface_and_alias():
    preds = perfect_places() + [place("Yerevan", 40.18, 44.51), place("Karabakh", 39.84, 46.88, name="Nagorno-Karabakh")]
    a = ev.score([extraction(preds)], GOLD).articles[0]
    assert [v["text"] for v in a.violations] == ["Yerevan", "Karabakh"]
    # the same toponyms as context are fine
    ok = perfect_places() + [place("Yerevan", 40.18, 44.51, role="context")]
    assert ev.score([extraction(ok)], GOLD).violations == 0


def test_violation_is_by_surface_not_distance():
    # Stepanakert lies inside the not_incident Nagorno-Karabakh's tolerance, but is another toponym.
    preds = perfect_places() + [place("Stepanakert", 39.8177, 46.7528)]
    assert ev.score([extraction(preds)], GOLD).violations == 0


def test_fold_ignores_case_diacritics_and_azerbaijani_letters():
    assert ev.fold("Füzuli") == ev.fold("FUZULI")
    assert ev.fold("Kəlbəcər") == "kalbacar"
    assert ev.fold("l’Armenia") == ev.fold("l'armenia")


@pytest.mark.parametrize("gold,pred,ok", [
    (49, (49, 49, "exact"), True),
    (49, (49, None, "at_least"), False),
    (49, (49, 49, "approx"), False),
    (49, (50, 50, "exact"), False),
    ({"low": 12}, (12, None, "more_than"), True),
    ({"low": 12}, (12, 12, "exact"), False),
    ({"approx": 30000}, (30000, 30000, "approx"), True),
    ({"approx": 30000}, (30000, 30000, "exact"), False),
    (None, (None, None, "unspecified"), True),
    (None, (3, 3, "exact"), False),
    ({"low": 24, "high": 99}, (24, 99, "vague"), True),
    ({"low": 24, "high": 99}, (24, None, "at_least"), False),
])
def test_count_rules(gold, pred, ok):
    low, high, q = pred
    assert ev.count_matches(gold, {"count_low": low, "count_high": high, "qualifier": q}) is ok


def test_bad_gold_count_is_refused():
    with pytest.raises(ValueError, match="bad gold count"):
        ev.gold_count({"most": 3})


def test_count_mismatch_gives_a_miss_and_a_false_positive():
    claims = perfect_claims()
    claims[0] = claim("killed", 50, 50, "exact", "armenia", "incident", "armenian_mod", "49 soldati armeni sono stati uccisi")
    a = ev.score([extraction(perfect_places(), claims)], GOLD).articles[0]
    assert (a.claims.tp, a.claims.fp, a.claims.fn) == (4, 1, 1)
    assert a.claim_misses[0]["count"] == 49
    assert a.claim_false_positives[0]["count_low"] == 50


def test_wrong_kind_does_not_match():
    claims = perfect_claims()
    claims[0]["kind"] = "wounded"
    assert ev.score([extraction(claims=claims)], GOLD).claims.tp == 4


def test_wrong_side_is_matched_but_counted_against_side():
    claims = perfect_claims()
    claims[0]["side"] = "azerbaijan"
    r = ev.score([extraction(claims=claims)], GOLD)
    assert r.claims.f1 == 1.0
    assert (r.attributes["side"].right, r.attributes["side"].total) == (4, 5)
    assert r.attributes["scope"].value == 1.0
    err = r.articles[0].attribute_errors
    assert err == [{"attribute": "side", "gold": "armenia", "predicted": "azerbaijan", "kind": "killed",
                    "count": "49", "quote": "49 soldati armeni sono stati uccisi"}]


def test_what_is_compared_loosely():
    assert ev.what_matches("T-72 tanks", "tank")
    assert ev.what_matches("OSA air-defence missile systems", "air defense systems")
    assert ev.what_matches("anti-aircraft systems", "air-defence systems")
    assert not ev.what_matches("helicopters", "drones")
    assert not ev.what_matches("military vehicle", "military helicopter")
    claims = perfect_claims()
    claims[3]["what"] = "helicopters"
    assert ev.score([extraction(claims=claims)], GOLD).attributes["what"].value == 0.0


def test_matching_prefers_overlapping_quotes():
    gold = {"places": {}, "articles": [{"file": "a.md", "claims": [
        {"kind": "killed", "count": 1, "side": "armenia", "scope": "earlier", "claimed_by": "unattributed",
         "quote": "Un soldato armeno è stato ucciso allora"},
        {"kind": "killed", "count": 1, "side": "azerbaijan", "scope": "earlier", "claimed_by": "azerbaijani_government",
         "quote": "ha affermato di aver perso un soldato"},
    ]}]}
    body = "Baku ha affermato di aver perso un soldato. Un soldato armeno è stato ucciso allora."
    # the second prediction's offsets cover the first gold quote, the first prediction's the second
    preds = [claim("killed", 1, 1, "exact", "armenia", "earlier", "unattributed", "x"),
             claim("killed", 1, 1, "exact", "armenia", "earlier", "unattributed", "y")]
    preds[0].update(start=body.index("Un soldato"), end=len(body))
    preds[1].update(start=0, end=body.index("."))
    assert ev.match_claims(gold["articles"][0]["claims"], preds, body) == [(0, 0), (1, 1)]
    preds[0], preds[1] = preds[1], preds[0]
    assert ev.match_claims(gold["articles"][0]["claims"], preds, body) == [(0, 1), (1, 0)]
    # without the body, the quotes' text decides
    texts = [claim("killed", 1, 1, "exact", "azerbaijan", "earlier", "x", "Baku ha affermato di aver perso un soldato"),
             claim("killed", 1, 1, "exact", "azerbaijan", "earlier", "x", "Un soldato armeno è stato ucciso allora")]
    assert ev.match_claims(gold["articles"][0]["claims"], texts) == [(0, 1), (1, 0)]


def test_articles_are_matched_by_basename_and_unknown_files_listed():
    r = ev.score([extraction(path="x/y/a.md"), extraction(path="c.md")], GOLD)
    assert [a.file for a in r.articles] == ["a.md"] and r.ungraded == ["c.md"]


def test_report_formats_and_serialises():
    claims = perfect_claims()[1:]
    r = ev.score([extraction([place("Yerevan", 40.18, 44.51)], claims, published="2022-09")], GOLD)
    text = ev.format_report(r)
    assert "missed place: Sotk" in text and "missed claim: killed 49" in text
    assert "not_incident marked as incident: 'Yerevan'" in text
    d = json.loads(json.dumps(r.to_dict()))
    assert d["claims"]["fn"] == 1 and d["published"]["right"] == 0 and d["violations"] == 1


def test_gold_loading_names_the_file_and_problem(tmp_path):
    bad = tmp_path / "gold.yaml"
    bad.write_text("places: {}\narticles:\n  - file: a.md\n    incident_places: [Atlantis]\n", encoding="utf-8")
    with pytest.raises(ev.GoldError, match=r"gold\.yaml.*Atlantis"):
        ev.load_gold(bad)
    assert main(["evaluate", str(bad)]) == 2


# --- the test corpus's own gold file -------------------------------------------

def test_corpus_gold_is_consistent_with_its_articles():
    gold = ev.load_gold(GOLD_FILE)
    files = {p.name for p in ARTICLES.glob("*.md")}
    assert {a["file"] for a in gold["articles"]} == files and len(files) >= 30
    langs = [a["language"] for a in gold["articles"]]
    assert langs.count("it") >= 15 and langs.count("en") >= 15
    for a in gold["articles"]:
        body = read_article(ARTICLES / a["file"]).body
        for item in (a.get("claims") or []) + (a.get("events") or []):
            assert item["quote"] in body, (a["file"], item["quote"])
        for name in a["incident_places"]:
            p = gold["places"][name]
            assert any(n in body for n in [name] + p.get("aliases", [])), (a["file"], name)
        for toponym in a.get("not_incident") or []:
            assert toponym in body, (a["file"], toponym)
    grouped = [f for g in gold["same_event"] for f in g["files"]]
    assert len(grouped) == len(set(grouped)) and set(grouped) <= files


def test_evaluate_command_runs_on_the_corpus(capsys):
    assert main(["evaluate", str(GOLD_FILE), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["not_run"] == [] and len(out["articles"]) >= 30
    assert out["claims"]["tp"] + out["claims"]["fn"] == sum(
        len(a.get("claims") or []) for a in ev.load_gold(GOLD_FILE)["articles"])


def test_breakdowns_are_judged_by_their_parent():
    gold = {"articles": [{"file": "b.md", "claims": [
        {"kind": "killed", "count": 19, "side": "civilian", "scope": "incident", "claimed_by": "unattributed",
         "quote": "19 civilians were killed"},
        {"kind": "killed", "count": 7, "side": "civilian", "scope": "incident", "claimed_by": "unattributed",
         "quote": "including 7 women", "part_of": 0},
        {"kind": "wounded", "count": 5, "side": "civilian", "scope": "incident", "claimed_by": "unattributed",
         "quote": "5 were wounded"},
    ]}]}
    pred = [claim("wounded", 5, 5, "exact", "civilian", "incident", "unattributed", "5 were wounded"),
            claim("killed", 19, 19, "exact", "civilian", "incident", "unattributed", "19 civilians were killed"),
            claim("killed", 7, 7, "exact", "civilian", "incident", "unattributed", "including 7 women")]
    pred[2]["part_of"] = 1
    right = ev.score([{"article": {"path": "b.md"}, "claims": pred}], gold)
    assert right.attributes["part_of"].to_dict()["right"] == right.attributes["part_of"].total == 1
    pred[2]["part_of"] = 0  # under the wounded
    wrong = ev.score([{"article": {"path": "b.md"}, "claims": pred}], gold)
    assert (wrong.attributes["part_of"].right, wrong.attributes["part_of"].total) == (0, 1)
    pred[2]["part_of"] = None  # shown as a figure of its own
    assert ev.score([{"article": {"path": "b.md"}, "claims": pred}], gold).attributes["part_of"].right == 0


def test_a_breakdown_must_name_another_claim(tmp_path):
    f = tmp_path / "g.yaml"
    f.write_text("articles:\n- file: a.md\n  claims:\n  - {kind: killed, count: 3, part_of: 0}\n")
    with pytest.raises(ev.GoldError, match="part_of"):
        ev.load_gold(f)
