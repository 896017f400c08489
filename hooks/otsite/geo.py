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
def _active_zips() -> dict[str, dict]:
    """Every active ZIP code's record, by code, read once (zipcodes.matching scans the whole list per call)."""
    return {record["zip_code"]: record for record in zipcodes.list_all() if record.get("active")}


def zip_place(code: str) -> dict | None:
    """The active ZIP code's record (state, city, lat, long, timezone), or None if there is none."""
    return _active_zips().get(code)


def zips_near(points: list[tuple[float, float]], radius_miles: float) -> dict[str, tuple[float, float, str]]:
    """Every active ZIP code within `radius_miles` of any point: {zip: (lat, lon, "City, ST")}.

    Points are bucketed in a one-degree grid, so each ZIP code is compared only
    with the points in nearby cells, and ZIP codes with no point in reach of
    their cell are skipped with one look-up.
    """
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for lat, lon in points:
        grid.setdefault((int(lat // 1), int(lon // 1)), []).append((lat, lon))
    reach = {cell: _cells_within(cell, radius_miles) for cell in grid}
    in_reach: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for cell, neighbours in reach.items():
        for neighbour in neighbours:
            in_reach.setdefault(neighbour, []).extend(grid[cell])
    near = {}
    for record in _active_zips().values():
        if not record.get("lat") or not record.get("long"):
            continue
        lat, lon = float(record["lat"]), float(record["long"])
        candidates = in_reach.get((int(lat // 1), int(lon // 1)))
        if candidates and any(miles_between(lat, lon, plat, plon) <= radius_miles for plat, plon in candidates):
            near[record["zip_code"]] = (lat, lon, f"{record['city'].title()}, {record['state']}")
    return near


def _cells_within(cell: tuple[int, int], radius_miles: float) -> list[tuple[int, int]]:
    """The one-degree cells that may hold a place within `radius_miles` of some place in `cell`."""
    lat_cells = int(radius_miles // 69) + 1  # a degree of latitude is about 69 miles
    widest = min(abs(cell[0]) + lat_cells + 1, 89)  # longitude degrees are shortest nearest the pole
    lon_cells = int(radius_miles // max(1.0, 69 * cos(radians(widest)))) + 1
    return [(cell[0] + dlat, cell[1] + dlon) for dlat in range(-lat_cells, lat_cells + 1) for dlon in range(-lon_cells, lon_cells + 1)]
