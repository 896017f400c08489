"""Places: ZIP codes (from the `zipcodes` package, which ships its data) and distances."""
from __future__ import annotations

from functools import cache
from math import asin, cos, radians, sin, sqrt

import zipcodes

EARTH_RADIUS_MILES = 3958.8


def miles_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Straight-line (great-circle) distance in miles."""
    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * asin(sqrt(a))


@cache
def zip_place(code: str) -> dict | None:
    """The active ZIP code's record (state, city, lat, long, timezone), or None if there is none."""
    matches = [z for z in zipcodes.matching(code) if z.get("active", True)]
    return matches[0] if matches else None


def zips_near(points: list[tuple[float, float]], radius_miles: float) -> dict[str, tuple[float, float, str]]:
    """Every active ZIP code within `radius_miles` of any point: {zip: (lat, lon, "City, ST")}.

    Points are bucketed in a one-degree grid, so each ZIP code is compared only
    with the points in nearby cells, not with all of them.
    """
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for lat, lon in points:
        grid.setdefault((int(lat // 1), int(lon // 1)), []).append((lat, lon))
    lat_cells = int(radius_miles // 69) + 1  # a degree of latitude is about 69 miles
    near = {}
    for record in zipcodes.list_all():
        if not record.get("active") or not record.get("lat") or not record.get("long"):
            continue
        lat, lon = float(record["lat"]), float(record["long"])
        lon_cells = int(radius_miles // max(1.0, 69 * cos(radians(min(abs(lat) + lat_cells, 89))))) + 1
        cell_lat, cell_lon = int(lat // 1), int(lon // 1)
        if any(miles_between(lat, lon, plat, plon) <= radius_miles
               for dlat in range(-lat_cells, lat_cells + 1) for dlon in range(-lon_cells, lon_cells + 1)
               for plat, plon in grid.get((cell_lat + dlat, cell_lon + dlon), ())):
            near[record["zip_code"]] = (lat, lon, f"{record['city'].title()}, {record['state']}")
    return near
