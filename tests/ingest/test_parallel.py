"""Parallel and Dask ingestion: the same store as a serial run, streamed with bounded memory."""
from __future__ import annotations

import os
import shutil
from concurrent.futures import Future
from pathlib import Path

import pytest

from bench.corpus import write_corpus
from geo.ingest import parallel
from geo.ingest.batch import iter_ingest
from geo.models import Article, Extraction
from geo.ingest.parallel import extract_chunk, iter_ingest_parallel
from geo.store import open_store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Generated articles, one duplicate (same text, another name) and one unreadable file."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(24, seed=5, out=folder)
    first = sorted(folder.rglob("*.md"))[0]
    shutil.copy(first, folder / "zz_copy.md")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def snapshot(url: str) -> tuple[dict, list[dict]]:
    """Everything stored but timestamps: row counts, then each article's extraction."""
    with open_store(url) as store:
        return store.counts(), [e.to_dict() for e in store.extractions()]


def outcomes(results) -> list[tuple]:
    return [(r.name, r.status, r.article_id, r.error, r.article_status) for r in results]


def test_parallel_store_equals_serial_store(corpus, tmp_path, db_url):
    serial_url = f"sqlite:///{tmp_path / 'serial.sqlite'}"
    with open_store(serial_url) as store:
        serial = outcomes(iter_ingest(store, [corpus]))
    with open_store(db_url) as store:
        par = outcomes(iter_ingest_parallel(store, [corpus], workers=2, chunk_size=4))
    assert par == serial
    statuses = [s for _, s, *_ in par]
    assert statuses.count("new") == 24 and statuses.count("exists") == 1 and statuses.count("failed") == 1
    counts, extractions = snapshot(db_url)
    assert (counts, extractions) == snapshot(serial_url)
    assert counts["articles"] == 24 and counts["claims"] > 24 and counts["incidents"] > 0

    with open_store(db_url) as store:  # a second run finds everything stored, extracts nothing
        again = outcomes(iter_ingest_parallel(store, [corpus], workers=2))
    assert [s for _, s, *_ in again] == ["exists"] * 24 + ["failed", "exists"]
    assert snapshot(db_url) == (counts, extractions)


def test_dask_cluster_store_equals_serial_store(corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    serial_url, dask_url = (f"sqlite:///{tmp_path / n}" for n in ("serial.sqlite", "dask.sqlite"))
    with open_store(serial_url) as store:
        serial = outcomes(iter_ingest(store, [corpus]))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        with open_store(dask_url) as store:  # by address, as --scheduler gives it
            assert outcomes(iter_ingest_parallel(store, [corpus], scheduler=cluster.scheduler_address)) == serial
    assert snapshot(dask_url) == snapshot(serial_url)


def failing_on_tass(article: Article) -> Extraction:
    """A module-level extractor (workers import it) that fails on articles whose body mentions 'Tass'."""
    if "Tass" in article.body:
        raise RuntimeError("boom")
    return Extraction(article=article)


def test_a_failing_extraction_is_stored_with_its_reason():
    articles = [Article(id="a", body="Testo qualsiasi.", language="it"), Article(id="b", body="Tass riferisce.", language="it")]
    ok, bad = extract_chunk(articles, failing_on_tass)
    assert ok.status == "ok" and ok.reason is None
    assert bad.status == "error" and bad.reason == "extraction failed: RuntimeError: boom"


class _SlowBackend:
    """Futures that finish only when the test says: counts what is out at once."""

    workers = 2

    def __init__(self):
        self.pending: list[tuple[Future, list]] = []
        self.max_out = 0

    def submit(self, fn, chunk, extractor):
        f = Future()
        self.pending.append((f, chunk))
        self.max_out = max(self.max_out, sum(not p.done() for p, _ in self.pending))
        if len(self.pending) % 3 == 0:  # finish in bursts, the oldest last
            for p, c in reversed(self.pending):
                if not p.done():
                    p.set_result(fn(c, extractor))
        return f

    def finish_all(self):
        for p, c in self.pending:
            if not p.done():
                p.set_result(extract_chunk(c, failing_on_tass))


def test_chunks_in_flight_are_bounded_and_results_stream_in_order(corpus, tmp_path):
    backend = _SlowBackend()
    with open_store(f"sqlite:///{tmp_path / 's.sqlite'}") as store:
        names = [r.name for r in parallel._run(store, [corpus], _BlockingBackend(backend), None, failing_on_tass, 1)]
    assert 0 < backend.max_out <= backend.workers * parallel.IN_FLIGHT_PER_WORKER
    expected = sorted(str(f) for f in corpus.rglob("*") if f.suffix in (".md", ".txt"))
    assert names == expected


class _BlockingBackend:
    """Finishes the outstanding futures when the parent has to wait (as a real pool eventually does)."""

    def __init__(self, inner: _SlowBackend):
        self.inner, self.workers = inner, inner.workers

    def submit(self, fn, chunk, extractor):
        return _Waitable(self.inner.submit(fn, chunk, extractor), self.inner)


class _Waitable:
    def __init__(self, f: Future, backend: _SlowBackend):
        self.f, self.backend = f, backend

    def done(self) -> bool:
        return self.f.done()

    def result(self):
        if not self.f.done():
            self.backend.finish_all()
        return self.f.result()


def test_ingest_command_with_workers_matches_serial(corpus, tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    outs = []
    for name, extra in (("serial", []), ("workers", ["--workers", "2"])):
        url = f"sqlite:///{tmp_path / name}.sqlite"
        done = subprocess.run([sys.executable, "-m", "geo", "ingest", str(corpus), "--db", url, *extra], cwd=root,
                              capture_output=True, text=True, timeout=300)
        outs.append((done.returncode, done.stdout, done.stderr))
        assert done.stdout.startswith("24 new, 1 already stored, 1 failed"), done.stderr
    assert outs[0] == outs[1]


def test_an_unreachable_scheduler_is_a_clear_error(corpus, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT_S", 1)
    with open_store(f"sqlite:///{tmp_path / 's.sqlite'}") as store:
        with pytest.raises(parallel.SchedulerError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
            list(iter_ingest_parallel(store, [corpus], scheduler="tcp://127.0.0.1:9"))
        assert store.counts()["articles"] == 0


def test_chunks_ready_together_are_written_in_one_transaction(corpus, tmp_path, monkeypatch):
    backend = _SlowBackend()  # finishes chunks in bursts of three
    with open_store(f"sqlite:///{tmp_path / 's.sqlite'}") as store:
        writes = []
        add_many = store.add_many
        monkeypatch.setattr(store, "add_many", lambda items, version: writes.append(len(items)) or add_many(items, version))
        names = [r.name for r in parallel._run(store, [corpus], _BlockingBackend(backend), None, failing_on_tass, 1)]
        assert store.counts()["articles"] == sum(writes) == 24
    assert names == sorted(str(f) for f in corpus.rglob("*") if f.suffix in (".md", ".txt"))
    assert max(writes) > 1 and len(writes) < sum(writes)


def test_the_pool_starts_every_worker_before_the_first_chunk():
    """The fork server and the workers boot while the writer reads the first files."""
    pool = parallel._Pool(2)
    try:
        assert len(pool._ex._processes) == 2  # the executor's own record of its started processes
    finally:
        pool.close()


def test_workers_fork_with_the_knowledge_the_fork_server_built():
    pool = parallel._Pool(2)
    try:
        built_by, worker = pool.submit(_built_where).result(timeout=120)
        assert built_by != worker and built_by != os.getpid()  # neither the worker nor this process built it
    finally:
        pool.close()


def _built_where() -> tuple[int, int]:
    return parallel.build_knowledge(), os.getpid()
