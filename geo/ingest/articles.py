"""Reading articles: front matter, the body, its id and its publication date.

Pure functions over text and bytes, plus ``read_article`` / ``iter_article_paths``
at the file edge. Bytes become text by UTF-8, else by detection (charset-normalizer,
falling back to cp1252, the usual encoding of Western European newsrooms); HTML
pages give their main text (trafilatura, offline); binary, empty and oversized
files are refused with the reason. Front matter is untrusted: YAML aliases are
refused before anything is expanded, and each field has a type and a length. A folder may hold ``_metadata.yaml`` mapping file names to front
matter fields, for articles that must be kept byte-for-byte as received (the
built-in sample); the file's own front matter wins over it.
"""
from __future__ import annotations

import codecs
import functools
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from datetime import date
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
METADATA_MAX_BYTES = 64 << 20  # about half a million entries
FRONT_MATTER_KEYS = ("title", "url", "outlet", "language", "published")

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
# " date 2020-10 Il presidente ..." : a dateline some scrapers put first.
_DATE_LINE = re.compile(r"\A\s*date[:\s]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*")
_DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
# Control characters other than tab, newlines and form feed: text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A field of the front matter: at most this many characters, and no control character at all.
FIELD_LIMITS = {"title": 500, "url": 2000, "outlet": 200, "language": 16, "published": 32}
_FIELD_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _loader(base: type) -> type:
    """``base`` that leaves dates as text: "2022-02-30" is then a field error, not a crash in PyYAML."""
    resolvers = {first: [(tag, rx) for tag, rx in found if tag != "tag:yaml.org,2002:timestamp"]
                 for first, found in base.yaml_implicit_resolvers.items()}
    return type(f"Text{base.__name__}", (base,), {"yaml_implicit_resolvers": resolvers})


# libyaml's parser when installed: front matter is read for every article.
_YAML_LOADER = _loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
_PY_LOADER = _loader(yaml.SafeLoader)  # slower, but its errors name the line


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
    meta = load_yaml(m.group(1), "broken front matter") or {}
    if not isinstance(meta, dict):
        raise ArticleError("broken front matter: expected 'key: value' lines")
    return ParsedText(validated_fields(meta), text[m.end():])


def load_yaml(text: str, what: str) -> Any:
    """Untrusted YAML: aliases (``*a``, the "billion laughs") are refused before anything is expanded;
    every failure is an ArticleError that starts with ``what``."""
    try:
        try:
            # An alias is written with "*": text without one needs no second pass to look for them.
            if "*" in text and any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=_YAML_LOADER)):
                raise ArticleError(f"{what}: YAML aliases (*name) are not allowed")
            return yaml.load(text, Loader=_YAML_LOADER)
        except yaml.YAMLError:  # parse again with the Python parser, whose error names the line
            return yaml.load(text, Loader=_PY_LOADER)
    except ArticleError:
        raise
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise ArticleError(f"{what}{where}: {getattr(e, 'problem', e)}") from None
    except (ValueError, RecursionError) as e:  # a number of 5,000 digits, nesting thousands deep
        raise ArticleError(f"{what}: {type(e).__name__}") from None


def validated_fields(meta: dict) -> dict[str, Any]:
    """The known fields of front matter (or of a _metadata.yaml entry), each checked: text of
    bounded length without control characters; ``published`` a real date. Raises ArticleError
    naming the field."""
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if key not in FRONT_MATTER_KEYS or value is None:
            continue
        if isinstance(value, (dict, list, set, tuple, bytes)):
            raise ArticleError(f"broken front matter: {key} must be text, not a {type(value).__name__}")
        text = str(value).strip()
        if len(text) > FIELD_LIMITS[key]:
            raise ArticleError(f"broken front matter: {key} is {len(text):,} characters long, "
                               f"the limit is {FIELD_LIMITS[key]:,}")
        if _FIELD_CONTROL.search(text):
            raise ArticleError(f"broken front matter: {key} contains control characters")
        out[key] = normalise_date_value(text) if key == "published" else text
    return out


def normalise_date_value(value: Any) -> str:
    """YAML reads 2022 as an int (and, with other loaders, 2022-09-13 as a date): the ISO text of a real date."""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
    if not _DATE_VALUE.match(text):
        raise ArticleError(f"broken front matter: published {text!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        date.fromisoformat((text + "-01-01")[:10])
    except ValueError:
        raise ArticleError(f"broken front matter: published {text!r} is no such date") from None
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
            if value:  # the page's own words: bounded and printable like front matter
                meta[key] = _FIELD_CONTROL.sub(" ", str(value)).strip()[:FIELD_LIMITS[key]]
        if found.date and _DATE_VALUE.match(str(found.date)):
            meta["published"] = str(found.date)
    return text, meta


def folder_metadata(folder: Path) -> dict[str, dict[str, Any]]:
    """Per-file defaults from a folder's _metadata.yaml (empty when absent), not yet validated
    (see validated_fields): one file's bad entry is that file's error, not its neighbours'.

    Parsed once per version of the file (its inode, size and modification time), not once per
    article: a folder of 2,000 articles and their entries was read in 41 ms an article, each time
    parsing all 2,000. A broken file is remembered too, so each of its articles fails at once."""
    f = folder / METADATA_FILE
    try:
        st = f.stat()
    except OSError:
        return {}
    if not stat.S_ISREG(st.st_mode):
        return {}
    found = _parsed_metadata(str(f), st.st_ino, st.st_size, st.st_mtime_ns)
    if isinstance(found, ArticleError):
        raise ArticleError(str(found))
    return found


@functools.lru_cache(maxsize=64)  # folders: an ingest walks one after another
def _parsed_metadata(path: str, _inode: int, size: int, _mtime_ns: int) -> dict[str, dict[str, Any]] | ArticleError:
    try:
        return _metadata_entries(Path(path), size)
    except ArticleError as e:
        return e


def _metadata_entries(f: Path, size: int) -> dict[str, dict[str, Any]]:
    if size > METADATA_MAX_BYTES:
        raise ArticleError(f"{METADATA_FILE}: {size:,} bytes, the limit is {METADATA_MAX_BYTES:,}")
    try:
        data = load_yaml(f.read_text(encoding="utf-8"), f"{METADATA_FILE}: broken metadata file") or {}
    except UnicodeDecodeError:
        raise ArticleError(f"{METADATA_FILE}: broken metadata file: not UTF-8") from None
    except OSError as e:
        raise ArticleError(f"{METADATA_FILE}: cannot read: {e.strerror or e}") from None
    if not isinstance(data, dict):
        raise ArticleError(f"{METADATA_FILE}: broken metadata file: expected 'file name: fields' entries")
    return {str(name): meta for name, meta in data.items() if isinstance(meta, dict)}


@dataclass(frozen=True)
class Unusable:
    """A path in a folder that is not read, and why (a broken link, a link out of the folder, an
    unreadable subfolder); ``read_article`` raises its reason, so it is reported like any file."""

    path: Path
    reason: str

    @property
    def name(self) -> str:
        return self.path.name

    def __str__(self) -> str:
        return str(self.path)

    def __fspath__(self) -> str:
        return str(self.path)


def iter_article_paths(paths: list[str | Path]) -> Iterator[Path | Unusable]:
    """Expand files and folders (recursively, sorted) into article paths, in input order.

    A path that does not exist is yielded as is, so that reading it reports the error; what a
    folder holds that cannot be read comes as an ``Unusable`` with the reason. A link is read only
    when it points at a file inside the folder given; links to folders are not followed.
    """
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(_walk(p), key=str)
        else:
            yield p


def _walk(root: Path) -> Iterator[Path | Unusable]:
    top = root.resolve()
    problems: list[Unusable] = []

    def unreadable(e: OSError) -> None:
        problems.append(Unusable(Path(e.filename or root), f"cannot read folder: {e.strerror or e}"))

    for folder, subfolders, files in os.walk(root, onerror=unreadable):
        here = Path(folder)
        problems += [Unusable(here / n, "link to a folder: not followed") for n in subfolders if (here / n).is_symlink()]
        yield from (_checked_link(here / n, top) for n in files if Path(n).suffix.lower() in ARTICLE_SUFFIXES)
    yield from problems


def _checked_link(f: Path, top: Path) -> Path | Unusable:
    try:
        if not f.is_symlink():
            return f
        target = f.resolve(strict=True)
    except FileNotFoundError:
        return Unusable(f, "broken link")
    except (OSError, RuntimeError):  # a loop of links
        return Unusable(f, "link loop")
    return f if target.is_relative_to(top) else Unusable(f, "link out of the folder: not read")


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
    """No NUL at all (no database stores one in text), and almost no other control character."""
    if "\x00" in text:
        raise ArticleError("binary file (NUL characters), not text")
    if sum(1 for _ in _CONTROL.finditer(text)) > max(2, len(text) // 200):
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


def read_article(path: Path | Unusable, max_bytes: int | None = None) -> Article:
    """Read one article file; raises ArticleError with the reason."""
    if isinstance(path, Unusable):
        raise ArticleError(path.reason)
    path = Path(path)
    limit = max_article_bytes(max_bytes)
    try:
        if not path.exists():
            raise ArticleError("broken link" if path.is_symlink() else "no such file or folder")
        if not path.is_file():
            raise ArticleError("not a regular file")
        _check_size(path.stat().st_size, limit)  # before reading: never load a huge file
        data = path.read_bytes()
    except OSError as e:
        raise ArticleError(f"cannot read: {e.strerror or e}") from None
    defaults = validated_fields(folder_metadata(path.parent).get(path.name) or {})
    return article_from_bytes(data, str(path), defaults=defaults, max_bytes=limit)
