"""The records that flow through the pipeline, as plain dataclasses.

article → recognised spans → resolved places → incidents and claims.
Every record that carries a figure or a place also carries the character
offsets of the passage it came from, so that each number on the dashboard can
be traced back to its words. Field names and values follow docs/extraction-contract.md (the
``python -m geo extract --json`` contract): add fields freely, never rename.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

# Closed vocabularies of the contract. Sides and sources are per-conflict data
# (data/conflicts/*.yaml) and deliberately not listed here.
PRECISIONS = ("town", "district", "region", "country")
ROLES = ("incident", "context")
CLAIM_KINDS = ("killed", "wounded", "missing", "captured", "casualties", "materiel")
QUALIFIERS = ("exact", "at_least", "more_than", "at_most", "approx", "vague", "unspecified")  # vague: "dozens", low–high
SCOPES = ("incident", "earlier", "background")
DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass
class Article:
    """One article: metadata plus its body (offsets everywhere index the body)."""

    id: str
    body: str
    path: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    published: str | None = None  # ISO date, possibly truncated: YYYY-MM-DD | YYYY-MM | YYYY
    published_precision: str | None = None  # day | month | year

    def to_dict(self, with_body: bool = False) -> dict[str, Any]:
        d = asdict(self)
        if not with_body:
            d.pop("body")
        return d


@dataclass
class Place:
    """A toponym mention resolved (or not) against the gazetteer."""

    text: str  # the words as written in the article
    start: int
    end: int
    name: str | None  # canonical gazetteer name; None when not placed
    country: str | None  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    precision: str | None  # one of PRECISIONS
    role: str = "context"  # one of ROLES
    gazetteer: str | None = None  # "geonames:ID" or "supplement:ID" or "nominatim:..."
    confidence: float = 0.0
    reason: str | None = None  # why it is unplaced, or why it is context


@dataclass
class Claim:
    """A figure somebody states: how many of whom, killed / wounded / ..."""

    kind: str  # one of CLAIM_KINDS
    count_low: int | None
    count_high: int | None
    qualifier: str  # one of QUALIFIERS
    side: str  # a side id of the conflict file, or "unspecified"
    scope: str  # one of SCOPES
    claimed_by: str  # a source id of the conflict file, or "unattributed"
    claimed_by_text: str | None
    quote: str  # the sentence (or clause) that states the figure
    start: int
    end: int
    places: list[str] = field(default_factory=list)  # canonical names of incident places
    date: str | None = None
    date_precision: str | None = None
    what: str | None = None  # for materiel: what was destroyed (canonical English)
    count_text: str | None = None  # the figure as written ("quarantanove", "più di una dozzina")
    # The other passages that state the same figure ({"start", "end"}), and, for a breakdown
    # ("including 7 women"), the index in the article's claims of the figure it breaks down.
    mentions: list[dict[str, int]] = field(default_factory=list)
    part_of: int | None = None


@dataclass
class Incident:
    """Something that happened somewhere on some date, as one article tells it."""

    id: str
    event_type: str  # ACLED-like sub-event id, see data/event_types.yaml
    date: str | None
    date_precision: str | None
    places: list[str]  # canonical names of its places (each also in Extraction.places)
    claimed_by: str
    quote: str
    start: int
    end: int
    claimed_by_text: str | None = None
    attacker: str | None = None  # side blamed for the attack, when the text says so
    target: str | None = None  # side attacked


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    places: list[Place] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "places": [asdict(p) for p in self.places],
            "claims": [asdict(c) for c in self.claims],
            "incidents": [asdict(i) for i in self.incidents],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], body: str = "") -> "Extraction":
        art = dict(d["article"])
        art.setdefault("body", body)
        return cls(
            article=_build(Article, art),
            places=[_build(Place, p) for p in d.get("places", [])],
            claims=[_build(Claim, c) for c in d.get("claims", [])],
            incidents=[_build(Incident, i) for i in d.get("incidents", [])],
            warnings=list(d.get("warnings", [])),
        )


def _build(cls, d: dict[str, Any]):
    """Build a dataclass from a dict, ignoring keys a newer writer added."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in d.items() if k in names})
