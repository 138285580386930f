"""Text to place, offline: geocode("Austin, TX") and geocode_parts(city=...).

Free text is read from the right, the way addresses are written: trailing
parts that name a country or region ("USA", "TX", "England") narrow the
search, and the part before them is the place itself. A US ZIP code wins when
nothing contradicts it. The rules and their reasons are in docs/geo.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from goodwill.habits.geo.aliases import CITY_ALIASES
from goodwill.habits.geo.distance import haversine_km
from goodwill.habits.geo.gazetteer import Area, City, Gazetteer, gazetteer
from goodwill.habits.geo.models import GeocodeResult, Place
from goodwill.habits.geo.normalize import fold, place_key

# Another candidate at least this share of the chosen one's population makes
# the answer ambiguous: Portland, ME is 10% of Portland, OR; Paris, TX is 1%
# of Paris, France.
AMBIGUOUS_SHARE = 0.05
MAX_ALTERNATIVES = 5
SAME_PLACE_KM = 30  # GeoNames lists some cities twice, a few km apart
# "Madrid" is the city, not the region of the same name around it, when the
# city holds at least this share of it; "Quebec" stays the province (5%).
NAMESAKE_SHARE = 0.10
# A city beats a bigger area of the same name when it has this share of the
# area's population: "Buenos Aires" is the city (35% of the province), while
# "Washington" is the state (DC has 11% of it).
CITY_OVER_AREA_SHARE = 0.25
# A city found by one of its alternate names must be this many times bigger
# than the biggest city with that name as its own: "Cologne" is Köln (145x
# Cologne, Minnesota), "Cancún" is not Changchun (an alternate spelling, 4x).
ALTERNATE_OVER_OWN = 10
MAX_QUERY_CHARS = 300  # longer text is not a place; don't spend time on it

_SPLIT = re.compile(r"[,;\n\r\t]+")
_ZIP = re.compile(r"(?<![\w-])(\d{5})(?:-\d{4})?(?![\w-])")
_NL_POSTCODE = re.compile(r"\b\d{4} ?[A-Z]{2}\b")  # "1012 AB Amsterdam"
_HAS_DIGIT = re.compile(r"\S*\d\S*")
_TERRITORIES = {"PR", "VI", "GU", "AS", "MP", "FM", "MH", "PW"}  # US ZIPs, own ISO country

# A scope narrows the search: (country, admin1 code), or (country, None) for
# the whole country. None instead of a set of scopes means anywhere.
Scope = tuple[str, str | None]
Scopes = frozenset[Scope] | None


@dataclass
class _Candidate:
    place: Place
    weight: int  # population, for ranking; region totals are estimates
    rank: int  # 0 alias (wins outright), 1 anything else
    area: Area | None = None
    primary: bool = True  # matched the city's own name, not an alternate


def geocode(text: str) -> GeocodeResult:
    """Resolve free text. Never raises; an unknown place gives place=None."""
    query = text if isinstance(text, str) else ""
    if not query.strip() or len(query) > MAX_QUERY_CHARS:
        return GeocodeResult(query, None)
    return _Resolver(gazetteer(), query).free_text(query)


def geocode_parts(
    *,
    address: str | None = None,
    city: str | None = None,
    region: str | None = None,
    postal_code: str | None = None,
    country: str | None = None,
) -> GeocodeResult:
    """Resolve a structured address (a vCard ADR) at the best precision it allows.

    The street is not geocoded (there is no street data); a US ZIP gives
    postal_code precision, else the city, else the region, else the country.
    """
    fields = (address, city, region, postal_code, country)
    query = ", ".join(f.strip() for f in fields if isinstance(f, str) and f.strip())
    if not query or len(query) > MAX_QUERY_CHARS:
        return GeocodeResult(query, None)
    return _Resolver(gazetteer(), query).parts(
        address=_text(address),
        city=_text(city),
        region=_text(region),
        postal_code=_text(postal_code),
        country=_text(country),
    )


def _text(value: str | None) -> str:
    return value.strip() if isinstance(value, str) else ""


def _inside(country: str, code: str | None, scopes: Scopes) -> bool:
    if scopes is None:
        return True
    return any(country == s_country and (s_code is None or s_code == code) for s_country, s_code in scopes)


def _clean(part: str) -> str:
    """Drop postal codes and house numbers: "75008 Paris" -> "Paris"."""
    part = _NL_POSTCODE.sub(" ", part)
    return " ".join(_HAS_DIGIT.sub(" ", part).split())


class _Resolver:
    def __init__(self, g: Gazetteer, query: str) -> None:
        self.g = g
        self.query = query

    # -- free text ---------------------------------------------------------

    def free_text(self, text: str) -> GeocodeResult:
        raw = [p.strip() for p in _SPLIT.split(text) if p.strip()]
        zip_code = next(
            (m.group(1) for p in reversed(raw[-2:]) for m in reversed(list(_ZIP.finditer(p)))),
            None,
        )
        parts = [c for c in map(_clean, raw) if c]
        fits: bool | None
        zip_place, fits = None, False
        if zip_code:
            scopes, heads = self._peel(parts, None) if parts else (None, [])
            zip_place, fits = self._zip_place(zip_code, scopes, heads)
            if fits:
                return GeocodeResult(self.query, zip_place)
        found = self._resolve(parts, None, depth=0) if parts else None
        if found is None and fits is None:
            found = GeocodeResult(self.query, zip_place)  # "123 Main St, 83702"
        return found or GeocodeResult(self.query, None)

    def _peel_stages(self, parts: list[str], scopes: Scopes) -> list[tuple[Scopes, int]]:
        """Trailing country/region parts taken off one by one, as scopes.

        Stage k is (scopes, number of parts left); the last stage took the
        most off, and always leaves one part.
        """
        stages = [(scopes, len(parts))]
        while stages[-1][1] > 1:
            narrowed = self._scopes(parts[stages[-1][1] - 1], stages[-1][0])
            if narrowed is None:
                break
            stages.append((narrowed, stages[-1][1] - 1))
        return stages

    def _peel(self, parts: list[str], scopes: Scopes) -> tuple[Scopes, list[str]]:
        scopes, left = self._peel_stages(parts, scopes)[-1]
        return scopes, parts[:left]

    def _resolve(self, parts: list[str], scopes: Scopes, depth: int) -> GeocodeResult | None:
        stages = self._peel_stages(parts, scopes)
        scopes, left = stages[-1]
        for skipped, head in enumerate(reversed(parts[:left])):
            found = self._choose(self._candidates(head, scopes)) or self._split_words(head, scopes, depth)
            if found:
                # A part we could not read sat between the place and its
                # qualifiers ("Boise, Ada County, ID"): ask for confirmation.
                return replace(found, ambiguous=True) if skipped else found
        # A city named like its region was taken for the region: "Oak Ave,
        # New York, NY", "Salinas, PR" (a municipality of Puerto Rico).
        for scopes, left in reversed(stages[:-1]):
            found = self._choose(self._candidates(parts[left - 1], scopes, areas=False))
            if found:
                return found
        return None

    def _split_words(self, head: str, scopes: Scopes, depth: int) -> GeocodeResult | None:
        """ "Austin TX", "Salt Lake City Utah": a qualifier without a comma."""
        words = head.split()
        if depth >= 3 or len(words) < 2:
            return None
        for k in range(1, min(3, len(words) - 1) + 1):
            narrowed = self._scopes(" ".join(words[-k:]), scopes)
            if narrowed:
                found = self._resolve([" ".join(words[:-k])], narrowed, depth + 1)
                if found:
                    return found
        return None

    def _zip_place(self, code: str, scopes: Scopes, heads: list[str]) -> tuple[Place | None, bool | None]:
        """The ZIP's place, and whether the rest of the text agrees with it.

        True: alone, with its own state or the US, or with a city of its state.
        False: unknown ZIP, or the text names another state or country
        ("75008 Paris, France"). None: the text names no area and no city of
        the ZIP's state ("75008 Paris" is a Paris postcode and a Texas ZIP):
        the ZIP is taken only if the rest names no place either.
        """
        z = self.g.zip(code)
        if z is None:
            return None, False
        territory = z.state in _TERRITORIES
        country, state = (z.state, None) if territory else ("US", z.state)
        place = Place(
            name=z.city,
            region=self.g.region_name(country, state) if state else None,
            country=country,
            lat=z.lat,
            lon=z.lon,
            precision="postal_code",
            timezone=z.timezone,
            population=None,
            country_name=self.g.country_name(country),
            postal_code=z.code,
        )
        if scopes is not None:
            if territory:  # GeoNames splits the territory into its own regions
                return place, any(c == country for c, _ in scopes)
            return place, _inside(country, state, scopes)
        home = frozenset({(country, state)})
        if not heads or any(place_key(h) == place_key(z.city) or self._candidates(h, home, areas=False) for h in heads):
            return place, True
        return place, None

    # -- structured --------------------------------------------------------

    def parts(
        self, *, address: str | None, city: str | None, region: str | None, postal_code: str | None, country: str | None
    ) -> GeocodeResult:
        scopes: Scopes = None
        if country:
            scopes = frozenset((a.country, None) for a in self.g.country_keys.get(fold(country), ())) or None
            if scopes is None:
                return GeocodeResult(self.query, None)  # a country we don't know
        region_scopes = self._scopes(region, scopes, countries=False) if region else None
        zip_match = _ZIP.search(postal_code) if postal_code else None
        fits: bool | None
        zip_place, fits = None, False
        if zip_match and _inside("US", None, scopes):
            zip_place, fits = self._zip_place(zip_match.group(1), region_scopes or scopes, [city] if city else [])
            if fits:
                return GeocodeResult(self.query, zip_place)
        scopes = region_scopes or scopes
        if city:
            found = self._choose(self._candidates(_clean(city), scopes, areas=False))
            if found is None:
                # A city field holding "Austin TX" or "Paris, France".
                found = self.free_text(", ".join(p for p in (city, region, country) if p))
            if found.place is None and fits is None:
                found = GeocodeResult(self.query, zip_place)
            return found
        areas: list[Area] = []
        if region_scopes:
            areas = [a for a in self.g.regions_named(fold(region or "")) if (a.country, a.code) in region_scopes]
        elif scopes:
            areas = [self.g.countries[cc] for cc, _ in scopes]
        elif address:
            return replace(self.free_text(address), query=self.query)
        found = self._choose([self._area_candidate(a) for a in areas])
        return found or GeocodeResult(self.query, None)

    # -- candidates --------------------------------------------------------

    def _scopes(self, text: str, within: Scopes, countries: bool = True) -> Scopes:
        """What a qualifier like "TX", "Texas", "UK" or "MA" can mean, or None."""
        key = fold(text)
        found: set[Scope] = set()
        if countries:
            for area in self.g.country_keys.get(key, ()):
                if within is None or any(area.country == c for c, _ in within):
                    found.add((area.country, None))
        for area in self.g.regions_named(key):
            if _inside(area.country, area.code, within):
                found.add((area.country, area.code))
        return frozenset(found) or None

    def _candidates(self, text: str, scopes: Scopes, areas: bool = True) -> list[_Candidate]:
        key = place_key(text)
        if not key:
            return []
        alias = CITY_ALIASES.get(key)
        if alias:
            name, country, code = alias
            for city in self.g.cities_named(place_key(name)):
                if (city.country, city.code) == (country, code) and _inside(country, code, scopes):
                    return [self._city_candidate(city, rank=0)]
        found = [
            self._city_candidate(city, primary=place_key(city.name) == key)
            for city in self.g.cities_named(key)
            if _inside(city.country, city.code or None, scopes)
        ]
        if areas:
            folded = fold(text)
            for area in self.g.country_keys.get(folded, ()):
                if scopes is None or any(area.country == c for c, _ in scopes):
                    found.append(self._area_candidate(area))
            for area in self.g.regions_named(folded):
                if _inside(area.country, area.code, scopes):
                    found.append(self._area_candidate(area))
        return found

    def _city_candidate(self, city: City, rank: int = 1, primary: bool = True) -> _Candidate:
        place = Place(
            name=city.name,
            region=self.g.region_name(city.country, city.code) if city.code else None,
            country=city.country,
            lat=city.lat,
            lon=city.lon,
            precision="city",
            timezone=city.timezone,
            population=city.population or None,
            country_name=self.g.country_name(city.country),
        )
        return _Candidate(place, city.population, rank, primary=primary)

    def _area_candidate(self, area: Area) -> _Candidate:
        is_country = area.code is None
        place = Place(
            name=area.name,
            region=None if is_country else area.name,
            country=area.country,
            lat=area.lat,
            lon=area.lon,
            precision="country" if is_country else "region",
            timezone=area.timezone,
            # Region totals are sums over overlapping GeoNames entries: good
            # enough to rank, not to show.
            population=area.population if is_country else None,
            country_name=self.g.country_name(area.country),
        )
        return _Candidate(place, area.population, 1, area=area)

    # -- choosing ----------------------------------------------------------

    def _choose(self, cands: list[_Candidate]) -> GeocodeResult | None:
        if not cands:
            return None
        if cands[0].rank == 0:
            return GeocodeResult(self.query, cands[0].place)
        cands = _same_named_container(_drop_weak_alternates(_dedupe(cands)))
        best = max(cands, key=lambda c: c.weight)
        if best.area is not None:
            rivals = [c for c in cands if c.area is None and c.primary]
            rival = max(rivals, key=lambda c: c.weight, default=None)
            if rival and rival.weight >= CITY_OVER_AREA_SHARE * best.weight:
                best = rival
        others = sorted((c for c in cands if c is not best and _rival(c, best)), key=lambda c: -c.weight)
        ambiguous = any(o.weight >= AMBIGUOUS_SHARE * best.weight for o in others)
        alternatives = tuple(o.place for o in others[:MAX_ALTERNATIVES]) if ambiguous else ()
        return GeocodeResult(self.query, best.place, ambiguous, alternatives)


def _dedupe(cands: list[_Candidate]) -> list[_Candidate]:
    """One candidate per city: GeoNames has e.g. two "Dayrah" a few km apart,
    and "Victoria" is both a district of Hong Kong and an old name of it."""
    kept: list[_Candidate] = []
    for cand in sorted(cands, key=lambda c: (not c.primary, -c.weight)):
        p = cand.place
        duplicate = cand.area is None and any(
            k.area is None
            and k.place.country == p.country
            and haversine_km(k.place.lat, k.place.lon, p.lat, p.lon) < SAME_PLACE_KM
            for k in kept
        )
        if not duplicate:
            kept.append(cand)
    return kept


def _rival(other: _Candidate, best: _Candidate) -> bool:
    """Whether `other` is a real alternative to `best`.

    Not an alternate name that lost ("Portland" was once a name of Sandusky,
    Ohio), nor a smaller region named after the chosen city ("Lima, Peru" is
    the city; the Lima region around it is no other reading).
    """
    if other.area is None:
        return other.primary
    return best.area is not None or other.weight >= best.weight


def _drop_weak_alternates(cands: list[_Candidate]) -> list[_Candidate]:
    own = max((c.weight for c in cands if c.area is None and c.primary), default=None)
    if own is None:
        return cands
    return [c for c in cands if c.primary or c.weight >= ALTERNATE_OVER_OWN * own]


def _same_named_container(cands: list[_Candidate]) -> list[_Candidate]:
    """ "Madrid", "São Paulo", "Singapore": the city, not the region or country
    of the same name that holds it (and that one is no alternative either).

    A city met by an alternate name counts against a region ("Ulaanbaatar" is
    Ulan Bator), not against a country ("Mexico" stays the country).
    """
    cities = [c for c in cands if c.area is None]
    return [
        cand
        for cand in cands
        if cand.area is None
        or not any(
            c.place.country == cand.area.country
            and (c.primary or cand.area.code is not None)
            and (cand.area.code is None or c.place.region == cand.area.name)
            and c.weight >= NAMESAKE_SHARE * cand.weight
            for c in cities
        )
    ]
