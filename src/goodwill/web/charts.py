"""Server-drawn SVG charts: plain numbers for the templates to draw, no Django here.

- momentum_chart: weekly touches as bars, the goal as a line, dips marked.
- world_map / area_map: an equirectangular projection with a graticule, a dot
  backdrop of populated places from the shipped gazetteer (no tiles, no network),
  and the people as points."""

from __future__ import annotations

import functools
import gzip
import math
from dataclasses import dataclass, field

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str  # "Week of 2 Nov"
    dip: bool
    current: bool
    met_goal: bool
    mid: float = 0.0  # the bar's centre, for the dip mark above it


@dataclass
class MomentumChart:
    width: int
    height: int
    bars: list[Bar]
    goal_y: float
    goal: int
    ticks: list[tuple[float, str]]  # (x, month label) under the first week of a month
    levels: list[tuple[float, int]]  # (y, value) for the left axis
    plot_left: int
    plot_right: int
    plot_bottom: int


def momentum_chart(m, *, width: int = 720, height: int = 260) -> MomentumChart:
    """Bars for a habits.momentum.Momentum, scaled so the goal always shows."""
    left, right, top_pad, bottom = 34, 8, 18, 28
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max([m.goal, 1, *(w.count for w in m.weeks)])
    step = plot_w / max(len(m.weeks), 1)
    bars, ticks = [], []
    for index, week in enumerate(m.weeks):
        h = week.count / top * plot_h
        x = left + index * step
        bars.append(
            Bar(
                x=round(x + step * 0.15, 1),
                y=round(top_pad + plot_h - h, 1),
                width=round(step * 0.7, 1),
                height=round(h, 1),
                count=week.count,
                label=f"Week of {week.start.day} {_MONTHS[week.start.month - 1]}",
                dip=week.dip,
                current=index == len(m.weeks) - 1,
                met_goal=week.met_goal,
                mid=round(x + step / 2, 1),
            )
        )
        if week.start.day <= 7:
            ticks.append((round(x + step / 2, 1), _MONTHS[week.start.month - 1]))

    def y_of(value):
        return round(top_pad + plot_h - value / top * plot_h, 1)

    levels = sorted({0, m.goal, top})
    return MomentumChart(
        width=width,
        height=height,
        bars=bars,
        goal_y=y_of(m.goal),
        goal=m.goal,
        ticks=ticks,
        levels=[(y_of(v), v) for v in levels],
        plot_left=left,
        plot_right=width - right,
        plot_bottom=top_pad + plot_h,
    )


# The map.


@dataclass
class Dot:
    x: float
    y: float
    title: str = ""
    href: str = ""


@dataclass
class MapView:
    width: int
    height: int
    meridians: list[tuple[float, str]] = field(default_factory=list)  # (x, label)
    parallels: list[tuple[float, str]] = field(default_factory=list)  # (y, label)
    land: list[tuple[float, float]] = field(default_factory=list)
    towns: list[Dot] = field(default_factory=list)  # the biggest places, labelled
    people: list[Dot] = field(default_factory=list)
    center: Dot | None = None
    radius_px: float | None = None


@dataclass(frozen=True)
class Bounds:
    south: float
    north: float
    west: float
    east: float


class Projection:
    """Equirectangular: x from longitude, y from latitude, one scale for both
    (longitude shrunk by cos(middle latitude) so a region keeps its shape)."""

    def __init__(self, bounds: Bounds, width: int):
        self.bounds = bounds
        middle = math.radians((bounds.south + bounds.north) / 2)
        self.squeeze = max(math.cos(middle), 0.2)
        self.scale = width / ((bounds.east - bounds.west) * self.squeeze)
        self.width = width
        self.height = max(int(round((bounds.north - bounds.south) * self.scale)), 1)

    def unwrap(self, lon: float) -> float:
        """The longitude as seen from the map's west edge: a map around Fiji runs
        from 173°E to 177°W, i.e. west 173, east 183, and -179 is drawn at 181."""
        return self.bounds.west + (lon - self.bounds.west) % 360

    def point(self, lat: float, lon: float) -> tuple[float, float]:
        x = (self.unwrap(lon) - self.bounds.west) * self.squeeze * self.scale
        y = (self.bounds.north - lat) * self.scale
        return round(x, 1), round(y, 1)

    def inside(self, lat: float, lon: float) -> bool:
        b = self.bounds
        return b.south <= lat <= b.north and self.unwrap(lon) <= b.east


def graticule_step(span_degrees: float) -> float:
    """A round step giving a handful of lines across the span."""
    for step in (30, 20, 10, 5, 2, 1, 0.5, 0.25, 0.1, 0.05):
        if span_degrees / step >= 3:
            return step
    return 0.02


def _label(value: float, positive: str, negative: str) -> str:
    text = f"{abs(value):g}°"
    return text + (positive if value > 0 else negative if value < 0 else "")


@functools.lru_cache(maxsize=1)
def _places() -> list[tuple[float, float, int, str]]:
    """(lat, lon, population, name) of every shipped place of 1,000 people or more."""
    from goodwill.habits.geo.gazetteer import DATA

    rows = []
    with gzip.open(DATA / "cities.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            name, _cc, _code, lat, lon, pop, _tz = line.rstrip("\n").split("\t")
            population = int(pop)
            if population >= 1000:
                rows.append((float(lat), float(lon), population, name))
    rows.sort(key=lambda row: -row[2])
    return rows


def _draw(
    bounds: Bounds, width: int, people, *, cell_px: float, min_pop: int, towns: int
) -> tuple[MapView, Projection]:
    proj = Projection(bounds, width)
    view = MapView(width=proj.width, height=proj.height)
    step = graticule_step(bounds.north - bounds.south)
    lon = math.ceil(bounds.west / step) * step
    while lon <= bounds.east + 1e-9:
        x = (lon - bounds.west) * proj.squeeze * proj.scale  # lon may be past 180 here; its label is not
        view.meridians.append((round(x, 1), _label(round((lon + 180) % 360 - 180, 4), "E", "W")))
        lon += step
    lat = math.ceil(bounds.south / step) * step
    while lat <= bounds.north + 1e-9:
        view.parallels.append((proj.point(lat, bounds.west)[1], _label(round(lat, 4), "N", "S")))
        lat += step
    # Populated places, one dot per grid cell: a silhouette of where people live.
    cells: set[tuple[int, int]] = set()
    for plat, plon, population, name in _places():
        if population < min_pop:
            break
        if not proj.inside(plat, plon):
            continue
        x, y = proj.point(plat, plon)
        cell = (int(x // cell_px), int(y // cell_px))
        if len(view.towns) < towns:
            view.towns.append(Dot(x, y, name))
        if cell not in cells:
            cells.add(cell)
            view.land.append(((cell[0] + 0.5) * cell_px, (cell[1] + 0.5) * cell_px))
    for lat_, lon_, title, href in people:
        if lat_ is not None and proj.inside(lat_, lon_):
            x, y = proj.point(lat_, lon_)
            view.people.append(Dot(x, y, title, href))
    return view, proj


def world_map(people, *, width: int = 760) -> MapView:
    """Everyone placed, on the whole inhabited world (56°S to 75°N)."""
    view, _ = _draw(Bounds(-56, 75, -180, 180), width, people, cell_px=5, min_pop=15000, towns=0)
    return view


def area_map(lat: float, lon: float, radius_km: float, people, *, width: int = 760) -> MapView:
    """The circle of a "who is near" query, with a margin, and the towns in it."""
    half_lat = min(radius_km * 1.25 / 111.32, 80)
    half_lon = min(half_lat / max(math.cos(math.radians(lat)), 0.2), 180)
    bounds = Bounds(max(lat - half_lat, -89.9), min(lat + half_lat, 89.9), lon - half_lon, lon + half_lon)
    view, proj = _draw(bounds, width, people, cell_px=4, min_pop=2000 if radius_km < 400 else 20000, towns=6)
    x, y = proj.point(lat, lon)
    view.center = Dot(x, y, "centre")
    view.radius_px = round(radius_km / 111.32 * proj.scale, 1)
    return view


# The balance sheet's trend.


@dataclass
class QuarterBar:
    x: float
    y: float
    height: float
    value: int
    label: str  # "2026-Q4: 6 points given"


@dataclass
class QuarterChart:
    width: int
    height: int
    bar_width: float
    given: list[QuarterBar]
    received: list[QuarterBar]
    ticks: list[tuple[float, str]]  # (x, "Q4 2026")
    levels: list[tuple[float, int]]
    plot_left: int
    plot_right: int
    plot_bottom: int


def quarter_chart(rows, *, width: int = 560, height: int = 220) -> QuarterChart:
    """Paired bars per quarter (given, received points) for queries.ledger.QuarterRow rows."""
    left, right, top_pad, bottom = 34, 8, 14, 28
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max([1, *(r.given for r in rows), *(r.received for r in rows)])
    step = plot_w / max(len(rows), 1)
    bar_w = round(step * 0.36, 1)

    def y_of(value):
        return round(top_pad + plot_h - value / top * plot_h, 1)

    given, received, ticks = [], [], []
    for index, row in enumerate(rows):
        x = left + index * step
        year, quarter = row.quarter.split("-")
        given.append(
            QuarterBar(
                round(x + step * 0.12, 1),
                y_of(row.given),
                round(row.given / top * plot_h, 1),
                row.given,
                f"{row.quarter}: {row.given} point{'s' * (row.given != 1)} given",
            )
        )
        received.append(
            QuarterBar(
                round(x + step * 0.52, 1),
                y_of(row.received),
                round(row.received / top * plot_h, 1),
                row.received,
                f"{row.quarter}: {row.received} point{'s' * (row.received != 1)} received",
            )
        )
        ticks.append((round(x + step / 2, 1), f"{quarter} {year}"))
    return QuarterChart(
        width=width,
        height=height,
        bar_width=bar_w,
        given=given,
        received=received,
        ticks=ticks,
        levels=[(y_of(v), v) for v in sorted({0, top})],
        plot_left=left,
        plot_right=width - right,
        plot_bottom=top_pad + plot_h,
    )
