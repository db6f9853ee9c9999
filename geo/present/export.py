"""Exports of the incident and claim tables: CSV, GeoJSON (geopandas), JSON Lines.

One row per incident place (with its point) or one row per claim, the same
tables the dashboard shows (geo.present.tables). GeoJSON is written by geopandas'
``to_file`` in WGS 84, so geopandas, QGIS and web maps read it as is. Every
export is strict: JSON Lines hold only JSON (``null``, never ``NaN``; lists as
lists), and no CSV cell opens as a spreadsheet formula (``=HYPERLINK(...)``).
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.errors import GeoError
from geo.text.untrusted import spreadsheet_cell

FORMATS = ("csv", "geojson", "jsonl")
WHAT = ("incidents", "claims")
MEDIA_TYPES = {"csv": "text/csv", "geojson": "application/geo+json", "jsonl": "application/jsonl"}


def file_stem(what: str, f=None, *more: str) -> str:
    """A download's name after its view: ``what``, the date range, the places and claimants filtered
    (``f``, a geo.present.filters.Filters) and ``more`` words (a selected place, an event id), made safe
    for a file name: "incidents_2022-09-13_goris"."""
    words = [f.date_from, f.date_to if f.date_to != f.date_from else None, *f.place, *f.claimed_by] if f else []
    words += list(more)
    safe = ["".join(c if c.isalnum() or c == "-" else "_" for c in str(w).lower()).strip("_") for w in words if w]
    stem = "_".join([what, *dict.fromkeys(w for w in safe if w)])
    return stem[:120]


class ExportError(GeoError, ValueError):
    """An export that cannot be made; the message says why."""


def flat(df: pd.DataFrame) -> pd.DataFrame:
    """List and tuple cells as JSON text, missing values as None: one plain value per cell."""
    out = plain(df)
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = out[col].map(lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple)) else v)
    return out


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """Python values (int, float, str, list), None where missing (NaN, NA): what JSON can hold."""
    out = df.astype(object)
    return out.where(df.notna(), None)


def _tolist(value):
    """numpy's numbers and arrays, which a frame read from the store may hold, as JSON's."""
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON")


def incidents_geodataframe(incidents: pd.DataFrame) -> gpd.GeoDataFrame:
    df = flat(incidents)
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(incidents["lon"], incidents["lat"]), crs="EPSG:4326")


def export_bytes(df: pd.DataFrame, fmt: str, what: str = "incidents") -> bytes:
    """The table ``df`` (incidents or claims, from geo.present.tables) in format ``fmt``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (use one of {', '.join(FORMATS)})")
    if fmt == "csv":
        return flat(df).map(spreadsheet_cell).to_csv(index=False).encode("utf-8")
    if fmt == "jsonl":
        rows = plain(df).to_dict(orient="records")
        return "".join(json.dumps(r, ensure_ascii=False, allow_nan=False, default=_tolist) + "\n"
                       for r in rows).encode("utf-8")
    if what != "incidents":
        raise ExportError("only incidents have a location: export claims as csv or jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{what}.geojson"
        incidents_geodataframe(df).to_file(path, driver="GeoJSON")
        return path.read_bytes()
