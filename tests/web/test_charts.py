"""The SVG geometry: momentum bars against the goal, and the offline map."""
from __future__ import annotations

from datetime import date, timedelta

from goodwill.habits.momentum import momentum
from goodwill.web.charts import Bounds, Projection, area_map, graticule_step, momentum_chart, world_map

TODAY = date(2026, 11, 23)


def test_momentum_bars_goal_and_dips():
    # Six steady weeks of 6 touches, then a week of 1: a dip.
    days = []
    for week in range(1, 8):
        monday = TODAY - timedelta(days=TODAY.weekday() + 7 * week)
        days += [monday] * (1 if week == 1 else 6)
    m = momentum(days, today=TODAY, weeks=8, goal=5)
    chart = momentum_chart(m, width=400, height=200)
    assert len(chart.bars) == 8
    assert [b.dip for b in chart.bars] == [False] * 6 + [True, False]
    assert chart.bars[-1].current and not chart.bars[0].current
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.count == 6 and tallest.y == 18  # the top of the plot
    # The goal line sits at 5/6 of the plot's height, above the bottom.
    plot_h = chart.plot_bottom - 18
    assert abs((chart.plot_bottom - chart.goal_y) - plot_h * 5 / 6) < 0.2
    assert all(b.x + b.width <= chart.plot_right for b in chart.bars)


def test_momentum_goal_shows_even_with_no_touches():
    chart = momentum_chart(momentum([], today=TODAY, weeks=4, goal=5))
    assert chart.goal_y == 18 and all(b.height == 0 for b in chart.bars)


def test_projection_keeps_shape_and_orientation():
    proj = Projection(Bounds(30, 40, -100, -90), 600)
    west_x, north_y = proj.point(40, -100)
    east_x, south_y = proj.point(30, -90)
    assert (west_x, north_y) == (0, 0) and east_x == 600 and abs(south_y - proj.height) <= 1
    assert proj.height > 600  # a degree of longitude is shorter than one of latitude at 35°N


def test_graticule_steps():
    assert graticule_step(131) == 30
    assert graticule_step(4) == 1
    assert graticule_step(0.6) == 0.1


def test_world_map_places_people_and_land():
    view = world_map([(30.27, -97.74, "Jane", "/people/1/"), (None, None, "Nowhere", "/people/2/")])
    assert len(view.people) == 1 and view.people[0].title == "Jane"
    assert len(view.land) > 500  # the shipped towns draw the continents
    assert view.meridians and view.parallels


def test_area_map_circle_and_towns():
    view = area_map(39.74, -104.99, 160.9, [(39.74, -104.99, "Here", "/people/1/"), (51.5, -0.12, "London", "/people/2/")])
    assert [p.title for p in view.people] == ["Here"]
    assert abs(view.center.x - view.width / 2) < 1 and abs(view.center.y - view.height / 2) < 1
    assert view.radius_px == round(view.width / 2 / 1.25, 1)
    assert any(t.title == "Denver" for t in view.towns)


def test_area_map_across_the_antimeridian():
    """Around Fiji (178°E) a 500 km circle reaches past 180°: Taveuni's neighbour at
    179.5°W is drawn east of the centre, and the labels stay between 180°W and 180°E."""
    view = area_map(-17.0, 178.0, 500, [(-16.8, -179.5, "Across the line", "/people/1/"),
                                         (-17.5, 177.5, "Nadi side", "/people/2/")])
    by_name = {p.title: p for p in view.people}
    assert set(by_name) == {"Across the line", "Nadi side"}
    assert by_name["Across the line"].x > view.center.x > by_name["Nadi side"].x
    assert 0 <= by_name["Across the line"].x <= view.width
    labels = [label for _x, label in view.meridians]
    assert any(label.endswith("W") for label in labels) and any(label.endswith("E") for label in labels)
    assert all(float(label.rstrip("°EW").rstrip("°")) <= 180 for label in labels)
    assert view.land, "the islands' towns are drawn on both sides of the line"
