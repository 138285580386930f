"""The charts as a user sees them: the momentum page's bars, goal line and axis in
its SVG; the map's projection and places."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

import pytest

from goodwill.web.charts import Bounds, Projection, area_map, graticule_step, world_map

TODAY = date(2026, 11, 23)  # the pinned Monday


def _momentum_svg(client, weeks: int) -> tuple[str, ET.Element]:
    response = client.get(f"/momentum/?weeks={weeks}")
    assert response.status_code == 200
    body = response.content.decode()
    return body, ET.fromstring(body[body.index("<svg") : body.index("</svg>") + len("</svg>")])


def _axis(svg) -> dict[str, float]:
    """The left axis as drawn: each value's label and the height it stands at."""
    return {
        t.text: float(t.get("y"))
        for t in svg.iter("text")
        if t.get("class") == "axis" and t.get("text-anchor") == "end"
    }


def _bars(svg) -> list[SimpleNamespace]:
    bars = []
    for g in svg.iter("g"):
        classes = g.get("class", "").split()
        if "bar" in classes:
            rect = g.find("rect")
            bars.append(
                SimpleNamespace(
                    title=g.find("title").text,
                    classes=set(classes),
                    top=float(rect.get("y")),
                    height=float(rect.get("height")),
                    right=float(rect.get("x")) + float(rect.get("width")),
                    marked=any(t.text == "\u25bc" for t in g.iter("text")),
                )
            )
    return bars


def _line(svg, cls: str):
    return next(line for line in svg.iter("line") if line.get("class") == cls)


def test_momentum_bars_goal_and_dips(alice, as_alice, now):
    """Six steady weeks of 6 touches, then a week of 1: a dip, marked; this week is the last bar."""
    from goodwill.services.interactions import LogRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person

    ann = add_person(alice, PersonFields(name="Ann Lee"))
    for week in range(1, 8):
        monday = TODAY - timedelta(days=TODAY.weekday() + 7 * week)
        for _ in range(1 if week == 1 else 6):
            log_interaction(
                alice,
                LogRequest(kind="call", people=[ann], summary="Caught up", when=datetime.combine(monday, time(9), UTC)),
            )
    body, svg = _momentum_svg(as_alice, weeks=8)
    assert "Goal 5 a week" in body

    bars = _bars(svg)
    weeks = ["5 Oct", "12 Oct", "19 Oct", "26 Oct", "2 Nov", "9 Nov"]
    assert [b.title for b in bars] == [f"Week of {w}: 6 touches" for w in weeks] + [
        "Week of 16 Nov: 1 touch (dip)",
        "Week of 23 Nov: 0 touches (this week, so far)",
    ]
    assert [b.marked for b in bars] == [False] * 6 + [True, False]  # the \u25bc over the dip
    assert [("dip" in b.classes, "current" in b.classes) for b in bars[-2:]] == [(True, False), (False, True)]
    assert all("met" in b.classes for b in bars[:6]) and not {"met"} & (bars[6].classes | bars[7].classes)

    axis = _axis(svg)
    assert set(axis) == {"0", "5", "6"}  # nothing, the goal, the busiest week
    grid = sorted(float(line.get("y1")) for line in svg.iter("line") if line.get("class") == "grid")
    assert grid == sorted(axis.values())
    for bar in bars:  # every bar stands on the 0 line
        assert bar.top + bar.height == pytest.approx(axis["0"], abs=0.15)
    assert all(b.top == pytest.approx(axis["6"], abs=0.15) for b in bars[:6])  # the busy weeks reach the 6
    assert bars[6].height == pytest.approx(bars[0].height / 6, abs=0.15) and bars[7].height == 0

    goal = _line(svg, "goal")
    assert float(goal.get("y1")) == float(goal.get("y2")) == pytest.approx(axis["5"], abs=0.01)  # the goal line at 5
    label = next(t for t in svg.iter("text") if t.get("class") == "goal-label")
    assert label.text == "goal 5" and float(label.get("y")) == float(goal.get("y1"))
    assert all(b.right <= float(goal.get("x2")) for b in bars)  # inside the plot
    months = [t.text for t in svg.iter("text") if t.get("class") == "axis" and t.get("text-anchor") == "middle"]
    assert months == ["Oct", "Nov"]  # under the first week of each month shown


def test_momentum_goal_shows_even_with_no_touches(as_alice, now):
    _body, svg = _momentum_svg(as_alice, weeks=4)
    axis = _axis(svg)
    assert set(axis) == {"0", "5"}
    assert float(_line(svg, "goal").get("y1")) == axis["5"] < axis["0"]  # the goal is the top of the chart
    bars = _bars(svg)
    assert len(bars) == 4 and all(b.height == 0 for b in bars)
    assert bars[-1].title == "Week of 23 Nov: 0 touches (this week, so far)"


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
    view = area_map(
        39.74, -104.99, 160.9, [(39.74, -104.99, "Here", "/people/1/"), (51.5, -0.12, "London", "/people/2/")]
    )
    assert [p.title for p in view.people] == ["Here"]
    assert abs(view.center.x - view.width / 2) < 1 and abs(view.center.y - view.height / 2) < 1
    assert view.radius_px == round(view.width / 2 / 1.25, 1)
    assert any(t.title == "Denver" for t in view.towns)


def test_area_map_across_the_antimeridian():
    """Around Fiji (178°E) a 500 km circle reaches past 180°: Taveuni's neighbour at
    179.5°W is drawn east of the centre, and the labels stay between 180°W and 180°E."""
    view = area_map(
        -17.0, 178.0, 500, [(-16.8, -179.5, "Across the line", "/people/1/"), (-17.5, 177.5, "Nadi side", "/people/2/")]
    )
    by_name = {p.title: p for p in view.people}
    assert set(by_name) == {"Across the line", "Nadi side"}
    assert by_name["Across the line"].x > view.center.x > by_name["Nadi side"].x
    assert 0 <= by_name["Across the line"].x <= view.width
    labels = [label for _x, label in view.meridians]
    assert any(label.endswith("W") for label in labels) and any(label.endswith("E") for label in labels)
    assert all(float(label.rstrip("°EW").rstrip("°")) <= 180 for label in labels)
    assert view.land, "the islands' towns are drawn on both sides of the line"
