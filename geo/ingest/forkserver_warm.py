"""Imported by the ingest pool's fork server (geo.ingest.parallel._Pool): builds the knowledge and every
language's lexicon there, once, so that each worker forks with them instead of building its own. Nothing
built here holds a file or a database open: the gazetteer's database is opened by each worker."""
from geo.ingest.parallel import build_knowledge

build_knowledge()
