"""Online geocoding against a local Nominatim/GeoNames stub (tests/nominatim_stub.py); no network."""
from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
from geopy.geocoders import options as geopy_options

from geo.places.gazetteer import GazEntry
from geo.places.online import (
    DAY,
    GEONAMES_SOURCE,
    NOMINATIM_SOURCE,
    GeocoderConfig,
    GeocoderConfigError,
    OnlineGeocoder,
    cache_key,
    geonames_entry,
    is_fresh,
    nominatim_entry,
    plan_wait,
)
from nominatim_stub import Fault, NominatimStub, nominatim_place

ROOT = Path(__file__).resolve().parents[2]
AGENT = "geodash-tests/0.1 (tests@example.org)"
SOTK = nominatim_place("Sotk", "am", 40.2189, 45.8714, osm_type="node", osm_id=277170052,
                       addresstype="village", type_="village", place_rank=19, population="2520")
KALBAJAR = nominatim_place("Kalbajar District", "az", 40.1, 46.04, osm_id=3840591,
                           addresstype="county", type_="administrative", place_rank=12)


class FakeClock:
    """time.monotonic and time.sleep for tests: sleeping advances the clock at once."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch):
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def stub():
    with NominatimStub(places={"sotk": [SOTK], "kalbajar": [KALBAJAR]}) as server:
        yield server


@pytest.fixture
def clock():
    return FakeClock()


def config_for(server: NominatimStub | str, **overrides) -> GeocoderConfig:
    domain = server if isinstance(server, str) else server.domain
    return GeocoderConfig(**{"user_agent": AGENT, "domain": domain, "scheme": "http",
                             "timeout": 2.0, **overrides})


def geocoder(server, tmp_path, clock, **overrides) -> OnlineGeocoder:
    return OnlineGeocoder(config_for(server, **overrides), tmp_path / "cache.sqlite",
                          clock=clock, sleep=clock.sleep)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- configuration ---------------------------------------------------------------------------

def test_off_unless_switched_on():
    assert GeocoderConfig.from_env(env={}) is None
    assert GeocoderConfig.from_env(env={"GEODASH_ONLINE_GEOCODING": "0",
                                        "GEODASH_GEOCODER_USER_AGENT": AGENT}) is None
    assert GeocoderConfig.from_env(env={"GEODASH_GEOCODER_USER_AGENT": AGENT}, secrets={}) is None


def test_from_env_reads_environment_and_secrets_win(tmp_path):
    env = {"GEODASH_ONLINE_GEOCODING": "1", "GEODASH_GEOCODER_USER_AGENT": "env-agent/1",
           "GEODASH_GEOCODER_TIMEOUT": "3.5", "GEODASH_CACHE": str(tmp_path)}
    config = GeocoderConfig.from_env(env=env)
    assert (config.user_agent, config.provider, config.timeout, config.cache_dir) == (
        "env-agent/1", "nominatim", 3.5, tmp_path)
    assert OnlineGeocoder(config).cache_path == tmp_path / "online_geocode.sqlite"
    secrets = {"geocoder": {"user_agent": AGENT, "provider": "GeoNames", "geonames_username": "me"}}
    config = GeocoderConfig.from_env(env=env, secrets=secrets)
    assert (config.user_agent, config.provider, config.geonames_username) == (AGENT, "geonames", "me")
    # Switched on from secrets alone (top-level names like the environment's).
    config = GeocoderConfig.from_env(env={}, secrets={"GEODASH_ONLINE_GEOCODING": True,
                                                      "GEODASH_GEOCODER_USER_AGENT": AGENT})
    assert config.user_agent == AGENT


@pytest.mark.parametrize("agent", ["", "  ", geopy_options.default_user_agent, "my-application"])
def test_refuses_to_run_online_without_an_identifying_agent(agent):
    env = {"GEODASH_ONLINE_GEOCODING": "1"}
    if agent:
        env["GEODASH_GEOCODER_USER_AGENT"] = agent
    with pytest.raises(GeocoderConfigError, match="GEODASH_GEOCODER_USER_AGENT"):
        GeocoderConfig.from_env(env=env)


@pytest.mark.parametrize("env, message", [
    ({"GEODASH_ONLINE_GEOCODING": "maybe"}, "GEODASH_ONLINE_GEOCODING"),
    ({"GEODASH_ONLINE_GEOCODING": "1", "GEODASH_GEOCODER_USER_AGENT": AGENT,
      "GEODASH_GEOCODER_TIMEOUT": "soon"}, "GEODASH_GEOCODER_TIMEOUT"),
    ({"GEODASH_ONLINE_GEOCODING": "1", "GEODASH_GEOCODER_USER_AGENT": AGENT,
      "GEODASH_GEOCODER_PROVIDER": "geonames"}, "GEODASH_GEONAMES_USERNAME"),
    ({"GEODASH_ONLINE_GEOCODING": "1", "GEODASH_GEOCODER_USER_AGENT": AGENT,
      "GEODASH_GEOCODER_PROVIDER": "google"}, "unknown provider"),
])
def test_bad_configuration_is_a_clear_error(env, message):
    with pytest.raises(GeocoderConfigError, match=message):
        GeocoderConfig.from_env(env=env)


def test_unknown_secrets_setting_is_an_error():
    with pytest.raises(GeocoderConfigError, match="user_agnet"):
        GeocoderConfig.from_env(env={}, secrets={"geocoder": {"online": 1, "user_agnet": AGENT}})


# --- answers ---------------------------------------------------------------------------------

def test_found_place_is_mapped_and_cached(stub, tmp_path, clock):
    geo = geocoder(stub, tmp_path, clock)
    result = geo.geocode("Sotk")
    assert result.reason is None and result.cached is False
    assert result.entry == GazEntry(id="nominatim:N277170052", name="Sotk", kind="town", country="AM",
                                    lat=40.2189, lon=45.8714, population=2520, source=NOMINATIM_SOURCE)
    (seen,) = stub.searches()
    assert seen.params["q"] == "Sotk" and seen.params["format"] == "jsonv2"
    assert seen.params["addressdetails"] == "1"
    assert seen.headers["User-Agent"] == AGENT
    # Same name in another case and spacing, and from another instance (another session): cache.
    again = OnlineGeocoder(config_for(stub), tmp_path / "cache.sqlite", clock=clock, sleep=clock.sleep)
    for g, name in ((geo, "Sotk"), (again, "  sotk ")):
        cached = g.geocode(name)
        assert (cached.entry, cached.reason, cached.cached) == (result.entry, None, True)
    assert len(stub.searches()) == 1


def test_district_precision_and_filters_are_sent(stub, tmp_path, clock):
    result = geocoder(stub, tmp_path, clock).geocode(
        "Kalbajar", country_codes=["AZ", "am"], viewbox=((39.5, 45.5), (40.5, 47.0)))
    assert result.entry.id == "nominatim:R3840591"
    assert result.entry.precision == "district" and result.entry.country == "AZ"
    assert result.entry.population == 0
    params = stub.searches()[0].params
    assert params["countrycodes"] == "az,am"
    assert [float(v) for v in params["viewbox"].split(",")] == [45.5, 39.5, 47.0, 40.5]


def test_country_filter_excludes_and_not_found_is_cached(stub, tmp_path, clock):
    geo = geocoder(stub, tmp_path, clock)
    first = geo.geocode("Sotk", country_codes=["az"])
    assert first.entry is None and first.cached is False
    assert "no match" in first.reason and "Sotk" in first.reason
    second = geo.geocode("Sotk", country_codes=["AZ"])
    assert (second.entry, second.reason, second.cached) == (None, first.reason, True)
    assert len(stub.searches()) == 1
    # Without the filter it is another question, asked anew.
    assert geo.geocode("Sotk").entry.country == "AM"
    assert len(stub.searches()) == 2


def test_not_found_expires_after_its_ttl(stub, tmp_path, clock):
    geo = geocoder(stub, tmp_path, clock, not_found_ttl=0)
    assert geo.geocode("Atlantis").entry is None
    assert geo.geocode("Atlantis").cached is False
    assert len(stub.searches()) == 2


def test_freshness_rules():
    config = GeocoderConfig(user_agent=AGENT)
    assert is_fresh(False, stored_at=0, now=7 * DAY - 1, config=config)
    assert not is_fresh(False, stored_at=0, now=7 * DAY, config=config)
    assert is_fresh(True, stored_at=0, now=1000 * DAY, config=config)
    assert not is_fresh(True, 0, 31 * DAY, GeocoderConfig(user_agent=AGENT, found_ttl=30 * DAY))


def test_result_that_is_no_settlement_or_area_is_not_placed(tmp_path, clock):
    peak = nominatim_place("Mount X", "am", 40.0, 45.0, osm_type="node", osm_id=5,
                           addresstype="peak", type_="peak", place_rank=30)
    with NominatimStub(places={"mount x": [peak]}) as server:
        result = geocoder(server, tmp_path, clock).geocode("Mount X")
    assert result.entry is None and "no settlement or area" in result.reason


# --- failures: a reason, never an exception, never cached --------------------------------------

@pytest.mark.parametrize("fault, words", [
    (Fault(status=429), ["429"]),
    (Fault(status=500), ["500"]),
    (Fault(body='[{"lat": "40.1", "lon": '), ["malformed"]),
    (Fault(body='[{"lat": "forty", "lon": "45"}]'), ["malformed"]),
    (Fault(body='{"unexpected": "shape"}'), ["malformed"]),
])
def test_service_failure_is_a_reason_and_not_cached(tmp_path, clock, fault, words):
    with NominatimStub(faults={"sotk": fault}) as server:
        geo = geocoder(server, tmp_path, clock)
        for _ in range(2):
            result = geo.geocode("Sotk")
            assert result.entry is None and result.cached is False
            assert all(w in result.reason for w in words), result.reason
        assert len(server.searches()) == 2


def test_slow_answer_times_out(tmp_path, clock):
    with NominatimStub(places={"sotk": [SOTK]}, faults={"sotk": Fault(delay=3.0)}) as server:
        started = time.monotonic()
        result = geocoder(server, tmp_path, clock, timeout=0.5).geocode("Sotk")
        elapsed = time.monotonic() - started
    assert result.entry is None and result.cached is False
    assert "timeout" in result.reason
    assert elapsed < 2.0


def test_connection_refused(tmp_path, clock):
    result = geocoder(f"127.0.0.1:{free_port()}", tmp_path, clock).geocode("Sotk")
    assert result.entry is None and result.cached is False
    assert "unreachable" in result.reason


def test_unusable_cache_file_asks_nothing_and_keeps_the_file(stub, tmp_path, clock):
    cache = tmp_path / "cache.sqlite"
    cache.write_bytes(b"this is not a database" * 100)
    result = OnlineGeocoder(config_for(stub), cache, clock=clock, sleep=clock.sleep).geocode("Sotk")
    assert result.entry is None and "cache unusable" in result.reason and str(tmp_path) not in result.reason
    assert stub.searches() == []
    assert cache.read_bytes() == b"this is not a database" * 100


def test_cached_entry_that_no_longer_fits_is_asked_again(stub, tmp_path, clock):
    geo = geocoder(stub, tmp_path, clock)
    geo.geocode("Sotk")
    with closing(sqlite3.connect(geo.cache_path)) as con, con:
        con.execute("UPDATE answers SET entry = ?", ('{"id": "nominatim:N1", "name": "Sotk"}',))
    again = geo.geocode("Sotk")
    assert again.cached is False and again.entry.id == "nominatim:N277170052"
    assert len(stub.searches()) == 2
    assert geo.geocode("Sotk").cached is True


def test_bad_arguments_are_a_reason(stub, tmp_path, clock):
    geo = geocoder(stub, tmp_path, clock)
    assert geo.geocode("   ").reason == "empty name"
    assert "viewbox" in geo.geocode("Sotk", viewbox=("north", "south")).reason
    assert stub.searches() == []


# --- the shared rate limit ------------------------------------------------------------------

def test_two_sessions_share_one_request_a_second(stub, tmp_path, clock):
    arrivals = []
    original = stub.respond
    stub.respond = lambda path, params: (arrivals.append(clock.now), original(path, params))[1]
    first, second = geocoder(stub, tmp_path, clock), geocoder(stub, tmp_path, clock)
    for geo, name in ((first, "Sotk"), (second, "Kalbajar"), (first, "Atlantis")):
        geo.geocode(name)
    assert arrivals == [1000.0, 1001.0, 1002.0]
    assert clock.sleeps == [1.0, 1.0]
    # A cached answer takes no slot.
    second.geocode("sotk")
    assert clock.sleeps == [1.0, 1.0]


def test_no_turn_within_max_wait_gives_up(stub, tmp_path, clock):
    geo = geocoder(stub, tmp_path, clock, min_interval=5.0, max_wait=1.5)
    assert geo.geocode("Sotk").entry is not None
    result = geo.geocode("Kalbajar")
    assert result.entry is None and result.cached is False
    assert "no turn within 1.5 s" in result.reason
    assert len(stub.searches()) == 1 and clock.sleeps == []


def test_request_in_flight_elsewhere_is_waited_for(stub, tmp_path, clock):
    """Another process took its turn at 999.5 and has not finished: poll until its hold expires."""
    geo = geocoder(stub, tmp_path, clock)  # hold = timeout 2 + interval 1 → busy until 1002.5
    geo._store.acquire(geo.service_id, now=999.5, hold=3.0)
    assert geo.geocode("Sotk").entry is not None
    assert clock.now == pytest.approx(1002.5) and max(clock.sleeps) <= 0.1 + 1e-9


def test_wait_planning():
    assert plan_wait(None, None, now=50.0) == 0.0
    assert plan_wait(49.0, None, now=50.0) == 0.0
    assert plan_wait(51.5, None, now=50.0) == 1.5
    assert plan_wait(None, 60.0, now=50.0) == pytest.approx(0.1)  # in flight: look again soon
    assert plan_wait(None, 50.05, now=50.0) == pytest.approx(0.05)
    assert plan_wait(None, 49.0, now=50.0) == 0.0  # a crashed request's hold has expired
    assert plan_wait(50.0 + 7200, 50.0 + 7200, now=50.0) == 0.0  # left before a reboot


CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from geo.places.online import GeocoderConfig, OnlineGeocoder
    config = GeocoderConfig(user_agent=sys.argv[1], domain=sys.argv[2], scheme="http", timeout=5)
    result = OnlineGeocoder(config, Path(sys.argv[3])).geocode(sys.argv[4])
    print(result.entry.id if result.entry else result.reason)
""")


def test_real_time_limit_across_threads_and_processes(stub, tmp_path):
    """Two sessions in this process and one in another share one request a second."""
    cache = tmp_path / "shared.sqlite"
    stub.places["atlantis"] = [nominatim_place("Atlantis", "am", 40.0, 45.0, osm_id=9)]
    child = subprocess.Popen([sys.executable, "-c", CHILD, AGENT, stub.domain, str(cache), "Atlantis"],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True)
    results = {}

    def session(name):
        results[name] = OnlineGeocoder(config_for(stub, timeout=5), cache).geocode(name)

    threads = [threading.Thread(target=session, args=(n,)) for n in ("Sotk", "Kalbajar")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    out, _ = child.communicate(timeout=15)
    assert out.strip() == "nominatim:R9"
    assert {n: r.entry.id for n, r in results.items()} == {
        "Sotk": "nominatim:N277170052", "Kalbajar": "nominatim:R3840591"}
    arrivals = sorted(s.at for s in stub.searches())
    assert len(arrivals) == 3
    assert all(b - a >= 0.999 for a, b in zip(arrivals, arrivals[1:])), arrivals
    assert {s.headers["User-Agent"] for s in stub.searches()} == {AGENT}


# --- pure mappings ---------------------------------------------------------------------------

@pytest.mark.parametrize("addresstype, type_, rank, precision", [
    ("city", "city", 16, "town"), ("hamlet", "hamlet", 20, "town"),
    ("district", "administrative", 12, "district"), ("province", "administrative", 8, "district"),
    ("state", "administrative", 8, "region"), ("country", "administrative", 4, "country"),
    ("unknownish", "village", 30, "town"), ("unknownish", "yes", 10, "district"),
    ("unknownish", "yes", 30, None),
])
def test_nominatim_precision(addresstype, type_, rank, precision):
    raw = nominatim_place("X", "am", 40.0, 45.0, addresstype=addresstype, type_=type_, place_rank=rank)
    entry = nominatim_entry(raw)
    assert (entry.precision if entry else None) == precision


def test_geonames_through_the_stub(tmp_path, clock):
    record = {"geonameId": 616629, "name": "Goris", "lat": "39.50", "lng": "46.34",
              "countryCode": "AM", "adminCode1": "08", "fcl": "P", "fcode": "PPLA2",
              "population": 20591}
    with NominatimStub(geonames={"goris": [record]}) as server:
        geo = geocoder(server, tmp_path, clock, provider="geonames", geonames_username="tester")
        result = geo.geocode("Goris", country_codes=["am"])
        (seen,) = server.searches()
    assert result.entry == GazEntry("geonames:616629", "Goris", "town", "AM", 39.5, 46.34,
                                    population=20591, admin1="AM.08", source=GEONAMES_SOURCE)
    assert seen.path == "/searchJSON" and seen.params["username"] == "tester"
    assert seen.params["country"] == "AM" and seen.headers["User-Agent"] == AGENT


@pytest.mark.parametrize("fcl, fcode, precision", [
    ("A", "PCLI", "country"), ("A", "ADM1", "district"), ("A", "ADM2", "district"),
    ("P", "PPL", "town"), ("H", "STM", None),
])
def test_geonames_precision(fcl, fcode, precision):
    raw = {"geonameId": 1, "name": "X", "lat": "1", "lng": "2", "countryCode": "AZ",
           "fcl": fcl, "fcode": fcode}
    entry = geonames_entry(raw)
    assert (entry.precision if entry else None) == precision


def test_cache_key_folds_case_spacing_and_code_order():
    assert cache_key("s", " Sotk  ", ["AM", "az"], None) == cache_key("s", "sotk", ["az", "am"], None)
    assert cache_key("s", "Sotk", [], None) != cache_key("s", "Sotk", ["am"], None)
