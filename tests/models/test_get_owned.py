"""One owned lookup for every front door: `Model.objects.get_owned(owner, pk)` finds the
owner's record and raises NotFound, naming the thing, for anyone else's or a missing id."""

from __future__ import annotations

import pytest

from goodwill.errors import NotFound


@pytest.fixture
def janes(alice, now):
    from goodwill.services.people import PersonFields, add_person
    from goodwill.services.steps import add_step

    jane = add_person(alice, PersonFields(name="Jane Doe"))
    return jane, add_step(alice, jane, "send the deck")


def test_the_owner_finds_their_record_by_id_or_text(alice, janes):
    from goodwill.models import NextStep, Person

    jane, step = janes
    assert Person.objects.get_owned(alice, jane.pk) == jane
    assert Person.objects.get_owned(alice, f"#{jane.pk}") == jane
    found = NextStep.objects.select_related("person").get_owned(alice, str(step.pk))
    assert found == step and found.person.name == "Jane Doe"


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_a_teammate_or_outsider_gets_not_found_naming_the_thing(request, janes, who):
    from goodwill.models import NextStep, Person

    jane, step = janes
    other = request.getfixturevalue(who)
    with pytest.raises(NotFound, match=f"^no person with id {jane.pk}$") as caught:
        Person.objects.get_owned(other, jane.pk)
    assert caught.value.thing == "person"
    with pytest.raises(NotFound, match=f"^no next step with id {step.pk}$"):
        NextStep.objects.get_owned(other, step.pk)


@pytest.mark.parametrize("pk", [999999, "999999", "abc", "", "9" * 30])
def test_a_missing_or_malformed_id_is_not_found(alice, janes, pk):
    from goodwill.models import Person

    with pytest.raises(NotFound, match="^no person with id"):
        Person.objects.get_owned(alice, pk)


def test_a_narrowed_queryset_keeps_its_filter(alice, janes):
    from django.utils import timezone

    from goodwill.models import Person

    jane, _ = janes
    Person.objects.filter(pk=jane.pk).update(archived_at=timezone.now())
    assert Person.objects.get_owned(alice, jane.pk).pk == jane.pk
    with pytest.raises(NotFound):
        Person.objects.filter(archived_at__isnull=True).get_owned(alice, jane.pk)


def test_the_noun_is_the_models_own_word(alice):
    from goodwill.models import Exchange, PersonDeletion

    with pytest.raises(NotFound, match="^no ledger entry with id 5$"):
        Exchange.objects.get_owned(alice, 5)
    with pytest.raises(NotFound, match="^no deleted person with id 5$"):
        PersonDeletion.objects.get_owned(alice, 5)


def test_check_owner_guards_a_record_handed_to_a_service(alice, bob, janes):
    jane, _ = janes
    jane.check_owner(alice)
    with pytest.raises(NotFound, match=f"^no person with id {jane.pk}$"):
        jane.check_owner(bob)
