"""Exports of the incident and claim tables: CSV, GeoJSON (geopandas), JSON Lines.

One row per incident place (with its point) or one row per claim, the same
tables the dashboard shows (geo.present.tables). GeoJSON is written by geopandas'
``to_file`` in WGS 84, so geopandas, QGIS and web maps read it as is.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.errors import GeoError

FORMATS = ("csv", "geojson", "jsonl")
WHAT = ("incidents", "claims")
MEDIA_TYPES = {"csv": "text/csv", "geojson": "application/geo+json", "jsonl": "application/jsonl"}


class ExportError(GeoError, ValueError):
    """An export that cannot be made; the message says why."""


def flat(df: pd.DataFrame) -> pd.DataFrame:
    """List and tuple cells as JSON text, integers that may be missing as plain objects: one value per cell."""
    out = df.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = out[col].map(lambda v: json.dumps(list(v), ensure_ascii=False) if isinstance(v, (list, tuple)) else v)
    return out.astype({c: object for c in out.columns if str(out[c].dtype) == "Int64"}).where(out.notna(), None)


def incidents_geodataframe(incidents: pd.DataFrame) -> gpd.GeoDataFrame:
    df = flat(incidents)
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(incidents["lon"], incidents["lat"]), crs="EPSG:4326")


def export_bytes(df: pd.DataFrame, fmt: str, what: str = "incidents") -> bytes:
    """The table ``df`` (incidents or claims, from geo.present.tables) in format ``fmt``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (use one of {', '.join(FORMATS)})")
    if fmt == "csv":
        return flat(df).to_csv(index=False).encode("utf-8")
    if fmt == "jsonl":
        rows = flat(df).to_dict(orient="records")
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    if what != "incidents":
        raise ExportError("only incidents have a location: export claims as csv or jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{what}.geojson"
        incidents_geodataframe(df).to_file(path, driver="GeoJSON")
        return path.read_bytes()
