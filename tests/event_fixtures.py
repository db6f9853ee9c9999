"""Hand-made extractions for the compare layer's tests (tests/fixtures/events/)."""
from __future__ import annotations

import json
from pathlib import Path

from geo.models import Extraction

FIXTURES = Path(__file__).parent / "fixtures" / "events"


def load(*names: str) -> list[Extraction]:
    return [Extraction.from_dict(json.loads((FIXTURES / f"{n}.json").read_text(encoding="utf-8"))) for n in names]
