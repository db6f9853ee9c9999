"""The dashboard in a real browser: markers, a marker click, the events timeline and an event's page,
a deep link, an added article surviving a reload, one colour per event type, hostile article text, screenshots.

Screenshots go to a temporary folder, or to $GEODASH_SCREENSHOTS when set: the README's are regenerated on
purpose (GEODASH_SCREENSHOTS=docs/screenshots pytest -m browser tests/browser), never by a plain run.
"""
from __future__ import annotations

import io
import os
import re
import time
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from geo.present.colours import event_type_colours

SCREENSHOTS = Path(os.environ.get("GEODASH_SCREENSHOTS") or tempfile.mkdtemp(prefix="geodash-shots-"))
SCREENSHOTS.mkdir(parents=True, exist_ok=True)

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MARKER = "path.leaflet-interactive"
SAMPLE_MARKERS = 8  # QUALITY: the engine places the sample's 8 incident locations


def _open_map(page, server, query=""):
    page.goto(f"{server}/{query}")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(MARKER).first.wait_for(state="visible", timeout=120_000)
    return frame


def _marker_point(page, place: str) -> tuple[float, float]:
    """Page coordinates of the marker whose tooltip names ``place``."""
    frame = page.frame(url=re.compile(r"streamlit_folium"))
    xy = frame.evaluate("""(place) => {
        let found = null;
        window.map.eachLayer(l => {
            const t = l.getTooltip && l.getTooltip();
            if (t && l.getLatLng && String(t.getContent()).includes(place + " ·")) found = l;
        });
        if (!found) return null;
        const p = window.map.latLngToContainerPoint(found.getLatLng());
        return [p.x, p.y];
    }""", place)
    assert xy, f"no marker for {place}"
    box = page.locator(MAP_FRAME).bounding_box()
    return box["x"] + xy[0], box["y"] + xy[1]


def test_cold_deep_link_goes_through_the_navigation(page, server):
    """First request of a fresh server: a deep link must get the app's pages and its filter (kept first in the file)."""
    page.goto(f"{server}/casualties?claimed_by=reuters")
    page.get_by_text("Figures for each event").first.wait_for(timeout=120_000)
    nav = [a.inner_text().strip().splitlines()[-1] for a in page.locator('[data-testid="stSidebarNav"] a').all()]
    assert nav == ["Map", "Events", "Casualties", "Sources", "Articles"]
    page.locator("[role=gridcell]", has_text="at least 49").first.wait_for(state="attached")  # QUALITY: Reuters' figure
    assert "claimed_by=reuters" in page.url


def test_markers_and_time_to_first_marker(page, server):
    _open_map(page, server)  # first load seeds the store and warms the server
    page.goto("about:blank")
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "about:", "data:", "blob:")) else None)
    t0 = time.monotonic()
    frame = _open_map(page, server)
    elapsed = time.monotonic() - t0
    print(f"\ntime from navigation to first visible marker (warm server): {elapsed:.2f} s")
    assert frame.locator(MARKER).count() == SAMPLE_MARKERS
    labels = [t.strip() for t in frame.locator(".place-label").all_inner_texts()]
    assert len(labels) == SAMPLE_MARKERS and "Goris" in labels  # every marker named on the map
    assert "Khankendi (Stepanakert)" in labels  # QUALITY: GeoNames' name, the article's word after it
    assert frame.locator(".town-label").count() > 0  # offline: the theatre's towns as background
    assert outside == [], "the map must load nothing from outside the app (run scripts/install_assets.sh)"
    page.get_by_text("Click a marker").wait_for()
    page.screenshot(path=SCREENSHOTS / "map.png", full_page=True)


def test_clicking_goris_shows_its_passages(page, server):
    _open_map(page, server)
    x, y = _marker_point(page, "Goris")
    page.mouse.click(x, y)
    page.get_by_text("Goris · 1 event, 2 reports").first.wait_for(timeout=30_000)  # QUALITY: one event, two reports
    passage = page.locator("div.passage", has_text="vicino alle città di Goris, Sotk e Jermuk")
    passage.first.wait_for(timeout=30_000)
    assert passage.first.locator("mark", has_text="Goris").count() == 1
    assert "marker=m-" in page.url  # the selection is in the URL: a copied link opens these passages
    frame = page.frame_locator(MAP_FRAME)
    assert frame.locator(":focus").count() == 0 or frame.locator(":focus").evaluate(
        "e => getComputedStyle(e).outlineStyle") == "none"  # no focus square on the clicked marker
    frame = page.frame_locator(MAP_FRAME)
    assert frame.locator(".leaflet-popup").count() == 0  # no popup over the neighbouring markers
    assert not page.get_by_text(re.compile(r"\bm-[0-9a-f]{8}\b")).count()  # the marker id never shows
    page.screenshot(path=SCREENSHOTS / "map-goris.png", full_page=True)


def test_clicking_a_label_is_clicking_its_dot(page, server):
    frame = _open_map(page, server)
    frame.locator(".place-label", has_text="Jermuk").first.click()
    page.get_by_text(re.compile(r"Jermuk · \d+ events?, \d+ reports?")).first.wait_for(timeout=30_000)


def test_deep_links_restore_the_place_filter_and_the_selected_marker(page, server):
    frame = _open_map(page, server, "?place=jermuk")  # any case
    assert frame.locator(MARKER).count() == 1
    page.locator("div.passage mark", has_text="Jermuk").first.wait_for(timeout=30_000)
    assert "place=" in page.url
    _open_map(page, server)
    page.mouse.click(*_marker_point(page, "Goris"))
    page.get_by_text("Goris · 1 event, 2 reports").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    link = page.url
    page.goto("about:blank")
    _open_map(page, server, link.split("/", 3)[3])
    page.get_by_text("Goris · 1 event, 2 reports").first.wait_for(timeout=30_000)


def test_a_filter_matching_nothing_says_so(page, server):
    page.goto(f"{server}/?place=Atlantis")
    page.get_by_text("No place matches these filters").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Clear the filters").click()
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(MARKER).nth(SAMPLE_MARKERS - 1).wait_for(state="visible", timeout=30_000)


def test_events_timeline_and_an_event_page_by_its_link(page, server):
    page.goto(f"{server}/events")
    page.get_by_text("Drag across it to set the dates").first.wait_for(timeout=120_000)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=SCREENSHOTS / "events.png", full_page=True)
    box = chart.bounding_box()  # brush the last quarter of the timeline: the 2022 event only
    page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.95, box["y"] + box["height"] / 2, steps=10)
    page.mouse.up()
    page.get_by_text("1 event", exact=True).wait_for(timeout=30_000)
    assert re.search(r"from=2022-\d\d-\d\d&to=2022-\d\d-\d\d", page.url)  # the brush is the date filter
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    _open_map(page, server)  # the event's link beside a marker's passages
    page.mouse.click(*_marker_point(page, "Goris"))
    link = page.get_by_role("link", name=re.compile("The event: every source side by side")).first
    link.wait_for(timeout=30_000)
    href = link.get_attribute("href")
    assert re.search(r"events\?event=ev-[0-9a-f]{12}$", href)
    page.goto(href if href.startswith("http") else f"{server}/{href.lstrip('/')}")
    page.get_by_text("What each source says").first.wait_for(timeout=60_000)
    page.get_by_text("Every report").first.wait_for()
    page.locator("div.passage mark").first.wait_for(timeout=30_000)
    page.frame_locator(MAP_FRAME).locator(MARKER).first.wait_for(state="visible", timeout=60_000)  # where: a small map
    page.wait_for_timeout(1000)
    page.screenshot(path=SCREENSHOTS / "event.png", full_page=True)


def _has_colour(png: bytes, rgb: tuple[int, int, int], tolerance: int = 14) -> bool:
    img = Image.open(io.BytesIO(png)).convert("RGB")
    return any(all(abs(c - w) <= tolerance for c, w in zip(px, rgb)) for px in img.getdata())


def test_shelling_has_one_colour_on_the_map_and_in_the_charts(page, server):
    shelling = event_type_colours()["shelling"]
    frame = _open_map(page, server)
    fills = page.frame(url=re.compile(r"streamlit_folium")).evaluate("""() => {
        const out = {};
        window.map.eachLayer(l => { const t = l.getTooltip && l.getTooltip();
            if (t && l.options && l.options.fillColor) out[String(t.getContent()).split(" ·")[0].replace("<div>", "")] = l.options.fillColor; });
        return out; }""")
    assert fills["Goris"].lower() == shelling.lower()  # QUALITY: Goris' event is a shelling
    r, g, b = (int(shelling[i:i + 2], 16) for i in (1, 3, 5))
    legend = page.locator(".legend", has_text="Shelling").first
    assert f"rgb({r}, {g}, {b})" in legend.inner_html()
    page.goto(f"{server}/events")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for(timeout=120_000)
    page.wait_for_timeout(1500)
    blended = tuple(round(0.75 * c + 0.25 * 255) for c in (r, g, b))  # the marks' opacity over white
    assert _has_colour(chart.screenshot(), blended)


def test_an_added_article_survives_a_reload_in_local_mode(page, server):
    page.goto(f"{server}/articles")
    page.get_by_text("Add articles").first.wait_for(timeout=120_000)
    page.get_by_text("you run the app on this machine with no sign-in").first.wait_for()  # local: the editor
    page.get_by_label("Title (optional)").fill("Articolo che resta")
    page.get_by_label("Article text").fill("Il ministero della Difesa armeno ha riferito che tre soldati sono "
                                           "stati uccisi vicino a Sotk mercoledì.")
    page.get_by_role("button", name="Extract", exact=True).click()
    page.get_by_text("1 of 1 added").wait_for(timeout=120_000)
    page.reload()
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.locator('[role="gridcell"]', has_text="Articolo che resta").first.wait_for(state="attached", timeout=60_000)


def test_sources_cell_click_shows_its_passage(page, server):
    page.goto(f"{server}/sources")
    page.get_by_text("Events told by several sources").first.wait_for(timeout=120_000)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.locator('[role="gridcell"]', has_text="⚠").first.wait_for(state="attached", timeout=30_000)  # QUALITY
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 230, box["y"] + 35 + 17)  # row "where", first claimant's column
    page.get_by_text(re.compile(r"^where — ")).first.wait_for(timeout=30_000)
    page.locator("div.passage mark").first.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=SCREENSHOTS / "sources-cell.png", full_page=True)


@pytest.mark.parametrize("path,shot,expect", [
    ("casualties?claimed_by=reuters", "casualties.png", "Figures for each event"),
    ("sources", "sources.png", "Events told by several sources"),
    ("articles", "articles.png", "Add articles"),
])
def test_pages_render(page, server, path, shot, expect):
    page.goto(f"{server}/{path}")
    page.get_by_text(expect).first.wait_for(timeout=120_000)
    # the script has run to its end: no running indicator, no skeleton left where a widget will be
    page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')
                                    && !document.querySelector('[data-testid="stSkeleton"]')""", timeout=120_000)
    page.wait_for_timeout(1500)  # charts and tables settle
    assert not page.locator('[data-testid="stException"]').count()
    page.screenshot(path=SCREENSHOTS / shot, full_page=True)


HOSTILE = """---
title: "<img src=x onerror=\\"window.__xss=1;alert(1)\\"> ${alert(2)} `x`"
language: it
---
<img src=x onerror="window.__xss=3;alert(3)"> ${window.__xss=4} <script>window.__xss=5</script>
<b onmouseover="window.__xss=6">hover</b>
Il ministero della Difesa armeno ha riferito che l'Azerbaigian ha lanciato un intenso fuoco di artiglieria sulle posizioni armene vicino alla città di Goris martedì.
"""


def _no_payload_ran(page):
    for frame in page.frames:
        assert frame.evaluate("() => window.__xss === undefined"), frame.url
    assert page.dialogs == []


def test_hostile_article_runs_nothing(page, server):
    page.goto(f"{server}/articles")
    page.get_by_label("Article text").fill(HOSTILE)
    page.get_by_role("button", name="Extract", exact=True).click()
    page.get_by_text("window.__xss=5").first.wait_for(timeout=120_000)  # shown as text
    page.wait_for_timeout(1000)
    _no_payload_ran(page)
    # the same session's map shows the upload's marker, its title in the popup
    page.get_by_role("link", name="Map").click()
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(MARKER).first.wait_for(state="visible", timeout=60_000)
    x, y = _marker_point(page, "Goris")
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.locator("div.passage", has_text="vicino alla città di Goris").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    _no_payload_ran(page)


UPLOADS = {
    "primo.md": "---\ntitle: Primo articolo caricato\nlanguage: it\npublished: 2022-09-20\n---\n"
                "Il ministero della Difesa armeno ha riferito che due soldati sono stati uccisi vicino a Jermuk.\n",
    "secondo.txt": "---\ntitle: Secondo articolo caricato\nlanguage: it\n---\n"
                   "Il ministero della Difesa azero ha dichiarato che un drone è stato abbattuto vicino a Lachin.\n",
    "vuoto.md": "   \n",
}


def test_uploading_several_files_at_once(page, server, tmp_path):
    paths = []
    for name, text in UPLOADS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    page.goto(f"{server}/articles")
    page.get_by_text("Add articles").first.wait_for(timeout=120_000)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(paths)
    for name in UPLOADS:
        page.get_by_text(name).first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Extract the uploaded files").click()
    page.get_by_text("2 of 3 added").wait_for(timeout=120_000)
    page.get_by_text("vuoto.md: empty file").wait_for()  # the bad file named, with the reason
    grid = page.locator('[data-testid="stDataFrame"]').first
    for title in ("Primo articolo caricato", "Secondo articolo caricato"):
        # both in the corpus table (the grid is a canvas; its accessible twin holds the text)
        grid.locator('[role="gridcell"]', has_text=title).first.wait_for(state="attached", timeout=30_000)
    page.screenshot(path=SCREENSHOTS / "articles-upload.png", full_page=True)


def test_a_markdown_title_is_shown_as_text_and_fetches_nothing(page, server):
    """A title or outlet written as a Markdown image must not make the reader's browser fetch it (a beacon)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    fetched = []

    class Beacon(BaseHTTPRequestHandler):
        def do_GET(self):
            fetched.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    beacon = ThreadingHTTPServer(("127.0.0.1", 0), Beacon)
    threading.Thread(target=beacon.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d" % beacon.server_address[1]
    try:
        page.goto(f"{server}/articles")
        page.get_by_label("Article text").fill(
            f'---\ntitle: "![t]({url}/title.png) $x^2$"\noutlet: "![o]({url}/outlet.png)"\nlanguage: it\n---\n'
            "Il ministero della Difesa armeno ha riferito che due soldati sono stati uccisi vicino a Goris.\n")
        page.get_by_role("button", name="Extract", exact=True).click()
        page.get_by_text(f"![t]({url}/title.png) $x^2$").first.wait_for(timeout=120_000)  # the heading, as text
        page.get_by_text(f"![o]({url}/outlet.png)").first.wait_for(timeout=30_000)  # the source line
        page.get_by_role("link", name="Casualties").click()
        page.get_by_text("Figures for each event").first.wait_for(timeout=120_000)
        page.wait_for_timeout(2000)
        assert fetched == []
    finally:
        beacon.shutdown()
        beacon.server_close()
