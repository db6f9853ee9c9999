"""Online geocoding against hostile services, on local HTTP servers: no request outlives its timeout,
no answer is read whole, no redirect is followed, no article or session uses up the shared rate."""
from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from geo.extract.pipeline import OnlineExtractor
from geo.ingest.articles import build_article
from geo.places.online import GeocoderConfig, OnlineGeocoder
from nominatim_stub import NominatimStub, nominatim_place

AGENT = "geodash-tests/0.1 (tests@example.org)"


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch):
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


def geocoder(domain: str, tmp_path, **overrides) -> OnlineGeocoder:
    config = GeocoderConfig(**{"user_agent": AGENT, "domain": domain, "scheme": "http", "timeout": 1.0,
                               "min_interval": 0.0, **overrides})
    return OnlineGeocoder(config, tmp_path / "cache.sqlite")


class RawServer:
    """A TCP server that answers each connection with ``serve(conn)``: dribbles, floods."""

    def __init__(self, serve):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.serve, self.stop = serve, threading.Event()
        threading.Thread(target=self._loop, daemon=True).start()

    @property
    def domain(self) -> str:
        return "127.0.0.1:%d" % self.sock.getsockname()[1]

    def _loop(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        try:
            conn.recv(65536)
            self.serve(conn, self.stop)
        except OSError:
            pass  # the client hung up: what the test wants
        finally:
            conn.close()

    def close(self):
        self.stop.set()
        self.sock.close()


def dribble_body(conn, stop):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
    while not stop.wait(0.2):  # each byte well within the per-read timeout
        conn.sendall(b" ")


def dribble_headers(conn, stop):
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    while not stop.wait(0.2):
        conn.sendall(b"X-Slow: 1\r\n")


@pytest.mark.parametrize("dribble", [dribble_body, dribble_headers])
def test_a_server_dribbling_its_answer_is_cut_at_the_timeout(tmp_path, dribble):
    server = RawServer(dribble)
    try:
        started = time.monotonic()
        result = geocoder(server.domain, tmp_path).geocode("Xanadu")
        took = time.monotonic() - started
    finally:
        server.close()
    assert result.entry is None and "timeout" in result.reason and took < 2.5


def test_a_huge_answer_is_not_read_whole(tmp_path):
    def flood(conn, stop):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 419430400\r\n\r\n[")
        chunk = b" " * 65536
        for _ in range(6400):  # 400 MiB, unless the client stops reading first
            if stop.is_set():
                return
            conn.sendall(chunk)

    server = RawServer(flood)
    try:
        result = geocoder(server.domain, tmp_path, timeout=5.0).geocode("Xanadu")
    finally:
        server.close()
    assert result.entry is None and "larger than 1,048,576 bytes" in result.reason


def test_redirects_are_not_followed(tmp_path):
    with NominatimStub(places={"sotk": [nominatim_place("Sotk", "am", 40.2, 45.9)]}) as elsewhere:
        class Redirect(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(302)
                self.send_header("Location", f"http://{elsewhere.domain}{self.path}")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            result = geocoder("127.0.0.1:%d" % server.server_address[1], tmp_path).geocode("Sotk")
        finally:
            server.shutdown()
            server.server_close()
        assert result.entry is None and "302" in result.reason and not elsewhere.searches()


def test_an_article_of_30_unknown_names_sends_at_most_its_share(tmp_path):
    names = [f"Zzyx{chr(97 + i // 26)}{chr(97 + i % 26)}orr" for i in range(30)]
    body = " ".join(f"Colpito il villaggio di {n}." for n in names)
    article = build_article("---\nlanguage: it\n---\n" + body)
    with NominatimStub() as stub:
        extract = OnlineExtractor(geocoder(stub.domain, tmp_path, max_per_article=5, max_per_session=8))
        first = extract(article)
        assert len(stub.searches()) == 5
        assert sum("used up (5 per article)" in (p.reason or "") for p in first.places) == 25
        session = extract.for_session()
        session(article)  # the five already asked are cached (free); five more for this article
        session(build_article("---\nlanguage: it\n---\nAncora. " + body))
        assert len(stub.searches()) == 5 + 8  # then the session's eight are used up
