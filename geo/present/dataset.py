"""Where the dashboard's data comes from: extractions plus the frames built from them.

``load_dataset(db_url)`` reads the store (geo.store; SQLite by default),
seeding it with the built-in sample when it is empty. Its frames come from the
store's SQL frames: no extraction is held in memory, and an article's body is
read when a page shows one of its passages. ``Dataset.with_extractions``
adds a viewer's own uploads for that viewer only: nothing here writes to the
store except the seeding; editors write through ``Dataset.store``.
"""
from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from geo.config import SAMPLE_DIR
from geo.events.grouping import event_types
from geo.ingest.articles import ArticleError, article_from_bytes, iter_article_paths, read_article
from geo.knowledge.files import Conflict, default_knowledge
from geo.models import Article, Extraction
from geo.store import Store, StoreError, open_store
from geo.text.untrusted import printable
from geo.present.filters import place_aliases
from geo.present.events import (EventIndex, event_index, grouping_key, index_bytes, index_from_bytes,
                               with_own_articles)
from geo.present.tables import (articles_frame, articles_from_rows, claims_frame, claims_from_rows, incident_places_frame,
                     incidents_from_rows)

if TYPE_CHECKING:  # geo.ingest.batch loads the extraction engine: imported when needed
    from geo.ingest.batch import IngestResult

READ_CACHE_SIZE = 500  # articles (with bodies) kept after a page read them from the store


@dataclass
class Dataset:
    """The frames every page reads, and the articles behind them.

    Built from extractions held in memory (``Dataset(extractions)``: the sample, a viewer's uploads,
    tests) or from the store's SQL frames (``Dataset.from_store``: no extraction is loaded; an article's
    body and extraction are read from the store when a page shows them).
    """

    extractions: list[Extraction]
    store: Store | None = None  # where the shared extractions live (None: in memory only)
    incidents: pd.DataFrame = field(init=False)
    claims: pd.DataFrame = field(init=False)
    articles: pd.DataFrame = field(init=False)
    state: dict | None = field(init=False, default=None)  # the store's counts when these frames were read

    def __post_init__(self) -> None:
        self.extractions = sorted(self.extractions, key=lambda e: (e.article.published or "", e.article.id))
        self.incidents = incident_places_frame(self.extractions)
        self.claims = claims_frame(self.extractions)
        self.articles = articles_frame(self.extractions)
        self._by_id = {e.article.id: e for e in self.extractions}
        self._from_store = False
        self._read: dict[str, Article | None] = {}  # articles read from the store, bodies included
        self._events: EventIndex | None = None
        self._own_into: tuple[EventIndex, set[str]] | None = None
        if self.store is not None:
            self.state = self.store.revision()

    @classmethod
    def from_store(cls, store: Store) -> "Dataset":
        """The store's frames, read with SQL (no extraction held in memory)."""
        state = store.revision()
        arts = store.articles_frame()
        links = store.incident_places_frame()
        mentions = store.places_frame({"role": "incident"})
        data = cls([])
        data.store, data.state, data._from_store = store, state, True
        data.incidents = _in_order(incidents_from_rows(links, mentions, arts))
        data.claims = _in_order(claims_from_rows(store.claims_frame(), arts))
        data.articles = _in_order(articles_from_rows(arts, links, data.claims, mentions))
        return data

    @property
    def events(self) -> EventIndex:
        """The incidents grouped into events, once per dataset (a viewer's uploads make a new dataset).

        The store's own dataset reads the grouping the store keeps for its state, or groups and keeps it
        (a store that cannot be written to is grouped again by each process); a viewer's uploads are grouped
        into it (geo.present.events.with_own_articles). The incident frame gains the events' columns."""
        if self._events is None and self._own_into is not None:
            shared, own_ids = self._own_into
            self._events = with_own_articles(shared, self.incidents, self.claims, own_ids)
        if self._events is None:
            kept = self._from_store and not self.extractions
            key = grouping_key() + "|" + repr(self.state) if kept else None
            data = self.store.derived("events", key) if kept else None
            if data is not None:
                self._events = read_index(data, self.incidents, self.claims)
            if self._events is None:
                self._events = event_index(self.incidents, self.claims)
                if kept:
                    try:
                        self.store.save_derived("events", key, index_bytes(self._events))
                    except StoreError:
                        pass  # a read-only store: this process keeps its grouping in memory
        return self._events

    @functools.cached_property
    def place_aliases(self) -> dict[str, str]:
        """geo.present.filters.place_aliases of the incidents, once per dataset (every page's place filter)."""
        return place_aliases(self.incidents)

    @functools.cached_property
    def claimants(self) -> list[str]:
        """Every claimant of the data, of incidents and of figures: the same choice on every page."""
        return sorted(set(self.incidents["claimed_by"].dropna().unique()) | set(self.claims["claimed_by"].dropna().unique()))

    def stale(self) -> bool:
        """Has the store changed since these frames were read (another process or session wrote to it)?"""
        return self.store is not None and self.store.revision() != self.state

    def extraction(self, article_id: str) -> Extraction | None:
        if article_id in self._by_id or not self._from_store:
            return self._by_id.get(article_id)
        found = self.store.extractions({"ids": [article_id]})
        return found[0] if found else None

    def article(self, article_id: str) -> Article | None:
        if article_id in self._by_id or not self._from_store:
            ex = self._by_id.get(article_id)
            return ex.article if ex else None
        if article_id not in self._read:  # a page shows several passages of one article: read it once
            if len(self._read) >= READ_CACHE_SIZE:
                self._read.clear()
            stored = self.store.article(article_id)
            self._read[article_id] = stored.article if stored else None
        return self._read[article_id]

    def with_extractions(self, extra: list[Extraction]) -> "Dataset":
        """A new dataset with ``extra`` added (replacing same-id articles); this one is unchanged."""
        ids = {e.article.id for e in extra}
        if not self._from_store:
            return Dataset([e for e in self.extractions if e.article.id not in ids] + list(extra), self.store)
        own = Dataset(list(extra))
        data = Dataset([])
        data.store, data.state, data._from_store = self.store, self.state, True
        data._own_into = (self.events, ids)  # the shared events, into which the own articles are grouped
        data.extractions, data._by_id = own.extractions, own._by_id
        for name in ("incidents", "claims", "articles"):
            base = getattr(self, name)
            setattr(data, name, _in_order(pd.concat([base[~base["article_id"].isin(ids)], getattr(own, name)],
                                                    ignore_index=True)))
        return data


def read_index(data: bytes, incidents: pd.DataFrame, claims: pd.DataFrame) -> EventIndex | None:
    """A kept grouping read back, or None where it cannot be (damaged, or written by other code under the
    same key): then it is made again."""
    try:
        return index_from_bytes(data, incidents, claims)
    except (ValueError, KeyError, TypeError, zlib.error):  # json's errors are ValueErrors
        return None


def _in_order(df: pd.DataFrame) -> pd.DataFrame:
    """Rows by publication date then article (undated first), each article's rows kept in their order."""
    key = df["published"].fillna("").astype(str) + "\x00" + df["article_id"].astype(str)
    return df.iloc[key.argsort(kind="stable")].reset_index(drop=True) if len(df) else df.reset_index(drop=True)


def conflict() -> Conflict:
    return default_knowledge().conflict


def source_names() -> dict[str, str]:
    return {s.id: s.name for s in conflict().sources.values()}


def source_short_names() -> dict[str, str]:
    """Source id → its short display name (the conflict file's ``short``; else its name), for tight spaces."""
    return {s.id: s.short_name for s in conflict().sources.values()}


def side_names() -> dict[str, str]:
    return {s.id: s.name for s in conflict().sides.values()}


def extract_paths(paths: list[str | Path]) -> tuple[list[Extraction], list[str]]:
    """Extract article files and folders; errors as 'path: reason' lines, the rest still extracted."""
    from geo.extract.pipeline import extract_article  # imported when needed: views of stored data do not load the engine

    out, errors = [], []
    for p in iter_article_paths(paths):
        try:
            out.append(extract_article(read_article(p)))
        except (ArticleError, ValueError) as e:
            errors.append(printable(f"{p}: {e}"))
    return out, errors


def extract_upload(name: str, data: bytes, extractor=None) -> tuple[Extraction | None, IngestResult]:
    """Extract one pasted or uploaded file for a viewer's session (nothing is stored).

    The result reads like an editor's ingest (geo.ingest.batch.IngestResult, its ``line`` naming the file and
    the reason): "failed" with no extraction when the bytes are no article (empty, too big, not text);
    "new" with the extraction otherwise, its ``error`` saying why it was not extracted, if it was not.
    """
    from geo.ingest.batch import IngestResult, extract, read_one

    article = read_one(name, article_from_bytes, data, name)
    if isinstance(article, IngestResult):
        return None, article
    ex, status, reason = extract(article, extractor)
    return ex, IngestResult(name, "new", article.id, error=reason, article_status=status)


def load_dataset(db_url: str | None = None, sample_dir: Path = SAMPLE_DIR) -> Dataset:
    """The shared data: the store's extractions (an empty store is first seeded with ``sample_dir``).

    Raises geo.store.StoreError when the database cannot be opened.
    """
    from geo.ingest.batch import iter_ingest

    store = open_store(db_url)
    if not store.counts()["articles"]:
        for _ in iter_ingest(store, [sample_dir]):
            pass
    return Dataset.from_store(store)


def event_type_labels() -> dict[str, str]:
    return {t.id: t.label for t in event_types().values()}
