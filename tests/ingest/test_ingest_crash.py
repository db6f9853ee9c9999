"""A large ingest killed with SIGKILL leaves a consistent store; re-running completes it.

Also a script (``python tests/test_ingest_crash.py ingest|read ...``) that the
crash and concurrency tests start as real processes: it ingests with an
extractor that gives every article a known number of rows, so that a
half-written article would show.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from geo.models import Claim, Extraction, Incident, Place
from geo.store import open_store
from geo.store import schema as t

ROOT = Path(__file__).resolve().parents[2]


def expected_rows(article_id: str) -> dict[str, int]:
    k = int(article_id[:4], 16)
    n_places, n_claims, n_incidents = 1 + k % 5, 1 + k % 3, 1 + k % 4
    return {"places": n_places, "claims": n_claims, "incidents": n_incidents,
            "claim_places": n_claims * n_places, "incident_places": n_incidents * n_places}


def rich_extractor(article) -> Extraction:
    """Deterministic rows: how many depends on the article id only."""
    n = expected_rows(article.id)
    names = [f"P{i}" for i in range(n["places"])]
    places = [Place(f"p{i}", i, i + 1, name, "AM", 40.0 + i / 10, 45.0, "town", "incident")
              for i, name in enumerate(names)]
    claims = [Claim("killed", i, i, "exact", "armenia", "incident", "reuters", None, "q", 0, 1, names)
              for i in range(n["claims"])]
    incidents = [Incident(f"i{i}", "shelling", "2022-09-13", "day", names, "reuters", "q", 0, 1)
                 for i in range(n["incidents"])]
    return Extraction(article, places, claims, incidents)


def write_articles(folder: Path, numbers) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        (folder / f"art{n:05d}.txt").write_text(
            f"---\ntitle: Articolo {n}\n---\nNotizia {n}: " + "scontri al confine, feriti e morti. " * 20 + "\n")


def start_script(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, __file__, *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def check_consistent(url: str) -> int:
    """Every stored article has exactly its rows; returns how many articles are stored."""
    with open_store(url) as store:
        with store.engine.connect() as conn:
            if store.dialect == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            ids = dict(conn.execute(select(t.articles.c.article_key, t.articles.c.id)).all())
            for table in t.ARTICLE_CHILDREN:
                per_article = dict(conn.execute(
                    select(table.c.article_key, func.count()).group_by(table.c.article_key)).all())
                assert set(per_article) <= set(ids), f"orphan {table.name} rows"
                for key, aid in ids.items():
                    assert per_article.get(key, 0) == expected_rows(aid)[table.name], (aid, table.name)
    return len(ids)


@pytest.mark.parametrize("how", ["script", "cli"])
def test_sigkill_mid_ingest_then_rerun(tmp_path, db_url, how):
    total = 600
    folder = tmp_path / "in"
    write_articles(folder, range(total))
    cmd = ("ingest", db_url, str(folder))
    if how == "cli":
        proc = subprocess.Popen([sys.executable, "-m", "geo", "ingest", str(folder), "--db", db_url], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    else:
        proc = start_script(*cmd)
    with open_store(db_url) as store:
        deadline = time.monotonic() + 120
        while store.counts()["articles"] < 50:
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
            assert time.monotonic() < deadline
            time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    if how == "script":
        stored = check_consistent(db_url)
    else:
        with open_store(db_url) as store:
            stored = store.counts()["articles"]
    assert 50 <= stored < total, "the kill must come mid-way"

    if how == "cli":
        rerun = subprocess.run([sys.executable, "-m", "geo", "ingest", str(folder), "--db", db_url], cwd=ROOT,
                               capture_output=True, text=True, timeout=300)
        summary = f"{total - stored} new, {stored} already stored, 0 failed"
    else:
        rerun = start_script(*cmd)
        rerun.stdout, rerun.stderr = rerun.communicate(timeout=300)
        summary = f"new={total - stored} exists={stored} failed=0"
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.splitlines()[0] == summary
    with open_store(db_url) as store:
        assert store.counts()["articles"] == total
        assert len({a.article.id for a in store.articles()}) == total
    if how == "script":
        assert check_consistent(db_url) == total


def _main(argv: list[str]) -> int:
    """``ingest URL PATH...`` with the rich extractor; ``read URL STOPFILE``: read until STOPFILE exists."""
    from geo.ingest.batch import iter_ingest

    mode, url, *rest = argv
    with open_store(url) as store:
        if mode == "ingest":
            results = list(iter_ingest(store, rest, extractor=rich_extractor))
            print(" ".join(f"{s}={sum(r.status == s for r in results)}" for s in ("new", "exists", "failed")))
            return 0
        reads = 0
        while not Path(rest[0]).exists() or reads < 3:
            for ex in store.extractions():  # never a half-written article
                n = expected_rows(ex.article.id)
                assert (len(ex.places), len(ex.claims), len(ex.incidents)) == \
                    (n["places"], n["claims"], n["incidents"])
            store.incident_places_frame()
            store.claims_frame()
            reads += 1
        print(f"reads={reads}")
        return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
