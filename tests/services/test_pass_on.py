"""Pass it on: ranking with reasons, exclusions, confidentiality, and what a share records."""

import pytest

from goodwill.errors import InvalidInput
from goodwill.models import Exchange, Interaction, Item, Share
from goodwill.queries.pass_on import item_key, pass_on_ranking
from goodwill.services.notes import add_note
from goodwill.services.pass_on import pass_on
from goodwill.services.people import PersonFields, add_person, archive_person
from goodwill.services.profiles import add_entry

TEXT = "New SEC guidance on fintech custody"


def person(owner, name, **kw):
    return add_person(owner, PersonFields(name=name, **kw))


@pytest.fixture
def network(alice, now):
    people = {
        "nina": person(alice, "Nina Need", title="COO", organization="Ledgerly"),
        "ivan": person(alice, "Ivan Interest", title="Analyst"),
        "olga": person(alice, "Olga Offer", title="Partner"),
        "rita": person(alice, "Rita Role", title="Head of fintech compliance"),
        "zed": person(alice, "Zed Unrelated", title="Chef"),
        "cora": person(alice, "Cora Confidential", title="Baker"),
        "arch": person(alice, "Archie Archived"),
    }
    add_entry(
        alice, people["nina"], "need", "a qualified custodian for client crypto assets", confidentiality="shareable"
    )
    add_entry(alice, people["ivan"], "interest", "fintech regulation")
    add_entry(alice, people["olga"], "offer", "SEC compliance advice")
    add_entry(alice, people["zed"], "interest", "sourdough and bread")
    add_note(alice, people["cora"], "Told me in confidence she is building a fintech custody startup", "confidential")
    add_entry(alice, people["arch"], "need", "fintech custody partner")
    archive_person(alice, people["arch"])
    return people


def names(ranking):
    return [r.name for r in ranking.people]


def test_ranks_need_first_and_gives_reasons(alice, network):
    ranking = pass_on_ranking(alice, TEXT)
    # His interest says the same thing; her need shares the rare word (custodian ~ custody)
    # but less of the meaning, so she is listed, after the fintech and SEC people.
    assert names(ranking)[0] == "Ivan Interest"
    assert {"Nina Need", "Olga Offer", "Rita Role"} <= set(names(ranking))
    assert "Zed Unrelated" not in names(ranking)
    nina = next(r for r in ranking.people if r.name == "Nina Need")
    assert any(r.startswith("need:") and "custodian" in r for r in nina.reasons)


def test_archived_people_and_confidential_notes_never_match(alice, network):
    ranking = pass_on_ranking(alice, TEXT)
    assert "Archie Archived" not in names(ranking)
    assert "Cora Confidential" not in names(ranking)  # her only match is a confidence
    assert all("confidence" not in r for row in ranking.people for r in row.reasons)


def test_private_notes_feed_reasons_but_never_the_draft(alice, network):
    add_note(alice, network["zed"], "Quietly investing in fintech custody firms", "private")
    ranking = pass_on_ranking(alice, TEXT)
    zed = next(r for r in ranking.people if r.name == "Zed Unrelated")
    assert zed.private_reason
    sent = pass_on(alice, TEXT, [network["zed"]], ranked={zed.person_id: zed})
    assert "investing" not in sent[0].draft.lower()


def test_share_records_interaction_ledger_and_draft_then_excludes(alice, network):
    ranking = pass_on_ranking(alice, TEXT, url="https://example.com/sec?utm_source=x")
    nina = next(r for r in ranking.people if r.name == "Nina Need")
    sent = pass_on(
        alice, TEXT, [network["nina"]], url="https://example.com/sec?utm_source=x", ranked={nina.person_id: nina}
    )
    share = Share.objects.get(owner=alice)
    assert share.person == network["nina"] and share.interaction.summary.startswith("Passed on:")
    entry = Exchange.objects.get(owner=alice)
    assert (entry.kind, entry.direction, entry.share) == ("information", "given", share)
    assert "Hi Nina" in sent[0].draft and "https://example.com/sec" in sent[0].draft
    assert "custodian" in sent[0].draft  # a shareable need may be quoted back to her
    # The same item (same link, tracking stripped) is not offered to her again.
    again = pass_on_ranking(alice, "Different words", url="https://www.example.com/sec")
    assert "Nina Need" not in names(again) and again.already_got_it == ["Nina Need"]
    with pytest.raises(InvalidInput, match="already got"):
        pass_on(alice, TEXT, [network["nina"]], url="https://example.com/sec")


def test_profile_changes_reach_the_ranking_without_a_rebuild(alice, network):
    assert "Zed Unrelated" not in names(pass_on_ranking(alice, TEXT))
    add_entry(alice, network["zed"], "need", "help with SEC custody rules for his fund")
    assert "Zed Unrelated" in names(pass_on_ranking(alice, TEXT))
    newcomer = person(alice, "Nora New", title="Custody operations lead")
    assert "Nora New" in names(pass_on_ranking(alice, TEXT))
    archive_person(alice, newcomer)
    assert "Nora New" not in names(pass_on_ranking(alice, TEXT))


def test_tags_weigh_in(alice, network):
    ranking = pass_on_ranking(alice, "A long read worth your time", tags=["sourdough"])
    assert names(ranking)[0] == "Zed Unrelated"
    # Cora is a baker: her title may rank her, never her confidence.
    assert all("confidence" not in r for row in ranking.people for r in row.reasons)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_pass_on_is_refused_and_writes_nothing(alice, network, text):
    with pytest.raises(InvalidInput, match="nothing to pass on"):
        pass_on_ranking(alice, text)
    with pytest.raises(InvalidInput):
        pass_on(alice, text, [network["nina"]])
    assert not Item.objects.exists() and not Share.objects.exists() and not Exchange.objects.exists()


def test_bad_url_and_archived_recipient_write_nothing(alice, network):
    with pytest.raises(InvalidInput, match="web address"):
        pass_on(alice, TEXT, [network["nina"]], url="not a url")
    with pytest.raises(InvalidInput, match="archived"):
        pass_on(alice, TEXT, [network["nina"], network["arch"]])
    assert not Share.objects.exists() and not Interaction.objects.exists() and not Item.objects.exists()


def test_teammate_and_outsider_see_nothing_of_alices_network(alice, bob, charlie, network):
    for other in (bob, charlie):
        assert pass_on_ranking(other, TEXT).people == []
    mine = person(bob, "Bob's Contact")
    add_entry(bob, mine, "need", "fintech custody")
    assert names(pass_on_ranking(bob, TEXT)) == ["Bob's Contact"]
    assert "Bob's Contact" not in names(pass_on_ranking(alice, TEXT))
    with pytest.raises(InvalidInput):
        pass_on(bob, TEXT, [network["nina"]])
    assert not Share.objects.exists()


def test_item_key_ignores_tracking_and_case():
    assert item_key("x", "https://WWW.Example.com/a/?utm_medium=m") == item_key("y", "https://example.com/a")
    assert item_key("New SEC guidance!", "") == item_key("new sec  guidance", "")
