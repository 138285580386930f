"""The demo network: a realistic sample of people and two years of history.

`generator` draws it (pure Python, seeded), `loader` writes it. The same pair,
scaled up, builds the benchmark network.
"""

from __future__ import annotations

from goodwill.config import DEMO_PEOPLE as DEFAULT_PEOPLE

DEFAULT_SEED = 7


def build_demo(owner, *, people: int = DEFAULT_PEOPLE, seed: int = DEFAULT_SEED, now=None, progress=None):
    """Generate and write a demo network for `owner`, with a home base; returns the loader's report."""
    from goodwill import clock
    from goodwill.demo.generator import Scale, generate
    from goodwill.demo.loader import load
    from goodwill.demo.vocabulary import HOME
    from goodwill.services.places import set_home

    network = generate(Scale(people=people), seed=seed, now=now or clock.now())
    report = load(owner, network, progress)
    set_home(owner, HOME)
    from goodwill.services.onboarding import note_goal_set

    note_goal_set(owner)  # a network in use: no first-run checklist on the demo's Today
    add_serving(owner, network, seed)
    # Last, so the people above (and everything drawn for them) are the same with or without the copies.
    report.duplicates = add_planted_duplicates(owner, network, seed)
    report.people += report.duplicates
    from goodwill import search

    # The copies came after the index: index them now, so no page or search has to run the
    # meaning model for them (a web worker that does keeps the model's ~90 MB for good).
    search.ensure_current(owner)
    return report


def add_planted_duplicates(owner, network, seed: int = DEFAULT_SEED) -> int:
    """A handful of people entered twice, for `goodwill dupes --demo`; returns how many copies."""
    from goodwill.demo.duplicates import add_duplicates, plan
    from goodwill.models import Person

    pks = list(Person.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True))
    return add_duplicates(owner, pks, plan(network.people, seed))


def add_serving(owner, network, seed: int = DEFAULT_SEED) -> None:
    """Needs, offers, interests, shares, introductions and the ledger; then the search index."""
    from django.db import transaction

    from goodwill import clock, search
    from goodwill.demo.serving import add_activity, add_profiles
    from goodwill.models import Person

    pks = list(Person.objects.filter(owner=owner).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        add_profiles(owner, network, pks, seed, clock.today())
        search.rebuild(owner)
        add_activity(owner, network, pks, seed, clock.today())


def fresh_demo_user():
    """The demo database's user with nothing in it: a rebuilt demo starts from scratch.

    Deleting the user removes every record it owns (owner foreign keys cascade)."""
    from django.db import transaction

    from goodwill.services.accounts import local_user

    with transaction.atomic():
        local_user().delete()
        return local_user()
