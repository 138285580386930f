"""The Duplicates page: likely pairs with their evidence, a merge after a confirmation showing
both records, "not the same" and its undo, and the merges made with Undo, as `goodwill dupes`
and `goodwill merge` do (queries.dupes, services.dupes, services.merge). Alice's pairs are hers:
bob (a teammate), charlie (an outsider) and anonymous visitors see and change nothing of them."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from goodwill.models import DupeDismissal, MergeRecord, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(alice, now):
    """Robert Smith and Bob Smith (one man, entered twice), Ann Lee twice by phone, and Carol alone."""
    from goodwill.services.notes import add_note
    from goodwill.services.people import PersonFields, add_person

    robert = add_person(alice, PersonFields(name="Robert Smith", organization="Acme", emails=["bob@acme.com"]))
    bob = add_person(alice, PersonFields(name="Bob Smith", emails=["Bob@Acme.com"], phones=["+1 208 555 0199"]))
    add_note(alice, bob, "Told me in confidence: leaving Acme", "confidential")
    add_person(alice, PersonFields(name="Ann Lee", phones=["(208) 555-0143"]))
    add_person(alice, PersonFields(name="Ann Lee", phones=["+1 208-555-0143"]))
    add_person(alice, PersonFields(name="Carol King", organization="Initech"))
    return robert, bob


def _text(response) -> str:
    return response.content.decode()


def _flash(response) -> str:
    return " ".join(re.findall(r'<div class="flash[^"]*">(.*?)</div>', _text(response), re.S))


def test_the_page_lists_pairs_strongest_first_with_their_evidence(as_alice, twins):
    robert, bob = twins
    page = _text(as_alice.get("/people/duplicates/"))
    assert page.index("Robert Smith") < page.index("Ann Lee")  # strongest first
    assert "same email: bob@acme.com" in page and "same phone" in page
    assert re.search(r"score \d+", page)
    assert f'href="/people/duplicates/merge?a={robert.pk}&amp;b={bob.pk}"' in page
    assert 'action="/people/duplicates/dismiss"' in page and "csrfmiddlewaretoken" in page
    assert "goodwill " not in page.replace("Goodwill", "")  # a page never tells anyone to type a command
    assert "leaving Acme" not in page


def test_people_links_to_duplicates_which_is_under_people_in_the_header(as_alice, twins):
    robert, bob = twins
    assert 'href="/people/duplicates/"' in _text(as_alice.get("/people/"))
    for url in ("/people/duplicates/", f"/people/duplicates/merge?a={robert.pk}&b={bob.pk}"):
        header = _text(as_alice.get(url)).split("</header>")[0]
        assert '<a href="/people/" aria-current="page" data-key="p">People</a>' in header, url


def test_an_empty_network_gets_a_friendly_page(as_alice, alice):
    page = _text(as_alice.get("/people/duplicates/"))
    assert "No likely duplicates" in page and "same email, phone or LinkedIn" in page
    assert 'id="h-merges"' not in page


def test_a_weaker_cut_and_a_bad_one(as_alice, alice, now):
    from goodwill.services.people import PersonFields, add_person

    add_person(alice, PersonFields(name="Jane Doe", organization="Acme"))
    add_person(alice, PersonFields(name="Jane Doe", organization="Globex"))  # same name, two employers: 35
    assert "Jane Doe" not in _text(as_alice.get("/people/duplicates/"))
    assert "Jane Doe" in _text(as_alice.get("/people/duplicates/", {"min_score": "30"}))
    bad = as_alice.get("/people/duplicates/", {"min_score": "lots"})
    assert bad.status_code == 400 and "whole number from 0 to 100" in _text(bad)


def test_the_confirmation_shows_both_records_and_asks_which_stays(as_alice, twins):
    robert, bob = twins
    response = as_alice.get("/people/duplicates/merge", {"a": robert.pk, "b": bob.pk})
    page = _text(response)
    assert response.status_code == 200
    assert "Merge Robert Smith and Bob Smith?" in page
    assert "Acme" in page and "bob@acme.com" in page and "Bob@Acme.com" in page and "555 0199" in page
    assert "1 note" in page and "leaving Acme" not in page  # how much is theirs, never a confidence
    assert f'name="keep" value="{robert.pk}" checked' in page and f'name="keep" value="{bob.pk}"' in page
    assert 'method="post" action="/people/duplicates/merge"' in page
    assert not MergeRecord.objects.exists()  # looking changes nothing


def test_merge_keeps_the_chosen_one_says_what_happened_and_offers_undo(as_alice, alice, twins):
    robert, bob = twins
    response = as_alice.post("/people/duplicates/merge", {"a": robert.pk, "b": bob.pk, "keep": bob.pk})
    assert response.status_code == 303 and response["Location"] == "/people/duplicates/"
    assert Person.objects.filter(pk=bob.pk).exists() and not Person.objects.filter(pk=robert.pk).exists()
    record = MergeRecord.objects.get(owner=alice)
    page = as_alice.get(response["Location"])
    said = _flash(page)
    assert f"Merged #{robert.pk} Robert Smith into #{bob.pk} Bob Smith" in said
    assert f'action="/people/merges/{record.pk}/undo"' in said and ">Undo</button>" in said
    assert "Robert Smith" in _text(page).split('id="h-merges"', 1)[1]  # listed under Merges

    undone = as_alice.post(f"/people/merges/{record.pk}/undo")
    assert undone.status_code == 303
    assert Person.objects.filter(pk=robert.pk).exists()
    after = as_alice.get("/people/duplicates/")
    assert "Merge undone: Robert Smith is back" in _flash(after)
    assert "undone" in _text(after).split('id="h-merges"', 1)[1]
    again = as_alice.post(f"/people/merges/{record.pk}/undo", follow=True)
    assert "already undone" in _flash(again)


def test_a_merge_without_a_choice_of_the_two_changes_nothing(as_alice, twins, charlie):
    robert, bob = twins
    for keep in ("", "999999"):
        response = as_alice.post("/people/duplicates/merge", {"a": robert.pk, "b": bob.pk, "keep": keep}, follow=True)
        assert "choose which of the two records to keep" in _flash(response)
    itself = as_alice.get("/people/duplicates/merge", {"a": robert.pk, "b": robert.pk}, follow=True)
    assert "with itself" in _flash(itself)
    missing = as_alice.get("/people/duplicates/merge", {"a": robert.pk}, follow=True)
    assert "ids are missing" in _flash(missing)
    assert not MergeRecord.objects.exists() and Person.objects.filter(pk__in=[robert.pk, bob.pk]).count() == 2


def test_not_the_same_hides_the_pair_with_an_undo_and_the_toggle_shows_it(as_alice, alice, twins):
    robert, bob = twins
    response = as_alice.post("/people/duplicates/dismiss", {"a": bob.pk, "b": robert.pk})
    assert response.status_code == 303
    assert DupeDismissal.objects.filter(owner=alice, person_a=robert, person_b=bob).exists()
    page = as_alice.get("/people/duplicates/")
    said = _flash(page)
    assert "Marked Robert Smith and Bob Smith as two different people" in said
    assert 'action="/people/duplicates/undismiss"' in said
    listed = _text(page).split('id="h-pairs"', 1)[1]
    assert "Robert Smith" not in listed and "Ann Lee" in listed and '1 marked "not the same" is hidden' in listed
    shown = _text(as_alice.get("/people/duplicates/", {"dismissed": "1"}))
    assert "marked not the same" in shown and "Could be the same" in shown

    as_alice.post("/people/duplicates/undismiss", {"a": robert.pk, "b": bob.pk})
    assert not DupeDismissal.objects.exists()
    back = as_alice.get("/people/duplicates/")
    assert "no longer marked as different people" in _flash(back) and "Robert Smith" in _text(back)
    twice = as_alice.post("/people/duplicates/undismiss", {"a": robert.pk, "b": bob.pk}, follow=True)
    assert "were not marked as different people" in _flash(twice)


def test_actions_refuse_get_and_a_post_without_its_csrf_token(alice, twins):
    robert, bob = twins
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert strict.get("/people/duplicates/dismiss").status_code == 405
    assert strict.post("/people/duplicates/dismiss", {"a": robert.pk, "b": bob.pk}).status_code == 403
    assert strict.post("/people/duplicates/merge", {"a": robert.pk, "b": bob.pk, "keep": robert.pk}).status_code == 403
    assert not DupeDismissal.objects.exists() and not MergeRecord.objects.exists()


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_a_teammate_or_an_outsider_sees_and_changes_nothing_of_alices(as_alice, as_user, twins, request, who):
    robert, bob = twins
    other = as_user(request.getfixturevalue(who))
    page = _text(other.get("/people/duplicates/"))
    assert "Robert Smith" not in page and "Ann Lee" not in page and "No likely duplicates" in page
    pair = {"a": robert.pk, "b": bob.pk}
    assert other.get("/people/duplicates/merge", pair).status_code == 404
    assert other.post("/people/duplicates/merge", {**pair, "keep": robert.pk}).status_code == 404
    assert other.post("/people/duplicates/dismiss", pair).status_code == 404
    assert other.post("/people/duplicates/undismiss", pair).status_code == 404
    as_alice.post("/people/duplicates/merge", {**pair, "keep": robert.pk})
    record = MergeRecord.objects.get()
    assert other.post(f"/people/merges/{record.pk}/undo").status_code == 404
    assert "Robert Smith" not in _text(other.get("/people/duplicates/"))
    assert MergeRecord.objects.get().undone_at is None and not DupeDismissal.objects.exists()


def test_anonymous_is_sent_to_login_and_changes_nothing(anonymous, twins):
    robert, bob = twins
    pair = {"a": robert.pk, "b": bob.pk}
    for response in (
        anonymous.get("/people/duplicates/"),
        anonymous.get("/people/duplicates/merge", pair),
        anonymous.post("/people/duplicates/merge", {**pair, "keep": robert.pk}),
        anonymous.post("/people/duplicates/dismiss", pair),
        anonymous.post("/people/merges/1/undo"),
    ):
        assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert not MergeRecord.objects.exists() and not DupeDismissal.objects.exists()


def test_names_are_escaped_on_the_page_the_confirmation_and_the_message(as_alice, alice, now):
    from goodwill.services.people import PersonFields, add_person

    evil = '<script>alert("x")</script>'
    first = add_person(alice, PersonFields(name="Eve " + evil, emails=["eve@example.com"]))
    second = add_person(alice, PersonFields(name="Eve " + evil, emails=["eve@example.com"]))
    pair = {"a": first.pk, "b": second.pk}
    for response in (
        as_alice.get("/people/duplicates/"),
        as_alice.get("/people/duplicates/merge", pair),
        as_alice.post("/people/duplicates/dismiss", pair, follow=True),
        as_alice.post("/people/duplicates/merge", {**pair, "keep": first.pk}, follow=True),
    ):
        body = _text(response)
        assert "<script>alert" not in body and "&lt;script&gt;" in body
