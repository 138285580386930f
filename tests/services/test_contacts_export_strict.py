"""The vCard export writes valid vCard only (issue 12): every line of an export of
the demo network and of imported Roundcube, Outlook and Google files is a property
its version defines, or an X- name (checked by tests/formats/vcard/strict.py), and
export -> import gives the same people and fields."""

from pathlib import Path

import pytest

from goodwill.models import Person
from goodwill.services.contacts_export import export_vcard
from goodwill.services.contacts_import import import_contacts
from tests.formats.vcard.strict import strict_problems

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"


def people(owner) -> list[dict]:
    """What an export carries about each person, comparable across owners."""
    rows = []
    for p in Person.objects.filter(owner=owner).select_related("organization").order_by("name", "pk"):
        rows.append(
            {
                "name": p.name,
                "given": p.given_name,
                "family": p.family_name,
                "nickname": p.nickname,
                "title": p.title,
                "org": p.organization.name if p.organization else None,
                "birthday": p.birthday,
                "extra": {k: v for k, v in p.extra.items() if not k.upper().startswith("X-GOODWILL-")},
                "points": sorted(p.contact_points.values_list("kind", "value", "label", "preferred")),
                "addresses": sorted(
                    p.addresses.values_list("label", "street", "city", "region", "postal_code", "country")
                ),
                "notes": sorted(p.notes.values_list("text", flat=True)),
                "tags": sorted(p.tags.values_list("name", flat=True)),
            }
        )
    return rows


@pytest.mark.parametrize("version", ["4.0", "3.0"])
@pytest.mark.parametrize(
    "name",
    ["roundcube.csv", "outlook_en.csv", "google_current.csv", "google.vcf", "outlook_21_cp1252.vcf", "v4_data_uri.vcf"],
)
def test_an_imported_file_exports_as_valid_vcard_and_round_trips(alice, bob, now, tmp_path, name, version):
    import_contacts(alice, [DATA / name], apply=True)
    text = export_vcard(alice, version=version)
    assert strict_problems(text) == []
    path = tmp_path / "export.vcf"
    path.write_bytes(text.encode("utf-8"))
    report = import_contacts(bob, [path], apply=True)
    assert report.problem_count == 0 and report.unmapped == []
    assert people(bob) == people(alice)


def test_roundcube_custom_fields_go_out_as_vcard_properties(alice, now):
    import_contacts(alice, [DATA / "roundcube.csv"], apply=True)
    v4, v3 = export_vcard(alice, version="4.0"), export_vcard(alice, version="3.0")
    assert "GENDER;X-GOODWILL-COLUMN=Gender:F;female\r\n" in v4
    assert "RELATED;TYPE=spouse;VALUE=text;X-GOODWILL-COLUMN=Spouse:Spouse\r\n" in v4
    assert "ANNIVERSARY;VALUE=text;X-GOODWILL-COLUMN=Anniversary:14/06/2019\r\n" in v4
    assert "X-GENDER;X-GOODWILL-COLUMN=Gender:female\r\n" in v3 and "X-SPOUSE;X-GOODWILL-COLUMN=Spouse:Spouse" in v3
    assert "BDAY:19910120\r\n" in v4 and "BDAY:1991-01-20\r\n" in v3
    for text in (v4, v3):
        assert "\nGender:" not in text and "\nSpouse:" not in text and "\nBirthday:" not in text


def test_an_unreadable_birthday_kept_as_a_field_goes_out_valid(alice, bob, now, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_text("Full Name,Email,Birthday\nAda Lovelace,ada@x.example,sometime in May\n")
    import_contacts(alice, [path], apply=True)
    assert Person.objects.get(owner=alice).extra == {"Birthday": ["sometime in May"]}
    v4, v3 = export_vcard(alice, version="4.0"), export_vcard(alice, version="3.0")
    assert "BDAY;VALUE=text;X-GOODWILL-COLUMN=Birthday:sometime in May" in v4
    assert "X-BIRTHDAY;X-GOODWILL-COLUMN=Birthday:sometime in May" in v3
    assert strict_problems(v4) == strict_problems(v3) == []


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_the_demo_network_exports_as_valid_vcard(alice, bob, now, tmp_path, version):
    from goodwill.demo import build_demo

    build_demo(alice, people=40, now=now)
    text = export_vcard(alice, version=version)
    assert text.count("BEGIN:VCARD") == Person.objects.filter(owner=alice, archived_at__isnull=True).count()
    assert strict_problems(text) == []
    path = tmp_path / "demo.vcf"
    path.write_bytes(text.encode("utf-8"))
    report = import_contacts(bob, [path], apply=True)  # the demo's planted duplicates merge
    assert report.problem_count == 0 and report.counts["created"] + report.counts["merged"] == text.count("BEGIN:VCARD")
