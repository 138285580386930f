"""The demo's serving side: needs, offers and interests; items passed on; introductions
in every state; and two years of the referral balance sheet, with lead sources.

Seeded like the rest of the demo. Profiles go in with bulk_create (fast enough for
the benchmark's 100,000 people); the few shares, introductions and ledger lines go
through the services, so they are exactly what the app itself would write."""

from __future__ import annotations

import random
from datetime import date, timedelta

from goodwill.models import Confidentiality, Introduction, Person, ProfileEntry

PROFILES = {
    "founder": {
        "need": [
            "a fractional CFO before the Series A",
            "seed funding from angel investors",
            "hiring senior engineers",
            "first enterprise customers in healthcare",
            "an introduction to Foothill Ventures",
            "advice on SaaS pricing",
            "a lawyer for the term sheet",
            "an SBA loan for equipment",
        ],
        "interest": [
            "product-led growth",
            "AI in healthcare",
            "fintech payments",
            "climate tech",
            "remote hiring",
            "venture capital trends",
            "logistics software",
        ],
        "offer": [
            "startup fundraising advice",
            "early-stage hiring playbooks",
            "machine learning expertise",
            "go-to-market for B2B SaaS",
        ],
    },
    "executive": {
        "need": [
            "an ERP migration partner",
            "a new audit firm",
            "a VP of sales",
            "succession planning advice",
            "commercial office space in Denver",
            "a cybersecurity assessment",
            "a payroll provider",
        ],
        "interest": [
            "supply chain resilience",
            "cybersecurity",
            "remote work policy",
            "manufacturing automation",
            "ESG reporting",
            "tax reform",
        ],
        "offer": [
            "CFO mentoring",
            "board governance experience",
            "manufacturing operations expertise",
            "introductions to bank lenders",
            "negotiating commercial leases",
        ],
    },
    "partner": {
        "need": [
            "new clients in healthcare",
            "referrals from commercial banks",
            "speaking slots at conferences",
            "a successor for the practice",
        ],
        "interest": ["tax reform", "M&A trends", "SEC regulation", "fintech custody rules", "business valuation"],
        "offer": [
            "tax planning for founders",
            "audit and assurance",
            "due diligence for acquisitions",
            "business valuation",
            "succession planning for family firms",
            "SEC compliance advice",
        ],
    },
    "consultant": {
        "need": ["new clients in manufacturing", "a subcontractor for ERP projects", "speaking slots at conferences"],
        "interest": ["AI in finance", "remote work", "pricing strategy", "supply chain", "data analytics"],
        "offer": [
            "ERP selection and NetSuite rollouts",
            "pricing strategy workshops",
            "cybersecurity assessments",
            "FP&A dashboards",
            "interim controller work",
        ],
    },
    "investor": {
        "need": ["deal flow in climate tech", "co-investors for a Series A", "founders in fintech"],
        "interest": ["venture capital trends", "fintech", "climate tech", "AI startups"],
        "offer": ["introductions to angel investors", "board seats for startups", "fundraising advice for founders"],
    },
    "community": {
        "need": ["sponsors for the annual summit", "speakers for the monthly breakfast", "volunteer mentors"],
        "interest": ["nonprofit governance", "startup ecosystem", "women in finance"],
        "offer": ["introductions to local founders", "event space downtown", "speaking slots at the summit"],
    },
    "job seeker": {
        "need": [
            "a new role as CFO",
            "introductions to hiring managers",
            "a product management job",
            "a marketing director role in SaaS",
        ],
        "interest": ["remote work", "career transitions", "AI tools"],
        "offer": ["interim finance leadership", "marketing strategy", "product discovery coaching"],
    },
}
INDUSTRIES = {
    "partner": "professional services",
    "consultant": "professional services",
    "founder": "software",
    "executive": "manufacturing",
    "investor": "venture capital",
    "community": "nonprofit",
    "job seeker": "",
}
ITEMS = [
    ("New SEC guidance on fintech custody", "https://example.org/sec-custody-guidance", ["fintech", "sec"]),
    ("Survey: how mid-size firms run ERP migrations", "https://example.org/erp-survey", ["erp"]),
    ("Colorado SBA loan program expands for manufacturers", "", ["sba", "manufacturing"]),
    ("A playbook for hiring your first engineers", "https://example.org/hiring-playbook", ["hiring"]),
    ("Climate tech funding report, Q3", "https://example.org/climate-q3", ["climate tech", "venture capital"]),
    ("Succession planning for family-owned firms", "", ["succession"]),
]


def _profiles(owner, network, pks: list[int], rng: random.Random, today: date) -> list[ProfileEntry]:
    rows = []
    for index, spec in enumerate(network.people):
        pool = PROFILES[spec.archetype]
        counts = {
            "need": 1 if spec.archetype == "job seeker" or rng.random() < 0.35 else 0,
            "interest": rng.choice((0, 1, 1, 2)),
            "offer": rng.choice((0, 1, 1, 2)),
        }
        for kind, count in counts.items():
            for text in rng.sample(pool[kind], min(count, len(pool[kind]))):
                level = rng.choices(
                    [Confidentiality.PRIVATE, Confidentiality.SHAREABLE, Confidentiality.CONFIDENTIAL], [60, 37, 3]
                )[0]
                since = today - timedelta(days=rng.randint(5, 200)) if kind == "need" else None
                rows.append(
                    ProfileEntry(
                        owner=owner,
                        person_id=pks[index],
                        kind=kind,
                        text=text,
                        since=since,
                        confidentiality=level,
                        created_at=spec.created_at,
                    )
                )
    return rows


def add_profiles(owner, network, pks: list[int], seed: int, today: date) -> int:
    """Needs, interests and offers for every person, and their industry (bulk: any scale)."""
    rng = random.Random(seed * 1009)
    rows = _profiles(owner, network, pks, rng, today)
    for start in range(0, len(rows), 5000):
        ProfileEntry.objects.bulk_create(rows[start : start + 5000])
    by_industry: dict[str, list[int]] = {}
    for index, spec in enumerate(network.people):
        if INDUSTRIES[spec.archetype]:
            by_industry.setdefault(INDUSTRIES[spec.archetype], []).append(pks[index])
    for industry, ids in by_industry.items():
        for start in range(0, len(ids), 5000):
            Person.objects.filter(pk__in=ids[start : start + 5000]).update(industry=industry)
    return len(rows)


def add_activity(owner, network, pks: list[int], seed: int, today: date) -> None:
    """Shares, introductions in every state, and ledger lines (through the services)."""
    from goodwill.queries.pass_on import pass_on_ranking
    from goodwill.services import intros, ledger
    from goodwill.services.pass_on import pass_on

    rng = random.Random(seed * 2003)
    people = {p.pk: p for p in Person.objects.filter(owner=owner, archived_at__isnull=True)}
    alive = [pid for pid in pks if pid in people]
    # Items passed on: each to the two best-ranked people.
    for title, url, tags in ITEMS[:4]:
        ranking = pass_on_ranking(owner, title, url=url, tags=tags, limit=2)
        chosen = [people[r.person_id] for r in ranking.people]
        if chosen:
            pass_on(owner, title, chosen, url=url, tags=tags, ranked={r.person_id: r for r in ranking.people})
    # Introductions: one per state, from the best suggested pairs, else random pairs.
    from goodwill.queries.intros import suggest_pairs

    pairs = [
        (s.needs_id, s.offers_id, f"{s.needs_name.split()[0]} needs {s.need}") for s in suggest_pairs(owner, limit=12)
    ]
    while len(pairs) < 40:
        a, b = rng.sample(alive, 2)
        pairs.append((a, b, "you two work on similar problems"))
    plan = ["asked_a", "asked_a", "asked_b", "introduced", "met", "business", "nothing", "declined"]
    used: set[int] = set()
    todo = iter(plan)
    for a, b, why in pairs:
        if {a, b} & used:
            continue
        target = next(todo, None)
        if target is None:
            break
        used |= {a, b}
        intro = intros.propose_intro(owner, people[a], people[b], why)
        if target == "declined":
            intros.record_answer(owner, intro, "a", "no")
        if target in ("asked_b", "introduced", "met", "business", "nothing"):
            intros.record_answer(owner, intro, "a", "yes")
        if target in ("introduced", "met", "business", "nothing"):
            intros.record_answer(owner, intro, "b", "yes")
        if target in ("met", "business", "nothing"):
            intros.record_outcome(owner, intro, "met" if target == "met" else target)
        # Spread them back in time, so some follow-ups are due today.
        back = timedelta(days=rng.randint(4, 30))
        Introduction.objects.filter(pk=intro.pk).update(
            created_at=intro.created_at - back,
            updated_at=intro.updated_at - back,
            follow_up_on=(intro.follow_up_on - back) if intro.follow_up_on else None,
        )
    # Two years of the balance sheet.
    kinds = ["referral", "lead", "introduction", "information", "advice", "favour", "business"]
    weights = [12, 10, 8, 20, 15, 8, 6]
    regulars = rng.sample(alive, min(40, len(alive)))
    for _ in range(90):
        kind = rng.choices(kinds, weights)[0]
        person = people[rng.choice(regulars)]
        direction = "received" if kind == "business" else rng.choice(["given", "given", "received"])
        on = today - timedelta(days=rng.randint(1, 700))
        amount = currency = status = ""
        source = None
        if kind in ("referral", "lead", "business"):
            amount, currency = (
                str(rng.choice([2500, 5000, 12000, 25000, 40000, 75000])),
                rng.choice(["USD"] * 5 + ["EUR"]),
            )
        if kind in ("referral", "lead"):
            status = rng.choice(["pending", "won", "won", "lost"])
        if kind == "business":
            source = people[rng.choice(regulars[:8])]  # a few people send most of the business
            if source.pk == person.pk:
                source = None
        ledger.add_exchange(
            owner,
            person,
            kind,
            direction,
            on=on,
            amount=amount or None,
            currency=currency,
            status=status,
            source=source,
            description=f"{kind} ({'to' if direction == 'given' else 'from'} {person.name.split()[0]})",
        )
