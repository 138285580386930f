"""An import understands what it keeps (issue 12): generic column names map whatever
the source, Roundcube's export lands in contact points, a one-column list of
addresses imports, and the dry run lists every column that is still not mapped."""

from pathlib import Path

import pytest

from goodwill.models import ContactPoint, Person
from goodwill.services.contacts_import import import_contacts

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"


def points(person) -> list[tuple[str, str, str]]:
    return sorted(ContactPoint.objects.filter(person=person).values_list("kind", "label", "value"))


def test_roundcube_addresses_and_phones_become_contact_points(alice, now):
    report = import_contacts(alice, [DATA / "roundcube.csv"], apply=True)
    assert report.formats == ["roundcube"] and report.counts["created"] == 3
    jana = Person.objects.get(owner=alice, name="Jana Nováková")  # the Display Name
    assert points(jana) == sorted(
        [
            ("email", "home", "jana.novakova@seznam.example"),
            ("email", "work", "jana.novakova@prazskadata.example"),
            ("email", "other", "jn@fastmail.example"),
            ("phone", "home", "+420 222 333 444"),
            ("phone", "work", "+420 234 567 890"),
            ("phone", "mobile", "+420 777 123 456"),
            ("phone", "video", "+420 777 123 457"),
            ("url", "home", "https://jana.example"),
        ]
    )
    assert str(jana.birthday) == "1991-01-20"  # 20/01/1991: day first, unambiguous
    assert jana.extra["Gender"] == ["female"] and jana.extra["Spouse"] == ["Spouse"]
    assert not any(key.startswith(("Email", "Phone", "Home Mobile", "Display")) for key in jana.extra)
    carla = Person.objects.get(owner=alice, contact_points__value="carla@example.com")
    assert carla.name == "Carla" and points(carla)[1] == ("phone", "mobile", "+1 415 555 0134")


def test_the_dry_run_lists_the_columns_it_keeps_only_as_custom_fields(alice, now):
    report = import_contacts(alice, [DATA / "roundcube.csv"])
    assert [(c.column, c.rows) for c in report.unmapped] == [
        ("Gender", 2),
        ("Anniversary", 1),
        ("Spouse", 1),
        ("Manager", 1),
        ("Assistant", 1),
    ]
    assert report.unmapped[0].file == str(DATA / "roundcube.csv")


def test_a_fully_mapped_file_lists_no_columns(alice, now):
    assert import_contacts(alice, [DATA / "linkedin_new.csv"]).unmapped == []
    assert import_contacts(alice, [DATA / "google.vcf"]).unmapped == []


@pytest.mark.parametrize(
    "header, cell, kind, label",
    [
        ("Work E-mail", "a@x.example", "email", "work"),
        ("E-mail 2", "a@x.example", "email", "other"),
        ("Home Phone", "+1 512 555 0100", "phone", "home"),
        ("Mobile Phone", "+1 512 555 0100", "phone", "mobile"),
        ("Phone Video", "+1 512 555 0100", "phone", "video"),
    ],
)
def test_generic_columns_map_in_any_csv(alice, now, tmp_path, header, cell, kind, label):
    path = tmp_path / "crm.csv"
    path.write_text(f"Full Name,{header},Favourite Colour\nAda Lovelace,{cell},green\n")
    report = import_contacts(alice, [path], apply=True)
    ada = Person.objects.get(owner=alice)
    assert ada.name == "Ada Lovelace" and points(ada) == [(kind, label, cell)]
    assert ada.extra == {"Favourite Colour": ["green"]}
    assert [c.column for c in report.unmapped] == ["Favourite Colour"]


def test_a_one_column_list_of_addresses_imports_with_names_from_the_addresses(alice, now, tmp_path):
    path = tmp_path / "addresses.csv"
    path.write_text("Primary Email\njane.doe@example.com\nj_smith+news@example.org\nBOB@example.net\n")
    report = import_contacts(alice, [path], apply=True)
    assert report.counts["created"] == 3 and report.unmapped == []
    people = {p.name: [c.value for c in p.contact_points.all()] for p in Person.objects.filter(owner=alice)}
    assert people == {
        "Jane Doe": ["jane.doe@example.com"],
        "J. Smith": ["j_smith+news@example.org"],
        "Bob": ["BOB@example.net"],
    }
    again = import_contacts(alice, [path], apply=True)
    assert again.counts["unchanged"] == 3 and again.counts["created"] == 0
