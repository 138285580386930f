import pytest

from goodwill.errors import Ambiguous, InvalidInput, NotFound
from goodwill.models import ContactPoint, Person
from goodwill.services.people import (
    PersonFields,
    add_person,
    archive_person,
    edit_person,
    resolve_person,
    set_circle,
    set_circle_cadence,
    snooze_person,
    tag_person,
)


def add(owner, name, **kw):
    return add_person(owner, PersonFields(name=name, **kw))


def test_add_person_normalizes_contact_points(alice, now):
    jane = add(
        alice,
        "  Jane   Doe ",
        emails=["Jane@Example.com"],
        phones=["(208) 555-0143"],
        organization="Acme",
        tags=["Austin"],
    )
    assert jane.name == "Jane Doe"
    assert jane.organization.name == "Acme"
    points = {(p.kind, p.normalized) for p in jane.contact_points.all()}
    assert points == {("email", "jane@example.com"), ("phone", "+12085550143")}
    assert list(jane.tags.values_list("name", flat=True)) == ["austin"]
    assert jane.circle.name == "network"  # the default circle


@pytest.mark.parametrize("field,value", [("emails", ["not-an-email"]), ("phones", ["12"])])
def test_invalid_email_or_phone_writes_nothing(alice, now, field, value):
    with pytest.raises(InvalidInput) as error:
        add(alice, "Jane Doe", **{field: value})
    assert value[0] in str(error.value)
    assert not Person.objects.filter(owner=alice).exists()
    assert not ContactPoint.objects.exists()


def test_empty_name_is_refused(alice, now):
    with pytest.raises(InvalidInput):
        add(alice, "   ")


def test_resolve_by_id_email_name_and_partial(alice, now):
    jane = add(alice, "Jane Doe", emails=["jane@example.com"])
    add(alice, "Sam Lee")
    assert resolve_person(alice, f"#{jane.pk}") == jane
    assert resolve_person(alice, str(jane.pk)) == jane
    assert resolve_person(alice, "JANE@example.com") == jane
    assert resolve_person(alice, "jane doe") == jane
    assert resolve_person(alice, "Jane") == jane


def test_unknown_name_suggests_close_matches(alice, now):
    add(alice, "Jane Doe")
    with pytest.raises(NotFound) as error:
        resolve_person(alice, "Jnae Doe")
    assert "did you mean" in str(error.value) and "Jane Doe" in str(error.value)


def test_ambiguous_name_lists_candidates(alice, now):
    first = add(alice, "Sam Lee", organization="Acme")
    second = add(alice, "Sam Ortiz")
    with pytest.raises(Ambiguous) as error:
        resolve_person(alice, "Sam")
    message = str(error.value)
    assert f"#{first.pk} Sam Lee (Acme)" in message and f"#{second.pk} Sam Ortiz" in message


def test_people_are_private_to_their_owner(alice, bob, charlie, now):
    """A teammate and an outsider cannot reach alice's people by name, email or id."""
    jane = add(alice, "Jane Doe", emails=["jane@example.com"])
    for other in (bob, charlie):
        for query in ("Jane Doe", "jane@example.com", f"#{jane.pk}"):
            with pytest.raises(NotFound):
                resolve_person(other, query)


def test_archived_people_are_not_resolved_unless_asked(alice, now):
    jane = add(alice, "Jane Doe")
    archive_person(alice, jane)
    with pytest.raises(NotFound):
        resolve_person(alice, "Jane Doe")
    assert resolve_person(alice, "Jane Doe", include_archived=True) == jane


def test_a_name_is_found_without_its_accents_case_or_apostrophes(alice, now):
    """What people type for the names in an international network: "zoe" for "Zoë", "obrien"
    for "O'Brien", "soren" for "Søren", "lodz" for "Łódź"; SQL's LIKE compares none of them."""
    zoe = add(alice, "Zoë O'Brien-Ávila")
    soren = add(alice, "Søren Kierkegaard")
    emilie = add(alice, "Émilie du Châtelet")
    for query, person in (
        ("zoe", zoe),
        ("ZOE OBRIEN", zoe),
        ("avila", zoe),
        ("o'brien ávila", zoe),
        ("soren", soren),
        ("søren k", soren),
        ("emilie", emilie),
        ("émilie", emilie),  # SQLite's LIKE folds case for ASCII letters only
        ("chatelet", emilie),
    ):
        assert resolve_person(alice, query) == person, query


def test_a_folded_name_prefers_the_whole_name_and_says_when_several_fit(alice, now):
    jose = add(alice, "José García")
    add(alice, "José García-López")
    assert resolve_person(alice, "jose garcia") == jose  # the one whose name is exactly those words
    with pytest.raises(Ambiguous) as error:
        resolve_person(alice, "jose")
    assert "José García" in str(error.value) and "José García-López" in str(error.value)


def test_a_folded_name_stays_within_its_owner_and_the_archive(alice, bob, charlie, now):
    zoe = add(alice, "Zoë Adler")
    for other in (bob, charlie):
        with pytest.raises(NotFound):
            resolve_person(other, "zoe")
    archive_person(alice, zoe)
    with pytest.raises(NotFound):
        resolve_person(alice, "zoe")
    assert resolve_person(alice, "zoe", include_archived=True) == zoe


def test_edit_adds_details_and_keeps_existing(alice, now):
    jane = add(alice, "Jane Doe", emails=["jane@example.com"])
    edit_person(alice, jane, PersonFields(title="CTO", emails=["jane@example.com", "jd@example.org"]))
    jane.refresh_from_db()
    assert jane.title == "CTO"
    assert sorted(jane.contact_points.values_list("normalized", flat=True)) == ["jane@example.com", "jd@example.org"]


def test_introduced_by_and_birthday(alice, now):
    sam = add(alice, "Sam Lee")
    jane = add(alice, "Jane Doe", introduced_by="Sam Lee", birthday="--04-12", how_met="SaaStr 2025")
    assert jane.introduced_by == sam and jane.birthday == "--04-12"
    with pytest.raises(InvalidInput):
        add(alice, "Ann", birthday="April")


def test_tags_add_and_remove(alice, now):
    jane = add(alice, "Jane Doe")
    tag_person(alice, jane, ["fintech", "#Austin"])
    assert set(jane.tags.values_list("name", flat=True)) == {"fintech", "austin"}
    tag_person(alice, jane, [], ["austin"])
    assert list(jane.tags.values_list("name", flat=True)) == ["fintech"]
    with pytest.raises(InvalidInput):
        tag_person(alice, jane, [], ["nope"])


def test_circle_and_personal_cadence_change_the_due_day(alice, now):
    jane = add(alice, "Jane Doe")
    assert jane.rhythm_days == 90
    set_circle(alice, jane, "inner")
    assert jane.rhythm_days == 14
    set_circle(alice, jane, None, 21)
    assert jane.rhythm_days == 21 and jane.rhythm_max_days > 21
    set_circle(alice, jane, None, 0)  # clear: back to the circle's rhythm
    assert jane.rhythm_days == 14
    with pytest.raises(InvalidInput) as error:
        set_circle(alice, jane, "besties")
    assert "inner" in str(error.value)


def test_changing_a_circle_cadence_moves_its_people(alice, now):
    jane = add(alice, "Jane Doe", circle="close")
    sam = add(alice, "Sam Lee", circle="close", cadence_days=7)
    before = jane.due_day
    set_circle_cadence(alice, "close", 45)
    jane.refresh_from_db()
    sam.refresh_from_db()
    assert jane.rhythm_days == 45 and jane.due_day == before + 15
    assert sam.rhythm_days == 7  # a personal cadence wins


def test_snooze_must_be_in_the_future(alice, now):
    from datetime import date

    jane = add(alice, "Jane Doe")
    with pytest.raises(InvalidInput):
        snooze_person(alice, jane, date(2026, 11, 1))
    snooze_person(alice, jane, date(2027, 1, 4))
    assert jane.snoozed_until == date(2027, 1, 4)
