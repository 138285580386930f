"""Ideas for bringing value to someone: intros for their needs, items for their interests, promises, and more."""

from datetime import date

import pytest

from goodwill.errors import NotFound
from goodwill.models import Exchange, NextStep
from goodwill.queries.ideas import Action, Named, ideas_for
from goodwill.services.ledger import add_exchange
from goodwill.services.pass_on import pass_on
from goodwill.services.people import PersonFields, add_person
from goodwill.services.profiles import add_entry
from goodwill.services.steps import add_step

TODAY = date(2026, 11, 23)


def person(owner, name, **kw):
    return add_person(owner, PersonFields(name=name, **kw))


@pytest.fixture
def world(alice, now):
    ann = person(alice, "Ann Able", birthday="--11-30")
    ben = person(alice, "Ben Baker", title="Fractional CFO")
    cat = person(alice, "Cat Cole")
    add_entry(alice, ann, "need", "a fractional CFO")
    add_entry(alice, ann, "interest", "climate tech")
    add_entry(alice, ben, "offer", "fractional CFO services")
    pass_on(alice, "Climate tech funding report", [cat])
    return ann, ben, cat


def kinds(ideas):
    return [i.kind for i in ideas]


def test_ideas_cover_what_the_data_supports(alice, world):
    ann, ben, cat = world
    add_step(alice, ann, "send the deck", due=date(2026, 11, 25))
    add_exchange(alice, ann, "referral", "received")
    add_exchange(alice, ann, "advice", "received")
    add_exchange(alice, ann, "lead", "given")
    ideas = ideas_for(alice, ann, TODAY)
    assert {"promise", "introduce", "pass_on", "birthday", "referral"} <= set(kinds(ideas))
    intro = next(i for i in ideas if i.kind == "introduce")
    assert intro.text == "Introduce them to Ben Baker" and "fractional CFO" in intro.why
    assert intro.action == Action(
        "propose-intro", Named(ann.pk, "Ann Able"), Named(ben.pk, "Ben Baker"), "a fractional CFO"
    )
    item = next(i for i in ideas if i.kind == "pass_on")
    assert "Climate tech funding report" in item.text
    assert item.action and (item.action.kind, item.action.person, item.action.title) == (
        "pass-on",
        Named(ann.pk, "Ann Able"),
        "Climate tech funding report",
    )
    step = NextStep.objects.get(person=ann, text="send the deck")
    assert next(i for i in ideas if i.kind == "promise").action == Action("close-step", step=step.pk)
    lead = Exchange.objects.get(person=ann, kind="lead")
    assert next(i for i in ideas if i.kind == "referral").action == Action("ledger-status", entry=lead.pk)
    birthday = next(i for i in ideas if i.kind == "birthday")
    assert birthday.action is None and birthday.due == date(2026, 11, 30)


def test_an_idea_carries_no_command_to_type(alice, world):
    """Each front door renders an idea's action its own way: the data names no command or flag."""
    ann, ben, cat = world
    add_step(alice, ann, "send the deck")
    for idea in ideas_for(alice, ann, TODAY):
        text = repr(idea)
        assert "goodwill " not in text and "--" not in text, idea


def test_no_item_twice_and_nothing_from_others(alice, bob, world):
    ann, ben, cat = world
    assert "pass_on" not in kinds(ideas_for(alice, cat, TODAY))  # Cat already got it
    with pytest.raises(NotFound):  # bob cannot see alice's data about Ann
        ideas_for(bob, ann, TODAY)


def test_people_i_owe_get_a_return_the_favour_idea(alice, world):
    ann, ben, cat = world
    add_exchange(alice, ben, "referral", "received")
    assert "return_favour" in kinds(ideas_for(alice, ben, TODAY))


def test_a_person_pages_ideas_run_no_model(alice, world, monkeypatch):
    """The need is a field with a vector already and the item kept its meaning when passed on:
    building the ideas again encodes nothing (a server worker never loads the model for them)."""
    from goodwill.habits.meaning import model

    ann, ben, cat = world
    ideas_for(alice, ann, TODAY)  # the index is brought up to date first, as any page would

    def no_model(*args, **kwargs):
        raise AssertionError("the model ran while building ideas")

    monkeypatch.setattr(model, "_model", no_model)
    ideas = ideas_for(alice, ann, TODAY)
    assert {"introduce", "pass_on"} <= set(kinds(ideas))
    intro = next(i for i in ideas if i.kind == "introduce")
    assert intro.why.startswith('they need "a fractional CFO"; Ben Baker — ')


def test_an_items_meaning_is_kept_and_made_again_for_another_model(alice, world):
    from goodwill.models import Item
    from goodwill.queries.pass_on import item_vector

    item = Item.objects.get(owner=alice, title="Climate tech funding report")
    assert item.meaning_digest and item.meaning  # kept when it was passed on
    kept = item_vector(item)
    Item.objects.filter(pk=item.pk).update(meaning_digest="made by another model", meaning=b"\0" * len(item.meaning))
    stale = Item.objects.get(pk=item.pk)
    again = item_vector(stale)
    assert abs(float(again @ kept) - 1.0) < 1e-3  # the zeros were not used: it was encoded again
    assert Item.objects.get(pk=item.pk).meaning_digest == item.meaning_digest
