"""Generic column names map whatever the source (issue 12)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.formats import detect_format
from goodwill.formats.csv.fields import parse_target
from goodwill.formats.csv.generic import generic_target
from goodwill.formats.csv.read import CsvTable
from goodwill.formats.encoding import TextSource

from ..helpers import DATA, records


@pytest.mark.parametrize(
    "column, spec",
    [
        ("Email", "email"),
        ("E-mail Address", "email"),
        ("Email Home", "email:home"),
        ("Email Work", "email:work"),
        ("Work E-mail", "email:work"),
        ("E-mail - Other", "email:other"),
        ("Primary Email", "email:other:pref"),
        ("Secondary Email", "email"),
        ("Email (2)", "email"),
        ("Home Phone", "phone:home"),
        ("Phone Work", "phone:work"),
        ("Business Phone 2", "phone:work"),
        ("Home Mobile", "phone:mobile"),
        ("Mobile", "phone:mobile"),
        ("Cell Phone", "phone:mobile"),
        ("Phone Video", "phone:video"),
        ("Work Fax", "phone:work fax"),
        ("Fax Number", "phone:fax"),
        ("Pager", "phone:pager"),
        ("Primary Phone", "phone:main"),
        ("Telephone", "phone"),
        ("Display Name", "full_name"),
        ("Full Name", "full_name"),
        ("full_name", "full_name"),
        # not ours to guess: kept as custom fields
        ("E-mail Type", None),
        ("Email Display Name", None),
        ("Phone Ext.", None),
        ("Mailing Address", None),
        ("Company Main Phone", None),
        ("Home Work Phone", None),
        ("Gender", None),
        ("", None),
    ],
)
def test_generic_target(column, spec):
    assert generic_target(column) == spec


@given(st.text(max_size=40))
def test_any_column_name_maps_to_a_valid_field_or_nothing(column):
    spec = generic_target(column)
    assert spec is None or parse_target(spec).field in ("email", "phone", "full_name")


def test_roundcube_is_its_own_source_not_outlook():
    assert detect_format(DATA / "roundcube.csv") == "roundcube"
    jana, tom, carla = records("roundcube.csv")
    assert jana.full_name == "Jana Nováková" and jana.birthday == "1991-01-20"
    assert [(e.kind, e.value) for e in jana.emails] == [
        ("home", "jana.novakova@seznam.example"),
        ("work", "jana.novakova@prazskadata.example"),
        ("other", "jn@fastmail.example"),
    ]
    assert [p.kind for p in jana.phones] == ["home", "work", "mobile", "video"]
    assert jana.addresses[0].city == "Praha" and jana.note == "Met at PyCon CZ.\nLikes climbing."
    assert set(jana.extra) == {"Gender", "Anniversary", "Spouse", "Manager"}
    assert tom.birthday == "1985-03-04" and tom.addresses[0].kind == "work"
    assert carla.full_name == "" and carla.emails[0].value == "carla@example.com"


def test_a_single_named_column_is_a_header(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("Primary Email\na@x.example\n")
    assert CsvTable(TextSource(path)).header == ["Primary Email"]
    path.write_text("Favourite Colour\ngreen\n")
    with pytest.raises(Exception, match="no header row"):
        CsvTable(TextSource(path))


@pytest.mark.parametrize(
    "address, name",
    [
        ("jane.doe@x.com", "Jane Doe"),
        ("j_smith+news@x.org", "J. Smith"),
        ("JDOE42@x", "Jdoe42"),
        ("mary-ann.o-neil@x", "Mary Ann O. Neil"),
        ("@x", ""),
    ],
)
def test_name_from_email(address, name):
    from goodwill.formats.contact import name_from_email

    assert name_from_email(address) == name


@given(st.emails())
def test_a_name_from_any_address_is_its_words_capitalised(address):
    from goodwill.formats.contact import name_from_email

    name = name_from_email(address)
    assert "@" not in name and "+" not in name
    assert (
        name.replace(".", "").replace(" ", "").lower()
        == "".join(c for c in address.split("@")[0].split("+")[0] if c not in "._- ").lower()
    )
