"""Pass it on, issue 12: an item is never offered again to someone who got it (under any link or none), a draft
is addressed (a mailto: link with the subject and body) and signed with my own name, introduction drafts are
signed too, and recording a share never closes a reply I still owe."""

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from goodwill.errors import InvalidInput
from goodwill.models import Interaction, Share
from goodwill.queries.ideas import ideas_for
from goodwill.queries.pass_on import pass_on_ranking
from goodwill.services.drafts import mailto, set_signature, signature
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.notes import add_note
from goodwill.services.pass_on import keep_item, pass_on
from goodwill.services.people import PersonFields, add_person
from goodwill.services.preferences import preferences, set_preference
from goodwill.services.profiles import add_entry

TEXT = "New SEC guidance on fintech custody"


@pytest.fixture
def nina(alice, now):
    nina = add_person(alice, PersonFields(name="Nina Need", emails=["nina@ledgerly.example"]))
    add_entry(alice, nina, "need", "a qualified custodian for client crypto assets", confidentiality="shareable")
    add_entry(alice, nina, "interest", "fintech custody rules")
    return nina


def test_words_first_then_a_link_is_still_the_same_item(alice, nina):
    pass_on(alice, TEXT, [nina])
    with pytest.raises(InvalidInput, match="already got"):
        pass_on(alice, TEXT, [nina], url="https://example.com/sec-guidance")
    with pytest.raises(InvalidInput, match="already got"):
        pass_on(alice, TEXT.upper(), [nina], url="https://example.org/other-copy")
    assert Share.objects.filter(person=nina).count() == 1
    assert "Nina Need" not in [r.name for r in pass_on_ranking(alice, TEXT, url="https://example.com/x").people]


def test_an_item_kept_for_later_is_not_an_idea_for_someone_who_got_it(alice, nina):
    keep_item(alice, TEXT, url="https://example.com/sec-guidance")
    assert any(i.kind == "pass_on" for i in ideas_for(alice, nina))
    pass_on(alice, TEXT, [nina])  # passed on by its words alone: another item row, the same item
    assert not [i for i in ideas_for(alice, nina) if i.kind == "pass_on"]


def test_draft_is_addressed_signed_and_ready_as_a_mailto_link(alice, nina):
    alice.first_name, alice.last_name = "Alice", "Adams"
    alice.save()
    add_note(alice, nina, "Told me in confidence she is leaving Ledgerly", "confidential")
    (sent,) = pass_on(alice, TEXT, [nina], url="https://example.com/sec?a=1&b=2")
    assert sent.email == "nina@ledgerly.example"
    assert sent.draft.endswith("Best,\nAlice Adams")
    assert "confidence" not in sent.draft and "leaving" not in sent.draft
    link = urlsplit(sent.mailto)
    assert (link.scheme, unquote(link.path)) == ("mailto", "nina@ledgerly.example")
    fields = parse_qs(link.query)
    assert fields["subject"] == [TEXT]
    assert fields["body"] == [sent.draft]  # every line, the link's & and = included, survives the encoding
    assert " " not in sent.mailto and "\n" not in sent.mailto


def test_no_address_no_mailto(alice, now):
    omar = add_person(alice, PersonFields(name="Omar Noemail"))
    (sent,) = pass_on(alice, TEXT, [omar])
    assert sent.email == "" and sent.mailto == ""


def test_signature_setting_then_full_name_then_login_name(alice, now):
    assert signature(alice) == "alice"
    alice.first_name, alice.last_name = "Alice", "Adams"
    alice.save()
    assert signature(alice) == "Alice Adams"
    set_preference(alice, "signature", "  Alice Adams,\n Adams & Co  ")
    assert signature(alice) == "Alice Adams, Adams & Co"
    assert preferences(alice)["signature"] == "Alice Adams, Adams & Co"
    set_preference(alice, "signature", "")
    assert signature(alice) == "Alice Adams"
    with pytest.raises(InvalidInput, match="keep it to 200"):
        set_signature(alice, "x" * 201)


def test_introduction_drafts_are_signed(alice, nina):
    from goodwill.services.intros import draft_for, propose_intro, record_answer

    set_preference(alice, "signature", "Alice A.")
    omar = add_person(alice, PersonFields(name="Omar Offer"))
    intro = propose_intro(alice, nina, omar, "she needs a custodian and he runs one")
    assert draft_for(intro).endswith("Best,\nAlice A.")
    record_answer(alice, intro, "a", "yes")
    record_answer(alice, intro, "b", "yes")
    intro.refresh_from_db()
    assert intro.status == "introduced" and draft_for(intro).endswith("Best,\nAlice A.")


def test_a_share_never_closes_a_reply_owed(alice, nina):
    asked = log_interaction(
        alice,
        LogRequest(
            kind="email", people=[nina], summary="Can you send the deck?", direction="inbound", awaiting_reply=True
        ),
    ).interaction
    pass_on(alice, TEXT, [nina], via="email")
    asked.refresh_from_db()
    assert asked.replied_at is None  # still owed: passing an article on is not the answer
    # Writing back is the answer, as before.
    log_interaction(alice, LogRequest(kind="email", people=[nina], summary="Here is the deck"))
    assert Interaction.objects.get(pk=asked.pk).replied_at is not None


def test_mailto_encodes_every_part():
    link = mailto(
        "jane doe@example.com", "Q&A: 100% ready?", "Hi Jane,\n\nSee https://x.example/?a=1&b=2#top\n\nBest,\nMe"
    )
    assert link.startswith("mailto:jane%20doe@example.com?subject=Q%26A%3A%20100%25%20ready%3F&body=Hi%20Jane%2C%0A%0A")
    assert "&b=" not in link and "#" not in link


def test_introduction_drafts_open_as_email_to_whoever_is_next(alice, nina):
    from goodwill.services.intros import draft_for, draft_mailto, propose_intro, record_answer

    omar = add_person(alice, PersonFields(name="Omar Offer", emails=["omar@custody.example"]))
    intro = propose_intro(alice, nina, omar, "she needs a custodian and he runs one")
    link = urlsplit(draft_mailto(intro))
    assert link.path == "nina@ledgerly.example"
    assert parse_qs(link.query) == {"subject": ["An introduction to Omar Offer?"], "body": [draft_for(intro)]}
    record_answer(alice, intro, "a", "yes")
    assert urlsplit(draft_mailto(intro)).path == "omar@custody.example"
    record_answer(alice, intro, "b", "yes")
    intro.refresh_from_db()
    both = urlsplit(draft_mailto(intro))
    assert both.path == "nina@ledgerly.example,omar@custody.example"
    fields = parse_qs(both.query)
    assert fields["subject"] == ["Introduction: Nina Need <> Omar Offer"]
    assert fields["body"][0].startswith("Hi Nina and Omar,") and "Subject:" not in fields["body"][0]


def test_no_mailto_for_an_introduction_without_both_addresses(alice, nina):
    from goodwill.services.intros import draft_mailto, propose_intro

    ann = add_person(alice, PersonFields(name="Ann Noemail"))
    assert draft_mailto(propose_intro(alice, ann, nina, "both sail")) == ""


def test_the_laptops_local_user_signs_with_nothing_until_a_signature_is_set(db, now):
    from goodwill.services.accounts import local_user

    me = local_user()
    omar = add_person(me, PersonFields(name="Omar Noemail"))
    (sent,) = pass_on(me, TEXT, [omar])
    assert sent.draft.endswith("Best,")  # never "Best,\nme"
    set_preference(me, "signature", "Sam Sender")
    assert signature(me) == "Sam Sender"
