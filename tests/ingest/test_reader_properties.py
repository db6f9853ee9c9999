"""Property-based tests of the reader: any bytes and any front matter give an article or a per-file
error (ArticleError), never another exception, in a time proportional to their size."""
from __future__ import annotations

import time

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.ingest.articles import FRONT_MATTER_KEYS, ArticleError, article_from_bytes
from geo.models import Article

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BODY = "Tre soldati sono stati uccisi a Goris, ha detto il ministero.\n"


def read(data: bytes, name: str = "f.md") -> Article | ArticleError:
    started = time.process_time()
    try:
        result = article_from_bytes(data, name)
    except ArticleError as e:
        result = e
    assert time.process_time() - started < 0.5 + len(data) * 5e-5  # 50 µs a byte, whatever the bytes
    return result


def check(result):
    if isinstance(result, Article):
        assert result.body.strip() and "\x00" not in result.body
        for key in ("title", "url", "outlet", "language", "published"):
            value = getattr(result, key)
            assert value is None or (isinstance(value, str) and "\x00" not in value)
    else:
        assert str(result)  # says why


@SETTINGS
@given(st.binary(max_size=20_000), st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_any_bytes(data, name):
    check(read(data, name))


@SETTINGS
@given(st.text(max_size=5_000))
def test_any_text_in_any_encoding(text):
    for encoding in ("utf-8", "utf-16", "cp1252"):
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        check(read(data))


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=600) | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@SETTINGS
@given(st.dictionaries(st.sampled_from(FRONT_MATTER_KEYS) | st.text(max_size=10), values, max_size=7))
def test_any_front_matter(fields):
    front = yaml.safe_dump(fields, allow_unicode=True)
    check(read(f"---\n{front}---\n{BODY}".encode("utf-8", "surrogatepass")))


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("&*[]{}:,-!|>'\"#%@`? \n\t\\0aZ9")), max_size=400))
def test_any_front_matter_text(front):
    check(read(f"---\n{front}\n---\n{BODY}".encode()))
