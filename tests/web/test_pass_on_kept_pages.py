"""Pass it on in the browser when no one stands out: the one kind line and "Keep it for later"
(a POST with its CSRF token), and the "Kept for later" list with "Who now?" and "Forget".
The page never tells the user to type a command."""

from __future__ import annotations

import pytest

from goodwill.models import Item, Share
from goodwill.services.people import PersonFields, add_person
from goodwill.services.profiles import add_entry

SKATING = "Figure skating federation revises scoring for quadruple jumps"
CLOUD = "Guide to cutting cloud hosting bills"
NOBODY = "No one in your network stands out for this."


@pytest.fixture
def business(alice, now):
    nina = add_person(alice, PersonFields(name="Nina Need", title="COO"))
    carl = add_person(alice, PersonFields(name="Carl Cloud", title="CTO"))
    add_entry(alice, nina, "need", "a qualified custodian for client crypto assets")
    add_entry(alice, carl, "need", "lower cloud hosting bills")
    return {"nina": nina, "carl": carl}


def hx(target: str) -> dict:
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": target}


def no_command_to_type(body: str) -> None:
    assert "goodwill " not in body.replace("Goodwill", "") and "--keep" not in body


def test_nobody_stands_out_offers_to_keep_it(business, as_alice):
    body = as_alice.get("/pass-on/", {"text": SKATING}).content.decode()
    assert NOBODY in body and "matches this yet" not in body
    assert 'action="/pass-on/keep"' in body and "Keep it for later</button>" in body
    assert 'name="csrfmiddlewaretoken"' in body and f'name="text" value="{SKATING}"' in body
    no_command_to_type(body)
    someone = as_alice.get("/pass-on/", {"text": CLOUD}).content.decode()
    assert "Carl Cloud" in someone and NOBODY not in someone and "Keep it for later</button>" not in someone


def test_keep_then_who_now_and_forget(business, as_alice, alice):
    response = as_alice.post("/pass-on/keep", {"text": SKATING, "tags": "sport"})
    assert response.status_code == 303 and response["Location"].startswith("/pass-on/?text=Figure")
    item = Item.objects.get(owner=alice)
    assert item.tags == ["sport"] and not Share.objects.exists()
    body = as_alice.get(response["Location"]).content.decode()
    assert "Kept for later: &quot;Figure skating" in body  # the message, once
    assert NOBODY in body and "Keep it for later</button>" not in body and "It is kept for later" in body
    assert 'id="h-kept"' in body and f'id="kept-{item.pk}"' in body
    assert "/pass-on/?text=Figure+skating" in body and "tags=sport" in body and "Who now?" in body
    assert f'action="/pass-on/kept/{item.pk}/forget"' in body
    no_command_to_type(body)
    as_alice.post("/pass-on/keep", {"text": SKATING})
    assert Item.objects.filter(owner=alice).count() == 1  # kept once
    gone = as_alice.post(f"/pass-on/kept/{item.pk}/forget", {})
    assert gone.status_code == 303 and gone["Location"] == "/pass-on/"
    page = as_alice.get("/pass-on/").content.decode()
    assert "Forgot &quot;Figure skating" in page and 'id="h-kept"' not in page
    assert not Item.objects.exists()


def test_who_now_ranks_a_kept_item_again(business, as_alice, alice):
    as_alice.post("/pass-on/keep", {"text": CLOUD})
    item = Item.objects.get(owner=alice)
    listed = as_alice.get("/pass-on/").content.decode()
    assert 'href="/pass-on/?text=Guide+to+cutting+cloud+hosting+bills&amp;url=&amp;tags="' in listed
    ranked = as_alice.get("/pass-on/", {"text": CLOUD, "url": "", "tags": ""}).content.decode()
    assert "Carl Cloud" in ranked and f'name="person" value="{business["carl"].pk}"' in ranked
    as_alice.post("/pass-on/share", {"text": CLOUD, "person": str(business["carl"].pk)})
    assert Share.objects.get().item_id == item.pk  # passed on: it leaves the kept list
    assert 'id="h-kept"' not in as_alice.get("/pass-on/").content.decode()


def test_keep_and_forget_in_place(business, as_alice, alice):
    response = as_alice.post("/pass-on/keep", {"text": SKATING}, **hx("pass-on-result"))
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<div id="pass-on-result"')
    assert "Kept for later: &quot;Figure skating" in body and NOBODY in body and 'id="h-kept"' in body
    item = Item.objects.get(owner=alice)
    response = as_alice.post(f"/pass-on/kept/{item.pk}/forget", {"text": SKATING}, **hx("pass-on-result"))
    body = response.content.decode()
    assert response.status_code == 200 and "Forgot" in body and NOBODY in body  # the ranking stays in view
    assert "Keep it for later</button>" in body and 'id="h-kept"' not in body


def test_keep_mistakes_are_one_line_and_keep_nothing(business, as_alice):
    response = as_alice.post("/pass-on/keep", {"text": "   "}, **hx("pass-on-result"))
    assert response.status_code == 400 and "nothing to pass on" in response.content.decode()
    response = as_alice.post("/pass-on/keep", {"text": SKATING, "url": "not a link"})
    assert response.status_code == 303
    assert "is not a web address" in as_alice.get(response["Location"]).content.decode()
    assert not Item.objects.exists()


def test_kept_items_are_the_owners_own(business, as_alice, as_charlie, alice, bob, as_user):
    as_alice.post("/pass-on/keep", {"text": SKATING})
    item = Item.objects.get(owner=alice)
    for other in (as_charlie, as_user(bob)):
        assert SKATING not in other.get("/pass-on/").content.decode()
        assert other.post(f"/pass-on/kept/{item.pk}/forget", {}).status_code == 404
    assert Item.objects.filter(pk=item.pk).exists()


def test_keep_and_forget_refuse_get(business, as_alice, alice):
    assert as_alice.get("/pass-on/keep", {"text": SKATING}).status_code == 405
    assert not Item.objects.exists()
