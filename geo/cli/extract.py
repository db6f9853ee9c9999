"""`python -m geo extract PATH... [--json]`: with --json the contract of docs/extraction-contract.md (JSON
Lines), without it the same extraction for a reader (a line per article, a line per figure)."""
from __future__ import annotations

import json
import sys

from geo.cli._loop import Failures, each_article
from geo.extract.pipeline import configured_extractor
from geo.ingest.articles import read_article
from geo.models import Claim, Extraction
from geo.places.online import GeocoderConfigError
from geo.text.untrusted import printable

NAME = "extract"
HELP = "Extract geocoded incidents and attributed claims from articles (JSON Lines on stdout)."


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files (.txt, .md) or folders (read recursively)")
    parser.add_argument("--json", action="store_true",
                        help="JSON Lines, one object per article (docs/extraction-contract.md); default: a summary for reading")


def run(args) -> int:
    try:
        extract = configured_extractor()
    except GeocoderConfigError as e:
        print(f"geo extract: online geocoding: {e}", file=sys.stderr)
        return 2
    failures = Failures()
    for _, extraction in each_article(args.paths, lambda path: extract(read_article(path)), failures):
        sys.stdout.write(json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n" if args.json else summary(extraction))
        sys.stdout.flush()
    return failures.exit_status


_BOUND = {"at_least": "≥", "more_than": ">", "approx": "~", "at_most": "≤", "vague": "~"}


def _plain(text: object) -> str:
    """One line, safe on a terminal: runs of white space (line breaks) folded, other control characters escaped."""
    return printable(" ".join(str(text).split()))


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _count(c: Claim) -> str:
    if c.count_low is None:
        return "?"
    if c.count_high is not None and c.count_high != c.count_low:
        return f"{c.count_low}–{c.count_high}"
    return _BOUND.get(c.qualifier, "") + str(c.count_low)


def summary(ex: Extraction) -> str:
    """The extraction in a few lines: the article, its incident places, then each figure with its claimant."""
    a = ex.article
    incident_places = sorted({p.name for p in ex.places if p.role == "incident" and p.name})
    head = (f"{_plain(a.path)} [{a.language}, {a.published or 'undated'}]: {len(ex.incidents)} incident(s) at "
            f"{', '.join(map(_plain, incident_places)) or 'no placed location'}; {len(ex.claims)} figure(s)")
    lines = [head] + [
        f"  {c.kind} {_count(c)}{' ' + _plain(c.what) if c.what else ''} · side {c.side} · {c.scope} · "
        f"{c.claimed_by}: \"{_short(_plain(c.quote))}\""
        for c in ex.claims
    ]
    return "\n".join(lines) + "\n"
