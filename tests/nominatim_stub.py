"""A tiny local HTTP server speaking Nominatim's /search (format=jsonv2) and GeoNames' /searchJSON.

Tests point geopy at it (domain "127.0.0.1:PORT", scheme "http"), so the real
HTTP path of geopy runs and nothing leaves the machine. Each request is
recorded (time, path, parameters, headers) so tests can count requests and
check their spacing and user agent.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Fault:
    """What the server does instead of answering: an HTTP status, a delay, a raw body."""

    status: int = 200
    delay: float = 0.0
    body: str | None = None  # sent as is (e.g. malformed JSON)


@dataclass
class Seen:
    at: float  # time.monotonic() when the request arrived
    path: str
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class NominatimStub:
    places: dict[str, list[dict]] = field(default_factory=dict)  # casefolded q → jsonv2 results
    geonames: dict[str, list[dict]] = field(default_factory=dict)  # casefolded q → GeoNames records
    faults: dict[str, Fault] = field(default_factory=dict)  # casefolded q → fault
    requests: list[Seen] = field(default_factory=list)

    def __post_init__(self):
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def domain(self) -> str:
        return "127.0.0.1:%d" % self._server.server_address[1]

    def __enter__(self) -> "NominatimStub":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()  # cut delayed answers short
        self._server.shutdown()
        self._server.server_close()

    def searches(self) -> list[Seen]:
        with self._lock:
            return list(self.requests)

    def respond(self, path: str, params: dict[str, str]) -> tuple[int, str]:
        q = params.get("q", "").casefold()
        fault = self.faults.get(q)
        if fault:
            if fault.delay:
                self._stopping.wait(fault.delay)
            if fault.status != 200 or fault.body is not None:
                return fault.status, fault.body if fault.body is not None else '{"error": "stub fault"}'
        if path == "/search":
            if params.get("format") != "jsonv2":
                return 400, '{"error": "stub speaks format=jsonv2 only"}'
            codes = [c for c in params.get("countrycodes", "").lower().split(",") if c]
            found = [p for p in self.places.get(q, [])
                     if not codes or p.get("address", {}).get("country_code") in codes]
            return 200, json.dumps(found[: int(params.get("limit", 10))])
        if path == "/searchJSON":
            if not params.get("username"):
                return 200, '{"status": {"message": "invalid username", "value": 10}}'
            codes = params.get("country", "").split(",") if params.get("country") else []
            found = [p for p in self.geonames.get(q, []) if not codes or p["countryCode"] in codes]
            return 200, json.dumps({"totalResultsCount": len(found), "geonames": found})
        return 404, '{"error": "no such endpoint"}'


def _handler_for(stub: NominatimStub):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(url.query).items()}
            with stub._lock:
                stub.requests.append(Seen(time.monotonic(), url.path, params, dict(self.headers)))
            status, body = stub.respond(url.path, params)
            data = body.encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        def log_message(self, *args):  # keep test output quiet
            pass

    return Handler


def nominatim_place(name: str, country_code: str, lat: float, lon: float, *, osm_type="relation",
                    osm_id=1, addresstype="town", type_="town", place_rank=16,
                    population: str | None = None) -> dict:
    """One result as Nominatim's jsonv2 with addressdetails and extratags writes it."""
    return {
        "place_id": osm_id * 10, "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
        "osm_type": osm_type, "osm_id": osm_id, "lat": str(lat), "lon": str(lon),
        "category": "boundary" if osm_type == "relation" else "place", "type": type_,
        "place_rank": place_rank, "importance": 0.5, "addresstype": addresstype, "name": name,
        "display_name": f"{name}, Somewhere, {country_code.upper()}",
        "address": {addresstype: name, "country": country_code.upper(), "country_code": country_code},
        "extratags": {"population": population} if population else {},
        "boundingbox": [str(lat - 0.1), str(lat + 0.1), str(lon - 0.1), str(lon + 0.1)],
    }
