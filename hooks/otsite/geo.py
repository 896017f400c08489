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
