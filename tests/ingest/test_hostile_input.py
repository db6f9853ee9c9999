"""Hostile and broken input: no file, field or byte stops an ingest or grows without bound.

Each test reproduces a way one file used to crash a run, blow up memory or be read from outside the
folder given; every one now gives that file its own error line and the others are stored.
"""
from __future__ import annotations

import codecs
import os
import time
import tracemalloc
from pathlib import Path

import pytest

from geo.ingest.articles import (
    ArticleError,
    Unusable,
    article_from_bytes,
    decode,
    iter_article_paths,
    read_article,
)
from geo.ingest.batch import IngestResult, ingest_bytes, iter_ingest, store_chunk
from geo.ingest import articles, batch
from geo.models import Article
from geo.store import open_store

BODY = "Tre soldati sono stati uccisi a Goris, ha detto il ministero.\n"


def alias_bomb(levels: int) -> bytes:
    """Nested YAML anchors: 9 ** levels strings once expanded (474 bytes at 7 levels)."""
    names = "abcdefghij"
    lines = [f"{names[0]}: &{names[0]} [x,x,x,x,x,x,x,x,x]"]
    for i in range(1, levels):
        refs = ",".join(f"*{names[i - 1]}" for _ in range(9))
        lines.append(f"{names[i]}: &{names[i]} [{refs}]")
    lines.append(f"title: [{','.join(f'*{names[levels - 1]}' for _ in range(9))}]")
    return ("---\n" + "\n".join(lines) + "\n---\n" + BODY).encode()


def test_alias_bomb_is_refused_before_it_expands():
    data = alias_bomb(8)  # expanded: 43 million strings, tens of GB once stringified
    tracemalloc.start()
    started = time.process_time()
    with pytest.raises(ArticleError, match="aliases"):
        article_from_bytes(data, "bomb.md")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 5_000_000 and time.process_time() - started < 1


@pytest.mark.parametrize("front, field, words", [
    ("title: [a, b]", "title", "must be text"),
    ("outlet: {name: x}", "outlet", "must be text"),
    ("title: " + "t" * 501, "title", "the limit is 500"),
    ('title: "evil\\0title"', "title", "control characters"),
    ('url: "http://x/\\x1b[31m"', "url", "control characters"),
    ("published: 2022-02-30", "published", "no such date"),
    ("published: 2022-13", "published", "no such date"),
    ("title: 1" + "0" * 5000, "broken front matter", "ValueError"),  # Python refuses to read the number
])
def test_a_field_of_the_wrong_type_is_an_error_naming_it(front, field, words):
    with pytest.raises(ArticleError, match="broken front matter") as e:
        article_from_bytes(f"---\n{front}\n---\n{BODY}".encode(), "f.md")
    assert field in str(e.value) and words in str(e.value)


def test_fields_of_the_right_type_are_text():
    a = article_from_bytes(b"---\ntitle: 2022\npublished: 2024-02-29\nlanguage: it\n---\n" + BODY.encode(), "a.md")
    assert (a.title, a.published, a.published_precision) == ("2022", "2024-02-29", "day")


def test_deep_nesting_is_a_front_matter_error():
    with pytest.raises(ArticleError, match="broken front matter"):
        article_from_bytes(("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n" + BODY).encode(), "n.md")


def test_impossible_date_in_a_folder_of_many_fails_alone(tmp_path, db_url):
    for i in range(70):
        date = "2022-02-30" if i == 35 else "2022-02-28"
        (tmp_path / f"a{i:03}.md").write_text(f"---\npublished: {date}\nlanguage: it\n---\nNotizia {i}. {BODY}")
    with open_store(db_url) as store:
        results = list(iter_ingest(store, [tmp_path], extractor=_no_extraction))
        assert store.counts()["articles"] == 69
    failed = [r for r in results if r.status == "failed"]
    assert [Path(r.name).name for r in failed] == ["a035.md"] and "no such date" in failed[0].error
    assert sum(r.status == "new" for r in results) == 69


@pytest.mark.parametrize("metadata, reason", [
    (b"a.md:\n  published: 2022-02-30\n", "no such date"),
    (b"- a list\n- not a mapping\n", "expected 'file name: fields'"),
    ("a.md:\n  title: Caff\xe8\n".encode("latin-1"), "not UTF-8"),
    (b"a.md: &x {title: t}\nb.md: *x\n", "aliases"),
])
def test_bad_metadata_file_is_each_files_error(tmp_path, metadata, reason):
    (tmp_path / "_metadata.yaml").write_bytes(metadata)
    (tmp_path / "a.md").write_text(BODY)
    with pytest.raises(ArticleError, match=reason):
        read_article(tmp_path / "a.md")


def test_a_folders_metadata_is_parsed_once_for_all_its_articles_and_again_when_it_changes(tmp_path, monkeypatch):
    parsed = []
    real = articles.load_yaml
    monkeypatch.setattr(articles, "load_yaml", lambda text, what: parsed.append(1) or real(text, what))
    meta = tmp_path / "_metadata.yaml"
    meta.write_text("".join(f"a{i}.md:\n  title: Titolo {i}\n" for i in range(40)))
    for i in range(40):
        (tmp_path / f"a{i}.md").write_text(f"Notizia {i}. " + BODY)
    assert [read_article(tmp_path / f"a{i}.md").title for i in range(40)] == [f"Titolo {i}" for i in range(40)]
    assert len(parsed) == 1
    meta.write_text("a1.md:\n  title: Corretto\n")  # another size: another version of the file
    assert read_article(tmp_path / "a1.md").title == "Corretto" and len(parsed) == 2
    meta.unlink()
    assert read_article(tmp_path / "a1.md").title is None


def test_a_broken_metadata_file_is_parsed_once_and_fails_each_of_its_articles(tmp_path, monkeypatch):
    parsed = []
    real = articles.load_yaml
    monkeypatch.setattr(articles, "load_yaml", lambda text, what: parsed.append(1) or real(text, what))
    (tmp_path / "_metadata.yaml").write_text("- a list\n- not a mapping\n")
    for i in range(5):
        (tmp_path / f"a{i}.md").write_text(f"Notizia {i}. " + BODY)
        with pytest.raises(ArticleError, match="expected 'file name: fields'"):
            read_article(tmp_path / f"a{i}.md")
    assert len(parsed) == 1


def test_an_oversized_metadata_file_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(articles, "METADATA_MAX_BYTES", 100)
    (tmp_path / "_metadata.yaml").write_text("a.md:\n  title: " + "x" * 200 + "\n")
    (tmp_path / "a.md").write_text(BODY)
    with pytest.raises(ArticleError, match="_metadata.yaml: 2.. bytes, the limit is 100"):
        read_article(tmp_path / "a.md")


def test_bad_metadata_entry_fails_only_its_file(tmp_path):
    (tmp_path / "_metadata.yaml").write_text("a.md:\n  published: 2022-02-30\nb.md:\n  title: Buono\n")
    (tmp_path / "a.md").write_text(BODY)
    (tmp_path / "b.md").write_text("Altro. " + BODY)
    assert read_article(tmp_path / "b.md").title == "Buono"


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF16_LE + ("Testo con NUL\x00 dentro. " + BODY).encode("utf-16-le"),
    b"---\ntitle: \"evil\\0title\"\n---\n" + BODY.encode(),
])
def test_nul_characters_never_reach_the_store(data):
    with pytest.raises(ArticleError):
        article_from_bytes(data, "nul.txt")


def test_control_characters_are_counted_in_the_whole_text():
    clean = ("Parole di un articolo lungo. " * 5000).encode()  # 145,000 characters
    with pytest.raises(ArticleError, match="control characters"):
        decode(clean + b"\x01\x02\x03\x04" * 1000)


def test_an_article_the_database_refuses_fails_alone_and_quotes_no_text(db_url):
    secret_words = "SECRET-BODY-WORDS"
    good = [Article(id=f"g{i}", body=f"{secret_words} {i}") for i in range(3)]
    bad = Article(id="bad", body=f"{secret_words} \x00 NUL")  # what no reader lets through; PostgreSQL refuses it
    slots = [good[0], bad, good[1], good[2]]
    with open_store(db_url) as store:
        results = store_chunk(store, slots, [(a, "ok", None) for a in slots], "1")
        stored = store.counts()["articles"]
    if store.dialect == "postgresql":
        assert [r.status for r in results] == ["new", "failed", "new", "new"] and stored == 3
        assert "cannot store" in results[1].error and secret_words not in results[1].error
    else:  # SQLite stores NUL
        assert [r.status for r in results] == ["new"] * 4


def test_an_unexpected_reading_fault_is_that_files_error(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(BODY)
    monkeypatch.setattr(batch, "read_article", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    with open_store(f"sqlite:///{tmp_path / 's.sqlite'}") as store:
        (result,) = batch.read_chunk(store, [tmp_path / "a.md"])
    assert result.status == "failed" and result.error == "cannot read: RuntimeError"


def test_an_editors_three_uploads_store_the_good_ones(db_url):
    uploads = [("a.md", b"Uno. " + BODY.encode()), ("b.md", b"---\npublished: 2022-02-30\n---\n" + BODY.encode()),
               ("c.md", b"Tre. " + BODY.encode())]
    with open_store(db_url) as store:
        results = [ingest_bytes(store, name, data, extractor=_no_extraction) for name, data in uploads]
        assert store.counts()["articles"] == 2
    assert [r.status for r in results] == ["new", "failed", "new"] and "no such date" in results[1].error


def test_links_out_of_the_folder_broken_or_looping_are_reported_not_read(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.md").write_text(BODY)
    outside = tmp_path / "passwd.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (root / "passwd.txt").symlink_to(outside)
    (root / "inside.md").symlink_to(root / "a.md")
    (root / "dangling.md").symlink_to(root / "gone.md")
    (root / "loop.md").symlink_to(root / "loop.md")
    (root / "sub" / "up").symlink_to(root)  # a loop of folders
    found = {p.name: p for p in iter_article_paths([root])}  # an Unusable has a name too, like a Path
    assert isinstance(found["a.md"], Path) and isinstance(found["inside.md"], Path)
    reasons = {name: p.reason for name, p in found.items() if isinstance(p, Unusable)}
    assert reasons == {"passwd.txt": "link out of the folder: not read", "dangling.md": "broken link",
                       "loop.md": "link loop", "up": "link to a folder: not followed"}
    with pytest.raises(ArticleError, match="out of the folder"):
        read_article(found["passwd.txt"])


def test_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "locked").mkdir()
    (tmp_path / "ok" / "a.md").write_text(BODY)
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)  # the tests run as root, whom chmod does not stop
    found = list(iter_article_paths([tmp_path]))
    assert [Path(str(p)).name for p in found] == ["locked", "a.md"]
    assert found[0].reason == "cannot read folder: Permission denied"


def test_error_lines_escape_terminal_codes_in_names():
    line = IngestResult("evil\x1b]0;pwned\x07\x1b[2J.md", "failed", error="empty file").line
    assert "\x1b" not in line and "\x07" not in line and line.startswith("evil\\x1b]0;pwned\\x07")


def _no_extraction(article):
    from geo.models import Extraction

    return Extraction(article=article)
