"""Shared fixtures. ``db_url``: a fresh database per test on each back-end, SQLite always and
PostgreSQL when GEODASH_TEST_PG_URL is set (start one with scripts/postgres_for_tests.sh).
``knowledge``: the conflict file alone (the compare layer needs no language). ``places_env``: the shipped
knowledge, the gazetteer and the conflict, for toponym and resolution tests. Plain helpers shared by
parametrised tests (a language's lexicon, a text analysed with it) are in support.py; the AppTest runner
is in ui_fixtures.py."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from geo.config import DATA_DIR
from geo.knowledge.files import Knowledge, default_knowledge, load_conflict
from geo.places.gazetteer import Gazetteer
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


@pytest.fixture(scope="session")
def places_env():
    k = default_knowledge()
    return k, Gazetteer.default(), k.conflict
