"""What the viewer asked to see: a Filters value, read from and written to the URL.

The query string is the state (``/?place=Jermuk``, ``/casualties?claimed_by=reuters``),
so a copied link reproduces the view. A filter holds a tuple of accepted
values (empty: everything); several values are comma-separated in the URL
(``?side=armenia,azerbaijan``). Dates are ISO, possibly truncated
(``from=2022-09``): a record dated "2020-10" matches a range it overlaps; an
undated record is hidden by a date range unless ``undated=1`` includes it.
Places match whatever the case and by any name the articles used for them
(``place=stepanakert`` finds Khankendi). Pure functions over DataFrames from
geo.present.tables.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Mapping

import numpy as np
import pandas as pd

from geo.text.normalize import name_key

# URL name → field name (``from``/``to`` are Python keywords as field names).
_URL_NAMES = {"from": "date_from", "to": "date_to"}
_LIST_FIELDS = ("place", "claimed_by", "side", "kind", "event_type", "precision", "scope", "language")


@dataclass(frozen=True)
class Filters:
    date_from: str | None = None
    date_to: str | None = None
    place: tuple[str, ...] = ()
    claimed_by: tuple[str, ...] = ()
    side: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    event_type: tuple[str, ...] = ()
    precision: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    language: tuple[str, ...] = ()  # ISO 639-1 codes: the Articles page's filter (?language=ru,fr)
    undated: bool = False  # a date range also keeps the undated records

    @classmethod
    def from_query(cls, params: Mapping[str, object]) -> "Filters":
        """From st.query_params (or any mapping of str → str | list[str]); unknown keys and bad dates are ignored."""
        names = {f.name for f in fields(cls)}
        values: dict[str, object] = {}
        for key, raw in params.items():
            name = _URL_NAMES.get(key, key)
            if name not in names:
                continue
            items = [raw] if isinstance(raw, str) else list(raw or [])
            parts = tuple(dict.fromkeys(v.strip() for item in items for v in str(item).split(",") if v.strip()))
            if name in _LIST_FIELDS:
                values[name] = parts
            elif name == "undated":
                values[name] = bool(parts) and parts[0].lower() in ("1", "true", "yes", "on")
            elif parts and date_bounds(parts[0]) is not None:
                values[name] = parts[0]
        return cls(**values)

    def to_query(self) -> dict[str, str]:
        """The non-empty filters as URL parameters (what st.query_params.from_dict takes)."""
        back = {v: k for k, v in _URL_NAMES.items()}
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is True:
                out[f.name] = "1"
            elif value:
                out[back.get(f.name, f.name)] = ",".join(value) if isinstance(value, tuple) else value
        return out

    def with_(self, **changes) -> "Filters":
        return replace(self, **{k: tuple(v) if isinstance(v, list) else v for k, v in changes.items()})

    @property
    def active(self) -> bool:
        return bool(self.to_query())


def date_bounds(iso: str | None) -> tuple[date, date] | None:
    """First and last day an ISO date of any precision covers; None when unreadable."""
    if not iso:
        return None
    try:
        parts = [int(p) for p in str(iso).split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        if len(parts) == 3:
            d = date(*parts)
            return d, d
    except ValueError:
        return None
    return None


def date_in_range(iso: str | None, date_from: str | None, date_to: str | None) -> bool:
    """Does the (possibly truncated) date overlap [from, to]? Undated records pass only an open range."""
    if not date_from and not date_to:
        return True
    b = date_bounds(iso)
    if b is None:
        return False
    lo = date_bounds(date_from)
    hi = date_bounds(date_to)
    return (lo is None or b[1] >= lo[0]) and (hi is None or b[0] <= hi[1])


def _dated(df: pd.DataFrame) -> pd.Series:
    """Rows whose date can be read."""
    readable = {d: date_bounds(d) is not None for d in df["date"].dropna().unique()}  # few distinct
    return df["date"].map(readable).eq(True)


def _dates_mask(df: pd.DataFrame, f: Filters) -> pd.Series:
    if not f.date_from and not f.date_to:
        return pd.Series(True, index=df.index)
    passes = {d: date_in_range(d, f.date_from, f.date_to) for d in df["date"].dropna().unique()}  # few distinct
    mask = df["date"].map(passes).eq(True)
    return mask | ~_dated(df) if f.undated else mask


def undated_hidden(df: pd.DataFrame, f: Filters, key: str | None = None) -> int:
    """How many undated records (distinct ``key`` values, default rows) the date range hides."""
    if not (f.date_from or f.date_to) or f.undated or df.empty:
        return 0
    hidden = df[~_dated(df)]
    return hidden[key].nunique() if key else len(hidden)


def place_aliases(incidents: pd.DataFrame) -> dict[str, str]:
    """Folded name (geo.text.normalize.name_key) → canonical place, for every canonical name and every
    other word the articles used for it ("stepanakert" → "Khankendi")."""
    out: dict[str, str] = {}
    for place, words in dict.fromkeys(zip(incidents["place"], map(tuple, incidents["place_words"]))):
        out.setdefault(name_key(place), place)
        for w in words:
            out.setdefault(name_key(w), place)
    return out


def canonical_places(values: tuple[str, ...], aliases: dict[str, str]) -> tuple[str, ...]:
    """The canonical places the filter's values name (a value no place answers to is kept as given)."""
    return tuple(dict.fromkeys(aliases.get(name_key(v), v) for v in values))


def among(series: pd.Series, values) -> np.ndarray:
    """``series.isin(values)`` for many values (ids of events, articles, claims): pandas' string isin
    converts the values one by one (a quarter of a second for 10,000), an index lookup takes milliseconds."""
    return pd.Index(values if isinstance(values, (pd.Series, pd.Index, np.ndarray, pd.api.extensions.ExtensionArray))
                    else list(values)).unique().get_indexer(series) >= 0


def _isin(series: pd.Series, values: tuple[str, ...]) -> pd.Series:
    return series.isin(values) if values else pd.Series(True, index=series.index)


def filter_incidents(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Rows of incident_places_frame that pass. ``side`` matches the attacker or the target."""
    if df.empty:
        return df
    places = canonical_places(f.place, place_aliases(df)) if f.place else ()
    mask = _dates_mask(df, f) & _isin(df["place"], places) & _isin(df["claimed_by"], f.claimed_by)
    mask &= _isin(df["event_type"], f.event_type) & _isin(df["precision"], f.precision)
    if f.side:
        mask &= df["attacker"].isin(f.side) | df["target"].isin(f.side)
    return df[mask]


def filter_claims(df: pd.DataFrame, f: Filters, aliases: dict[str, str] | None = None) -> pd.DataFrame:
    """Rows of claims_frame that pass. ``place`` matches a claim naming that place, by any of its names
    (``aliases``: place_aliases of the incidents; the claims' own names always match, whatever the case);
    map-only filters are ignored."""
    if df.empty:
        return df
    mask = _dates_mask(df, f) & _isin(df["claimed_by"], f.claimed_by) & _isin(df["side"], f.side)
    mask &= _isin(df["kind"], f.kind) & _isin(df["scope"], f.scope)
    if f.place:
        own = {name_key(p): p for p in df["places"].explode().dropna().unique()}
        wanted = set(canonical_places(f.place, {**own, **(aliases or {})}))
        mask &= df["places"].map(lambda ps: any(p in wanted for p in ps)).astype(bool)
    return df[mask]


def filter_articles(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Rows of articles_frame that pass: the language and the publication date."""
    if df.empty:
        return df
    mask = _isin(df["language"], f.language)
    if f.date_from or f.date_to:
        passes = {d: date_in_range(d, f.date_from, f.date_to) for d in df["published"].dropna().unique()}
        mask &= df["published"].map(passes).eq(True)
    return df[mask]
