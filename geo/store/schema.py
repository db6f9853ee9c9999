"""The tables: one row per article, its places, claims and incidents, corrections, and derived data.

Columns mirror the fields of geo.models (docs/extraction-contract.md names) so that the dashboard
can filter with SQL. The places an incident or a claim names are link rows
pointing at the article's place mentions, so that a join gives coordinates.

An article is known by its content hash (``articles.id``, what every caller
uses) but its rows point at it by a number given in order of storing
(``article_key``): keyed by the hash, every article's rows landed on random
pages of every table's key index, and storing slowed as the store grew.
Stores written with the hash as key are upgraded when opened (geo.store.upgrade).
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

ARTICLE_STATUSES = ("ok", "skipped", "error")

metadata = MetaData()


def _article_fk() -> Column:
    return Column("article_key", Integer, ForeignKey("articles.article_key", ondelete="CASCADE"), primary_key=True)


articles = Table(
    "articles",
    metadata,
    Column("article_key", Integer, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),  # content hash of the normalised body
    Column("path", Text),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("language", String(16)),
    Column("published", String(10)),
    Column("published_precision", String(8)),
    Column("body", Text, nullable=False),
    Column("status", String(8), nullable=False),  # one of ARTICLE_STATUSES
    Column("status_reason", Text),
    Column("warnings", JSON, nullable=False, default=list),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("extracted_at", DateTime(timezone=True)),
    Column("extractor_version", String(64)),
    Index("ix_articles_published", "published"),
    Index("ix_articles_status", "status"),
    Index("ix_articles_extractor_version", "extractor_version"),
)

places = Table(
    "places",
    metadata,
    _article_fk(),
    Column("seq", Integer, primary_key=True),  # order of the mention in Extraction.places
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("name", Text),
    Column("country", String(2)),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", String(16)),
    Column("role", String(16), nullable=False),
    Column("gazetteer", Text),
    Column("confidence", Float, nullable=False),
    Column("reason", Text),
    Index("ix_places_name", "name"),
    Index("ix_places_role", "role"),
)

claims = Table(
    "claims",
    metadata,
    _article_fk(),
    Column("seq", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("count_low", Integer),
    Column("count_high", Integer),
    Column("qualifier", String(16), nullable=False),
    Column("side", String(64), nullable=False),
    Column("scope", String(16), nullable=False),
    Column("claimed_by", String(64), nullable=False),
    Column("claimed_by_text", Text),
    Column("quote", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(8)),
    Column("what", Text),
    Column("count_text", Text),
    # The figure's other passages, JSON text [{"start": s, "end": e}] (text, so that rows go to the driver
    # as they are); NULL in rows stored before it existed.
    Column("mentions", Text),
    Column("part_of", Integer),  # seq of the claim this one breaks down
    Index("ix_claims_kind_side", "kind", "side"),
    Index("ix_claims_claimed_by", "claimed_by"),
    Index("ix_claims_date", "date"),
)

incidents = Table(
    "incidents",
    metadata,
    _article_fk(),
    Column("seq", Integer, primary_key=True),
    Column("id", Text, nullable=False),  # the extractor's incident id (unique within the article)
    Column("event_type", String(64), nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(8)),
    Column("claimed_by", String(64), nullable=False),
    Column("claimed_by_text", Text),
    Column("quote", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("attacker", String(64)),
    Column("target", String(64)),
    Index("ix_incidents_event_type", "event_type"),
    Index("ix_incidents_claimed_by", "claimed_by"),
    Index("ix_incidents_date", "date"),
)


def _place_links(name: str, owner: str) -> Table:
    """Which places (by canonical name, and the mention that carries it) a claim or incident names."""
    return Table(
        name,
        metadata,
        Column("article_key", Integer, primary_key=True),
        Column("owner_seq", Integer, primary_key=True),
        Column("pos", Integer, primary_key=True),  # order within the owner's places list
        Column("name", Text, nullable=False),
        Column("place_seq", Integer),  # the first mention of that name; None if not among places
        ForeignKeyConstraint(["article_key", "owner_seq"], [f"{owner}.article_key", f"{owner}.seq"], ondelete="CASCADE"),
        Index(f"ix_{name}_name", "name"),
    )


incident_places = _place_links("incident_places", "incidents")
claim_places = _place_links("claim_places", "claims")

CORRECTION_ACTIONS = ("move", "not_incident")

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    # The target: a place mention by its offsets, or an incident by its id.
    Column("place_start", Integer),
    Column("place_end", Integer),
    Column("incident_id", Text),
    Column("action", String(16), nullable=False),  # one of CORRECTION_ACTIONS
    Column("new_gazetteer", Text),
    Column("new_name", Text),
    Column("new_lat", Float),
    Column("new_lon", Float),
    Column("new_country", String(2)),
    Column("new_precision", String(16)),
    Column("who", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("note", Text),
    Index("ix_corrections_article", "article_id"),
)

# What readers derive from the whole store and keep for the store state it was derived from (the events'
# grouping: a minute at 10,000 events, so computed once per state, not once per process): one row per name.
derived = Table(
    "derived",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("state", Text, nullable=False),  # the revision it was derived from (geo.store.Store.revision)
    Column("data", LargeBinary, nullable=False),
)

ARTICLE_CHILDREN = (incident_places, claim_places, places, claims, incidents)


def without_key(table: Table) -> list[Column]:
    """A table's columns but article_key (the store's own link, which callers never see)."""
    return [c for c in table.c if c.name != "article_key"]
