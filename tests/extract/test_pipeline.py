"""The pipeline's wiring: offline by default, the online geocoder only when configured."""
import pickle

import pytest

from geo.places.online import GeocoderConfigError, OnlineGeocoder
from geo.extract.pipeline import OnlineExtractor, configured_extractor, extract_article


def test_offline_unless_switched_on():
    assert configured_extractor(env={}) is extract_article


def test_switched_on_without_a_user_agent_is_an_error_not_a_silent_default():
    with pytest.raises(GeocoderConfigError, match="user agent"):
        configured_extractor(env={"GEODASH_ONLINE_GEOCODING": "1"})


def test_switched_on_passes_a_geocoder(tmp_path):
    env = {"GEODASH_ONLINE_GEOCODING": "1", "GEODASH_GEOCODER_USER_AGENT": "geodash-tests/1 (tests@example.org)",
           "GEODASH_CACHE": str(tmp_path)}
    extract = configured_extractor(env=env)
    assert isinstance(extract, OnlineExtractor) and isinstance(extract.geocoder, OnlineGeocoder)
    back = pickle.loads(pickle.dumps(extract))  # what `geo ingest --workers N` sends its workers
    assert back.geocoder.config == extract.geocoder.config
    session = extract.for_session()
    assert (session.geocoder.left, session.geocoder.for_article().left) == (30, 5)
