"""`python -m geo events PATH...`: extract articles, group their incidents into events, print them."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from geo.cli._loop import Failures, each_article
from geo.events.export import write_acled_csv, write_events_csv, write_events_jsonl
from geo.events.grouping import group_events
from geo.extract.pipeline import extract_article
from geo.ingest.articles import ArticleError, read_article
from geo.knowledge.files import KnowledgeError, default_knowledge
from geo.models import Extraction

NAME = "events"
HELP = ("Group the incidents of several articles into real-world events, with each source's figures, "
        "derived low/best/high and contradictions.")
WRITERS = {"jsonl": write_events_jsonl, "csv": write_events_csv, "acled": write_acled_csv}
EXTRACTIONS_SUFFIX = ".jsonl"


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="article files or folders; a .jsonl file is read as the output of `geo extract --json`")
    parser.add_argument("--format", choices=sorted(WRITERS), default="jsonl",
                        help="jsonl: one event per line (default); csv: one row per event; "
                             "acled: ACLED-like rows, one per event and location")


def _read_extractions(path: Path) -> list[Extraction]:
    out = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise ArticleError(str(e)) from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(Extraction.from_dict(json.loads(line)))
        except (ValueError, KeyError, TypeError) as e:
            raise ArticleError(f"line {n}: not an extraction ({e})") from None
    return out


def run(args) -> int:
    try:
        knowledge = default_knowledge()
    except KnowledgeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1

    def extractions_of(path: Path) -> list[Extraction]:
        if path.suffix == EXTRACTIONS_SUFFIX and path.is_file():
            return _read_extractions(path)
        return [extract_article(read_article(path), knowledge)]

    failures = Failures()
    extractions = [ex for _, exs in each_article(args.paths, extractions_of, failures) for ex in exs]
    WRITERS[args.format](group_events(extractions, knowledge), sys.stdout, knowledge)
    return failures.exit_status
