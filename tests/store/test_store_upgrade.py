"""Stores written by version 1 (article rows keyed by the content hash) are upgraded when opened,
keeping every article, row and correction; on SQLite and (when GEODASH_TEST_PG_URL is set) PostgreSQL."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

import pytest
from sqlalchemy import (Column, ForeignKeyConstraint, Index, MetaData, String, Table, create_engine, insert, inspect,
                        text)

from geo.store import StoreError, open_store
from geo.store import schema as t
from geo.store import upgrade as upgrade_module
from geo.store.corrections import Correction, apply_corrections
from geo.store.rows import CHILD_COLUMNS, article_row, child_rows
from geo.store.store import database_url
from test_store import make_extraction

WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
# Columns added after version 1 and 2 (geo.store.upgrade.add_new_columns): older stores lack them.
NEW_COLUMNS = {("claims", "mentions"), ("claims", "part_of")}


def version_1_tables() -> MetaData:
    """The version 1 layout: the current tables with the content hash where article_key is now."""
    def v1_column(table: Table, c: Column) -> Column | None:
        if (table.name, c.name) in NEW_COLUMNS:
            return None
        if table is t.articles and c.name in ("article_key", "id"):
            return Column("id", String(64), primary_key=True) if c.name == "id" else None
        if c.name == "article_key":
            return Column("article_id", String(64), primary_key=True)
        return Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)

    def v1_name(table_name: str, column: str) -> str:
        return column if column != "article_key" else ("id" if table_name == "articles" else "article_id")

    md = MetaData()
    for table in t.metadata.sorted_tables:
        columns = [v1 for v1 in (v1_column(table, c) for c in table.c) if v1 is not None]
        fks = [ForeignKeyConstraint([v1_name(table.name, c) for c in fk.column_keys],
                                    [f"{e.column.table.name}.{v1_name(e.column.table.name, e.column.name)}"
                                     for e in fk.elements], ondelete="CASCADE")
               for fk in table.foreign_key_constraints]
        indexes = [Index(ix.name, *(c.name for c in ix.columns)) for ix in table.indexes]
        Table(table.name, md, *columns, *fks, *indexes)
    return md


def write_version_1_store(url: str, extractions, correction: Correction) -> None:
    engine = create_engine(database_url(url))
    md = version_1_tables()
    with engine.begin() as conn:
        md.create_all(conn)
        for ex in extractions:
            if ex.article.id == correction.article_id:
                ex = apply_corrections(ex, [correction])  # version 1 stored rows with corrections applied
            conn.execute(md.tables["articles"].insert(), article_row(
                ex.article, status="ok", reason=None, warnings=ex.warnings, version="v1", now=WHEN))
            for name, rows in child_rows(ex, ex.article.id).items():
                columns = ["article_id" if c == "article_key" else c for c in CHILD_COLUMNS[name]]
                if rows:
                    conn.execute(md.tables[name].insert(), [
                        {c: v for c, v in zip(columns, r) if (name, c) not in NEW_COLUMNS} for r in rows])
        conn.execute(md.tables["corrections"].insert(), vars(correction))
    engine.dispose()


def snapshot(store) -> dict:
    frames = {name: getattr(store, name)().to_dict("records")
              for name in ("incident_places_frame", "claims_frame", "places_frame")}
    return {"extractions": [e.to_dict() for e in store.extractions()], "frames": frames,
            "corrections": [vars(c) for c in store.corrections()], "counts": store.counts()}


def test_a_version_1_store_is_upgraded_keeping_everything(db_url):
    extractions = [make_extraction(n) for n in (3, 1, 2)]
    j = extractions[1].places[0]
    correction = Correction(article_id="a00001", action="move", who="ana", place_start=j.start, place_end=j.end,
                            new_name="Sotk", new_lat=40.2, new_lon=45.87, note="Sok is Sotk", id=7,
                            created_at=WHEN)
    write_version_1_store(db_url, extractions, correction)

    with open_store(db_url) as store:
        columns = {c["name"] for c in inspect(store.engine).get_columns("places")}
        assert "article_key" in columns and "article_id" not in columns
        assert not [n for n in inspect(store.engine).get_table_names() if n.startswith("upgrade_")]
        if store.dialect == "sqlite":  # the old tables' pages are not left in the file
            with store.engine.connect() as conn:
                assert conn.execute(text("PRAGMA freelist_count")).scalar() == 0
        upgraded = snapshot(store)
        assert upgraded["counts"]["articles"] == 3 and upgraded["counts"]["corrections"] == 1
        assert [e["places"][0]["name"] for e in upgraded["extractions"] if e["article"]["id"] == "a00001"] == ["Sotk"]
        assert upgraded["corrections"][0]["id"] == 7
        # Writing goes on: a new article after the upgraded ones, a correction numbered after the old one.
        assert store.add(make_extraction(4)) is True
        extra = store.add_correction(article_id="a00002", action="not_incident", who="bo", incident_id="inc2")
        assert extra.id > 7
        assert store.extractions({"ids": ["a00004"]})[0].to_dict() == make_extraction(4).to_dict()
        with store.engine.connect() as conn:
            keys = dict(conn.execute(text("SELECT id, article_key FROM articles")).all())
        assert keys["a00004"] > max(keys[a] for a in ("a00001", "a00002", "a00003"))

    with open_store(db_url) as again:  # a second open finds nothing to upgrade
        assert snapshot(again)["counts"]["articles"] == 4


def test_an_upgraded_store_reads_as_a_fresh_one(db_url, tmp_path):
    extractions = [make_extraction(n) for n in (1, 2)]
    j = extractions[0].places[0]
    fields = dict(article_id="a00001", action="move", who="ana", place_start=j.start, place_end=j.end,
                  new_name="Sotk", new_lat=40.2, new_lon=45.87)
    write_version_1_store(db_url, extractions, Correction(**fields, id=1, created_at=WHEN))
    with open_store(db_url) as upgraded, open_store(f"sqlite:///{tmp_path / 'fresh.sqlite'}") as fresh:
        fresh.add_many([(ex, "ok", None) for ex in extractions], extractor_version="v1")
        fresh.add_correction(**fields)
        got, want = snapshot(upgraded), snapshot(fresh)
        for c in got["corrections"] + want["corrections"]:
            c.pop("created_at")
        assert got == want


def test_a_failed_upgrade_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'v1.sqlite'}"
    write_version_1_store(url, [make_extraction(1)],
                          Correction(article_id="a00001", action="not_incident", who="ana", incident_id="inc1",
                                     id=1, created_at=WHEN))

    def insert_failing_at_corrections(table):  # the last copy back fails: everything else is done by then
        if table is t.corrections:
            raise OSError("disk full")
        return insert(table)

    monkeypatch.setattr(upgrade_module, "insert", insert_failing_at_corrections)
    with pytest.raises(StoreError, match="disk full"):
        open_store(url)
    monkeypatch.undo()
    engine = create_engine(url)
    with engine.connect() as conn:
        assert "article_id" in {c["name"] for c in inspect(conn).get_columns("places")}
        assert conn.execute(text("SELECT count(*) FROM places")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM corrections")).scalar() == 1
        assert not [n for n in inspect(conn).get_table_names() if n.startswith("upgrade_")]
    engine.dispose()
    with open_store(url) as store:  # and the next open upgrades it
        assert [e.article.id for e in store.extractions()] == ["a00001"]
        assert len(store.corrections()) == 1


def test_a_store_without_the_breakdown_columns_gets_them_in_place(db_url):
    """A version 2 store (keyed by article_key, claims without mentions and part_of)."""
    engine = create_engine(database_url(db_url))
    md = MetaData()
    for table in t.metadata.sorted_tables:
        table.to_metadata(md)
    claims = md.tables["claims"]
    for name in ("mentions", "part_of"):
        claims._columns.remove(claims.c[name])
    with engine.begin() as conn:
        md.create_all(conn)
    engine.dispose()
    with open_store(db_url) as store:
        old = make_extraction(1)
        # a figure stated once and of its own: stored as NULL in both new columns
        store.add(old, extractor_version="v2")
        columns = {c["name"] for c in inspect(store.engine).get_columns("claims")}
        assert {"mentions", "part_of"} <= columns
        new = make_extraction(2)
        new.claims.append(dataclasses.replace(new.claims[0], count_low=1, part_of=0, mentions=[{"start": 3, "end": 9}]))
        store.add(new, extractor_version="v3")
        back = {e.article.id: e for e in store.extractions()}
        assert back["a00001"].claims[0].mentions == [] and back["a00001"].claims[0].part_of is None
        assert [(c.part_of, c.mentions) for c in back["a00002"].claims] == [(None, []), (0, [{"start": 3, "end": 9}])]
        frame = store.claims_frame()
        assert frame["part_of"].isna().sum() == 2
    with open_store(db_url) as again:  # a second open adds nothing
        assert {c["name"] for c in inspect(again.engine).get_columns("claims")} == columns
