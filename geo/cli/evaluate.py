"""`python -m geo evaluate GOLD.yaml [PATH ...] [--json]`: extraction scored against gold annotations."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from geo.cli._loop import Failures, each_article
from geo.extract.evaluate import GoldError, format_report, load_gold, score
from geo.extract.pipeline import extract_article
from geo.ingest.articles import read_article

NAME = "evaluate"
HELP = "run the extraction on annotated articles and score it against a gold file"


def add_arguments(parser) -> None:
    parser.add_argument("gold", help="gold annotations (YAML, the format of tests/fixtures/gold_seeds.yaml)")
    parser.add_argument("paths", nargs="*",
                        help="article files or folders (default: the gold file's folder); "
                             "only files the gold annotates are extracted")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    parser.add_argument("--brief", action="store_true", help="totals and one line per article, no details")


def run(args) -> int:
    try:
        gold = load_gold(args.gold)
    except GoldError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    annotated = {a["file"] for a in gold["articles"]}
    extractions, bodies, failures = [], {}, Failures()

    def wanted(path: Path) -> bool:  # an annotated file, once
        return path.name in annotated and path.name not in bodies

    def article_and_extraction(path: Path):
        article = read_article(path)
        return article, extract_article(article)

    for path, (article, extraction) in each_article(args.paths or [Path(args.gold).parent], article_and_extraction,
                                                    failures, want=wanted):
        bodies[path.name] = article.body
        extractions.append(extraction.to_dict())
    report = score(extractions, gold, bodies)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(format_report(report, details=not args.brief))
    return failures.exit_status
