"""A SIGKILLed parallel ingest leaves no worker behind (each used to keep ~130 MB for ever)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_workers_end_when_their_ingest_is_killed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(400):
        (folder / f"a{n:04}.md").write_text(f"---\nlanguage: it\n---\nNotizia {n}: tre soldati uccisi a Goris.\n" * 30)
    proc = subprocess.Popen([sys.executable, "-m", "geo", "ingest", "--workers", "2", str(folder),
                             "--db", f"sqlite:///{tmp_path / 's.sqlite'}"], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    while len(parent.children(recursive=True)) < 3 and time.monotonic() < deadline:  # fork server + 2 workers
        time.sleep(0.2)
    family = parent.children(recursive=True)
    assert len(family) >= 3, "the pool never started"
    time.sleep(2)  # the workers are warm and working
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(family, timeout=15)
    for p in alive:  # do not leak them from the test either
        p.kill()
    assert not alive, f"{len(alive)} worker processes outlived their ingest"
