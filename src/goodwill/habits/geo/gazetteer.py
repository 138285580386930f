"""The place data, loaded on first use and then kept for the process.

Files in data/ (made by build_data.py, tab-separated, gzip):
  cities     name, country, admin1, lat, lon, population (0 = unknown), time zone
  city_keys  (.txt) pairs of lines: a folded name or alternate name, then the
             rows of its cities (line numbers in cities, comma-separated)
  regions    country, admin1, name, lat, lon, population, time zone
  countries  ISO-2, ISO-3, name, lat, lon, population, time zone
  zips       ZIP, city, state, lat, lon, time zone

Rows stay raw strings until a lookup needs one: parsing the 160,000 cities and
280,000 keys up front would triple the load time.
"""

from __future__ import annotations

import functools
import gzip
import threading
from dataclasses import dataclass
from pathlib import Path

from goodwill.habits.geo.aliases import (
    COUNTRY_ALIASES,
    REGION_ABBREVIATIONS,
    REGION_PREFIXES,
    REGION_SUFFIXES,
)
from goodwill.habits.geo.normalize import fold

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True, slots=True)
class Area:
    """A region (admin1) or a country."""

    country: str
    code: str | None  # admin1 code; None for a country
    name: str
    lat: float
    lon: float
    population: int
    timezone: str | None


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country: str
    code: str  # admin1 code, "" when unknown
    lat: float
    lon: float
    population: int
    timezone: str | None


@dataclass(frozen=True, slots=True)
class Zip:
    code: str
    city: str
    state: str
    lat: float
    lon: float
    timezone: str | None


def _lines(name: str) -> list[str]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()


def _area(cc: str, code: str | None, name: str, lat: str, lon: str, pop: str, tz: str) -> Area:
    return Area(cc, code, name, float(lat), float(lon), int(pop), tz or None)


class Gazetteer:
    def __init__(self) -> None:
        self._city_lines = _lines("cities.tsv.gz")
        pairs = iter(_lines("city_keys.txt.gz"))
        self._city_keys = dict(zip(pairs, pairs, strict=True))

        self.countries: dict[str, Area] = {}
        self.country_keys: dict[str, list[Area]] = {}
        for line in _lines("countries.tsv.gz"):
            cc, iso3, name, *rest = line.split("\t")
            area = self.countries[cc] = _area(cc, None, name, *rest)
            for key in (fold(name), cc.lower(), iso3.lower()):
                self._add(self.country_keys, key, area)
        for key, cc in COUNTRY_ALIASES.items():
            self._add(self.country_keys, key, self.countries[cc])

        self.regions: dict[tuple[str, str], Area] = {}
        self.region_keys: dict[str, list[Area]] = {}
        by_name: dict[tuple[str, str], Area] = {}
        for line in _lines("regions.tsv.gz"):
            cc, code, name, *rest = line.split("\t")
            area = self.regions[(cc, code)] = _area(cc, code, name, *rest)
            by_name[(cc, fold(name))] = area
            for key in _region_variants(fold(name)):
                self._add(self.region_keys, key, area)
            if cc == "US":
                self._add(self.region_keys, code.lower(), area)
        for cc, abbreviations in REGION_ABBREVIATIONS.items():
            for abbr, name in abbreviations.items():
                self._add(self.region_keys, abbr, by_name[(cc, fold(name))])

        self.zips = {line[:5]: line for line in _lines("zips.tsv.gz")}

    @staticmethod
    def _add(index: dict[str, list[Area]], key: str, value: Area) -> None:
        bucket = index.setdefault(key, [])
        if value not in bucket:
            bucket.append(value)

    # Bounded, and the one gazetteer lives as long as the process anyway.
    @functools.lru_cache(maxsize=8192)  # noqa: B019
    def city(self, row: int) -> City:
        name, cc, code, lat, lon, pop, tz = self._city_lines[row].split("\t")
        return City(name, cc, code, float(lat), float(lon), int(pop), tz or None)

    def cities_named(self, key: str) -> list[City]:
        """Cities whose name or alternate name folds to `key` (see place_key)."""
        rows = self._city_keys.get(key)
        return [self.city(int(i)) for i in rows.split(",")] if rows else []

    def zip(self, code: str) -> Zip | None:
        line = self.zips.get(code)
        if line is None:
            return None
        code, city, state, lat, lon, tz = line.split("\t")
        return Zip(code, city, state, float(lat), float(lon), tz or None)

    def regions_named(self, key: str) -> list[Area]:
        """Regions called `key` (folded), also as "Washington State" and the like."""
        found = self.region_keys.get(key)
        if found:
            return found
        return [a for variant in _region_variants(key) - {key} for a in self.region_keys.get(variant, ())]

    def region_name(self, country: str, code: str) -> str | None:
        area = self.regions.get((country, code))
        return area.name if area else None

    def country_name(self, country: str) -> str:
        area = self.countries.get(country)
        return area.name if area else country

    def __len__(self) -> int:
        return len(self._city_lines)


def _region_variants(key: str) -> set[str]:
    """ "Washington State" and "Province of Ontario" name the same region."""
    variants = {key}
    for suffix in REGION_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            variants.add(key[: -len(suffix)])
    for prefix in REGION_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            variants.add(key[len(prefix) :])
    return variants


_lock = threading.Lock()
_loaded: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The shared gazetteer, loaded by the first caller (thread-safe)."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = Gazetteer()
    return _loaded
