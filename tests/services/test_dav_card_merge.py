"""A phone's card merged into the person (CardDAV PUT): only what the phone changed is
applied, field by field; what vCard can't hold, and what a client drops, is kept; a new
contact that is someone already in the network merges instead of duplicating."""

from __future__ import annotations

import base64
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import Address, Circle, ContactPoint, Note, Person, Photo
from goodwill.services.contacts_export import people_to_export
from goodwill.services.dav_card_merge import apply_card
from goodwill.services.dav_cards import card_in_version, render_card
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person, edit_person

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 3
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(200))


def served(person: Person) -> str:
    """The card Goodwill serves for this person now."""
    return render_card(people_to_export(person.owner).get(pk=person.pk))


def snapshot(person: Person) -> dict:
    """Everything a user could see of a person, updated_at aside."""
    p = Person.objects.get(pk=person.pk)
    fields = {f.attname: getattr(p, f.attname) for f in Person._meta.concrete_fields if f.attname != "updated_at"}
    photo = Photo.objects.filter(person=p).values_list("media_type", "data", "uri").first()
    return {
        **fields,
        "points": sorted(
            ContactPoint.objects.filter(person=p).values_list("kind", "value", "normalized", "label", "preferred")
        ),
        "addresses": sorted(
            Address.objects.filter(person=p).values_list(
                "label", "street", "city", "region", "postal_code", "country", "formatted", "preferred"
            )
        ),
        "tags": sorted(p.tags.values_list("name", flat=True)),
        "notes": sorted(Note.objects.filter(person=p).values_list("text", "confidentiality")),
        "photo": (photo[0], bytes(photo[1]) if photo[1] is not None else None, photo[2]) if photo else None,
    }


def edit(card: str, old: str, new: str) -> str:
    """The card with one line changed, as a phone would write it."""
    assert old in card, old
    return card.replace(old, new, 1)


def drop_lines(card: str, prefix: str) -> str:
    return "".join(line for line in card.splitlines(keepends=True) if not line.upper().startswith(prefix))


@pytest.fixture
def jane(alice, now):
    person = add_person(
        alice,
        PersonFields(
            name="Jane Doe",
            organization="Acme",
            title="CTO",
            emails=["jane@acme.example"],
            phones=["+1 208 555 0143"],
            urls=["https://jane.example"],
            tags=["climber", "board"],
            circle="close",
            cadence_days=30,
            how_met="at the climbing gym",
            birthday="1984-07-17",
            location="Boise, ID",
        ),
    )
    Address.objects.create(owner=alice, person=person, label="home", street="1 Main St", city="Boise", country="US")
    Photo.objects.create(owner=alice, person=person, media_type="image/png", data=PNG)
    add_note(alice, person, "Has two kids.")
    add_note(alice, person, "Told me about the layoffs.", "confidential")
    person.uid = "urn:uuid:5a1c0e2e-0000-4000-8000-000000000001"  # as the address book gives every card one
    person.save(update_fields=["uid"])
    return person


@pytest.mark.django_db
def test_an_unchanged_card_changes_nothing(jane):
    before = snapshot(jane)
    card = served(jane)
    assert apply_card(jane.owner, jane, card, card).pk == jane.pk
    assert snapshot(jane) == before


@pytest.mark.django_db
def test_the_same_card_in_vcard_3_from_ios_changes_nothing(jane):
    before = snapshot(jane)
    card = served(jane)
    apply_card(jane.owner, jane, card, card_in_version(card, "3.0"))
    assert snapshot(jane) == before


@pytest.mark.django_db
def test_each_field_the_phone_changes_is_applied(jane):
    card = served(jane)
    after = edit(card, "TITLE:CTO", "TITLE:CEO\r\nNICKNAME:JD")
    after = edit(after, "ORG:Acme", "ORG:Globex")
    after = edit(after, "BDAY:19840717", "BDAY:19850101") if "BDAY:19840717" in after else after
    after = edit(after, "FN:Jane Doe", "FN:Jane Q. Doe")
    apply_card(jane.owner, jane, card, after)
    jane.refresh_from_db()
    assert (jane.name, jane.title, jane.nickname, jane.organization.name) == ("Jane Q. Doe", "CEO", "JD", "Globex")
    # what the phone left alone stays
    assert jane.how_met == "at the climbing gym" and jane.cadence_days == 30 and jane.circle.name == "close"


@pytest.mark.django_db
def test_birthday_changed_and_removed_on_the_phone(jane):
    card = served(jane)
    line = next(line for line in card.splitlines() if line.startswith("BDAY"))
    apply_card(jane.owner, jane, card, edit(card, line, "BDAY:--0317"))
    jane.refresh_from_db()
    assert jane.birthday == "--03-17"
    card = served(jane)
    apply_card(jane.owner, jane, card, drop_lines(card, "BDAY"))
    jane.refresh_from_db()
    assert jane.birthday == ""


@pytest.mark.django_db
def test_emails_and_phones_added_removed_relabelled(jane):
    card = served(jane)
    email = next(line for line in card.splitlines() if line.startswith("EMAIL"))
    phone = next(line for line in card.splitlines() if line.startswith("TEL"))
    after = edit(card, email, "EMAIL;TYPE=home;PREF=1:Jane@Home.example")
    # the same number written the phone's way, now labelled mobile: a relabel, not a new number
    after = edit(after, phone, "TEL;TYPE=cell:(208) 555-0143")
    apply_card(jane.owner, jane, card, after)
    points = {(p.kind, p.value): (p.label, p.preferred) for p in ContactPoint.objects.filter(person=jane)}
    assert ("email", "jane@acme.example") not in points
    assert points[("email", "Jane@Home.example")] == ("home", True)
    assert points[("phone", "+1 208 555 0143")] == ("mobile", False)
    assert points[("url", "https://jane.example")] == ("", False)  # untouched


@pytest.mark.django_db
def test_addresses_added_and_removed(jane):
    card = served(jane)
    adr = next(line for line in card.splitlines() if line.startswith("ADR"))
    after = edit(card, adr, "ADR;TYPE=work:;;500 Market St;San Francisco;CA;94105;US")
    apply_card(jane.owner, jane, card, after)
    assert list(Address.objects.filter(person=jane).values_list("street", "city", "label")) == [
        ("500 Market St", "San Francisco", "work")
    ]


@pytest.mark.django_db
def test_photo_replaced_then_removed(jane):
    card = served(jane)
    photo = next(line for line in card.splitlines() if line.startswith("PHOTO"))
    jpeg = "data:image/jpeg;base64," + base64.b64encode(JPEG).decode()
    apply_card(jane.owner, jane, card, edit(card, photo, f"PHOTO:{jpeg}"))
    assert snapshot(jane)["photo"] == ("image/jpeg", JPEG, "")
    card = served(jane)
    apply_card(jane.owner, jane, card, drop_lines(card, "PHOTO"))
    assert not Photo.objects.filter(person=jane).exists()


@pytest.mark.django_db
def test_categories_set_the_circle_and_the_tags(jane):
    card = served(jane)
    cats = next(line for line in card.splitlines() if line.startswith("CATEGORIES"))
    apply_card(jane.owner, jane, card, edit(card, cats, "CATEGORIES:climber,inner,Investor"))
    jane.refresh_from_db()
    assert jane.circle.name == "inner"
    assert sorted(jane.tags.values_list("name", flat=True)) == ["climber", "investor"]
    assert jane.rhythm_days == 30  # her own cadence still rules


@pytest.mark.django_db
def test_a_card_without_categories_keeps_tags_and_circle(jane):
    card = served(jane)
    before = snapshot(jane)
    apply_card(jane.owner, jane, card, drop_lines(card, "CATEGORIES"))
    assert snapshot(jane) == before


@pytest.mark.django_db
def test_goodwill_fields_the_phone_dropped_are_kept(jane):
    card = served(jane)
    before = snapshot(jane)
    apply_card(jane.owner, jane, card, drop_lines(card, "X-"))
    assert snapshot(jane) == before


@pytest.mark.django_db
def test_goodwill_fields_changed_on_the_card_map_back(jane):
    card = served(jane)
    after = edit(card, "X-GOODWILL-CADENCE:30", "X-GOODWILL-CADENCE:14")
    after = edit(after, "X-GOODWILL-HOW-MET:at the climbing gym", "X-GOODWILL-HOW-MET:at Acme's launch")
    apply_card(jane.owner, jane, card, after)
    jane.refresh_from_db()
    assert (jane.cadence_days, jane.rhythm_days, jane.how_met) == (14, 14, "at Acme's launch")


@pytest.mark.django_db
def test_what_goodwill_changed_since_is_not_overwritten(jane):
    card = served(jane)
    edit_person(jane.owner, jane, PersonFields(title="Chief Scientist", emails=["jd@new.example"]))
    apply_card(jane.owner, jane, card, edit(card, "TITLE:CTO", "TITLE:CTO\r\nNICKNAME:JD"))
    jane.refresh_from_db()
    assert (jane.title, jane.nickname) == ("Chief Scientist", "JD")
    assert ContactPoint.objects.filter(person=jane, value="jd@new.example").exists()


@pytest.mark.django_db
def test_new_note_paragraphs_become_one_private_note_and_nothing_is_deleted(jane):
    card = served(jane)
    assert "layoffs" not in card  # the confidential note never leaves
    note = next(line for line in card.splitlines() if line.startswith("NOTE"))
    apply_card(jane.owner, jane, card, edit(card, note, "NOTE:Has two kids.\\n\\nRuns marathons.\\n\\nLikes tea."))
    notes = dict(Note.objects.filter(person=jane).values_list("text", "confidentiality"))
    assert notes["Runs marathons.\n\nLikes tea."] == "private"
    card = served(jane)
    apply_card(jane.owner, jane, card, drop_lines(card, "NOTE"))
    assert Note.objects.filter(person=jane).count() == 3


@pytest.mark.django_db
def test_unknown_properties_are_kept_and_removed_standard_ones_go(jane):
    card = served(jane)
    after = edit(card, "END:VCARD", "IMPP:xmpp:jane@chat.example\r\nX-ABUID:1234\r\nEND:VCARD")
    apply_card(jane.owner, jane, card, after)
    jane.refresh_from_db()
    assert jane.extra["IMPP"] == ["xmpp:jane@chat.example"] and jane.extra["X-ABUID"] == ["1234"]
    card = served(jane)
    apply_card(jane.owner, jane, card, drop_lines(drop_lines(card, "IMPP"), "X-ABUID"))
    jane.refresh_from_db()
    assert "IMPP" not in jane.extra and jane.extra["X-ABUID"] == ["1234"]


IOS_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    "N:Okafor;Omar;;;\r\nFN:Omar Okafor\r\nORG:Initech;\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:omar@initech.example\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+1 (415) 555-0199\r\n"
    "CATEGORIES:inner,runner\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(JPEG).decode() + "\r\n"
    "UID:1B2C3D4E-IOS\r\nEND:VCARD\r\n"
)


@pytest.mark.django_db
def test_a_new_contact_from_an_iphone_becomes_a_person(alice, now):
    person = apply_card(alice, None, None, IOS_CARD)
    s = snapshot(person)
    assert (s["name"], s["uid"], person.organization.name, person.circle.name) == (
        "Omar Okafor",
        "1B2C3D4E-IOS",
        "Initech",
        "inner",
    )
    assert s["tags"] == ["runner"]
    assert s["photo"] == ("image/jpeg", JPEG, "")
    assert {(k, n) for k, _, n, _, _ in s["points"]} == {("email", "omar@initech.example"), ("phone", "+14155550199")}
    assert "UID:1B2C3D4E-IOS" in served(person)


@pytest.mark.django_db
def test_a_new_contact_without_categories_joins_the_default_circle(alice, now):
    person = apply_card(alice, None, None, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Lee Park\r\nEND:VCARD\r\n")
    assert person.circle.name == "network" and person.uid


@pytest.mark.django_db
def test_a_new_contact_with_a_known_email_merges_instead_of_duplicating(jane):
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:J. Doe\r\nEMAIL:JANE@acme.example\r\nEMAIL:jd@home.example\r\n"
        "TITLE:Founder\r\nNICKNAME:Janie\r\nCATEGORIES:outer,hiker\r\nEND:VCARD\r\n"
    )
    people = Person.objects.count()
    assert apply_card(jane.owner, None, None, card).pk == jane.pk
    assert Person.objects.count() == people
    jane.refresh_from_db()
    # fills what she lacked, adds what is new, overwrites nothing
    assert (jane.name, jane.title, jane.nickname, jane.circle.name) == ("Jane Doe", "CTO", "Janie", "close")
    assert ContactPoint.objects.filter(person=jane, value="jd@home.example").exists()
    assert sorted(jane.tags.values_list("name", flat=True)) == ["board", "climber", "hiker"]


@pytest.mark.django_db
def test_a_merged_contact_keeps_the_persons_uid_or_gives_one(jane, alice):
    card = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:PHONE-1\r\nFN:Jane\r\nEMAIL:jane@acme.example\r\nEND:VCARD\r\n"
    assert apply_card(alice, None, None, card).uid == jane.uid
    omar = add_person(alice, PersonFields(name="Omar", emails=["omar@x.example"]))
    Person.objects.filter(pk=omar.pk).update(uid="")  # someone from before people got a UID when made
    card = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:PHONE-2\r\nFN:O\r\nEMAIL:omar@x.example\r\nEND:VCARD\r\n"
    assert apply_card(alice, None, None, card).pk == omar.pk
    omar.refresh_from_db()
    assert omar.uid == "PHONE-2"


@pytest.mark.django_db
def test_a_new_contact_with_a_known_uid_or_phone_merges(jane):
    by_phone = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane\r\nTEL:(208) 555-0143\r\nEND:VCARD\r\n"
    assert apply_card(jane.owner, None, None, by_phone).pk == jane.pk
    by_uid = f"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:{jane.uid}\r\nFN:Somebody\r\nEND:VCARD\r\n"
    assert apply_card(jane.owner, None, None, by_uid).pk == jane.pk


@pytest.mark.django_db
def test_another_users_person_is_never_touched(jane, bob):
    before = snapshot(jane)
    card = served(jane)
    with pytest.raises(NotFound):
        apply_card(bob, jane, card, edit(card, "TITLE:CTO", "TITLE:Spy"))
    mine = apply_card(
        bob, None, None, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jane\r\nEMAIL:jane@acme.example\r\nEND:VCARD\r\n"
    )
    assert mine.owner == bob and mine.pk != jane.pk
    assert snapshot(jane) == before


@pytest.mark.django_db
def test_bad_cards_are_refused_in_one_line_and_nothing_is_written(jane):
    card = served(jane)
    people = Person.objects.count()
    with pytest.raises(InvalidInput, match="no vCard"):
        apply_card(jane.owner, jane, card, "hello")
    with pytest.raises(InvalidInput, match="no name"):
        apply_card(jane.owner, None, None, "BEGIN:VCARD\r\nVERSION:4.0\r\nCATEGORIES:x\r\nEND:VCARD\r\n")
    with pytest.raises(InvalidInput, match="NUL"):
        apply_card(jane.owner, jane, card, edit(card, "TITLE:CTO", "TITLE:C\x00TO"))
    assert Person.objects.count() == people
    jane.refresh_from_db()
    assert jane.title == "CTO"


# -- properties: any person, round-tripped through their own card


_words = st.text(alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FF), min_size=1, max_size=12)
_text = st.lists(_words, min_size=1, max_size=4).map(" ".join)


@st.composite
def people_fields(draw):
    return PersonFields(
        name=draw(_text),
        organization=draw(st.one_of(st.just(""), _text)),
        title=draw(st.one_of(st.just(""), _text)),
        emails=draw(
            st.lists(st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True).map(lambda w: f"{w}@example.com"), max_size=2)
        ),
        phones=draw(st.lists(st.integers(2_000_000, 9_999_999).map(lambda n: f"+1 208 {n}"), max_size=2)),
        tags=draw(st.lists(_words, max_size=3)),
        circle=draw(st.sampled_from(["inner", "close", "network", "outer"])),
        cadence_days=draw(st.one_of(st.none(), st.integers(1, 400))),
        how_met=draw(st.one_of(st.just(""), _text)),
        birthday=draw(st.one_of(st.just(""), st.dates(date(1930, 1, 1), date(2010, 12, 31)).map(str))),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=people_fields(), note=st.one_of(st.just(""), _text))
def test_any_person_survives_their_own_card(alice, now, fields, note):
    person = add_person(alice, fields)
    if note:
        add_note(alice, person, note)
    before = snapshot(person)
    card = served(person)
    apply_card(alice, person, card, card)
    apply_card(alice, person, card, card_in_version(card, "3.0"))
    assert snapshot(person) == before


_EDITS = {
    "title": ("TITLE", "title"),
    "nickname": ("NICKNAME", "nickname"),
    "how_met": ("X-GOODWILL-HOW-MET", "how_met"),
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=people_fields(), which=st.sampled_from(sorted(_EDITS)), value=_text)
def test_editing_one_field_on_the_card_changes_only_that_field(alice, now, fields, which, value):
    person = add_person(alice, fields)
    before = snapshot(person)
    card = served(person)
    prop, attr = _EDITS[which]
    # Unfolded first: a long value goes on in " ..." lines, which would otherwise stay behind
    # and join the line before (hypothesis found a TITLE's tail landing in N's suffix).
    unfolded = re.sub(r"\r\n[ \t]", "", card)
    lines = [line for line in unfolded.split("\r\n") if not line.startswith(prop + ":")]
    lines.insert(lines.index("END:VCARD"), f"{prop}:{value}")
    apply_card(alice, person, card, "\r\n".join(lines))
    after = snapshot(person)
    assert after[attr] == value
    assert {k: v for k, v in after.items() if k != attr} == {k: v for k, v in before.items() if k != attr}


@pytest.mark.django_db
def test_circles_are_the_owners_own(alice, bob, now):
    Circle.objects.create(owner=bob, name="Bobs Circle", ideal_days=7, max_days=10)
    person = apply_card(
        alice, None, None, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann\r\nCATEGORIES:Bobs Circle\r\nEND:VCARD\r\n"
    )
    assert person.circle.name == "network"
    assert list(person.tags.values_list("name", flat=True)) == ["bobs circle"]


@pytest.mark.django_db
def test_what_goodwill_removed_since_is_not_brought_back(jane):
    card = served(jane)
    ContactPoint.objects.filter(person=jane, kind="email").delete()
    Address.objects.filter(person=jane).delete()
    apply_card(jane.owner, jane, card, edit(card, "TITLE:CTO", "TITLE:CEO"))
    assert not ContactPoint.objects.filter(person=jane, kind="email").exists()
    assert not Address.objects.filter(person=jane).exists()


@pytest.mark.django_db
def test_search_and_the_agenda_see_the_phones_change(jane):
    from goodwill.search import ensure_current, search

    edit_person(jane.owner, jane, PersonFields(cadence_days=0))  # back on her circle's rhythm
    ensure_current(jane.owner)
    card = served(jane)
    cats = next(line for line in card.splitlines() if line.startswith("CATEGORIES"))
    apply_card(jane.owner, jane, card, edit(edit(card, "ORG:Acme", "ORG:Globex"), cats, "CATEGORIES:outer"))
    ensure_current(jane.owner)
    assert [pk for pk, _ in search(jane.owner, ["globex"])] == [jane.pk]
    jane.refresh_from_db()
    outer = Circle.objects.get(owner=jane.owner, name="outer")
    assert (jane.circle_id, jane.rhythm_days) == (outer.pk, outer.ideal_days)


_PROPS = ["FN", "N", "NICKNAME", "ORG", "TITLE", "EMAIL;TYPE=work", "TEL;TYPE=cell", "URL", "ADR;TYPE=home", "BDAY"]
_PROPS += ["NOTE", "CATEGORIES", "PHOTO;ENCODING=b;TYPE=JPEG", "UID", "X-GOODWILL-CADENCE", "X-GOODWILL-CIRCLE"]
_PROPS += ["X-GOODWILL-SNOOZED-UNTIL", "X-GOODWILL-INTRODUCED-BY", "IMPP", "item1.X-ABLabel", "item1.TEL"]
_values = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=400)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(st.tuples(st.sampled_from(_PROPS), _values), max_size=12), version=st.sampled_from(["3.0", "4.0"])
)
def test_no_card_crashes_the_merge(jane, lines, version):
    """Whatever a client sends (overlong, odd values), the card is merged or refused in one line."""
    card = served(jane)
    body = "".join(f"{name}:{value}\r\n" for name, value in lines)
    after = f"BEGIN:VCARD\r\nVERSION:{version}\r\n{body}END:VCARD\r\n"
    for person, before in ((jane, card), (None, None)):
        try:
            result = apply_card(jane.owner, person, before, after)
        except InvalidInput as exc:
            assert "\n" not in str(exc)
        else:
            assert result.owner == jane.owner
