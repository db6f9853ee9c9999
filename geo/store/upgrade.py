"""Bringing a store written by an earlier version to the current layout, in place.

Columns added since a store was made (nullable ones, such as ``claims.mentions``
and ``claims.part_of``) are added to its tables as they are; old rows keep NULL
there, read back as "no other passages" and "a figure of its own".

Version 1 stores keyed every article's rows by the article's content hash;
the current layout keys them by ``article_key``, a number given in order of
storing (see geo.store.schema). The upgrade copies the tables aside, creates
the current ones and fills them back, in the caller's transaction: a store is
upgraded whole or, after any failure, left as it was.
"""
from __future__ import annotations

from sqlalchemy import column, insert, inspect, select, table, text
from sqlalchemy.engine import Connection

from geo.store import schema as t

# Dependants before what they point at: the order of dropping.
_TABLES = ("corrections", "incident_places", "claim_places", "places", "claims", "incidents", "articles")
_ASIDE = "upgrade_from_v1_"


def keyed_by_hash(conn: Connection) -> bool:
    """Is this a version 1 store (article rows keyed by the content hash)?"""
    found = inspect(conn)
    return found.has_table("places") and "article_key" not in {c["name"] for c in found.get_columns("places")}


def add_new_columns(conn: Connection) -> list[str]:
    """Add the nullable columns the current layout has and an existing table lacks; "table.column" of each."""
    found = inspect(conn)
    quote = conn.dialect.identifier_preparer.quote
    added = []
    for table in t.metadata.sorted_tables:
        if not found.has_table(table.name):
            continue
        have = {c["name"] for c in found.get_columns(table.name)}
        for c in table.c:
            if c.name not in have and c.nullable and not c.primary_key:
                conn.execute(text(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(c.name)} {c.type.compile(conn.dialect)}"))
                added.append(f"{table.name}.{c.name}")
    return added


def upgrade(conn: Connection) -> bool:
    """Upgrade a store to the current layout; True when its tables were rebuilt (a version 1 store),
    False when at most columns were added."""
    add_new_columns(conn)
    if not keyed_by_hash(conn):
        return False
    quote = conn.dialect.identifier_preparer.quote
    for name in _TABLES:
        conn.execute(text(f"CREATE TABLE {quote(_ASIDE + name)} AS SELECT * FROM {quote(name)}"))
    for name in _TABLES:
        conn.execute(text(f"DROP TABLE {quote(name)}"))
    t.metadata.create_all(conn)

    def old(name: str, columns: list[str]):
        return table(_ASIDE + name, *(column(c) for c in columns))

    # Articles in the order they were stored: their keys follow it.
    a_cols = [c.name for c in t.without_key(t.articles)]
    a_old = old("articles", a_cols)
    conn.execute(insert(t.articles).from_select(
        a_cols, select(*a_old.c).order_by(a_old.c.ingested_at, a_old.c.id)))
    for child in t.ARTICLE_CHILDREN[::-1]:  # parents first
        cols = [c.name for c in t.without_key(child)]
        o = old(child.name, ["article_id", *cols])
        rows = select(t.articles.c.article_key, *(o.c[c] for c in cols)).select_from(
            o.join(t.articles, t.articles.c.id == o.c.article_id))
        conn.execute(insert(child).from_select(["article_key", *cols], rows))
    c_cols = [c.name for c in t.corrections.c]
    conn.execute(insert(t.corrections).from_select(c_cols, select(*old("corrections", c_cols).c)))
    if conn.dialect.name == "postgresql":  # ids copied as they were: the next one follows them
        conn.execute(text("SELECT setval(pg_get_serial_sequence('corrections', 'id'), "
                          "coalesce((SELECT max(id) FROM corrections), 0) + 1, false)"))
    for name in _TABLES:
        conn.execute(text(f"DROP TABLE {quote(_ASIDE + name)}"))
    return True
