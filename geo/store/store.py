"""The store: SQLite (embedded default) or PostgreSQL, chosen by one database URL.

Every article is written with all its rows in one transaction (``add_many``:
a batch of articles in one), known by its content hash, with INSERT ... ON
CONFLICT DO NOTHING: re-adding is a no-op, two writers never duplicate, and a
killed process leaves either whole articles or nothing. SQLite runs in WAL
mode (readers never block the writer) with a busy timeout, and takes the write
lock at BEGIN so that a writer never fails half-way on a lock it cannot upgrade.
"""
from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd
from sqlalchemy import and_, create_engine, delete, event, exists, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from geo.config import database_url_setting
from geo.errors import GeoError
from geo.models import Article, Extraction
from geo.store import schema as t
from geo.store.corrections import Correction, CorrectionError, apply_corrections, find_target, validate
from geo.store.rows import CHILD_COLUMNS, article_from_row, article_row, child_rows, correction_from_row, extraction_from_rows
from geo.store.upgrade import upgrade

DEFAULT_SQLITE_PATH = Path("var") / "geodash.sqlite"
BUSY_TIMEOUT_S = 60
WAL_CHECKPOINT_PAGES = 16384  # SQLite's log is copied into the database every 64 MiB (4 KiB pages)
_ID_CHUNK = 500  # ids per IN (...) query: well under every driver's parameter limit
_SCHEMA_LOCK = 741_200_1  # pg advisory lock id serialising schema creation


class StoreError(GeoError, RuntimeError):
    """The database cannot be opened or used; the message says which and why."""


@dataclass
class StoredArticle:
    """An article as stored: the record plus how its ingestion went."""

    article: Article  # body is "" in listings; Store.article(id) loads it
    status: str  # ok | skipped | error
    status_reason: str | None
    ingested_at: datetime
    extracted_at: datetime | None
    extractor_version: str | None
    warnings: list[str] = field(default_factory=list)


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else $GEODASH_DB_URL, else ./var/geodash.sqlite."""
    url = url or database_url_setting() or f"sqlite:///{DEFAULT_SQLITE_PATH}"
    # Hosts hand out postgres:// URLs; SQLAlchemy needs the driver named.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def open_store(url: str | None = None) -> "Store":
    """Open (and create, when new) the store at ``url`` (see database_url)."""
    return Store(database_url(url))


def _into_wal(path: str) -> None:
    """Put the database file in WAL mode (it stays so) before any pooled connection opens it.

    When two processes create the file at once, the connection that loses the switch can stay
    locked out until its busy timeout, whoever holds the file: each try is a fresh connection."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        con = sqlite3.connect(path, timeout=0.2)
        try:
            con.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
        finally:
            con.close()


def _sqlite_engine(url) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        _into_wal(url.database)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
                           hide_parameters=True)  # an error names the statement, never an article's text

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: consistent after any crash
        # Every 64 MiB of log, not SQLite's 4: a page that bulk ingestion rewrites commit after
        # commit (an index's tail) is copied into the database once per checkpoint.
        cur.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = conn.get_execution_options().get("geodash_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _in(column, value):
    values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
    return column.in_(list(values))


class Store:
    def __init__(self, url: str):
        self.url = url
        try:
            parsed = make_url(url)
            self.dialect = parsed.get_backend_name()
            if self.dialect == "sqlite":
                self.engine = _sqlite_engine(parsed)
            elif self.dialect == "postgresql":
                self.engine = create_engine(parsed, pool_pre_ping=True, hide_parameters=True)
            else:
                raise StoreError(f"unsupported database {self.dialect!r}: use sqlite:/// or postgresql://")
            self._writer = self.engine.execution_options(geodash_write=True)
            self._create_schema()
        except StoreError:
            raise
        except Exception as e:  # a bad URL, an unreachable server, an unwritable file
            raise StoreError(f"cannot open the store {self.display_url}: {e}") from e

    @property
    def display_url(self) -> str:
        """The URL without its password, for messages."""
        try:
            return make_url(self.url).render_as_string(hide_password=True)
        except Exception:
            return "<unparsable database URL>"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions -------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._writer.begin() as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def _create_schema(self) -> None:
        with self._write() as conn:  # concurrent first opens must not race
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK})
            upgraded = upgrade(conn)
            t.metadata.create_all(conn)
        if upgraded and self.dialect == "sqlite":  # give the pages of the old tables back to the disk
            raw = self.engine.raw_connection()  # VACUUM runs outside a transaction: no BEGIN from SQLAlchemy
            try:
                raw.cursor().execute("VACUUM")
            finally:
                raw.close()

    def _insert(self, table):
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        return dialect_insert(table)

    # -- writing ------------------------------------------------------------

    def add(
        self,
        item: Extraction | Article,
        status: str = "ok",
        reason: str | None = None,
        extractor_version: str | None = None,
    ) -> bool:
        """Store an article and all its rows in one transaction; False if already stored."""
        return self.add_many([(item, status, reason)], extractor_version)[0]

    def add_many(
        self, items: Iterable[tuple[Extraction | Article, str, str | None]], extractor_version: str | None = None
    ) -> list[bool]:
        """Store articles, given as (extraction or article, status, reason), in one transaction.

        All of them or, after a crash, none; one INSERT per table. Returns, per item,
        whether it was new: False when already stored, or when an earlier item has its id.
        """
        now = datetime.now(timezone.utc)
        exs: list[Extraction] = []
        rows: list[dict[str, Any]] = []
        first: dict[str, int] = {}  # article id -> its first item
        for item, status, reason in items:
            ex = item if isinstance(item, Extraction) else Extraction(article=item)
            if status not in t.ARTICLE_STATUSES:
                raise ValueError(f"status must be one of {t.ARTICLE_STATUSES}, not {status!r}")
            if first.setdefault(ex.article.id, len(exs)) == len(exs):
                rows.append(article_row(ex.article, status=status, reason=reason, warnings=ex.warnings,
                                        version=extractor_version, now=now))
            exs.append(ex)
        if not rows:
            return []
        rows.sort(key=lambda r: r["id"])  # one lock order for every writer: two batches never deadlock
        with self._write() as conn:
            # Rows that conflict return nothing: what comes back is what is new (rowcount is unreliable here).
            stmt = (self._insert(t.articles).on_conflict_do_nothing(index_elements=["id"])
                    .returning(t.articles.c.id, t.articles.c.article_key))
            keys = dict(conn.execute(stmt, rows).all())
            new = [ex.article.id in keys and first[ex.article.id] == i for i, ex in enumerate(exs)]
            self._insert_children(conn, [(keys[ex.article.id], ex) for ex, is_new in zip(exs, new) if is_new])
        return new

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are stored."""
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self._read() as conn:
            for i in range(0, len(ids), _ID_CHUNK):
                q = select(t.articles.c.id).where(t.articles.c.id.in_(ids[i:i + _ID_CHUNK]))
                found.update(conn.execute(q).scalars())
        return found

    def replace_extraction(
        self, ex: Extraction, status: str = "ok", reason: str | None = None, extractor_version: str | None = None
    ) -> None:
        """Swap a stored article's extraction for a new one, re-applying its corrections."""
        aid = ex.article.id
        with self._write() as conn:
            key = self._lock_article(conn, aid)["article_key"]
            corrections = self._corrections(conn, aid)
            ex = apply_corrections(ex, corrections)
            self._delete_children(conn, key)
            self._insert_children(conn, [(key, ex)])
            conn.execute(
                update(t.articles).where(t.articles.c.id == aid).values(
                    status=status, status_reason=reason, warnings=list(ex.warnings),
                    extracted_at=datetime.now(timezone.utc), extractor_version=extractor_version,
                )
            )

    def _lock_article(self, conn: Connection, aid: str) -> dict[str, Any]:
        q = select(t.articles).where(t.articles.c.id == aid)
        if self.dialect == "postgresql":
            q = q.with_for_update()
        row = conn.execute(q).mappings().first()
        if row is None:
            raise KeyError(f"no stored article {aid}")
        return dict(row)

    def _insert_children(self, conn: Connection, keyed: list[tuple[int, Extraction]]) -> None:
        """Write the rows of extractions given with their articles' article_key."""
        rows: dict[str, list[tuple]] = defaultdict(list)
        for key, ex in keyed:
            for name, table_rows in child_rows(ex, key).items():
                rows[name].extend(table_rows)
        for name, sql in self._child_inserts.items():  # parents first
            if rows[name]:
                # Plain text and numbers need no type processing: the driver's executemany,
                # without SQLAlchemy's per-row parameter handling (a third of the write time).
                conn.exec_driver_sql(sql, rows[name])

    @cached_property
    def _child_inserts(self) -> dict[str, str]:
        """INSERT statements of the child tables taking tuples in CHILD_COLUMNS order."""
        dialect = self.engine.dialect
        if not dialect.positional:  # psycopg's named %(x)s: the same driver takes positional %s
            dialect = type(dialect)(paramstyle="format")
        out = {}
        for name, columns in CHILD_COLUMNS.items():
            out[name] = insert(t.metadata.tables[name]).compile(dialect=dialect, column_keys=columns).string
        return out

    def _delete_children(self, conn: Connection, key: int) -> None:
        for table in t.ARTICLE_CHILDREN:
            conn.execute(delete(table).where(table.c.article_key == key))

    # -- corrections --------------------------------------------------------

    def add_correction(self, **fields: Any) -> Correction:
        """Record a correction (fields of Correction) and apply it to the stored rows."""
        c = Correction(**fields)
        validate(c)
        with self._write() as conn:
            article = self._lock_article(conn, c.article_id)
            current = self._extractions_of(conn, [article])[0]
            if find_target(current, c) is None:
                raise CorrectionError(f"article {c.article_id} has no {_target_text(c)}")
            c.created_at = datetime.now(timezone.utc)
            values = {k: v for k, v in vars(c).items() if k != "id"}
            c.id = conn.execute(insert(t.corrections).values(**values)).inserted_primary_key[0]
            fixed = apply_corrections(current, [c])
            self._delete_children(conn, article["article_key"])
            self._insert_children(conn, [(article["article_key"], fixed)])
            conn.execute(
                update(t.articles).where(t.articles.c.id == c.article_id).values(warnings=list(fixed.warnings))
            )
        return c

    def corrections(self, article_id: str | None = None) -> list[Correction]:
        with self._read() as conn:
            return self._corrections(conn, article_id)

    def _corrections(self, conn: Connection, article_id: str | None) -> list[Correction]:
        q = select(t.corrections).order_by(t.corrections.c.id)
        if article_id is not None:
            q = q.where(t.corrections.c.article_id == article_id)
        return [correction_from_row(dict(r)) for r in conn.execute(q).mappings()]

    # -- reading ------------------------------------------------------------

    def contains(self, article_id: str) -> bool:
        with self._read() as conn:
            return conn.execute(select(exists().where(t.articles.c.id == article_id))).scalar()

    def article(self, article_id: str) -> StoredArticle | None:
        with self._read() as conn:
            row = conn.execute(select(t.articles).where(t.articles.c.id == article_id)).mappings().first()
        return _stored(dict(row)) if row else None

    def articles(self, filters: dict[str, Any] | None = None) -> list[StoredArticle]:
        """Stored articles (bodies not loaded), newest publication first."""
        cols = [c for c in t.articles.c if c.name != "body"]
        q = select(*cols).where(*self._article_conditions(filters)).order_by(
            t.articles.c.published.desc(), t.articles.c.id
        )
        with self._read() as conn:
            return [_stored({**r, "body": ""}) for r in conn.execute(q).mappings()]

    def extractions(self, filters: dict[str, Any] | None = None) -> list[Extraction]:
        """Extractions of the matching articles, corrections applied, in publication order."""
        q = select(t.articles).where(*self._article_conditions(filters)).order_by(
            t.articles.c.published, t.articles.c.id
        )
        with self._read() as conn:
            arts = [dict(r) for r in conn.execute(q).mappings()]
            return self._extractions_of(conn, arts)

    def _extractions_of(self, conn: Connection, arts: list[dict[str, Any]]) -> list[Extraction]:
        kids: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        keys = [a["article_key"] for a in arts]
        for i in range(0, len(keys), _ID_CHUNK):
            chunk = keys[i:i + _ID_CHUNK]
            for table in t.ARTICLE_CHILDREN:
                for r in conn.execute(select(table).where(table.c.article_key.in_(chunk))).mappings():
                    kids[r["article_key"]][table.name].append(dict(r))
        return [
            extraction_from_rows(a, *(kids[a["article_key"]][n] for n in
                                      ("places", "claims", "incidents", "claim_places", "incident_places")))
            for a in arts
        ]

    def counts(self) -> dict[str, int]:
        """Rows per table, and articles per status."""
        with self._read() as conn:
            out = {tbl.name: conn.execute(select(func.count()).select_from(tbl)).scalar_one()
                   for tbl in (t.articles, t.places, t.claims, t.incidents, t.corrections)}
            by_status = dict(conn.execute(
                select(t.articles.c.status, func.count()).group_by(t.articles.c.status)).all())
        out.update({f"articles_{s}": by_status.get(s, 0) for s in t.ARTICLE_STATUSES})
        return out

    def revision(self) -> tuple:
        """Changes whenever what the store holds changes: rows added (the counts), an article
        extracted again or a correction made (the latest of their times). Readers that cache
        frames compare it to know when to read again."""
        with self._read() as conn:
            latest = conn.execute(select(func.max(t.articles.c.extracted_at), func.max(t.articles.c.ingested_at))).one()
        return tuple(sorted(self.counts().items())) + tuple(str(x) for x in latest)

    def save_derived(self, name: str, state: str, data: bytes) -> None:
        """Keep ``data`` derived from the store in ``state`` (say, its revision) under ``name``, replacing
        what was there. Raises StoreError where the store cannot be written to."""
        try:
            with self._write() as conn:
                conn.execute(delete(t.derived).where(t.derived.c.name == name))
                conn.execute(insert(t.derived).values(name=name, state=state, data=data))
        except SQLAlchemyError as e:
            raise StoreError(f"cannot keep {name} in the store {self.display_url}: {e}") from e

    def derived(self, name: str, state: str) -> bytes | None:
        """What save_derived kept under ``name`` for ``state``; None if nothing, or for another state."""
        with self._read() as conn:
            return conn.execute(select(t.derived.c.data).where(t.derived.c.name == name,
                                                               t.derived.c.state == state)).scalar_one_or_none()

    def stale_article_ids(self, extractor_version: str, everything: bool = False) -> list[str]:
        """Articles to extract again: another extractor version, or a failed extraction."""
        q = select(t.articles.c.id).order_by(t.articles.c.id)
        if not everything:
            v = t.articles.c.extractor_version
            q = q.where(or_(v.is_(None), v != extractor_version, t.articles.c.status == "error"))
        with self._read() as conn:
            return list(conn.execute(q).scalars())

    # -- frames for the dashboard -------------------------------------------

    def articles_frame(self, filters: dict[str, Any] | None = None) -> pd.DataFrame:
        cols = [c for c in t.articles.c if c.name != "body"]
        q = select(*cols).where(*self._article_conditions(filters)).order_by(t.articles.c.published, t.articles.c.id)
        return self._frame(q)

    def incident_places_frame(self, filters: dict[str, Any] | None = None) -> pd.DataFrame:
        """One row per (incident, place it names), with the place's coordinates and the article's metadata."""
        i, ip, p, a = t.incidents, t.incident_places, t.places, t.articles
        q = (
            select(
                a.c.id.label("article_id"), i.c.seq.label("incident_seq"), i.c.id.label("incident_id"), i.c.event_type,
                func.coalesce(i.c.date, a.c.published).label("date"),
                i.c.date_precision, i.c.claimed_by, i.c.claimed_by_text, i.c.quote, i.c.start, i.c.end,
                i.c.attacker, i.c.target, ip.c.name.label("place"), p.c.text.label("place_text"),
                p.c.start.label("place_start"), p.c.end.label("place_end"), p.c.lat, p.c.lon, p.c.precision,
                p.c.country, p.c.gazetteer, a.c.title, a.c.outlet, a.c.url, a.c.published, a.c.language,
            )
            .select_from(
                i.join(ip, and_(ip.c.article_key == i.c.article_key, ip.c.owner_seq == i.c.seq))
                .join(a, a.c.article_key == i.c.article_key)
                .outerjoin(p, and_(p.c.article_key == ip.c.article_key, p.c.seq == ip.c.place_seq))
            )
            .where(*self._article_conditions(filters, view="incidents"))
            .order_by(i.c.article_key, i.c.seq, ip.c.pos)
        )
        return self._frame(q)

    def claims_frame(self, filters: dict[str, Any] | None = None) -> pd.DataFrame:
        """One row per claim with the article's metadata; ``places`` is the list of place names."""
        c, a = t.claims, t.articles
        q = (
            select(a.c.id.label("article_id"), *t.without_key(c),
                   func.coalesce(c.c.date, a.c.published).label("effective_date"),
                   a.c.title, a.c.outlet, a.c.url, a.c.published, a.c.language, c.c.article_key)
            .select_from(c.join(a, a.c.article_key == c.c.article_key))
            .where(*self._article_conditions(filters, view="claims"))
            .order_by(c.c.article_key, c.c.seq)
        )
        frame = self._frame(q)
        links = self._frame(select(t.claim_places).order_by(t.claim_places.c.pos)) if len(frame) else None
        names: dict[tuple, list[str]] = defaultdict(list)
        if links is not None:
            for key, seq, name in zip(links["article_key"], links["owner_seq"], links["name"]):
                names[(key, seq)].append(name)
        frame["places"] = [names.get(k, []) for k in zip(frame.pop("article_key"), frame["seq"])]
        return frame

    def places_frame(self, filters: dict[str, Any] | None = None) -> pd.DataFrame:
        """Every place mention (incident and context) with the article's metadata."""
        p, a = t.places, t.articles
        q = (
            select(a.c.id.label("article_id"), *t.without_key(p), a.c.title, a.c.outlet, a.c.published,
                   a.c.language)
            .select_from(p.join(a, a.c.article_key == p.c.article_key))
            .where(*self._article_conditions(filters, view="places"))
            .order_by(p.c.article_key, p.c.seq)
        )
        return self._frame(q)

    def _frame(self, q) -> pd.DataFrame:
        with self._read() as conn:
            result = conn.execute(q)
            return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    # -- filters ------------------------------------------------------------

    def _article_conditions(self, filters: dict[str, Any] | None, view: str = "articles") -> list:
        """SQL conditions for ``filters`` as they apply to a view; unknown keys are an error."""
        filters = {k: v for k, v in (filters or {}).items() if v not in (None, "", [], ())}
        a, i, c, p, ip, cp = t.articles, t.incidents, t.claims, t.places, t.incident_places, t.claim_places
        own = {"incidents": i, "claims": c, "places": p}.get(view)
        date = func.coalesce(own.c.date, a.c.published) if own is not None and "date" in own.c else a.c.published
        conds: dict[str, Any] = {
            "ids": lambda v: _in(a.c.id, v),
            "status": lambda v: _in(a.c.status, v),
            "language": lambda v: _in(a.c.language, v),
            "outlet": lambda v: _in(a.c.outlet, v),
            "date_from": lambda v: date >= str(v),
            "date_to": lambda v: date <= str(v) + "\uffff",  # a day, month or year prefix includes its days
        }
        in_incident = lambda cond: exists().where(i.c.article_key == a.c.article_key, cond)  # noqa: E731
        in_claim = lambda cond: exists().where(c.c.article_key == a.c.article_key, cond)  # noqa: E731
        if view == "articles":
            conds["place"] = lambda v: exists().where(ip.c.article_key == a.c.article_key, _in(ip.c.name, v))
            conds["claimed_by"] = lambda v: or_(in_incident(_in(i.c.claimed_by, v)), in_claim(_in(c.c.claimed_by, v)))
            conds["event_type"] = lambda v: in_incident(_in(i.c.event_type, v))
            conds["kind"] = lambda v: in_claim(_in(c.c.kind, v))
            conds["side"] = lambda v: in_claim(_in(c.c.side, v))
        elif view == "incidents":
            conds["place"] = lambda v: _in(ip.c.name, v)
            conds["claimed_by"] = lambda v: _in(i.c.claimed_by, v)
            conds["event_type"] = lambda v: _in(i.c.event_type, v)
            conds["precision"] = lambda v: _in(p.c.precision, v)
        elif view == "claims":
            conds["place"] = lambda v: exists().where(
                cp.c.article_key == c.c.article_key, cp.c.owner_seq == c.c.seq, _in(cp.c.name, v))
            for key in ("claimed_by", "kind", "side", "scope", "qualifier"):
                conds[key] = (lambda col: lambda v: _in(col, v))(c.c[key])
        elif view == "places":
            for key, col in (("place", p.c.name), ("role", p.c.role), ("precision", p.c.precision),
                             ("country", p.c.country)):
                conds[key] = (lambda col: lambda v: _in(col, v))(col)
        unknown = set(filters) - set(conds)
        if unknown:
            raise ValueError(f"unknown filter(s) for {view}: {', '.join(sorted(unknown))}; "
                             f"known: {', '.join(sorted(conds))}")
        return [conds[k](v) for k, v in filters.items()]


def _stored(row: dict[str, Any]) -> StoredArticle:
    return StoredArticle(
        article=article_from_row(row), status=row["status"], status_reason=row["status_reason"],
        ingested_at=row["ingested_at"], extracted_at=row["extracted_at"],
        extractor_version=row["extractor_version"], warnings=list(row.get("warnings") or []),
    )


def _target_text(c: Correction) -> str:
    return f"place mention at {c.place_start}-{c.place_end}" if c.targets_place else f"incident {c.incident_id!r}"
