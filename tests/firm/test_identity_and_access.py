"""The firm's two foundations: recognising one human across colleagues' networks, and the
access rules (roles, sharing levels) every firm view asks."""

from __future__ import annotations

from goodwill.models import ShareLevel, SharingRule


def test_the_same_person_is_recognised_by_email_across_networks(firm):
    from goodwill.queries.firm_identity import identities, same_person

    alice = firm["users"]["owner"]
    identity = identities([firm["priya"].pk])[firm["priya"].pk]
    found = same_person(identity, exclude_owner_id=alice.pk)
    assert found == {firm["users"]["partner"].pk: [firm["pats_priya"].pk]}


def test_name_and_organization_recognise_a_person_without_contact_points(firm):
    from goodwill.queries.firm_identity import identities, same_person
    from goodwill.services.people import PersonFields, add_person

    bob = firm["users"]["teammate"]
    bobs = add_person(bob, PersonFields(name="priya  patel", organization="ACME, Inc"))
    found = same_person(identities([bobs.pk])[bobs.pk], exclude_owner_id=bob.pk)
    assert set(found) == {firm["users"]["owner"].pk, firm["users"]["partner"].pk}


def test_a_name_alone_is_not_enough(firm):
    from goodwill.queries.firm_identity import identities, same_person
    from goodwill.services.people import PersonFields, add_person

    bob = firm["users"]["teammate"]
    other = add_person(bob, PersonFields(name="Priya Patel", organization="Initech"))
    assert same_person(identities([other.pk])[other.pk], exclude_owner_id=bob.pk) == {}


def test_people_at_an_organization_by_its_key(firm):
    from goodwill.queries.firm_identity import organizations_like, people_at

    found = people_at("acme")
    assert found == {
        firm["users"]["owner"].pk: [firm["priya"].pk],
        firm["users"]["partner"].pk: [firm["pats_priya"].pk],
    }
    assert organizations_like("Acme")[0][0] == "acme"


def test_archived_people_are_not_known_to_the_firm(firm):
    from goodwill import clock
    from goodwill.queries.firm_identity import people_at

    type(firm["pats_priya"]).objects.filter(pk=firm["pats_priya"].pk).update(archived_at=clock.now())
    assert people_at("Acme") == {firm["users"]["owner"].pk: [firm["priya"].pk]}


def test_roles_are_cumulative_and_the_laptop_user_is_admin(firm, me):
    from goodwill.queries.firm_access import is_admin, is_partner

    users = firm["users"]
    assert not is_partner(users["owner"]) and not is_partner(users["outsider"])
    assert is_partner(users["partner"]) and not is_admin(users["partner"])
    assert is_partner(users["admin"]) and is_admin(users["admin"])
    assert is_admin(me)


def test_sharing_person_beats_circle_beats_default(firm):
    from goodwill.models import Circle
    from goodwill.queries.firm_access import share_levels
    from goodwill.services.people import PersonFields, add_person

    alice = firm["users"]["owner"]
    priya = firm["priya"]
    other = add_person(alice, PersonFields(name="Omar", circle="network"))
    assert share_levels(alice, [priya.pk, other.pk]) == {priya.pk: ShareLevel.KNOWS, other.pk: ShareLevel.KNOWS}
    SharingRule.objects.create(owner=alice, level=ShareLevel.NOTHING)
    close = Circle.objects.get(owner=alice, name="close")
    SharingRule.objects.create(owner=alice, circle=close, level=ShareLevel.LAST_MET)
    assert share_levels(alice, [priya.pk, other.pk]) == {priya.pk: ShareLevel.LAST_MET, other.pk: ShareLevel.NOTHING}
    SharingRule.objects.create(owner=alice, person=priya, level=ShareLevel.SUMMARIES)
    assert share_levels(alice, [priya.pk])[priya.pk] == ShareLevel.SUMMARIES
    # Someone else's person is never answered for.
    assert share_levels(alice, [firm["pats_priya"].pk]) == {}


def test_the_shared_strength_leaves_confidential_meetings_out(firm):
    from goodwill import clock
    from goodwill.queries.firm_strength import shared_strengths
    from goodwill.queries.strength import person_strength

    alice, priya = firm["users"]["owner"], firm["priya"]
    own = person_strength(alice, priya, clock.today())
    shared = shared_strengths([priya.pk], clock.today())[priya.pk]
    assert own.parts[0].count == 4 and shared.parts[0].count == 3
    assert shared.score < own.score
    assert shared.last_met < own.last_met  # the confidential meeting was the latest


def test_a_trend_compares_the_shared_score_with_a_quarter_ago(firm, now):
    from datetime import timedelta

    from goodwill import clock
    from goodwill.queries.firm_strength import strength_trends
    from goodwill.services.interactions import LogRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person

    bob = firm["users"]["teammate"]
    cooling = add_person(bob, PersonFields(name="Old Friend"))
    for days in (120, 130, 140, 150):
        log_interaction(
            bob, LogRequest(kind="meeting", people=[cooling], summary="Lunch", when=now - timedelta(days=days))
        )
    trends = strength_trends([firm["priya"].pk, cooling.pk], clock.today())
    assert not trends[firm["priya"].pk].falling  # two of her three shared meetings are within the quarter
    assert trends[cooling.pk].falling and trends[cooling.pk].quarter_ago > trends[cooling.pk].now.score
