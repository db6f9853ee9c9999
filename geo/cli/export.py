"""`python -m geo export`: the incident or claim table as CSV, GeoJSON or JSON Lines."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "export"
HELP = "Export incidents (one row per place, with coordinates) or claims as csv, geojson or jsonl."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from geo.present.export import FORMATS, WHAT

    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="article files or folders to extract; default: the store (or the built-in sample)")
    parser.add_argument("--format", choices=FORMATS, default="csv")
    parser.add_argument("--what", choices=WHAT, default="incidents")
    parser.add_argument("--db", metavar="URL", help="database URL of the store to export")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")


def run(args: argparse.Namespace) -> int:
    from geo.present.dataset import Dataset, extract_paths, load_dataset
    from geo.present.export import ExportError, export_bytes

    if args.paths and args.db:
        print("export: give PATHs or --db, not both", file=sys.stderr)
        return 2
    failed = False
    if args.paths:
        extractions, errors = extract_paths(args.paths)
        for line in errors:
            print(line, file=sys.stderr)
        failed = bool(errors)
        data = Dataset(extractions)
    else:
        data = load_dataset(args.db)
    table = data.incidents if args.what == "incidents" else data.claims
    try:
        payload = export_bytes(table, args.format, args.what)
    except ExportError as e:
        print(f"export: {e}", file=sys.stderr)
        return 2
    if args.output:
        Path(args.output).write_bytes(payload)
    else:
        sys.stdout.buffer.write(payload)
    return 1 if failed else 0
