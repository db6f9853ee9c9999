"""The store: where extractions live, SQLite by default, PostgreSQL by URL (store.py, the database edge),
with pure row conversion (rows.py), the tables (schema.py), analysts' corrections and the upgrade of older
layouts. Imports only geo.models and geo.config.
"""
from geo.config import DB_URL_ENV
from geo.store.corrections import Correction, CorrectionError, apply_corrections
from geo.store.store import Store, StoredArticle, StoreError, database_url, open_store

__all__ = [
    "Correction", "CorrectionError", "DB_URL_ENV", "Store", "StoreError", "StoredArticle",
    "apply_corrections", "database_url", "open_store",
]
