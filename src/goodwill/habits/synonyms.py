"""A small synonym map for pass-it-on: words people use for the same thing.

Each group is a set of terms (single words or short phrases) that mean the same
thing for "who would care about this?". A query term pulls in its group, at a
lower weight than the words actually written. Kept short on purpose: a big map
drifts into "everything matches everything".
"""

from __future__ import annotations

GROUPS: list[tuple[str, ...]] = [
    ("hire", "hiring", "recruit", "recruiting", "recruiter", "talent", "headcount", "candidate"),
    ("engineer", "developer", "programmer", "software engineer", "engineering"),
    ("job", "role", "position", "opening", "career", "job search", "new role"),
    ("fundraising", "funding", "raise", "investor", "venture capital", "vc", "seed round", "series a", "angel"),
    ("ai", "artificial intelligence", "machine learning", "ml", "llm", "generative ai"),
    ("tax", "taxes", "irs", "tax planning"),
    ("audit", "assurance", "auditor"),
    ("cybersecurity", "security", "infosec", "breach", "ransomware"),
    ("merger", "acquisition", "m&a", "deal", "due diligence", "buyer"),
    ("real estate", "property", "office space", "lease", "landlord"),
    ("sec", "securities law", "regulator", "regulation", "regulatory", "compliance"),
    ("fintech", "payments", "banking", "bank"),
    ("custody", "custodian", "safekeeping"),
    ("healthcare", "health", "medical", "hospital", "clinic", "patient"),
    ("marketing", "brand", "seo", "advertising", "growth marketing"),
    ("sales", "selling", "pipeline", "business development", "prospecting"),
    ("remote", "hybrid", "distributed", "work from home"),
    ("erp", "netsuite", "sap", "accounting software"),
    ("payroll", "compensation", "benefits", "equity plan"),
    ("succession", "exit", "retirement", "selling the firm", "next generation"),
    ("board", "governance", "board seat", "director"),
    ("speaker", "speaking", "keynote", "panel", "conference"),
    ("podcast", "interview", "episode"),
    ("energy", "solar", "renewable", "clean energy", "utility"),
    ("logistics", "supply chain", "freight", "shipping", "warehouse"),
    ("legal", "lawyer", "attorney", "counsel", "law firm"),
    ("pricing", "price", "margin"),
    ("nonprofit", "charity", "foundation", "philanthropy"),
    ("startup", "founder", "early stage"),
    ("loan", "lending", "credit", "sba", "debt"),
    ("cfo", "finance", "controller", "fp&a", "accounting"),
    ("restaurant", "hospitality", "hotel", "food service"),
    ("manufacturing", "factory", "plant", "production"),
    ("crypto", "bitcoin", "blockchain", "digital asset"),
    ("insurance", "insurer", "underwriting"),
    ("customer", "client", "churn", "retention"),
    ("mentor", "mentoring", "coaching", "advice"),
    ("saas", "software", "platform", "cloud"),
    ("valuation", "appraisal", "business value"),
    ("esg", "sustainability", "climate", "carbon"),
    ("data", "analytics", "dashboard", "bi"),
]


def _build() -> dict[str, tuple[str, ...]]:
    index: dict[str, tuple[str, ...]] = {}
    for group in GROUPS:
        for term in group:
            index[term] = tuple(dict.fromkeys(index.get(term, ()) + tuple(t for t in group if t != term)))
    return index


SYNONYMS = _build()


def synonyms_of(term: str) -> tuple[str, ...]:
    """Other terms meaning the same as `term` (lower-case), or ()."""
    return SYNONYMS.get(term, ())
