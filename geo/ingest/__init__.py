"""Ingestion: reading article files (front matter, encodings, HTML) into geo.models.Article, and storing their
extractions, one process or many. The edge where files are read. Imports geo.extract and geo.store.
"""
