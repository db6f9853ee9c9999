"""Dashboard latency and memory at 100, 10,000 and 100,000 incidents, in headless Chromium.

For each size: a store of synthetic extractions (incidents at places of the
conflict's theatre, as bench.corpus draws them, 4 to 16 an article and about
33 a day: dense, so about one event in four incidents; the events are counted
and printed) is written and its events grouped and kept as `geo ingest` does
(timed: "grouping s"), ``streamlit run app.py`` is started on it
(GEODASH_DB_URL), and Playwright
drives Debian's chromium to time (warm server, median of --repeat):
- navigation → first visible marker on the map;
- a filter change (Location precision: town), from the key press or click that commits it (typing the
  value is not timed) → the map redrawn with fewer markers;
- navigation → first paint of the Events page (its timeline drawn and its table shown);
then the server's resident memory is read. The same is timed on a bare
st_folium page drawing the same number of plain CircleMarkers, and the ratio
printed: what the dashboard costs beyond Streamlit and Leaflet themselves.

    python -m bench.dashboard --incidents 100 10000
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from .corpus import Theatre

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("GEODASH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MARKER = "path.leaflet-interactive, div.cluster"  # a dot, or a cluster of places ("12 places")
# The places a map shows: its dots plus the places its clusters hold.
PLACES_SHOWN_JS = """b => [...b.querySelectorAll("path.leaflet-interactive")].length +
  [...b.querySelectorAll("div.cluster")].reduce((n, c) => n + parseInt(c.title), 0)"""
INCIDENTS_PER_ARTICLE = (4, 16)
BARE_PAGE = '''
import folium, json, streamlit as st
from streamlit_folium import st_folium
from geo.present.mapview import assets_installed, use_local_assets
points = json.load(open({points!r}))
half = st.sidebar.radio("Markers", ["all", "towns"]) == "towns"
m = folium.Map(location=(40.0, 46.5), zoom_start=7, tiles=None)
for lat, lon, town in points:
    if town or not half:
        folium.CircleMarker((lat, lon), radius=7, tooltip="x").add_to(m)
if assets_installed():
    use_local_assets(m)  # offline, like the dashboard: Leaflet from the app's static/vendor
st_folium(m, key="bare", height=560, use_container_width=True, returned_objects=[])
'''


# ---------------------------------------------------------------- synthetic stores

def synthetic_extractions(n_incidents: int, seed: int = 1) -> Iterator:
    """Extractions holding ``n_incidents`` incidents in all, each at one theatre place."""
    from geo.ingest.articles import article_id
    from geo.events.grouping import event_types
    from geo.knowledge.files import default_knowledge
    from geo.models import Article, Claim, Extraction, Incident, Place

    theatre = Theatre.default()
    rng = random.Random(seed)
    places = list(theatre.towns) + list(theatre.areas) * 3  # areas are fewer: named more often each
    types = sorted(event_types())
    sources = sorted(s for s in default_knowledge().conflict.sources if s != "unattributed")
    left, i = n_incidents, 0
    while left > 0:
        k = min(left, rng.randint(*INCIDENTS_PER_ARTICLE))
        day = date(2020, 7, 1) + timedelta(days=rng.randrange(3 * 365))
        sentences, spans = [f"Bulletin {seed}-{i} of {day.isoformat()}."], []
        pos = len(sentences[0]) + 1
        for _ in range(k):
            e, n, src = rng.choice(places), rng.randint(1, 40), rng.choice(sources)
            s = f"Shelling hit {e.name}, killing {n} people, according to {src}."
            spans.append((pos, pos + len(s), pos + len("Shelling hit "), e, n, src))
            sentences.append(s)
            pos += len(s) + 1
        body = " ".join(sentences)
        art = Article(id=article_id(body), body=body, title=f"Report {i}", outlet="Synthetic Wire", language="en",
                      published=day.isoformat(), published_precision="day")
        ex = Extraction(article=art)
        for j, (a, b, p, e, n, src) in enumerate(spans):
            ex.places.append(Place(text=e.name, start=p, end=p + len(e.name), name=e.name, country=e.country,
                                   lat=e.lat, lon=e.lon, precision=e.precision, role="incident",
                                   gazetteer=e.id, confidence=0.9))
            side = rng.choice(("armenia", "azerbaijan"))
            ex.incidents.append(Incident(id=f"{art.id}-{j}", event_type=rng.choice(types), date=art.published,
                                         date_precision="day", places=[e.name], claimed_by=src, quote=body[a:b],
                                         start=a, end=b, target=side))
            ex.claims.append(Claim(kind="killed", count_low=n, count_high=n, qualifier="exact", side=side,
                                   scope="incident", claimed_by=src, claimed_by_text=None, quote=body[a:b],
                                   start=a, end=b, places=[e.name], date=art.published, date_precision="day"))
        left -= k
        i += 1
        yield ex


def write_store(url: str, n_incidents: int) -> tuple[dict, int, float]:
    """The store's counts, its number of events, and the seconds they took to group and keep, as
    `geo ingest` does."""
    from geo.cli.ingest import keep_events
    from geo.store import open_store

    with open_store(url) as store:
        for ex in synthetic_extractions(n_incidents):
            store.add(ex, extractor_version="synthetic")
        t = time.perf_counter()
        n_events = keep_events(store)
        return store.counts(), n_events, time.perf_counter() - t


# ---------------------------------------------------------------- servers and timing

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run SCRIPT` on a free port, stopped on exit."""

    def __init__(self, script: Path, env: dict[str, str], log: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env={**os.environ, **env}, stdout=self._log, stderr=subprocess.STDOUT)

    def __enter__(self) -> "Server":
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"streamlit did not start: {Path(self._log.name).read_text()[-2000:]}")
            time.sleep(0.5)

    def rss_mib(self) -> float:
        import psutil

        procs = [psutil.Process(self.proc.pid)]
        procs += procs[0].children(recursive=True)
        return sum(p.memory_info().rss for p in procs) / 2**20

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()


def first_marker(page, url: str, timeout_s: float) -> tuple[float, int]:
    """Seconds from navigation to the first visible marker, and the number of markers."""
    page.goto("about:blank")
    t0 = time.monotonic()
    page.goto(url)
    markers = page.frame_locator(MAP_FRAME).locator(MARKER)
    markers.first.wait_for(state="visible", timeout=timeout_s * 1000)
    elapsed = time.monotonic() - t0
    return elapsed, places_shown(page)


def places_shown(page) -> int:
    return page.frame_locator(MAP_FRAME).locator("body").evaluate(PLACES_SHOWN_JS)


def after_change(page, change, before: int, timeout_s: float) -> tuple[float, int]:
    """Seconds from committing ``change(page)`` (it readies the change and returns the action that
    commits it) to a redrawn map showing a different number of places."""
    commit = change(page)
    t0 = time.monotonic()
    commit()
    markers = page.frame_locator(MAP_FRAME).locator(MARKER)
    deadline = t0 + timeout_s
    while True:
        try:
            n = places_shown(page)
            if n and n != before and markers.first.is_visible():
                return time.monotonic() - t0, n
        except Exception:  # the frame is being replaced
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"the map did not change within {timeout_s:.0f} s")
        time.sleep(0.02)


def pick_town_precision(page):
    """Types "town" in the Location precision filter; returns the Enter that picks it."""
    box = page.locator('[data-testid="stMultiSelect"]', has_text="Location precision")
    box.locator("input").click()
    box.locator("input").fill("town")
    return lambda: page.keyboard.press("Enter")


def pick_bare_towns(page):
    """The click that shows towns only on the bare page."""
    return page.get_by_text("towns", exact=True).click


def events_first_paint(browser, url: str, repeat: int, timeout_s: float) -> float:
    """Median seconds from navigation to the Events page's timeline and table on screen (warm server)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        times = []
        for _ in range(repeat + 1):  # the first warms the server
            page.goto("about:blank")
            t0 = time.monotonic()
            page.goto(f"{url}/events")
            page.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').first.wait_for(
                state="visible", timeout=timeout_s * 1000)
            page.locator('[data-testid="stDataFrame"]').first.wait_for(state="visible", timeout=timeout_s * 1000)
            times.append(time.monotonic() - t0)
        return statistics.median(times[1:])
    finally:
        page.close()


def time_page(browser, url: str, change, repeat: int, timeout_s: float) -> dict:
    """Warm the server once, then the medians of ``repeat`` navigations and filter changes."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        cold, markers = first_marker(page, url, timeout_s)
        loads, changes, after = [], [], markers
        for _ in range(repeat):
            t, markers = first_marker(page, url, timeout_s)
            loads.append(t)
            t, after = after_change(page, change, markers, timeout_s)
            changes.append(t)
        html = len(page.frame_locator(MAP_FRAME).locator("html").inner_html())
        return {"cold_s": cold, "first_marker_s": statistics.median(loads), "filter_s": statistics.median(changes),
                "markers": markers, "markers_after": after, "map_kib": html / 1024}
    finally:
        page.close()


def measure(n_incidents: int, browser, work: Path, repeat: int, timeout_s: float) -> dict:
    db = work / f"store-{n_incidents}.sqlite"
    t = time.perf_counter()
    counts, n_events, grouping_s = write_store(f"sqlite:///{db}", n_incidents)
    built = time.perf_counter() - t
    env = {"GEODASH_DB_URL": f"sqlite:///{db}"}
    with Server(ROOT / "app.py", env, work / f"app-{n_incidents}.log") as app:
        dash = time_page(browser, app.url, pick_town_precision, repeat, timeout_s)
        dash["events_s"] = events_first_paint(browser, app.url, repeat, timeout_s)
        dash["rss_mib"] = app.rss_mib()
    # The bare page: as many plain markers as the dashboard drew, towns among them as on the dashboard.
    from geo.store import open_store

    with open_store(f"sqlite:///{db}") as store:
        frame = store.incident_places_frame()
    locs = frame.drop_duplicates(["place", "lat", "lon"])
    points = work / f"points-{n_incidents}.json"
    points.write_text(json.dumps([[r.lat, r.lon, r.precision == "town"] for r in locs.itertuples()]))
    script = work / f"bare_{n_incidents}.py"
    script.write_text(BARE_PAGE.format(points=str(points)))
    if not (work / "static").exists():  # Streamlit serves static/ beside the script: the app's own
        (work / "static").symlink_to(ROOT / "static")
    with Server(script, {}, work / f"bare-{n_incidents}.log") as bare_srv:
        bare = time_page(browser, bare_srv.url, pick_bare_towns, repeat, timeout_s)
        bare["rss_mib"] = bare_srv.rss_mib()
    return {"incidents": counts["incidents"], "events": n_events, "articles": counts["articles"],
            "store_s": built, "grouping_s": grouping_s, "dash": dash, "bare": bare}


def table(rows: list[dict]) -> str:
    head = (f"{'incidents':>10} {'events':>8} {'grouping s':>10} {'page':<10} {'markers':>8} {'cold s':>7} {'first marker s':>15} "
            f"{'filter s':>9} {'events page s':>14} {'map KiB':>9} {'server MiB':>11} {'ratio first/filter':>19}")
    lines = [head, "-" * len(head)]
    for r in rows:
        d, b = r["dash"], r["bare"]
        for name, m in (("dashboard", d), ("bare", b)):
            ratio = f"{d['first_marker_s'] / b['first_marker_s']:.1f}x / {d['filter_s'] / b['filter_s']:.1f}x" \
                if name == "dashboard" else ""
            events_s = f"{m['events_s']:.2f}" if "events_s" in m else "—"
            grouping = f"{r['grouping_s']:.1f}" if name == "dashboard" else ""
            lines.append(f"{r['incidents']:>10,} {r['events']:>8,} {grouping:>10} {name:<10} {m['markers']:>8} {m['cold_s']:>7.1f} "
                         f"{m['first_marker_s']:>15.2f} {m['filter_s']:>9.2f} {events_s:>14} {m['map_kib']:>9.0f} "
                         f"{m['rss_mib']:>11.0f} {ratio:>19}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.dashboard", description=__doc__.split("\n\n")[0])
    p.add_argument("--incidents", type=int, nargs="+", default=[100, 10000, 100000])
    p.add_argument("--repeat", type=int, default=3, help="timed navigations per page (median)")
    p.add_argument("--timeout", type=float, default=600, help="seconds to wait for a map")
    args = p.parse_args(argv)
    if not Path(CHROMIUM).is_file():
        print(f"no chromium at {CHROMIUM} (apt-get install chromium, or set GEODASH_CHROMIUM)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-dash-") as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for n in args.incidents:
                rows.append(measure(n, browser, Path(tmp), args.repeat, args.timeout))
                print(table(rows[-1:]), file=sys.stderr, flush=True)  # progress
        finally:
            browser.close()
    print(f"machine: {os.cpu_count()} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB")
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
