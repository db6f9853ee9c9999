"""Event types (data/event_types.yaml): our ids and their ACLED equivalents."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

from geo.config import DATA_DIR


@functools.lru_cache(maxsize=4)
def load_event_types(data_dir: Path = DATA_DIR) -> dict[str, dict]:
    with open(Path(data_dir) / "event_types.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)
