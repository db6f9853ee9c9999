"""`python -m geo ingest PATH... [--db URL]`: store articles, idempotently."""
from __future__ import annotations

import argparse
import sys

from geo.ingest.batch import IngestSummary, iter_ingest, reextract
from geo.ingest.parallel import SchedulerError, iter_ingest_parallel
from geo.store import DB_URL_ENV, StoreError, open_store

NAME = "ingest"
HELP = "store articles (files or folders) in the database; re-running changes nothing"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (read recursively)")
    parser.add_argument("--db", metavar="URL", help=f"database URL (default: ${DB_URL_ENV}, else ./var/geodash.sqlite)")
    parser.add_argument("--max-bytes", type=int, metavar="N",
                        help="refuse files larger than N bytes (default: $GEODASH_MAX_ARTICLE_BYTES, else 2 MB)")
    parser.add_argument("--reextract", action="store_true",
                        help="after ingesting, extract again the articles stored by another extractor version")
    parser.add_argument("--all", action="store_true", help="with --reextract: every stored article")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="extract on N processes (0: one per core; default 1, in this process)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="extract on the Dask distributed cluster at ADDRESS (tcp://host:8786); "
                             "this process reads the files and writes the store")


def keep_events(store) -> int:
    """Group the store's incidents into events now and keep the grouping in the store, so that the
    dashboard's first viewer after this ingest reads it instead of waiting for it; the number of events."""
    from geo.present.dataset import Dataset

    return len(Dataset.from_store(store).events.table)


def run(args: argparse.Namespace) -> int:
    if not args.paths and not args.reextract:
        print("geo ingest: give at least one PATH, or --reextract", file=sys.stderr)
        return 2
    if args.workers < 0:
        print("geo ingest: --workers must be 0 (one per core) or more", file=sys.stderr)
        return 2
    from geo.extract.pipeline import configured_extractor  # the online geocoder, where it is switched on
    from geo.places.online import GeocoderConfigError

    try:
        extractor = configured_extractor()
    except GeocoderConfigError as e:
        print(f"geo ingest: online geocoding: {e}", file=sys.stderr)
        return 2
    try:
        store = open_store(args.db)
    except StoreError as e:
        print(f"geo ingest: {e}", file=sys.stderr)
        return 2
    summary = IngestSummary()
    with store:
        if args.scheduler or args.workers != 1:
            results = iter_ingest_parallel(store, args.paths, workers=args.workers or None,
                                           scheduler=args.scheduler, max_bytes=args.max_bytes, extractor=extractor)
        else:
            results = iter_ingest(store, args.paths, max_bytes=args.max_bytes, extractor=extractor)
        try:
            for batch in (results, reextract(store, everything=args.all, extractor=extractor) if args.reextract else ()):
                for result in batch:
                    summary.results.append(result)
                    if result.error:
                        print(result.line, file=sys.stderr, flush=True)
        except SchedulerError as e:
            print(f"geo ingest: {e}", file=sys.stderr)
            return 2
        grouped = keep_events(store) if summary.count("new") or args.reextract else None
    print(summary)
    if grouped is not None:
        from geo.present.tables import counted  # loaded with the grouping, by keep_events

        print(f"{counted(grouped, 'event')}, grouped and kept in the store")
    return 1 if summary.failed else 0
