"""Reading articles: front matter, the body, its id and its publication date.

Pure functions over text, plus ``read_article`` / ``iter_article_paths`` at the
file edge. A folder may hold ``_metadata.yaml`` mapping file names to front
matter fields, for articles that must be kept byte-for-byte as received (the
built-in sample); the file's own front matter wins over it.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from .models import Article

ARTICLE_SUFFIXES = (".txt", ".md")
METADATA_FILE = "_metadata.yaml"
FRONT_MATTER_KEYS = ("title", "url", "outlet", "language", "published")

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
# " date 2020-10 Il presidente ..." : a dateline some scrapers put first.
_DATE_LINE = re.compile(r"\A\s*date[:\s]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*")
_DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class ArticleError(ValueError):
    """An article that cannot be read; the message says why."""


@dataclass
class ParsedText:
    meta: dict[str, Any]
    body: str


def parse_front_matter(text: str) -> ParsedText:
    """Split a YAML front matter block off the text; validate its fields."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return ParsedText({}, text.lstrip("\ufeff"))
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise ArticleError(f"broken front matter{where}: {getattr(e, 'problem', e)}") from None
    if not isinstance(meta, dict):
        raise ArticleError("broken front matter: expected 'key: value' lines")
    meta = {k: v for k, v in meta.items() if k in FRONT_MATTER_KEYS and v is not None}
    for key in ("title", "url", "outlet", "language"):
        if key in meta:
            meta[key] = str(meta[key]).strip()
    if "published" in meta:
        meta["published"] = normalise_date_value(meta["published"])
    return ParsedText(meta, text[m.end():])


def normalise_date_value(value: Any) -> str:
    """YAML reads 2022-09-13 as a date and 2022 as an int: give back the ISO text."""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
    if not _DATE_VALUE.match(text):
        raise ArticleError(f"broken front matter: published {text!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    return text


def date_precision(iso: str | None) -> str | None:
    if not iso:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(iso))


def dateline(body: str) -> str | None:
    """The date of a leading ' date 2020-10 ...' line, if the body opens with one."""
    m = _DATE_LINE.match(body)
    return m.group(1) if m else None


def article_id(body: str) -> str:
    """Content hash of the normalised body: the same text gives the same id."""
    norm = unicodedata.normalize("NFC", body).replace("\r\n", "\n")
    norm = re.sub(r"[ \t]+", " ", norm).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def build_article(text: str, path: str | None = None, defaults: dict[str, Any] | None = None) -> Article:
    """Make an Article from raw text; front matter wins over ``defaults``."""
    parsed = parse_front_matter(text)
    meta = dict(defaults or {})
    meta.update(parsed.meta)
    body = parsed.body
    if not body.strip():
        raise ArticleError("empty article: no text after the front matter" if parsed.meta else "empty file")
    published = meta.get("published") or dateline(body)
    return Article(
        id=article_id(body),
        body=body,
        path=path,
        title=meta.get("title"),
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        language=meta.get("language"),
        published=published,
        published_precision=date_precision(published),
    )


def folder_metadata(folder: Path) -> dict[str, dict[str, Any]]:
    """Per-file defaults from a folder's _metadata.yaml (empty when absent)."""
    f = folder / METADATA_FILE
    if not f.is_file():
        return {}
    try:
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise ArticleError(f"{f}: broken metadata file: {e}") from None
    out = {}
    for name, meta in data.items():
        if isinstance(meta, dict):
            meta = {k: v for k, v in meta.items() if k in FRONT_MATTER_KEYS}
            if "published" in meta:
                meta["published"] = normalise_date_value(meta["published"])
            out[str(name)] = meta
    return out


def iter_article_paths(paths: list[str | Path]) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted) into article paths, in input order.

    A path that does not exist is yielded as is, so that reading it reports the error.
    """
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(
                (f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES),
                key=lambda f: str(f),
            )
        else:
            yield p


def decode(data: bytes) -> str:
    """UTF-8 text, else a clear error (other encodings are the ingestion layer's job)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ArticleError(f"not UTF-8 text (byte {e.start})") from None


def read_article(path: Path) -> Article:
    """Read one article file; raises ArticleError with the reason."""
    if not path.exists():
        raise ArticleError("no such file or folder")
    if not path.is_file():
        raise ArticleError("not a regular file")
    text = decode(path.read_bytes())
    defaults = folder_metadata(path.parent).get(path.name)
    return build_article(text, path=str(path), defaults=defaults)
