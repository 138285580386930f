"""No one stands out, and keeping an item for later: the flag every front door reads, and the
kept items (kept once, listed newest first, ranked again on demand, forgotten), owner by owner."""

import pytest

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import Item, Share
from goodwill.queries.pass_on import kept_items, kept_ranking, pass_on_ranking
from goodwill.services.pass_on import forget_item, keep_item, pass_on
from goodwill.services.people import PersonFields, add_person
from goodwill.services.profiles import add_entry

SKATING = "Figure skating federation revises scoring for quadruple jumps"
CUSTODY = "New SEC guidance on fintech custody"


@pytest.fixture
def business(alice, now):
    """A small network of business people, none of whom cares about figure skating."""
    nina = add_person(alice, PersonFields(name="Nina Need", title="COO", organization="Ledgerly"))
    ivan = add_person(alice, PersonFields(name="Ivan Interest", title="Analyst"))
    olga = add_person(alice, PersonFields(name="Olga Offer", title="Partner"))
    carl = add_person(alice, PersonFields(name="Carl Cloud", title="CTO", organization="Stackwise"))
    add_entry(alice, nina, "need", "a qualified custodian for client crypto assets", confidentiality="shareable")
    add_entry(alice, ivan, "interest", "fintech regulation")
    add_entry(alice, olga, "offer", "SEC compliance advice")
    add_entry(alice, carl, "need", "lower cloud hosting bills")
    return {"nina": nina, "ivan": ivan, "olga": olga, "carl": carl}


def test_nobody_stands_out_for_an_item_that_concerns_no_one(alice, business):
    ranking = pass_on_ranking(alice, SKATING)
    assert ranking.people == [] and ranking.nobody


def test_someone_stands_out_is_not_nobody(alice, business):
    ranking = pass_on_ranking(alice, CUSTODY)
    assert ranking.people and not ranking.nobody


def test_everyone_it_suits_already_got_it_is_not_nobody(alice, business):
    text = "Cloud hosting bills: how to cut them"
    listed = pass_on_ranking(alice, text, limit=100).people
    assert "Carl Cloud" in [r.name for r in listed]
    pass_on(alice, text, [business[r.name.split()[0].lower()] for r in listed])
    ranking = pass_on_ranking(alice, text)
    assert ranking.people == [] and ranking.already_got_it == sorted(r.name for r in listed)
    assert not ranking.nobody  # the list is empty because they got it, not because no one fits


def test_keeping_twice_is_one_item_listed_newest_first(alice, business, set_now):
    first = keep_item(alice, SKATING, tags=["sport"])
    again = keep_item(alice, "  Figure skating federation   revises scoring for quadruple jumps ")
    assert again.pk == first.pk and Item.objects.filter(owner=alice).count() == 1
    set_now("2026-11-24T09:00:00+00:00")
    later = keep_item(alice, "Chess olympiad moves to a new venue", url="https://example.com/chess")
    assert [k.id for k in kept_items(alice)] == [later.pk, first.pk]
    kept = kept_items(alice)[1]
    assert (kept.title, kept.tags, kept.url) == (SKATING, ["sport"], "")
    assert keep_item(alice, "Chess olympiad moves to a new venue").pk == later.pk  # same words, no link


def test_a_kept_item_is_ranked_again_on_demand(alice, business):
    item = keep_item(alice, "Guide to cutting cloud hosting bills")
    dan = add_person(alice, PersonFields(name="Dana Devops", title="Head of infrastructure"))
    add_entry(alice, dan, "interest", "cloud cost optimisation")
    kept, ranking = kept_ranking(alice, item.pk)
    assert kept.id == item.pk and "Carl Cloud" in [r.name for r in ranking.people]
    _, nobody = kept_ranking(alice, keep_item(alice, SKATING).pk)
    assert nobody.nobody


def test_passing_a_kept_item_on_takes_it_off_the_list(alice, business):
    item = keep_item(alice, "Cloud hosting bills: how to cut them", url="https://example.com/cloud")
    pass_on(
        alice, "Cloud hosting bills: how to cut them", [business["carl"]], url="https://example.com/cloud?utm_source=x"
    )
    assert Share.objects.get(owner=alice).item_id == item.pk and kept_items(alice) == []
    with pytest.raises(InvalidInput, match="passed on already .to Carl Cloud.") as caught:
        keep_item(alice, "Cloud hosting bills: how to cut them")
    assert "\n" not in str(caught.value)


def test_forget_a_kept_item(alice, business):
    item = keep_item(alice, SKATING)
    assert forget_item(alice, item.pk).title == SKATING
    assert kept_items(alice) == [] and not Item.objects.exists()
    with pytest.raises(NotFound, match=f"no kept item with id {item.pk}"):
        forget_item(alice, item.pk)


def test_a_passed_on_item_is_not_forgotten(alice, business):
    pass_on(alice, CUSTODY, [business["nina"]])
    shared = Item.objects.get(owner=alice)
    with pytest.raises(NotFound):
        forget_item(alice, shared.pk)
    assert Share.objects.filter(item=shared).exists()


@pytest.mark.parametrize(
    ("text", "url", "message"),
    [
        ("   ", "", "nothing to pass on"),
        (SKATING, "not a link", "is not a web address"),
        ("the and of", "", "no words to match on"),
    ],
)
def test_bad_items_are_one_line_and_keep_nothing(alice, business, text, url, message):
    with pytest.raises(InvalidInput, match=message) as caught:
        keep_item(alice, text, url=url)
    assert "\n" not in str(caught.value) and not Item.objects.exists()


def test_kept_items_are_the_owners_own(alice, bob, charlie, business):
    item = keep_item(alice, SKATING)
    mine = keep_item(bob, SKATING)
    assert mine.pk != item.pk  # the same words, his own item
    assert [k.id for k in kept_items(bob)] == [mine.pk] and kept_items(charlie) == []
    for other in (bob, charlie):
        with pytest.raises(NotFound):
            kept_ranking(other, item.pk)
        with pytest.raises(NotFound):
            forget_item(other, item.pk)
    assert Item.objects.filter(pk=item.pk).exists()
