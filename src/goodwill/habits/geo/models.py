"""What a geocode returns."""

from __future__ import annotations

from dataclasses import dataclass

PRECISIONS = ("address", "postal_code", "city", "region", "country")


@dataclass(frozen=True)
class Place:
    """A point with what it stands for.

    `precision` says how big the area behind the point is: a "city" point is
    the city centre, a "region" or "country" point the population-weighted
    centre of that area (a rough anchor, not a location).
    """

    name: str
    region: str | None  # admin1 name: "Texas", "Ontario", "England"
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    precision: str  # one of PRECISIONS
    timezone: str | None  # IANA name
    population: int | None
    country_name: str = ""
    postal_code: str | None = None

    def label(self) -> str:
        """One line for people: "Austin, Texas 78701, United States"."""
        parts = [self.name]
        if self.region and self.region != self.name:
            parts.append(self.region)
        if self.postal_code:
            parts[-1] += f" {self.postal_code}"
        if self.country_name and self.country_name != self.name:
            parts.append(self.country_name)
        return ", ".join(parts)


@dataclass(frozen=True)
class GeocodeResult:
    query: str
    place: Place | None  # None: unresolved; an unknown place is never guessed
    ambiguous: bool = False  # several places fit; the most populous was chosen
    alternatives: tuple[Place, ...] = ()  # the other candidates, when ambiguous

    @property
    def resolved(self) -> bool:
        return self.place is not None
