"""Reading articles: front matter, the body, its id and its publication date.

Pure functions over text and bytes, plus ``read_article`` / ``iter_article_paths``
at the file edge. Bytes become text by UTF-8, else by detection (charset-normalizer,
falling back to cp1252, the usual encoding of Western European newsrooms); HTML
pages give their main text (trafilatura, offline); binary, empty and oversized
files are refused with the reason. A folder may hold ``_metadata.yaml`` mapping file names to front
matter fields, for articles that must be kept byte-for-byte as received (the
built-in sample); the file's own front matter wins over it.
"""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from geo import config
from geo.config import MAX_BYTES_ENV
from geo.errors import GeoError
from geo.models import Article

HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = (".txt", ".md") + HTML_SUFFIXES
METADATA_FILE = "_metadata.yaml"
FRONT_MATTER_KEYS = ("title", "url", "outlet", "language", "published")

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
# " date 2020-10 Il presidente ..." : a dateline some scrapers put first.
_DATE_LINE = re.compile(r"\A\s*date[:\s]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*")
_DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
# Control characters other than tab, newlines and form feed: text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


# libyaml's parser when installed: front matter is read for every article.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ArticleError(GeoError, ValueError):
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
        try:
            meta = yaml.load(m.group(1), Loader=_YAML_LOADER) or {}
        except yaml.YAMLError:  # parse again with the Python parser, whose error names the line
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


def build_article(
    text: str, path: str | None = None, defaults: dict[str, Any] | None = None, html: bool | None = None
) -> Article:
    """Make an Article from raw text; front matter wins over ``defaults``.

    ``html`` None means "look at the text": a body that opens as an HTML page is
    reduced to its main text, and the page's title, site and date become defaults.
    """
    parsed = parse_front_matter(text)
    body = parsed.body
    meta: dict[str, Any] = {}
    if html or (html is None and looks_like_html(body)):
        body, meta = html_main_text(body)
    meta.update(defaults or {})
    meta.update(parsed.meta)
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


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4096]))


def html_main_text(html: str) -> tuple[str, dict[str, Any]]:
    """The main text of an HTML page (no menus, scripts, footers) and its metadata."""
    import trafilatura  # heavy import, only for HTML input

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not text or not text.strip():
        raise ArticleError("HTML page with no main text")
    found = trafilatura.extract_metadata(html)
    meta: dict[str, Any] = {}
    if found is not None:
        for key, value in (("title", found.title), ("outlet", found.sitename), ("url", found.url)):
            if value:
                meta[key] = str(value).strip()
        if found.date and _DATE_VALUE.match(str(found.date)):
            meta["published"] = str(found.date)
    return text, meta


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
    """Bytes to text: UTF-8 (or UTF-16 with a BOM), else the detected encoding.

    Raises ArticleError for what is not text (NUL bytes, control characters,
    bytes no candidate encoding can read).
    """
    for bom, codec in _UTF16_BOMS:
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(codec))
            except UnicodeDecodeError:
                raise ArticleError("not text: broken UTF-16") from None
    if b"\x00" in data:
        raise ArticleError("binary file (NUL bytes), not text")
    try:
        return _checked_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _checked_text(_decode_detected(data))


def _decode_detected(data: bytes) -> str:
    """The least messy reading among charset-normalizer's guess and cp1252.

    On short Western texts charset-normalizer often names a sibling code page
    (cp1250, cp1258, hp_roman8) that reads accented letters wrongly, while it
    does recognise Cyrillic or Greek code pages; so both are scored and cp1252
    wins ties.
    """
    import charset_normalizer
    from charset_normalizer.md import mess_ratio

    best = charset_normalizer.from_bytes(data).best()
    readings = []
    for rank, encoding in enumerate(("cp1252", best.encoding if best else None)):
        if encoding is None:
            continue
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        readings.append((mess_ratio(text, 1.0), rank, text))
    if not readings:
        raise ArticleError("not text: no known encoding reads these bytes")
    return min(readings)[2]


def _checked_text(text: str) -> str:
    if len(_CONTROL.findall(text[:100_000])) > max(2, len(text[:100_000]) // 200):
        raise ArticleError("binary file (control characters), not text")
    return text


def max_article_bytes(value: int | None = None) -> int:
    """The size limit: ``value``, else the configured one (geo.config)."""
    return value if value is not None else config.max_article_bytes()


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise ArticleError(f"file too large: {size:,} bytes, the limit is {limit:,} ({MAX_BYTES_ENV})")


def article_from_bytes(
    data: bytes, name: str, defaults: dict[str, Any] | None = None, max_bytes: int | None = None
) -> Article:
    """An Article from the bytes of a file called ``name`` (an upload, or a file read)."""
    _check_size(len(data), max_article_bytes(max_bytes))
    if not data.strip():
        raise ArticleError("empty file")
    html = True if Path(name).suffix.lower() in HTML_SUFFIXES else None
    return build_article(decode(data), path=name, defaults=defaults, html=html)


def read_article(path: Path, max_bytes: int | None = None) -> Article:
    """Read one article file; raises ArticleError with the reason."""
    path = Path(path)
    if not path.exists():
        raise ArticleError("no such file or folder")
    if not path.is_file():
        raise ArticleError("not a regular file")
    limit = max_article_bytes(max_bytes)
    _check_size(path.stat().st_size, limit)  # before reading: never load a huge file
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ArticleError(f"cannot read: {e.strerror or e}") from None
    defaults = folder_metadata(path.parent).get(path.name)
    return article_from_bytes(data, str(path), defaults=defaults, max_bytes=limit)
