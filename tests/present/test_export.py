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
