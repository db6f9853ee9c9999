"""Ingestion throughput: articles per second and peak memory, by corpus size and mode.

Modes: ``extract`` (geo.extract.pipeline.extract_article alone, one core: the
extractor's own speed), ``serial`` (geo.ingest.batch.iter_ingest: read, extract,
geocode, store), ``parallel`` (geo.ingest.parallel on --workers processes) and
``dask`` (geo.ingest.parallel on a local Dask cluster of --workers processes).
Each (N, mode) runs in a fresh process on a corpus written beforehand by
bench.corpus, into a fresh SQLite store, so that timings exclude generation
and peaks are per run: ``parent MiB`` is that process's ru_maxrss,
``workers MiB`` the largest worker's peak resident memory.

    python -m bench.ingest                      # N = 1,000 and 10,000
    python -m bench.ingest --n 200 --modes serial parallel
    python -m bench.ingest --n 1000 10000 100000
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .corpus import ALL_LANGUAGES, LANGUAGES, write_corpus

MODES = ("extract", "serial", "parallel", "dask")
ROOT = Path(__file__).resolve().parent.parent


class PeakSampler:
    """Samples the resident memory and CPU time of this process's descendants (pool and Dask workers)."""

    def __init__(self, interval: float = 0.1):
        import psutil

        self._me = psutil.Process()
        self.peak_child = 0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)

    def _run(self, interval: float) -> None:
        while not self._stop.wait(interval):
            for child in self._me.children(recursive=True):
                try:
                    self.peak_child = max(self.peak_child, child.memory_info().rss)
                    t = child.cpu_times()
                    self._cpu[child.pid] = t.user + t.system
                except Exception:  # the child exited meanwhile
                    pass

    @property
    def children_cpu(self) -> float:
        """CPU seconds of the descendants (as last sampled: a slight undercount)."""
        return sum(self._cpu.values())

    def __enter__(self) -> "PeakSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run_one(mode: str, corpus: Path, db: Path, workers: int) -> dict:
    """One measured run (in this process); returns the numbers."""
    from geo.ingest.articles import iter_article_paths, read_article

    count = 0
    with PeakSampler() as sampler:
        if mode == "extract":
            from geo.extract.pipeline import extract_article

            busy = cpu = 0.0
            for path in iter_article_paths([corpus]):
                article = read_article(path)
                t, c = time.perf_counter(), time.process_time()
                extract_article(article)
                busy, cpu = busy + time.perf_counter() - t, cpu + time.process_time() - c
                count += 1
            seconds = busy
        else:
            from geo.store import open_store

            t, c = time.perf_counter(), time.process_time()
            with open_store(f"sqlite:///{db}") as store:
                if mode == "serial":
                    from geo.ingest.batch import iter_ingest

                    results = iter_ingest(store, [corpus])
                    count = sum(r.status == "new" for r in results)
                elif mode == "parallel":
                    from geo.ingest.parallel import iter_ingest_parallel

                    count = sum(r.status == "new" for r in iter_ingest_parallel(store, [corpus], workers=workers))
                else:
                    count = _run_dask(store, corpus, workers)
                stored = store.counts()["articles"]
            seconds, cpu = time.perf_counter() - t, time.process_time() - c
            if stored != count:
                raise SystemExit(f"{mode}: {count} articles ingested but {stored} stored")
    return {"articles": count, "seconds": seconds, "cpu_ms": (cpu + sampler.children_cpu) / max(count, 1) * 1000,
            "parent_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "workers_mib": max(sampler.peak_child, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024) / 2**20}


def _run_dask(store, corpus: Path, workers: int) -> int:
    from distributed import Client, LocalCluster

    from geo.ingest.parallel import iter_ingest_parallel

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        return sum(r.status == "new" for r in iter_ingest_parallel(store, [corpus], scheduler=client))


def measure(mode: str, corpus: Path, workers: int) -> dict:
    """Run one mode in a fresh interpreter, so that its peak memory is its own."""
    with tempfile.TemporaryDirectory(prefix="bench-db-") as tmp:
        cmd = [sys.executable, "-m", "bench.ingest", "--one", mode, "--corpus", str(corpus),
               "--db", str(Path(tmp) / "bench.sqlite"), "--workers", str(workers)]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench.ingest {mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(rows: list[dict]) -> str:
    head = (f"{'N':>8} {'mode':<9} {'workers':>7} {'seconds':>9} {'articles/s':>11} {'CPU ms/article':>15} "
            f"{'parent MiB':>11} {'workers MiB':>12}")
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(f"{r['n']:>8,} {r['mode']:<9} {r['workers']:>7} {r['seconds']:>9.1f} {r['articles'] / r['seconds']:>11.1f} {r['cpu_ms']:>15.1f} "
                     f"{r['parent_mib']:>11.0f} {r['workers_mib'] if r['workers'] > 1 else 0:>12.0f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.ingest", description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default 1000 10000)")
    p.add_argument("--modes", nargs="+", choices=MODES, default=["extract", "serial", "parallel"])
    p.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)), help="processes for parallel and dask")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--languages", default=",".join(LANGUAGES),
                   help=f"the corpus's languages (default {','.join(LANGUAGES)}; all six: {','.join(ALL_LANGUAGES)})")
    p.add_argument("--one", choices=MODES, help=argparse.SUPPRESS)  # internal: one measured run
    p.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.corpus, args.db, args.workers)))
        return 0
    rows = []
    print(f"machine: {os.cpu_count()} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB", flush=True)
    for n in args.n:
        with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
            write_corpus(n, args.seed, Path(tmp), tuple(args.languages.split(",")))
            for mode in args.modes:
                workers = 1 if mode in ("extract", "serial") else args.workers
                rows.append({"n": n, "mode": mode, "workers": workers, **measure(mode, Path(tmp), workers)})
                print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)  # progress
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
