"""Reading articles from bytes: encodings, binary, size, HTML, front matter."""
from __future__ import annotations

import codecs

import pytest

from geo.ingest.articles import (
    ArticleError,
    article_from_bytes,
    article_id,
    build_article,
    decode,
    iter_article_paths,
    read_article,
)

ITALIAN = "Almeno 49 soldati armeni sono morti martedì; più di una dozzina di feriti, già all'alba."
FRENCH = "« Les forces arméniennes ont été visées à Jermuk » — selon le ministère, l'œuvre coûte 5 €."
RUSSIAN = "Погибли 49 армянских военнослужащих, сообщает ТАСС."


@pytest.mark.parametrize(
    "text, encoding",
    [(ITALIAN, "utf-8"), (ITALIAN, "latin-1"), (FRENCH, "cp1252"), (RUSSIAN, "cp1251"), (FRENCH, "utf-16")],
)
def test_decode_reads_the_text_back(text, encoding):
    assert decode(text.encode(encoding)).lstrip("\ufeff") == text


def test_decode_refuses_nul_bytes():
    with pytest.raises(ArticleError, match="binary file"):
        decode(b"PK\x03\x04\x00\x00 some zip")


def test_decode_refuses_control_characters():
    with pytest.raises(ArticleError, match="binary file"):
        decode(bytes(range(1, 32)) * 20 + b"text")


def test_utf16_bom_is_not_taken_for_binary():
    data = codecs.BOM_UTF16_LE + ITALIAN.encode("utf-16-le")
    assert article_from_bytes(data, "a.txt").body.lstrip("\ufeff") == ITALIAN


def test_latin1_and_utf8_copies_are_the_same_article():
    a = article_from_bytes(ITALIAN.encode("latin-1"), "a.txt")
    b = article_from_bytes(ITALIAN.encode("utf-8"), "b.txt")
    assert a.id == b.id and a.body == ITALIAN


def test_size_limit_argument_and_environment(monkeypatch, tmp_path):
    data = ("x" * 100 + "\n").encode() * 30  # 3,030 bytes
    with pytest.raises(ArticleError, match="file too large: 3,030 bytes, the limit is 3,000"):
        article_from_bytes(data, "big.txt", max_bytes=3000)
    monkeypatch.setenv("GEODASH_MAX_ARTICLE_BYTES", "1000")
    f = tmp_path / "big.txt"
    f.write_bytes(data)
    with pytest.raises(ArticleError, match="limit is 1,000"):
        read_article(f)
    assert read_article(f, max_bytes=4000).body.startswith("xxx")


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_empty_file(data):
    with pytest.raises(ArticleError, match="empty file"):
        article_from_bytes(data, "e.txt")


def test_front_matter_without_body():
    with pytest.raises(ArticleError, match="empty article"):
        article_from_bytes(b"---\ntitle: T\n---\n\n", "e.md")


def test_broken_front_matter_names_the_line():
    with pytest.raises(ArticleError, match=r"broken front matter \(line 3\)"):
        article_from_bytes(b"---\ntitle: ok\nurl: [unclosed\n---\nBody text.\n", "b.md")


def test_bad_published_value():
    with pytest.raises(ArticleError, match="published"):
        article_from_bytes(b"---\npublished: yesterday\n---\nBody.\n", "b.md")


PAGE = """<!DOCTYPE html>
<html lang="it"><head><title>Scontri a Jermuk</title>
<meta property="og:site_name" content="Agenzia Esempio">
<meta property="article:published_time" content="2022-09-13"></head>
<body><nav>Home | Esteri | Sport</nav>
<article><h1>Scontri a Jermuk</h1>
<p>Almeno 49 soldati armeni sono morti martedì negli scontri al confine, ha detto il ministero.</p>
<p>Il governo di Baku ha parlato di provocazioni armene lungo la frontiera.</p></article>
<footer>Tutti i diritti riservati <script>alert("x")</script></footer></body></html>"""


@pytest.mark.parametrize("name", ["page.html", "page.txt"])  # by extension, and by content
def test_html_gives_its_main_text_and_metadata(name):
    a = article_from_bytes(PAGE.encode(), name)
    assert "Almeno 49 soldati armeni" in a.body and "provocazioni" in a.body
    assert "<" not in a.body and "alert" not in a.body and "Sport" not in a.body
    assert a.title == "Scontri a Jermuk"
    assert a.outlet == "Agenzia Esempio"
    assert (a.published, a.published_precision) == ("2022-09-13", "day")


def test_front_matter_wins_over_html_metadata():
    a = article_from_bytes(("---\ntitle: Mio titolo\n---\n" + PAGE).encode(), "page.md")
    assert a.title == "Mio titolo" and "Almeno 49" in a.body


def test_html_without_text():
    with pytest.raises(ArticleError, match="HTML page with no main text"):
        article_from_bytes(b"<html><body><script>x()</script></body></html>", "empty.html")


def test_plain_text_with_angle_brackets_is_not_html():
    text = "Il bilancio <provvisorio> parla di 3 morti.\n<p> non apre una pagina."
    assert build_article(text).body == text


def test_missing_path_and_folder(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="not a regular file"):
        read_article(tmp_path)


def test_folders_include_html_and_skip_other_files(tmp_path):
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.pdf", "_metadata.yaml"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in iter_article_paths([tmp_path])] == ["a.txt", "b.md", "c.html", "d.htm"]


def test_id_ignores_line_endings_and_spacing():
    assert article_id("Uno  due\r\ntre ") == article_id("Uno due\ntre")
    assert article_id("Uno due tre") != article_id("Uno due quattro")
