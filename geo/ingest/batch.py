"""Ingestion: files or uploaded bytes → extraction → the store.

Idempotent (articles are keyed by content hash; a stored one is neither
extracted nor written again) and crash-safe (an upload is one transaction;
files are read, checked and written a chunk at a time, one transaction per
chunk, so a killed run leaves whole articles). A file that cannot be read is
reported with its reason and the batch goes on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from geo.ingest.articles import ArticleError, article_from_bytes, iter_article_paths, read_article
from geo.models import Article, Extraction
from geo.text.untrusted import printable

if TYPE_CHECKING:  # workers import this module: they need no database (SQLAlchemy, pandas)
    from geo.store import Store

Extractor = Callable[[Article], Extraction]
Extracted = tuple[Extraction, str, str | None]  # what extract() gives: (extraction, status, reason)
# Files per transaction (and per task on workers): amortises the store's and the round trip's
# fixed costs; a kill loses at most this many extractions, a worker's task still balances.
CHUNK_SIZE = 32
# Stored with each extraction: bump it when the extractor's output changes, so that ``reextract``
# redoes the articles extracted before.
EXTRACTOR_VERSION = "1"


@dataclass
class IngestResult:
    name: str  # the path or upload name
    status: str  # "new" | "exists" (already stored) | "failed" (not stored) | "reextracted"
    article_id: str | None = None
    error: str | None = None  # why it failed, or why a stored article was not extracted
    article_status: str | None = None  # ok | skipped | error once stored by this call

    @property
    def line(self) -> str:
        """The one-line report: ``NAME: reason``, control characters escaped (safe on a terminal)."""
        return printable(f"{self.name}: {self.error}")


@dataclass
class IngestSummary:
    results: list[IngestResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def not_extracted(self) -> list[IngestResult]:
        return [r for r in self.results if r.article_status in ("skipped", "error")]

    @property
    def failed(self) -> bool:
        return any(r.status == "failed" or r.article_status == "error" for r in self.results)

    def __str__(self) -> str:
        text = f"{self.count('new')} new, {self.count('exists')} already stored, {self.count('failed')} failed"
        if self.count("reextracted"):
            text += f", {self.count('reextracted')} extracted again"
        if self.not_extracted:
            text += f" ({len(self.not_extracted)} stored without extraction)"
        return text


def extractor_version() -> str:
    """Stored with each extraction, so that a newer extractor can redo older ones."""
    return EXTRACTOR_VERSION


def extract(article: Article, extractor: Extractor | None = None) -> Extracted:
    """Run the extractor: (extraction, status, reason); never raises for one article's fault."""
    from geo.extract import pipeline  # the engine loads where articles are extracted: a parallel run's writer needs none

    try:
        return (extractor or pipeline.extract_article)(article), "ok", None
    except pipeline.UnsupportedLanguage as e:
        return Extraction(article=article), "skipped", f"not extracted: {e}"
    except Exception as e:  # one article's failure must not stop the batch; the reason is stored
        return Extraction(article=article), "error", f"extraction failed: {type(e).__name__}: {e}"


def ingest_article(store: Store, article: Article, extractor: Extractor | None = None) -> IngestResult:
    name = article.path or article.id
    if store.contains(article.id):
        return IngestResult(name, "exists", article.id)
    return store_chunk(store, [article], [extract(article, extractor)], extractor_version())[0]


def ingest_bytes(
    store: Store, name: str, data: bytes, max_bytes: int | None = None, extractor: Extractor | None = None
) -> IngestResult:
    """Ingest one uploaded file (the dashboard's upload)."""
    article = read_one(name, article_from_bytes, data, name, max_bytes=max_bytes)
    return article if isinstance(article, IngestResult) else ingest_article(store, article, extractor)


def read_one(name: str, reader: Callable[..., Article], *args, **kwargs) -> Article | IngestResult:
    """``reader(*args, **kwargs)``'s article, or the failed result of ``name`` with the reason: a fault no
    check foresaw is this file's, not the batch's (nor the page's)."""
    try:
        return reader(*args, **kwargs)
    except ArticleError as e:
        return IngestResult(name, "failed", error=str(e))
    except Exception as e:  # noqa: BLE001
        return IngestResult(name, "failed", error=f"cannot read: {type(e).__name__}")


def iter_ingest(
    store: Store, paths: Iterable[str | Path], max_bytes: int | None = None, extractor: Extractor | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[IngestResult]:
    """Ingest files and folders (recursively), yielding each file's result, in input order, once stored."""
    version = extractor_version()
    for paths_chunk in chunks(iter_article_paths(list(paths)), chunk_size):
        slots = read_chunk(store, paths_chunk, max_bytes)
        extracted = [extract(s, extractor) for s in slots if isinstance(s, Article)]
        yield from store_chunk(store, slots, extracted, version)


def chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def read_chunk(store: Store, paths: list[Path], max_bytes: int | None = None) -> list[Article | IngestResult]:
    """Read files: each gives its Article to extract, or its result when unreadable or already stored."""
    slots = [read_one(str(path), read_article, path, max_bytes=max_bytes) for path in paths]
    stored = store.existing_ids(s.id for s in slots if isinstance(s, Article))
    return [IngestResult(s.path or s.id, "exists", s.id) if isinstance(s, Article) and s.id in stored else s
            for s in slots]


def store_chunk(
    store: Store, slots: list[Article | IngestResult], extracted: list[Extracted], version: str
) -> list[IngestResult]:
    """Write the extractions of a chunk's articles (in slot order) in one transaction; every slot's result.

    When the database refuses the transaction, each article is written in its own, so that one it
    cannot take (a value no check foresaw) fails alone, by name, and the others are stored."""
    try:
        new = iter(store.add_many(extracted, version))
    except Exception as e:  # noqa: BLE001 (the database's error, whichever driver): retried one by one below
        alone = [_one(store, x, version) for x in extracted] if len(extracted) > 1 else [_refused(e)]
        if len(alone) > 1 and all(isinstance(a, str) for a in alone):
            raise  # not an article's fault: the database itself
        new = iter(alone)
    done = iter(extracted)
    results = []
    for slot in slots:
        if isinstance(slot, IngestResult):
            results.append(slot)
            continue
        _, status, reason = next(done)
        name = slot.path or slot.id
        stored = next(new)
        if isinstance(stored, str):
            results.append(IngestResult(name, "failed", slot.id, error=stored))
        else:
            results.append(IngestResult(name, "new", slot.id, error=reason, article_status=status) if stored
                           else IngestResult(name, "exists", slot.id))  # the same text twice, or another writer
    return results


def _one(store: Store, x: Extracted, version: str) -> bool | str:
    try:
        return store.add_many([x], version)[0]
    except Exception as e:  # noqa: BLE001
        return _refused(e)


def _refused(e: Exception) -> str:
    """Why the database refused an article: the driver's first line, which (hide_parameters) quotes no text."""
    first = str(getattr(e, "orig", None) or e).strip().splitlines()[0][:200]
    return f"cannot store: {type(e).__name__}: {first}"


def reextract(store: Store, everything: bool = False, extractor: Extractor | None = None) -> Iterator[IngestResult]:
    """Extract again the articles stored by another extractor version (or that failed); corrections stay."""
    version = extractor_version()
    for aid in store.stale_article_ids(version, everything=everything):
        stored = store.article(aid)
        if stored is None:  # removed meanwhile
            continue
        ex, status, reason = extract(stored.article, extractor)
        store.replace_extraction(ex, status=status, reason=reason, extractor_version=version)
        yield IngestResult(stored.article.path or aid, "reextracted", aid, error=reason, article_status=status)
