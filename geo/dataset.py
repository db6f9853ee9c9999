"""Where the dashboard's data comes from: extractions plus the frames built from them.

``load_dataset(db_url)`` reads the store (geo.store; SQLite by default),
seeding it with the built-in sample when it is empty. ``Dataset.with_extractions``
adds a viewer's own uploads for that viewer only: nothing here writes to the
store except the seeding; editors write through ``Dataset.store``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .articles import ArticleError, article_from_bytes, iter_article_paths, read_article
from .events import event_types
from .knowledge import Conflict, default_knowledge
from .models import Article, Extraction
from .store import Store, open_store
from .tables import articles_frame, claims_frame, incident_places_frame

if TYPE_CHECKING:  # geo.ingest loads the extraction engine: imported when needed
    from .ingest import IngestResult

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "data" / "sample"


@dataclass
class Dataset:
    extractions: list[Extraction]
    store: Store | None = None  # where the shared extractions live (None: in memory only)
    incidents: pd.DataFrame = field(init=False)
    claims: pd.DataFrame = field(init=False)
    articles: pd.DataFrame = field(init=False)

    def __post_init__(self) -> None:
        self.extractions = sorted(self.extractions, key=lambda e: (e.article.published or "", e.article.id))
        self.incidents = incident_places_frame(self.extractions)
        self.claims = claims_frame(self.extractions)
        self.articles = articles_frame(self.extractions)
        self._by_id = {e.article.id: e for e in self.extractions}

    def extraction(self, article_id: str) -> Extraction | None:
        return self._by_id.get(article_id)

    def article(self, article_id: str) -> Article | None:
        ex = self._by_id.get(article_id)
        return ex.article if ex else None

    def with_extractions(self, extra: list[Extraction]) -> "Dataset":
        """A new dataset with ``extra`` added (replacing same-id articles); this one is unchanged."""
        ids = {e.article.id for e in extra}
        return Dataset([e for e in self.extractions if e.article.id not in ids] + list(extra), self.store)


def conflict() -> Conflict:
    return default_knowledge().conflict


def source_names() -> dict[str, str]:
    return {s.id: s.name for s in conflict().sources.values()}


def source_short_names() -> dict[str, str]:
    """Source id → its short display name (the conflict file's ``short``; else its name), for tight spaces."""
    raw = conflict().data.get("sources") or {}
    return {s.id: (raw.get(s.id) or {}).get("short") or s.name for s in conflict().sources.values()}


def side_names() -> dict[str, str]:
    return {s.id: s.name for s in conflict().sides.values()}


def extract_paths(paths: list[str | Path]) -> tuple[list[Extraction], list[str]]:
    """Extract article files and folders; errors as 'path: reason' lines, the rest still extracted."""
    from .pipeline import extract_article  # imported when needed: views of stored data do not load the engine

    out, errors = [], []
    for p in iter_article_paths(paths):
        try:
            out.append(extract_article(read_article(p)))
        except (ArticleError, ValueError) as e:
            errors.append(f"{p}: {e}")
    return out, errors


def extract_upload(name: str, data: bytes) -> tuple[Extraction | None, IngestResult]:
    """Extract one pasted or uploaded file for a viewer's session (nothing is stored).

    The result reads like an editor's ingest (geo.ingest.IngestResult, its ``line`` naming the file and
    the reason): "failed" with no extraction when the bytes are no article (empty, too big, not text);
    "new" with the extraction otherwise, its ``error`` saying why it was not extracted, if it was not.
    """
    from .ingest import IngestResult, extract

    try:
        article = article_from_bytes(data, name)
    except ArticleError as e:
        return None, IngestResult(name, "failed", error=str(e))
    ex, status, reason = extract(article)
    return ex, IngestResult(name, "new", article.id, error=reason, article_status=status)


def load_dataset(db_url: str | None = None, sample_dir: Path = SAMPLE_DIR) -> Dataset:
    """The shared data: the store's extractions (an empty store is first seeded with ``sample_dir``).

    Raises geo.store.StoreError when the database cannot be opened.
    """
    from .ingest import iter_ingest

    store = open_store(db_url)
    if not store.counts()["articles"]:
        for _ in iter_ingest(store, [sample_dir]):
            pass
    return Dataset(store.extractions(), store)


def event_type_labels() -> dict[str, str]:
    return {t.id: t.label for t in event_types().values()}
