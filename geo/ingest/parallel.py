"""Ingestion on every core, or on a Dask cluster: the same store as ``geo.ingest.batch.iter_ingest``.

The parent reads the files a chunk at a time, skips what the store already
holds (one query per chunk) and sends the chunk's articles to a worker; each
worker loads the knowledge and the gazetteer once (a process pool initialiser,
or the first task on a Dask worker) and sends back only what it extracted,
never the body. The parent writes the results in input order, so the store
gets the same articles and rows as a serial run: one transaction for the chunks
that are ready at once, so that when writing falls behind, its transactions grow
(a commit costs by the pages it touches, and articles share pages). At
most ``workers * IN_FLIGHT_PER_WORKER`` chunks are out at once: memory stays
flat however many files there are.

Reading in the workers instead (sending paths, getting bodies back) was
measured: the parent's CPU drops by the reading, the total does not, and on
two cores the rate stayed the same; and Dask workers need not have the files.
"""
from __future__ import annotations

import os
import select
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from geo.errors import GeoError
from geo.ingest.articles import iter_article_paths
from geo.ingest.batch import (CHUNK_SIZE, Extracted, Extractor, IngestResult, chunks, extract, extractor_version, read_chunk,
                     store_chunk)
from geo.models import Article, Extraction

if TYPE_CHECKING:  # workers import this module: they need no database (SQLAlchemy, pandas)
    from geo.store import Store

CONNECT_TIMEOUT_S = 20
IN_FLIGHT_PER_WORKER = 4


def build_knowledge() -> int:
    """Build what every extraction reads that lives in memory only: the knowledge, each language's lexicon
    (with its morphology analyser) and the capitals. The fork server builds it once
    (geo.ingest.forkserver_warm), so that its workers fork with it: building it takes each process 0.8 s of
    CPU. Returns the id of the process that built it."""
    global _built_by
    from geo.knowledge.files import capital_names, default_knowledge
    from geo.knowledge.lexicon import lexicon_for

    knowledge = default_knowledge()
    for code in knowledge.languages:
        lexicon_for(knowledge, code)
    capital_names()
    _built_by = _built_by or os.getpid()
    return _built_by


_built_by: int | None = None


def warm_worker(parent: int | None = None) -> None:
    """Load what every extraction needs, once per worker process; with ``parent``, end with it. The
    gazetteer's database is opened here, in the worker: an open database must not cross a fork."""
    if parent is not None:
        _exit_with(parent)
    from geo.places.gazetteer import Gazetteer

    build_knowledge()  # already built where the worker was forked from the fork server
    Gazetteer.default()


def _exit_with(parent: int) -> None:
    """End this worker when process ``parent`` ends, however it ends: the pool's workers are the fork
    server's children and block on their task queue, so a SIGKILLed ingest left them running."""
    try:
        handle = os.pidfd_open(parent)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):  # no pidfd (not Linux, or older than 5.3): look every second
        handle = None

    def watch() -> None:
        if handle is not None:
            select.select([handle], [], [])  # readable once the process has ended
        else:
            while _alive(parent):
                time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal: only asks whether it exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, as another user's
        pass
    return True


@dataclass
class _Extracted:
    """What a worker sends back for one article (the parent has the article itself)."""

    language: str | None
    places: list
    claims: list
    incidents: list
    warnings: list
    status: str
    reason: str | None


def extract_chunk(articles: list[Article], extractor: Extractor | None = None) -> list[_Extracted]:
    """Extract a chunk of articles (in a worker); one article's failure is its own status."""
    out = []
    for article in articles:
        ex, status, reason = extract(article, extractor)
        out.append(_Extracted(ex.article.language, ex.places, ex.claims, ex.incidents, ex.warnings, status, reason))
    return out


def _rebuild(article: Article, r: _Extracted) -> Extracted:
    article.language = r.language
    ex = Extraction(article=article, places=r.places, claims=r.claims, incidents=r.incidents, warnings=r.warnings)
    return ex, r.status, r.reason


class _Pool:
    """A process pool (forkserver: workers never inherit the parent's open databases)."""

    def __init__(self, workers: int):
        ctx = get_context("forkserver")
        # Imported once, by the fork server: workers fork with the extractor's modules and its knowledge built.
        ctx.set_forkserver_preload(["geo.ingest.parallel", "geo.extract.pipeline", "geo.ingest.forkserver_warm"])
        self.workers = workers
        self._ex = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm_worker,
                                       initargs=(os.getpid(),))
        # The pool starts a worker per task submitted: start them all now, so that the fork server boots
        # (a fifth of a second) while this process lists and reads the first files.
        for _ in range(workers):
            self._ex.submit(warm_worker)

    def submit(self, fn, *args):
        return self._ex.submit(fn, *args)

    def close(self) -> None:
        self._ex.shutdown(wait=True, cancel_futures=True)


class SchedulerError(GeoError, RuntimeError):
    """The Dask scheduler cannot be used; the message names it and says why."""


class _Dask:
    """A Dask distributed cluster at ``address`` (or a Client passed in)."""

    def __init__(self, address_or_client: Any):
        try:
            from distributed import Client
        except ImportError:
            raise SchedulerError('a Dask scheduler needs dask.distributed: pip install "dask[distributed]"') from None
        self._own = not isinstance(address_or_client, Client)
        try:
            self.client = Client(address_or_client, timeout=CONNECT_TIMEOUT_S) if self._own else address_or_client
        except (OSError, TimeoutError, ValueError) as e:
            raise SchedulerError(f"cannot reach the Dask scheduler at {address_or_client}: {e}") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.client.run(warm_worker)

    def submit(self, fn, *args):
        return self.client.submit(fn, *args, pure=False)

    def close(self) -> None:
        if self._own:
            self.client.close()


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def iter_ingest_parallel(
    store: Store,
    paths: Iterable[str | Path],
    workers: int | None = None,
    scheduler: Any = None,
    max_bytes: int | None = None,
    extractor: Extractor | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[IngestResult]:
    """Like ``geo.ingest.batch.iter_ingest``, extracting on ``workers`` processes (default: every core)
    or on the Dask cluster ``scheduler`` (an address such as "tcp://host:8786", or a Client).
    Results come in input order, each once its article is stored."""
    backend = _Dask(scheduler) if scheduler is not None else _Pool(workers or default_workers())
    try:
        yield from _run(store, paths, backend, max_bytes, extractor, chunk_size)
    finally:
        backend.close()


def _run(store, paths, backend, max_bytes, extractor, chunk_size) -> Iterator[IngestResult]:
    version = extractor_version()
    limit = backend.workers * IN_FLIGHT_PER_WORKER
    # Chunks in input order: (future of the extraction or None, the chunk's slots), where a
    # slot is an article sent for extraction or the result of a file that needed none.
    queue: deque[tuple[Any, list[Article | IngestResult]]] = deque()
    in_flight = 0

    def drain(block: bool) -> Iterator[IngestResult]:
        """Store, in one transaction, the chunks at the head of the queue that are ready (waiting
        for the first when ``block``), and yield their results."""
        nonlocal in_flight
        slots: list[Article | IngestResult] = []
        extracted: list[Extracted] = []
        while queue:
            future, chunk = queue[0]
            if future is not None and not (block or future.done()):
                break
            queue.popleft()
            if future is not None:
                in_flight -= 1
                block = block and in_flight >= limit  # waited long enough once under the limit
                articles = [s for s in chunk if isinstance(s, Article)]
                extracted += [_rebuild(a, r) for a, r in zip(articles, future.result())]
            slots += chunk
        if slots:
            yield from store_chunk(store, slots, extracted, version)

    for paths_chunk in chunks(iter_article_paths(list(paths)), chunk_size):
        slots = read_chunk(store, paths_chunk, max_bytes)
        articles = [s for s in slots if isinstance(s, Article)]
        queue.append((backend.submit(extract_chunk, articles, extractor) if articles else None, slots))
        in_flight += bool(articles)
        yield from drain(block=in_flight >= limit)
    while queue:
        yield from drain(block=True)
