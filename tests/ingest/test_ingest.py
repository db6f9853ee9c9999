"""`python -m geo ingest` and the ingestion API: idempotence and bad input."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from geo.ingest import batch as ingest

from geo.extract import pipeline
from geo.ingest.batch import ingest_bytes, iter_ingest, reextract
from geo.models import Extraction, Place
from geo.config import SAMPLE_DIR
from geo.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def run_ingest(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", "ingest", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=env)


def article_text(n: int) -> str:
    return f"---\ntitle: Articolo {n}\nlanguage: it\npublished: 2022-09-13\n---\nNotizia numero {n}: scontri al confine, {n} morti.\n"


def write_bad_folder(folder: Path) -> dict[str, str]:
    """One file of each kind of bad input; returns name → the reason expected on stderr."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "huge.txt").write_bytes(b"parole " * 400_000)  # 2.8 MB, over the default limit
    (folder / "front.md").write_text("---\ntitle: [unclosed\n---\nTesto.\n")
    (folder / "nothing.html").write_text("<html><body><script>x()</script></body></html>")
    return {"empty.txt": "empty file", "binary.txt": "binary file", "huge.txt": "file too large",
            "front.md": "broken front matter", "nothing.html": "HTML page with no main text"}


def test_bad_input_is_reported_and_the_rest_stored(tmp_path, db_url):
    folder = tmp_path / "in"
    expected = write_bad_folder(folder)
    (folder / "good.txt").write_text(article_text(1))
    (folder / "latin1.txt").write_bytes("Più di 49 morti già martedì a Jermuk, è la più grave.".encode("latin-1"))
    (folder / "cp1252.txt").write_bytes("“Almeno 3 morti” — dice l’agenzia, 5 € al giorno.".encode("cp1252"))
    (folder / "page.htm").write_text("<!doctype html><html><body><nav>Menu</nav><p>Almeno 7 morti negli "
                                     "scontri di ieri sera al confine tra i due paesi, secondo fonti locali."
                                     "</p></body></html>")
    missing = tmp_path / "missing.txt"
    result = run_ingest(str(folder), str(missing), "--db", db_url)
    assert result.returncode == 1
    # Failures only: stored files the language detector cannot place are reported as "not extracted".
    lines = [line for line in result.stderr.strip().splitlines() if ": not extracted: " not in line]
    assert len(lines) == len(expected) + 1
    for name, reason in expected.items():
        assert any(line.startswith(f"{folder / name}: {reason}") for line in lines), (name, lines)
    assert f"{missing}: no such file or folder" in lines
    assert result.stdout.strip().startswith("4 new, 0 already stored, 6 failed")

    with open_store(db_url) as store:
        bodies = {Path(r.article.path).name: store.article(r.article.id).article.body for r in store.articles()}
    assert bodies["latin1.txt"] == "Più di 49 morti già martedì a Jermuk, è la più grave."
    assert bodies["cp1252.txt"] == "“Almeno 3 morti” — dice l’agenzia, 5 € al giorno."
    assert "Almeno 7 morti" in bodies["page.htm"] and "<" not in bodies["page.htm"]

    again = run_ingest(str(folder), "--db", db_url)
    assert again.stdout.strip().startswith("0 new, 4 already stored, 5 failed")


def test_size_limit_is_configurable(tmp_path, db_url):
    (tmp_path / "a.txt").write_text(article_text(1))
    size = (tmp_path / "a.txt").stat().st_size
    refused = run_ingest(str(tmp_path), "--db", db_url, "--max-bytes", str(size - 1))
    assert refused.returncode == 1 and "file too large" in refused.stderr
    accepted = run_ingest(str(tmp_path), "--db", db_url, "--max-bytes", str(size))
    assert accepted.returncode == 0 and accepted.stdout.splitlines()[0] == "1 new, 0 already stored, 0 failed"


def test_ingest_groups_the_events_and_keeps_them_for_the_dashboard(tmp_path, db_url, monkeypatch):
    import geo.present.dataset as dataset_module
    from geo.present.dataset import Dataset

    result = run_ingest(str(SAMPLE_DIR), "--db", db_url)
    n = int(result.stdout.splitlines()[1].split()[0])
    assert n > 1 and result.stdout.splitlines()[1] == f"{n} events, grouped and kept in the store"
    monkeypatch.setattr(dataset_module, "event_index", lambda *a: pytest.fail("the dashboard grouped again"))
    with open_store(db_url) as store:
        assert len(Dataset.from_store(store).events.table) == n
    assert len(run_ingest(str(SAMPLE_DIR), "--db", db_url).stdout.splitlines()) == 1  # nothing new: nothing to group


def test_thousand_files_ten_bad(tmp_path, db_url):
    folder = tmp_path / "many"
    folder.mkdir()
    bad = {f"bad{i:02d}.txt" for i in range(10)}
    for i in range(1000):
        name = f"bad{i // 100:02d}.txt" if i % 100 == 0 else f"art{i:04d}.txt"
        data = b"\x00\x01binary" if name in bad else article_text(i).encode()
        (folder / name).write_bytes(data)
    result = run_ingest(str(folder), "--db", db_url)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "990 new, 0 already stored, 10 failed"
    assert {Path(line.split(":")[0]).name for line in result.stderr.splitlines()} == bad
    with open_store(db_url) as store:
        assert store.counts()["articles"] == 990
    again = run_ingest(str(folder), "--db", db_url)
    assert again.stdout.strip() == "0 new, 990 already stored, 10 failed"


def test_same_text_in_two_files_is_stored_once(tmp_path, db_url):
    (tmp_path / "a.txt").write_text(article_text(1))
    (tmp_path / "b.txt").write_text(article_text(1).replace("\n", "\r\n"))
    with open_store(db_url) as store:
        results = list(iter_ingest(store, [tmp_path]))
        assert [r.status for r in results] == ["new", "exists"]
        assert results[0].article_id == results[1].article_id


def unsupported_for_xx(article):
    if article.language == "xx":
        raise pipeline.UnsupportedLanguage(f"language {article.language!r} has no data files")
    place = Place("Jermuk", 0, 7, "Jermuk", "AM", 39.8, 45.6, "town", "incident")
    return Extraction(article=article, places=[place])


def failing(article):
    raise RuntimeError("boom")


def test_ingest_bytes_for_uploads(db_url):
    with open_store(db_url) as store:
        ok = ingest_bytes(store, "up.txt", article_text(1).encode(), extractor=unsupported_for_xx)
        assert (ok.status, ok.article_status, ok.error) == ("new", "ok", None)
        assert store.extractions()[0].places[0].name == "Jermuk"
        assert ingest_bytes(store, "up2.txt", article_text(1).encode()).status == "exists"
        bad = ingest_bytes(store, "up.bin", b"\x00\x00")
        assert (bad.status, bad.article_id, bad.line) == ("failed", None, "up.bin: binary file (NUL bytes), not text")
        xx = ingest_bytes(store, "xx.md", b"---\nlanguage: xx\n---\nTesto in una lingua ignota.\n",
                          extractor=unsupported_for_xx)
        assert (xx.status, xx.article_status) == ("new", "skipped")
        assert "language 'xx' has no data files" in xx.error
        rec = store.article(xx.article_id)
        assert rec.status == "skipped" and "xx" in rec.status_reason
        boom = ingest_bytes(store, "boom.txt", article_text(2).encode(), extractor=failing)
        assert (boom.status, boom.article_status, boom.error) == ("new", "error", "extraction failed: RuntimeError: boom")
        assert store.counts()["articles"] == 3


def test_reextract_redoes_old_versions_and_failures(db_url, monkeypatch):
    with open_store(db_url) as store:
        ingest_bytes(store, "a.txt", article_text(1).encode(), extractor=unsupported_for_xx)
        failed = ingest_bytes(store, "b.txt", article_text(2).encode(), extractor=failing)
        assert [r.article_id for r in reextract(store, extractor=unsupported_for_xx)] == [failed.article_id]
        assert store.counts()["articles_error"] == 0
        assert list(reextract(store, extractor=unsupported_for_xx)) == []
        monkeypatch.setattr(ingest, "EXTRACTOR_VERSION", "next")
        assert len(list(reextract(store, extractor=unsupported_for_xx))) == 2


def test_cli_reextract_and_usage_errors(tmp_path, db_url):
    (tmp_path / "a.txt").write_text(article_text(1))
    run_ingest(str(tmp_path), "--db", db_url)
    result = run_ingest("--reextract", "--all", "--db", db_url)
    assert result.returncode == 0 and result.stdout.splitlines()[0] == "0 new, 0 already stored, 0 failed, 1 extracted again"
    assert run_ingest("--db", db_url).returncode == 2
    bad_db = run_ingest(str(tmp_path), "--db", "mysql://x@y/z")
    assert bad_db.returncode == 2 and "unsupported database" in bad_db.stderr


def test_unsupported_language_is_stored_skipped_through_the_pipeline(tmp_path, db_url):
    (tmp_path / "xx.md").write_text("---\nlanguage: xx\n---\nUn testo in una lingua senza dati.\n")
    result = run_ingest(str(tmp_path), "--db", db_url)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "1 new, 0 already stored, 0 failed (1 stored without extraction)"
    assert result.stderr.startswith(f"{tmp_path / 'xx.md'}: not extracted:") and "'xx'" in result.stderr
    with open_store(db_url) as store:
        [rec] = store.articles()
        assert rec.status == "skipped" and "'xx'" in rec.status_reason
        assert store.counts()["places"] == 0
