"""Language and conflict knowledge, loaded from data files.

A language is a folder ``data/lang/<iso639-1>/`` of YAML files whose top-level
keys are merged (``cues.yaml`` for the extraction's words, ``places.yaml`` for
exonyms and words that are never places, ...). A conflict is one file
``data/conflicts/<id>.yaml`` with its sides, sources and theatre. Adding a
language or a conflict is adding files; nothing here names one.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from geo.config import DATA_DIR
from geo.knowledge.institutions import with_composed_sources



class KnowledgeError(ValueError):
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


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    party: str
    cues: dict[str, list[str]]  # language → phrases


@dataclass(frozen=True)
class Side:
    id: str
    name: str
    country: str | None
    adjectives: dict[str, list[str]]
    names: dict[str, list[str]]


@dataclass(frozen=True)
class Conflict:
    id: str
    name: str
    focus_countries: tuple[str, ...]
    theatre_bbox: tuple[float, float, float, float] | None
    sides: dict[str, Side]
    sources: dict[str, Source]
    data: dict[str, Any] = field(default_factory=dict)


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
    d = _load_yaml(path)
    if not isinstance(d, dict) or "sides" not in d or "sources" not in d:
        raise KnowledgeError(f"{path}: a conflict file needs 'sides' and 'sources'")
    d = with_composed_sources(d)
    sides = {
        sid: Side(sid, s.get("name", sid), s.get("country"), s.get("adjectives") or {}, s.get("names") or {})
        for sid, s in d["sides"].items()
    }
    sources = {
        sid: Source(sid, s.get("name", sid), s.get("party", "media"), s.get("cues") or {})
        for sid, s in d["sources"].items()
    }
    bbox = d.get("theatre_bbox")
    return Conflict(
        id=d.get("id", path.stem),
        name=d.get("name", path.stem),
        focus_countries=tuple(d.get("focus_countries") or ()),
        theatre_bbox=tuple(bbox) if bbox else None,
        sides=sides,
        sources=sources,
        data=d,
    )


@dataclass(frozen=True)
class Knowledge:
    languages: dict[str, Language]
    conflicts: dict[str, Conflict]
    data_dir: Path

    @property
    def conflict(self) -> Conflict:
        """The conflict in use: the only one, or the first by file name."""
        return next(iter(self.conflicts.values()))

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
    return Knowledge(langs, conflicts, data_dir)


@functools.lru_cache(maxsize=4)
def default_knowledge() -> Knowledge:
    """The shipped knowledge, loaded once per process."""
    return load_knowledge(DATA_DIR)
