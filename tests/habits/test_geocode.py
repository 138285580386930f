"""Offline geocoding: known places, ambiguity, unknown places, structured input."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.habits.geo import Place, geocode, geocode_parts, haversine_km
from goodwill.habits.geo.normalize import fold, place_key

PLACES = Path(__file__).parents[1] / "data" / "geo" / "places.csv"
TOLERANCE_KM = 25


def _known_places():
    with PLACES.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [(r["query"], float(r["lat"]), float(r["lon"]), r["precision"]) for r in rows]


KNOWN = _known_places()


def test_fixture_covers_at_least_200_places_on_every_continent():
    assert len(KNOWN) >= 200
    lats_lons = [(lat, lon) for _, lat, lon, _ in KNOWN]
    assert any(lat < -30 and lon > 110 for lat, lon in lats_lons)  # Oceania
    assert any(lat < 0 and -80 < lon < -35 for lat, lon in lats_lons)  # South America
    assert any(-35 < lat < 35 and -20 < lon < 50 for lat, lon in lats_lons)  # Africa


@pytest.mark.parametrize(("query", "lat", "lon", "precision"), KNOWN, ids=[k[0] for k in KNOWN])
def test_known_place_resolves_within_25_km(query, lat, lon, precision):
    place = geocode(query).place
    assert place is not None, f"{query!r} unresolved"
    distance = haversine_km(lat, lon, place.lat, place.lon)
    assert distance <= TOLERANCE_KM, f"{query!r} -> {place.label()} is {distance:.0f} km off"
    assert place.precision == precision


def test_place_carries_what_a_person_record_stores():
    place = geocode("Austin, TX").place
    assert place == Place(
        name="Austin",
        region="Texas",
        country="US",
        lat=place.lat,
        lon=place.lon,
        precision="city",
        timezone="America/Chicago",
        population=place.population,
        country_name="United States",
    )
    assert place.population > 500_000
    assert place.label() == "Austin, Texas, United States"


@pytest.mark.parametrize("query", ["Springfield", "Portland", "Cambridge"])
def test_ambiguous_name_takes_the_most_populous_and_asks(query):
    result = geocode(query)
    assert result.ambiguous
    assert 1 <= len(result.alternatives) <= 5
    assert all(result.place.population >= (a.population or 0) for a in result.alternatives)
    assert result.place not in result.alternatives


def test_ambiguous_choices():
    assert geocode("Springfield").place.region == "Missouri"
    assert geocode("Portland").place.region == "Oregon"
    assert "Maine" in {a.region for a in geocode("Portland").alternatives}
    assert geocode("Cambridge").place.country == "GB"


@pytest.mark.parametrize("query", ["Paris", "London", "Tokyo", "Austin, TX", "Cambridge, MA", "NYC"])
def test_clear_winner_or_qualified_name_is_not_ambiguous(query):
    result = geocode(query)
    assert result.place is not None
    assert not result.ambiguous and result.alternatives == ()


@pytest.mark.parametrize(
    ("query", "country", "region"),
    [
        ("Cambridge, UK", "GB", "England"),
        ("Cambridge, England", "GB", "England"),
        ("Cambridge, MA", "US", "Massachusetts"),
        ("Cambridge, Ontario", "CA", "Ontario"),
        ("London, ON", "CA", "Ontario"),
        ("Paris, TX", "US", "Texas"),
        ("Paris, France", "FR", "Île-de-France"),
        ("Frankfurt, DE", "DE", "Hesse"),
        ("Wilmington, DE", "US", "Delaware"),
        ("Victoria, Australia", "AU", "Victoria"),
    ],
)
def test_qualifier_picks_the_right_namesake(query, country, region):
    place = geocode(query).place
    assert (place.country, place.region) == (country, region)


@pytest.mark.parametrize("query", ["Xyzzyville", "Xyzzyville, TX", "Main Street", "qwrtpsdf, France", "12345 67890"])
def test_unknown_place_is_flagged_not_guessed(query):
    result = geocode(query)
    assert result.place is None and not result.resolved
    assert result.query == query


@pytest.mark.parametrize("query", ["", "   ", ",,,", "\n", "a" * 5000])
def test_empty_or_absurd_text_is_unresolved(query):
    assert geocode(query).place is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("São Paulo", "sao paulo"),
        ("Zürich", "ZURICH"),
        ("Kraków", "krakow"),
        ("Łódź", "Lodz"),
        ("Málaga", "Malaga"),
        ("Reykjavík", "reykjavik"),
        ("St. Louis, MO", "Saint Louis, Missouri"),
        ("Winston-Salem, NC", "winston salem nc"),
    ],
)
def test_case_accents_and_punctuation_do_not_matter(a, b):
    assert geocode(a).place == geocode(b).place is not None


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("NYC", "New York City"),
        ("New York", "New York City"),
        ("SF", "San Francisco"),
        ("LA", "Los Angeles"),
        ("DC", "Washington"),
        ("Washington, DC", "Washington"),
        ("Washington D.C.", "Washington"),
        ("Philly", "Philadelphia"),
        ("Bay Area", "San Francisco"),
        ("Bombay", "Mumbai"),
        ("Cologne", "Köln"),
    ],
)
def test_aliases(alias, name):
    result = geocode(alias)
    assert result.place.name == name and result.place.precision == "city"
    assert not result.ambiguous


def test_alias_as_qualifier_keeps_its_plain_meaning():
    # LA after a comma is Louisiana, not Los Angeles.
    assert geocode("New Orleans, LA").place.region == "Louisiana"
    assert geocode("Manhattan, KS").place.region == "Kansas"


def test_zip_code_gives_postal_precision():
    place = geocode("78701").place
    assert (place.name, place.region, place.postal_code) == ("Austin", "Texas", "78701")
    assert place.precision == "postal_code" and place.timezone == "America/Chicago"
    assert geocode("Austin, TX 78701").place == place
    assert geocode("78701-4321").place == place


def test_full_address_uses_the_zip_else_the_city():
    assert geocode("123 Main St, Boise, ID 83702").place.precision == "postal_code"
    city = geocode("123 Main St, Boise, ID").place
    assert (city.name, city.precision) == ("Boise", "city")
    assert geocode("123 Main St, 83702").place.postal_code == "83702"


def test_zip_that_contradicts_the_text_is_ignored():
    # 75008 is a Paris postcode and also a Texas ZIP.
    assert geocode("75008 Paris").place.country == "FR"
    assert geocode("75008 Paris, France").place.country == "FR"
    # Idaho's ZIP with a Texas city: the text's state wins.
    assert geocode("Austin, TX 83702").place.precision == "city"


def test_unknown_zip_is_unresolved():
    assert geocode("00000").place is None


@pytest.mark.parametrize(
    ("query", "name", "precision"),
    [
        ("Texas", "Texas", "region"),
        ("texas, usa", "Texas", "region"),
        ("Bavaria", "Bavaria", "region"),
        ("Ontario", "Ontario", "region"),
        ("Washington State", "Washington", "region"),
        ("Germany", "Germany", "country"),
        ("DE", "Germany", "country"),
        ("DEU", "Germany", "country"),
        ("United Kingdom", "United Kingdom", "country"),
        ("UK", "United Kingdom", "country"),
        ("USA", "United States", "country"),
        ("United States of America", "United States", "country"),
        ("Côte d'Ivoire", "Ivory Coast", "country"),
    ],
)
def test_regions_and_countries(query, name, precision):
    place = geocode(query).place
    assert (place.name, place.precision) == (name, precision)


def test_region_place_has_its_country_and_main_time_zone():
    texas = geocode("Texas").place
    assert (texas.country, texas.region, texas.timezone) == ("US", "Texas", "America/Chicago")
    # The US spans many zones: no single one is claimed for it.
    assert geocode("USA").place.timezone is None


def test_city_beats_the_same_named_region_or_country_around_it():
    for query in ("Madrid", "São Paulo", "Singapore", "Berlin", "Tokyo"):
        result = geocode(query)
        assert result.place.precision == "city", query
        assert all(a.name != result.place.name or a.precision == "city" for a in result.alternatives)


def test_state_versus_city_of_the_same_name_is_flagged():
    result = geocode("Washington")
    assert result.place.precision == "region" and result.ambiguous
    assert "District of Columbia" in {a.region for a in result.alternatives}


def test_unreadable_part_between_place_and_qualifier_asks_for_confirmation():
    result = geocode("Boise, Ada County, ID")
    assert result.place.name == "Boise" and result.ambiguous


def test_postcodes_of_other_countries_are_skipped_not_used():
    assert geocode("10 Downing Street, London SW1A 2AA, UK").place.name == "London"
    assert geocode("Toronto, ON M5V 2T6").place.name == "Toronto"


def test_small_us_town_comes_from_zip_data():
    place = geocode("Ketchum, ID").place
    assert place.precision == "city" and place.timezone == "America/Boise"


class TestParts:
    def test_zip_wins(self):
        result = geocode_parts(address="123 Main St", city="Boise", region="ID", postal_code="83702", country="USA")
        assert result.place.precision == "postal_code" and result.place.postal_code == "83702"
        assert result.query == "123 Main St, Boise, ID, 83702, USA"

    def test_city_when_no_zip(self):
        place = geocode_parts(city="Cambridge", region="MA").place
        assert (place.name, place.region, place.precision) == ("Cambridge", "Massachusetts", "city")

    def test_city_field_is_a_city_even_if_it_names_a_region(self):
        place = geocode_parts(city="Quebec", region="QC", country="Canada").place
        assert place.precision == "city" and place.name == "Québec"

    def test_foreign_postcode_with_country_is_not_a_zip(self):
        place = geocode_parts(city="Paris", postal_code="75008", country="France").place
        assert (place.name, place.country, place.precision) == ("Paris", "FR", "city")

    def test_region_then_country_precision(self):
        assert geocode_parts(region="Texas", country="US").place.precision == "region"
        assert geocode_parts(country="Germany").place.precision == "country"

    def test_unknown_city_or_country_is_unresolved(self):
        assert geocode_parts(city="Xyzzyville", region="TX").place is None
        assert geocode_parts(city="Paris", country="Narnia").place is None
        assert geocode_parts().place is None

    def test_messy_city_field_falls_back_to_free_text(self):
        assert geocode_parts(city="Austin TX").place.region == "Texas"

    def test_address_only(self):
        assert geocode_parts(address="1 Main St, Boise, ID 83702").place.postal_code == "83702"


def test_fold():
    assert fold("  São   Paulo ") == "sao paulo"
    assert fold("O'Fallon") == "ofallon"
    assert fold("Straße") == "strasse"
    assert place_key("St. Louis") == place_key("Saint Louis") == "saint louis"
    assert place_key("Ft Worth") == "fort worth"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_geocode_never_raises(text):
    result = geocode(text)
    assert result.query == text
    if result.place is not None:
        assert -90 <= result.place.lat <= 90 and -180 <= result.place.lon <= 180


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Austin", "TX", "78701", "UK", "São", "Paulo", ",", "St.", "-", "New", "York", "0"]),
        max_size=8,
    )
)
def test_geocode_never_raises_on_place_like_text(words):
    geocode(" ".join(words))


optional_text = st.one_of(st.none(), st.text(max_size=30))


@settings(max_examples=200, deadline=None)
@given(optional_text, optional_text, optional_text, optional_text, optional_text)
def test_geocode_parts_never_raises(address, city, region, postal_code, country):
    geocode_parts(address=address, city=city, region=region, postal_code=postal_code, country=country)


def test_import_is_cheap_and_loads_no_data():
    code = (
        "import sys, goodwill.habits.geo as g;"
        "from goodwill.habits.geo import gazetteer;"
        "assert gazetteer._loaded is None;"
        "assert 'django' not in sys.modules"
    )
    src = Path(__file__).parents[2] / "src"
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(src)})


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("350 5th Ave, New York, NY", "New York City"),
        ("5641 Oak Ave, Salinas, PR 00751", "Salinas"),
        ("Salinas, PR", "Salinas"),
    ],
)
def test_city_named_like_its_region_is_still_a_city(query, name):
    place = geocode(query).place
    assert place.name == name and place.precision in ("city", "postal_code")


def test_region_named_after_the_chosen_city_is_no_alternative():
    result = geocode("Lima, Peru")
    assert result.place.name == "Lima" and not result.ambiguous
