"""Online geocoding (Nominatim, or GeoNames) for names the offline gazetteer cannot place.

Off unless configured (``GeocoderConfig.from_env`` returns None). The services'
usage policies ask for an identifying user agent and at most one request a
second, so:

- the user agent comes from configuration and geopy's default is refused;
- a request starts only ``min_interval`` after the previous one has
  finished, that one being recorded in a table of the cache's SQLite file, so
  all sessions and processes sharing that file (on one machine: the times are
  ``time.monotonic`` readings) reach the service at least ``min_interval``
  apart, whatever the network and scheduling delays;
- a request ends within ``timeout`` seconds in all (not per socket read), its
  answer is at most a megabyte and a redirect is not followed (_BoundedAdapter);
- one article sends at most ``max_per_article`` requests and one viewer session
  ``max_per_session`` (``Limited``): names beyond stay "not placed", saying so;
- answers, "not found" included, are cached in that file; transient failures
  (timeouts, HTTP errors, unreachable service, malformed answers) are not
  cached and come back as ``GeocodeResult.reason``, never as an exception.
"""
from __future__ import annotations

import http.client
import json
import logging
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import HTTPHandler, HTTPRedirectHandler, HTTPSHandler, ProxyHandler, build_opener

from geopy.adapters import URLLibAdapter, _normalize_proxies
from geopy.exc import (
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.geocoders import GeoNames, Nominatim
from geopy.geocoders import options as geopy_options

from geo.config import GEOCODER_ENV, ConfigError, cache_dir, flag
from geo.places.gazetteer import KINDS, GazEntry

log = logging.getLogger(__name__)

DAY = 86400.0
PROVIDERS = ("nominatim", "geonames")
CACHE_FILE = "online_geocode.sqlite"
# A shared time further ahead than this can only be left by a monotonic clock
# that has since restarted (a reboot); it is ignored, not waited for.
STALE_AFTER_S = 3600.0
# While another request is in flight, look again this often for its end.
POLL_S = 0.1

# User agents that identify nobody: geopy's default and its documentation's samples.
_ANONYMOUS_AGENTS = frozenset(
    a.casefold()
    for a in (geopy_options.default_user_agent, "my-application", "my_app/1",
              "my_user_agent/1.0", "specify_your_app_name_here")
)

ENV_NAMES = GEOCODER_ENV

# Nominatim addresstype / type → gazetteer kind (whose precision is a named
# town, a district, a region or a country). Settlement parts count as their town.
_NOMINATIM_KINDS = {
    **dict.fromkeys(("city", "town", "village", "hamlet", "isolated_dwelling", "locality",
                     "suburb", "quarter", "neighbourhood", "city_district", "borough"), "town"),
    **dict.fromkeys(("county", "district", "municipality"), "district"),
    "province": "province",
    **dict.fromkeys(("state", "region", "state_district"), "region"),
    "country": "country",
}
NOMINATIM_SOURCE = "OpenStreetMap contributors (ODbL) via Nominatim"
GEONAMES_SOURCE = "GeoNames search web service (CC BY 4.0)"


class GeocoderConfigError(ConfigError):
    """Online geocoding was asked for but its configuration cannot be used."""


@dataclass(frozen=True)
class GeocoderConfig:
    user_agent: str
    provider: str = "nominatim"  # one of PROVIDERS
    geonames_username: str | None = None
    domain: str | None = None  # None: the provider's public service
    scheme: str | None = None  # None: geopy's default for the provider
    timeout: float = 10.0  # seconds for one request, all of it
    language: str = "en"  # names in this language where the service has them
    min_interval: float = 1.0  # seconds between requests, across processes
    max_wait: float = 30.0  # give up (not placed) rather than queue longer
    max_per_article: int = 5  # requests one article may send (cached answers are free)
    max_per_session: int = 30  # requests one dashboard viewer's session may send
    not_found_ttl: float = 7 * DAY
    found_ttl: float | None = None  # None: places do not expire
    cache_dir: Path | None = None  # None: the gazetteer's ($GEODASH_CACHE or ~/.cache/geodash)

    def __post_init__(self):
        agent = (self.user_agent or "").strip()
        if not agent or agent.casefold() in _ANONYMOUS_AGENTS or agent.casefold().startswith("geopy/"):
            raise GeocoderConfigError(
                f"online geocoding needs an identifying user agent ({ENV_NAMES['user_agent']}), "
                f"e.g. 'geodash/0.1 (you@example.org)'; got {self.user_agent!r}")
        if self.provider not in PROVIDERS:
            raise GeocoderConfigError(
                f"{ENV_NAMES['provider']}: unknown provider {self.provider!r}; one of {PROVIDERS}")
        if self.provider == "geonames" and not self.geonames_username:
            raise GeocoderConfigError(
                f"the GeoNames provider needs a username ({ENV_NAMES['geonames_username']})")
        if not self.timeout > 0 or self.min_interval < 0 or self.max_wait < 0:
            raise GeocoderConfigError("timeout must be > 0, min_interval and max_wait >= 0")
        if self.max_per_article < 0 or self.max_per_session < 0:
            raise GeocoderConfigError("max_per_article and max_per_session must be >= 0")

    @classmethod
    def from_env(cls, env: Mapping = os.environ,
                 secrets: Mapping | None = None) -> GeocoderConfig | None:
        """The configuration from the environment and st.secrets (which wins); None when off.

        Raises GeocoderConfigError when online geocoding is switched on but
        cannot run as configured (no identifying user agent, bad value...).
        """
        settings = _merge_settings(env, secrets)
        try:
            if not flag(settings.get("online"), ENV_NAMES["online"]):
                return None
        except ConfigError as e:
            raise GeocoderConfigError(str(e)) from None
        kwargs = {k: v for k, v in settings.items()
                  if k != "online" and v not in (None, "")}
        for name, kind in (("timeout", float), ("max_per_article", int), ("max_per_session", int)):
            if name in kwargs:
                try:
                    kwargs[name] = kind(kwargs[name])
                except (TypeError, ValueError):
                    raise GeocoderConfigError(f"{ENV_NAMES[name]}: not a number: {kwargs[name]!r}") from None
        if "cache_dir" in kwargs:
            kwargs["cache_dir"] = Path(kwargs["cache_dir"]).expanduser()
        if "provider" in kwargs:
            kwargs["provider"] = str(kwargs["provider"]).strip().lower()
        return cls(**{"user_agent": "", **kwargs})


def _merge_settings(env: Mapping, secrets: Mapping | None) -> dict:
    settings = {k: env.get(var) for k, var in ENV_NAMES.items() if env.get(var) is not None}
    if secrets:
        settings.update({k: secrets[var] for k, var in ENV_NAMES.items() if var in secrets})
        section = secrets.get("geocoder") or {}
        unknown = set(section) - set(ENV_NAMES)
        if unknown:
            raise GeocoderConfigError(
                f"secrets [geocoder]: unknown setting(s) {sorted(unknown)}; known: {sorted(ENV_NAMES)}")
        settings.update(section)
    return settings


@dataclass
class GeocodeResult:
    entry: GazEntry | None
    reason: str | None  # why not placed; None when placed
    cached: bool  # answered from the disk cache, no request made


def nominatim_entry(raw: Mapping) -> GazEntry | None:
    """The entry for one Nominatim jsonv2 result; None when it is no settlement or area.

    Its id is "nominatim:" + the OSM object ("N" node, "W" way, "R" relation) + its id.
    """
    kind = (_NOMINATIM_KINDS.get(raw.get("addresstype")) or _NOMINATIM_KINDS.get(raw.get("type"))
            or _kind_from_rank(raw.get("place_rank")))
    if kind is None:
        return None
    country = (raw.get("address") or {}).get("country_code")
    return GazEntry(
        id=f"nominatim:{str(raw['osm_type'])[:1].upper()}{int(raw['osm_id'])}",
        name=raw.get("name") or str(raw["display_name"]).split(",")[0].strip(),
        kind=kind,
        country=country.upper() if country else None,
        lat=float(raw["lat"]),
        lon=float(raw["lon"]),
        population=_int_or_none((raw.get("extratags") or {}).get("population")) or 0,
        source=NOMINATIM_SOURCE,
    )


def _kind_from_rank(rank) -> str | None:
    """Nominatim's place_rank: 4 country, 5-9 state, 10-12 county, 13-25 settlement."""
    rank = _int_or_none(rank)
    if rank is None or rank > 25:
        return None
    return "country" if rank <= 4 else "region" if rank <= 9 else "district" if rank <= 12 else "town"


def geonames_entry(raw: Mapping) -> GazEntry | None:
    """The entry for one GeoNames searchJSON result; None when it is no settlement or area."""
    fcl, fcode = raw.get("fcl"), str(raw.get("fcode") or "")
    if fcode.startswith("PCL"):
        kind = "country"
    elif fcode == "ADM1":
        kind = "province"  # as the offline gazetteer counts first-level divisions
    elif fcode.startswith("ADM"):
        kind = "district"
    elif fcl == "P":
        kind = "town"
    else:
        return None
    country, admin1 = raw.get("countryCode") or None, raw.get("adminCode1")
    return GazEntry(
        id=f"geonames:{int(raw['geonameId'])}",
        name=str(raw["name"]),
        kind=kind,
        country=country,
        lat=float(raw["lat"]),
        lon=float(raw["lng"]),
        population=_int_or_none(raw.get("population")) or 0,
        admin1=f"{country}.{admin1}" if country and admin1 else None,
        source=GEONAMES_SOURCE,
    )


def _int_or_none(value) -> int | None:
    try:
        return int(str(value).replace(",", "").strip())
    except (TypeError, ValueError):
        return None


def plan_wait(next_free: float | None, busy_until: float | None, now: float) -> float:
    """Seconds to wait before trying again to send (0: send now).

    next_free: when the last request's interval ends; busy_until: when a
    request in flight (maybe of a crashed process) stops blocking others.
    """
    if busy_until is not None and now < busy_until <= now + STALE_AFTER_S:
        return min(POLL_S, busy_until - now)
    if next_free is not None and now < next_free <= now + STALE_AFTER_S:
        return next_free - now
    return 0.0


def is_fresh(found: bool, stored_at: float, now: float, config: GeocoderConfig) -> bool:
    """Whether a cached answer may still be used."""
    ttl = config.found_ttl if found else config.not_found_ttl
    return ttl is None or now < stored_at + ttl


def cache_key(service: str, name: str, country_codes: Sequence[str], viewbox) -> str:
    """Same name (any case or spacing), same filters → same answer."""
    return json.dumps([service, " ".join(name.split()).casefold(),
                       sorted(c.lower() for c in country_codes),
                       None if viewbox is None else [list(map(float, p)) for p in viewbox]])


class _NominatimJsonV2(Nominatim):
    """geopy asks for format=json; jsonv2 also names the place and its addresstype."""

    def _construct_url(self, base_api, params):
        return super()._construct_url(base_api, {**params, "format": "jsonv2"})


def _entry_from_json(text: str) -> GazEntry:
    data = json.loads(text)
    entry = GazEntry(**{f.name: data[f.name] for f in fields(GazEntry) if f.name in data})
    if entry.kind not in KINDS:
        raise ValueError(f"kind {entry.kind!r}")
    return entry


class _BoundedAdapter(URLLibAdapter):
    """geopy's urllib adapter with the limits an untrusted service needs: the timeout covers the
    whole request (urllib's is per socket read, so a server sending a byte a second holds it
    for ever), an answer larger than ``max_bytes`` is refused, and redirects are not followed."""

    max_bytes = 1 << 20

    def __init__(self, *, proxies, ssl_context):
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self._handlers = (ProxyHandler(_normalize_proxies(proxies)), _NoRedirect())
        self._context = ssl_context
        self.urlopen = self._open

    def _open(self, req, timeout):
        deadline = time.monotonic() + timeout
        opener = build_opener(_DeadlineHTTPHandler(deadline), _DeadlineHTTPSHandler(deadline, self._context),
                              *self._handlers)
        try:
            page = opener.open(req, timeout=timeout)
        except Exception:
            if time.monotonic() >= deadline:
                raise TimeoutError("timed out") from None  # geopy's adapter reports it as a timeout
            raise
        page.deadline = deadline
        return page

    def _decode_page(self, page):
        try:
            body = page.read(self.max_bytes + 1)
        except Exception:
            if time.monotonic() >= getattr(page, "deadline", float("inf")):
                raise GeocoderTimedOut("Service timed out") from None
            raise GeocoderServiceError("Unable to read the response") from None
        if len(body) > self.max_bytes:
            raise GeocoderParseError(f"answer larger than {self.max_bytes:,} bytes, not read")
        if time.monotonic() >= getattr(page, "deadline", float("inf")):
            raise GeocoderTimedOut("Service timed out")
        try:
            return str(body, encoding=page.headers.get_content_charset() or "utf-8")
        except (ValueError, LookupError):
            raise GeocoderParseError("Unable to decode the response bytes") from None


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises the 3xx as an HTTPError: "service error", not followed


def _deadline_connection(base: type, deadline: float) -> type:
    """``base`` (an http.client connection) whose socket is shut at ``deadline``: every read then ends."""

    class Connection(base):
        def connect(self):
            super().connect()
            # urllib drops self.sock once the headers are in (the response keeps the socket): hold it here
            self._watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), _shut, (self.sock,))
            self._watchdog.daemon = True
            self._watchdog.start()

        def close(self):
            watchdog = getattr(self, "_watchdog", None)
            if watchdog is not None:
                watchdog.cancel()
            super().close()

    return Connection


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed: the request ended in time
        pass


class _DeadlineHTTPHandler(HTTPHandler):
    def __init__(self, deadline: float):
        super().__init__()
        self._connection = _deadline_connection(http.client.HTTPConnection, deadline)

    def http_open(self, req):
        return self.do_open(self._connection, req)


class _DeadlineHTTPSHandler(HTTPSHandler):
    def __init__(self, deadline: float, context):
        super().__init__(context=context)
        self._connection = _deadline_connection(http.client.HTTPSConnection, deadline)

    def https_open(self, req):
        return self.do_open(self._connection, req, context=self._context, check_hostname=self._check_hostname)


class _Store:
    """The SQLite file: cached answers and the shared rate-limit state."""

    def __init__(self, path: Path):
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, entry TEXT,"
                    " reason TEXT, stored_at REAL NOT NULL)")
        con.execute("CREATE TABLE IF NOT EXISTS rate_limit (service TEXT PRIMARY KEY,"
                    " next_free REAL, busy_until REAL)")
        return con

    def lookup(self, key: str) -> tuple[GazEntry | None, str | None, float] | None:
        """The cached answer; None when there is none or it no longer fits GazEntry."""
        with closing(self._connect()) as con:
            row = con.execute("SELECT entry, reason, stored_at FROM answers WHERE key = ?",
                              (key,)).fetchone()
        if row is None:
            return None
        if not row[0]:
            return None, row[1], row[2]
        try:
            entry = _entry_from_json(row[0])
        except (TypeError, ValueError, KeyError) as error:
            log.info("geocoding cache %s: stale entry for %s ignored: %s", self.path, key, error)
            return None
        return entry, row[1], row[2]

    def store(self, key: str, entry: GazEntry | None, reason: str | None, now: float) -> None:
        with closing(self._connect()) as con:
            con.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                        (key, json.dumps(asdict(entry)) if entry else None, reason, now))

    def acquire(self, service: str, now: float, hold: float) -> float:
        """Take the right to send (returns 0, busy for `hold` s), or the seconds to wait first."""
        with closing(self._connect()) as con:
            con.execute("BEGIN IMMEDIATE")  # one process at a time reads and takes the turn
            try:
                row = con.execute("SELECT next_free, busy_until FROM rate_limit WHERE service = ?",
                                  (service,)).fetchone()
                wait = plan_wait(*(row or (None, None)), now)
                if wait == 0:
                    con.execute("INSERT OR REPLACE INTO rate_limit VALUES (?, NULL, ?)",
                                (service, now + hold))
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return wait

    def release(self, service: str, now: float, interval: float) -> None:
        """The request has finished: the next may start `interval` s from now."""
        with closing(self._connect()) as con:
            con.execute("INSERT OR REPLACE INTO rate_limit VALUES (?, ?, NULL)",
                        (service, now + interval))


class Limited:
    """A geocoder that sends at most ``n`` requests (answers from the cache are free), after which a
    name it has no answer for stays "not placed" with the reason. Limits nest: one per article within
    one per viewer session, so that no article and no viewer uses up the shared rate for everyone."""

    def __init__(self, inner: "OnlineGeocoder | Limited", n: int, per: str):
        self.inner, self.left = inner, n
        self.reason = f"online look-ups used up ({n} per {per}); not asked"

    @property
    def config(self) -> GeocoderConfig:
        return self.inner.config

    def geocode(self, name: str, country_codes: Sequence[str] = (), viewbox: tuple | None = None,
                refuse: str | None = None) -> GeocodeResult:
        refuse = refuse or (self.reason if self.left <= 0 else None)
        result = self.inner.geocode(name, country_codes, viewbox, refuse=refuse)
        if refuse is None and not result.cached:
            self.left -= 1
        return result

    def limited(self, n: int, per: str) -> "Limited":
        return Limited(self, n, per)

    def for_article(self) -> "Limited":
        return self.limited(self.config.max_per_article, "article")


class OnlineGeocoder:
    """Places one name at a time through the configured online service; never raises."""

    def __init__(self, config: GeocoderConfig, cache_path: Path | None = None,
                 clock=time.monotonic, sleep=time.sleep):
        self.config = config
        self.cache_path = Path(cache_path) if cache_path else (
            (config.cache_dir or cache_dir()) / CACHE_FILE)
        self._store = _Store(self.cache_path)
        self._clock, self._sleep = clock, sleep
        common = dict(user_agent=config.user_agent, timeout=config.timeout,
                      adapter_factory=_BoundedAdapter)  # no hidden retries: one turn, one request
        if config.scheme:
            common["scheme"] = config.scheme
        if config.domain:
            common["domain"] = config.domain
        if config.provider == "geonames":
            self._service = GeoNames(username=config.geonames_username, **common)
        else:
            self._service = _NominatimJsonV2(**common)
        self.service_id = f"{config.provider}:{config.domain or 'public'}"

    def __getstate__(self) -> dict:  # to a worker process: the settings, not the open HTTP machinery
        return {"config": self.config, "cache_path": self.cache_path}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["config"], state["cache_path"])

    def limited(self, n: int, per: str) -> Limited:
        return Limited(self, n, per)

    def for_article(self) -> Limited:
        return self.limited(self.config.max_per_article, "article")

    def geocode(self, name: str, country_codes: Sequence[str] = (),
                viewbox: tuple | None = None, refuse: str | None = None) -> GeocodeResult:
        """One place for `name`, or the reason there is none.

        country_codes: ISO alpha-2 codes the answer must lie in (any case).
        viewbox: ((lat1, lon1), (lat2, lon2)), preferred (not required) area; Nominatim only.
        refuse: answer from the cache only; without a cached answer, this is the reason.
        """
        query = " ".join(str(name).split())
        if isinstance(country_codes, str):
            country_codes = [country_codes]
        if not query:
            return GeocodeResult(None, "empty name", False)
        try:
            key = cache_key(self.service_id, query, country_codes, viewbox)
        except (TypeError, ValueError) as error:
            return self._failed(query, f"invalid country codes or viewbox: {error}")
        try:
            hit = self._store.lookup(key)
            if hit and is_fresh(hit[0] is not None, hit[2], time.time(), self.config):
                return GeocodeResult(hit[0], hit[1], True)
            if refuse:
                return self._failed(query, refuse)
            refused = self._wait_for_turn()
        except (sqlite3.Error, OSError, ValueError, TypeError) as error:
            # Without the shared file the rate limit cannot be kept: ask nothing.
            log.warning("geocoding cache %s unusable: %s", self.cache_path, error)
            return self._failed(query, f"geocoding cache unusable ({type(error).__name__}): nothing asked")
        if refused:
            return self._failed(query, refused)
        try:
            entry, reason, cacheable = self._ask(query, country_codes, viewbox)
        finally:
            self._end_turn()
        if cacheable:
            try:
                self._store.store(key, entry, reason, time.time())
            except (sqlite3.Error, OSError) as error:
                log.warning("geocoding cache %s: answer for %r not stored: %s",
                            self.cache_path, query, error)
        elif reason:
            log.warning("online geocoding of %r failed: %s", query, reason)
        return GeocodeResult(entry, reason, False)

    def _wait_for_turn(self) -> str | None:
        """Wait until this process may send (None), or say why it gives up."""
        deadline = self._clock() + self.config.max_wait
        while True:
            now = self._clock()
            wait = self._store.acquire(self.service_id, now,
                                       hold=self.config.timeout + self.config.min_interval)
            if wait == 0:
                return None
            if now + wait > deadline:
                return (f"{self.config.provider}: the shared limit of one request every "
                        f"{self.config.min_interval:g} s leaves no turn within "
                        f"{self.config.max_wait:g} s; try again later")
            self._sleep(wait)

    def _end_turn(self) -> None:
        try:
            self._store.release(self.service_id, self._clock(), self.config.min_interval)
        except (sqlite3.Error, OSError) as error:  # others wait for our turn to expire instead
            log.warning("geocoding cache %s: end of request not recorded: %s", self.cache_path, error)

    def _failed(self, query: str, reason: str) -> GeocodeResult:
        log.warning("online geocoding of %r skipped: %s", query, reason)
        return GeocodeResult(None, reason, False)

    def _ask(self, query, country_codes, viewbox) -> tuple[GazEntry | None, str | None, bool]:
        """(entry, reason, cacheable) for one request to the service."""
        provider = self.config.provider
        codes = [c.lower() for c in country_codes]
        try:
            if provider == "geonames":
                location = self._service.geocode(query, country=[c.upper() for c in codes] or None)
            else:
                location = self._service.geocode(
                    query, country_codes=codes or None, viewbox=viewbox, addressdetails=True,
                    extratags=True, language=self.config.language)
        except GeocoderRateLimited as error:
            return None, f"{provider}: rate limited by the service (HTTP 429): {_short(error)}", False
        except GeocoderTimedOut as error:
            return None, (f"{provider}: timeout (no answer within {self.config.timeout:g} s, "
                          f"or service busy): {_short(error)}"), False
        except GeocoderUnavailable as error:
            return None, f"{provider}: service unreachable: {_short(error)}", False
        except GeocoderParseError as error:
            return None, f"{provider}: malformed answer (not JSON): {_short(error)}", False
        except GeocoderServiceError as error:
            if _connection_failed(error):
                return None, f"{provider}: service unreachable: {_short(error)}", False
            return None, f"{provider}: service error: {_short(error)}", False
        except Exception as error:  # geopy's parsing of an unexpected JSON shape, among others
            return None, f"{provider}: malformed answer ({type(error).__name__}: {_short(error)})", False
        if location is None:
            return None, f"{provider}: no match for {query!r}", True
        try:
            entry = (geonames_entry if provider == "geonames" else nominatim_entry)(location.raw)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            return None, f"{provider}: malformed answer ({type(error).__name__}: {_short(error)})", False
        if entry is None:
            return None, f"{provider}: {query!r} matched no settlement or area", True
        return entry, None, True


def _connection_failed(error: Exception) -> bool:
    """geopy's urllib adapter reports a refused connection or unknown host as a plain service error."""
    cause = error.__cause__ or error.__context__
    return isinstance(cause, URLError) and not isinstance(cause, HTTPError)


def _short(error: Exception, limit: int = 200) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[:limit] + "…"


__all__ = ["GeocoderConfig", "GeocoderConfigError", "GeocodeResult", "Limited", "OnlineGeocoder",
           "nominatim_entry", "geonames_entry", "plan_wait", "is_fresh", "cache_key"]
