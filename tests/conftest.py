"""Shared fixtures. ``db_url``: a fresh database per test on each back-end, SQLite always and
PostgreSQL when GEODASH_TEST_PG_URL is set (start one with scripts/postgres_for_tests.sh).
``knowledge``: the conflict file alone (the compare layer needs no language)."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from geo.knowledge.files import DATA_DIR, Knowledge, load_conflict
from geo.store import database_url

PG_ENV = "GEODASH_TEST_PG_URL"
_PG_SKIP = pytest.mark.skipif(
    not os.environ.get(PG_ENV),
    reason=f"{PG_ENV} not set: PostgreSQL back-end not tested (start one with scripts/postgres_for_tests.sh)",
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=_PG_SKIP)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'geodash.sqlite'}"
        return
    base = make_url(database_url(os.environ[PG_ENV]))
    name = f"geodash_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    conflict = load_conflict(DATA_DIR / "conflicts" / "armenia_azerbaijan.yaml")
    return Knowledge({}, {conflict.id: conflict}, DATA_DIR)
