"""Where extractions live: SQLite by default, PostgreSQL by URL (see store.py)."""
from .corrections import Correction, CorrectionError, apply_corrections
from .store import DB_URL_ENV, Store, StoredArticle, StoreError, database_url, open_store

__all__ = [
    "Correction", "CorrectionError", "DB_URL_ENV", "Store", "StoreError", "StoredArticle",
    "apply_corrections", "database_url", "open_store",
]
