from geopy.distance import geodesic

from geo.geometry import geodesic_km, in_bbox
from geo.places.gazetteer import GazEntry

GORIS = (39.5111, 46.3385)


def test_geodesic_is_geopys_ellipsoidal_distance():
    for lat, lon in ((40.1098, 46.0445), GORIS, (-33.9, 151.2), (39.6, -133.7)):
        assert abs(geodesic_km(*GORIS, lat, lon) - geodesic(GORIS, (lat, lon)).km) < 0.001


def test_gazetteer_entries_measure_with_the_same_geodesic():
    goris = GazEntry("a", "Goris", "town", "AM", *GORIS)
    sotk = GazEntry("b", "Sotk", "town", "AM", 40.2001, 45.8695)
    assert goris.km_to(sotk) == geodesic_km(*GORIS, 40.2001, 45.8695)


def test_bbox_with_and_without_a_margin():
    theatre = (43.4, 38.3, 50.5, 42.0)  # lon_min, lat_min, lon_max, lat_max
    assert in_bbox(theatre, *GORIS)
    assert not in_bbox(theatre, 38.0, 46.0)  # south of it
    assert in_bbox(theatre, 38.0, 46.0, margin_deg=0.5)
    assert not in_bbox(None, *GORIS)
