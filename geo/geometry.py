"""Distances and areas on the Earth, written once: every stage measures with these.

Points are (lat, lon) in degrees; a bbox is (lon_min, lat_min, lon_max, lat_max), as the conflict
files write the theatre. Distances are geodesics on the WGS84 ellipsoid (Karney's algorithm, the one
geopy uses, in pyproj's C implementation: about 1 µs, so every pair of a war can be measured).
"""
from __future__ import annotations

from pyproj import Geod

_WGS84 = Geod(ellps="WGS84")

BBox = tuple[float, float, float, float]


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return _WGS84.inv(lon1, lat1, lon2, lat2)[2] / 1000


def in_bbox(bbox: BBox | None, lat: float, lon: float, margin_deg: float = 0.0) -> bool:
    """Whether the point lies in ``bbox`` widened by ``margin_deg`` on every side (False without a bbox)."""
    if not bbox:
        return False
    lon_min, lat_min, lon_max, lat_max = bbox
    return lon_min - margin_deg <= lon <= lon_max + margin_deg and lat_min - margin_deg <= lat <= lat_max + margin_deg
