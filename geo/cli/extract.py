"""`python -m geo extract PATH... --json`: the contract of SPEC.md."""
from __future__ import annotations

import json
import sys

from geo.extract.pipeline import UnsupportedLanguage, configured_extractor
from geo.ingest.articles import ArticleError, iter_article_paths, read_article
from geo.places.online import GeocoderConfigError

NAME = "extract"
HELP = "Extract geocoded incidents and attributed claims from articles (JSON Lines on stdout)."


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files (.txt, .md) or folders (read recursively)")
    parser.add_argument("--json", action="store_true", help="JSON Lines output, one object per article (the default and only format)")


def run(args) -> int:
    try:
        extract = configured_extractor()
    except GeocoderConfigError as e:
        print(f"geo extract: online geocoding: {e}", file=sys.stderr)
        return 2
    failed = False
    out = sys.stdout
    for path in iter_article_paths(args.paths):
        try:
            extraction = extract(read_article(path))
        except (ArticleError, UnsupportedLanguage) as e:
            print(f"{path}: {e}", file=sys.stderr)
            failed = True
            continue
        out.write(json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failed else 0
