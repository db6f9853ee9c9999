"""Two ingests at once on overlapping files, with a reader reading all along."""
from __future__ import annotations

from geo.store import open_store
from test_ingest_crash import check_consistent, start_script, write_articles


def test_two_ingests_and_a_reader(tmp_path, db_url):
    # Overlapping content in different files: 0-299 and 150-449 (150 articles in both).
    write_articles(tmp_path / "a", range(0, 300))
    write_articles(tmp_path / "b", range(150, 450))
    open_store(db_url).close()  # the schema exists before the reader starts
    stop = tmp_path / "stop"
    reader = start_script("read", db_url, str(stop))
    writers = [start_script("ingest", db_url, str(tmp_path / d)) for d in ("a", "b")]
    outs = [w.communicate(timeout=300) for w in writers]
    stop.touch()
    reader_out = reader.communicate(timeout=300)

    for w, (out, err) in zip(writers, outs):
        assert w.returncode == 0, err
        assert out.strip().endswith("failed=0")
    news = [int(out.split()[0].split("=")[1]) for out, _ in outs]
    assert sum(news) == 450  # each article stored by exactly one of the two
    assert reader.returncode == 0, reader_out[1]
    assert int(reader_out[0].split("=")[1]) >= 3
    assert check_consistent(db_url) == 450
