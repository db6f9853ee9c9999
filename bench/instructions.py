"""Instructions the extractor executes per article, counted by Valgrind's callgrind (printed; never a timed test).

On a shared machine the CPU time of the same code moved by half from one minute to the next; the count of
instructions does not move with the load, so it can tell a change of a few per cent. Needs valgrind
(``apt-get install valgrind``); a run takes some minutes (the interpreter is emulated, about fifty times slower).

    python -m bench.instructions                          # 100 six-language bench articles, after 40 of warm-up
    python -m bench.instructions --n 200 --languages en,it

Only the measured articles are counted: instrumentation is switched on around them (callgrind_control), so the
imports, the knowledge and the warm-up, which fill the caches a long run keeps warm, are not. Compare two commits by
running it in a worktree of each.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .corpus import ALL_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 40


def collected(callgrind_stderr: str) -> int:
    """The instruction count callgrind reports when it ends ("Collected : 2166569367")."""
    found = re.findall(r"Collected\s*:\s*([\d,]+)", callgrind_stderr)
    if not found:
        raise ValueError("callgrind reported no count")
    return int(found[-1].replace(",", ""))


def extract_measured(n: int, languages: tuple[str, ...]) -> None:
    """In the emulated process: warm up, then extract ``n`` articles with instrumentation on."""
    from bench.corpus import articles
    from geo.extract.pipeline import extract_article

    arts = list(articles(WARM_UP + n, 1, languages=languages))
    for a in arts[:WARM_UP]:
        extract_article(a)
    _instrument("on")
    for a in arts[WARM_UP:]:
        extract_article(a)
    _instrument("off")


def _instrument(state: str) -> None:
    try:
        subprocess.run(["callgrind_control", "-i", state, str(os.getpid())], capture_output=True, check=False)
    except FileNotFoundError:  # no valgrind: a run outside it, which counts nothing
        pass


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.instructions", description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=100, help="articles measured (default 100)")
    p.add_argument("--languages", default=",".join(ALL_LANGUAGES), help="the corpus's languages (default all six)")
    p.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)  # internal: the emulated run
    args = p.parse_args(argv)
    languages = tuple(args.languages.split(","))
    if args.inner:
        extract_measured(args.n, languages)
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("bench.instructions needs valgrind: apt-get install valgrind")
    with tempfile.TemporaryDirectory(prefix="bench-callgrind-") as tmp:
        cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={Path(tmp) / 'out'}",
               sys.executable, "-m", "bench.instructions", "--inner", "--n", str(args.n), "--languages", args.languages]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench.instructions failed:\n{done.stderr[-3000:]}")
    total = collected(done.stderr)
    print(f"{args.n} articles ({args.languages}): {total / args.n / 1e6:.2f} million instructions per article "
          f"({total:,} in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
