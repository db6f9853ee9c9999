"""The loop the reading commands share: each article path of the arguments read and handled, a failure
reported on standard error as one `PATH: reason` line while the other files go on."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from geo.errors import GeoError
from geo.ingest.articles import iter_article_paths
from geo.text.untrusted import printable

T = TypeVar("T")


@dataclass
class Failures:
    count: int = 0

    @property
    def exit_status(self) -> int:
        return 1 if self.count else 0


def each_article(paths: Iterable[str | Path], handle: Callable[[Path], T], failures: Failures,
                 want: Callable[[Path], bool] | None = None) -> Iterator[tuple[Path, T]]:
    """(path, handle(path)) for every article path (``want`` may pass some over); the library's errors are
    reported and counted, never raised."""
    for path in iter_article_paths(paths):
        if want is not None and not want(path):
            continue
        try:
            yield path, handle(path)
        except GeoError as e:
            print(printable(f"{path}: {e}"), file=sys.stderr)
            failures.count += 1
