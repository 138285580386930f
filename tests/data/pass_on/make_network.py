"""Writes network.json: the 300-person evaluation network for pass-it-on (run once, committed).

Each person gets 1–3 profile entries drawn from hand-written topics, each topic
with several phrasings (so the ranker must bridge wording), plus distractor notes.
The topic code of every entry is kept in the file for the labels, never shown to
the ranker. Labels (items.json) are written by hand as item → {topic: grade}.

    python tests/data/pass_on/make_network.py
"""

import json
import random
from pathlib import Path

TOPICS = {
    "custody": ["qualified custody for digital assets", "crypto custodian options", "safekeeping client securities"],
    "sec": ["SEC compliance for advisers", "securities regulation", "regulatory filings with the SEC"],
    "fintech": ["fintech payments", "payment processing startups", "open banking APIs"],
    "hiring_eng": ["hiring senior engineers", "recruiting developers", "building an engineering team"],
    "hiring_exec": ["a VP of sales", "recruiting a CFO", "executive search"],
    "job_finance": ["a new role as CFO", "finance leadership jobs", "a controller position"],
    "job_product": ["a product management job", "product roles at startups", "career move into product"],
    "seed": ["seed funding from angel investors", "raising a seed round", "angel investors for a startup"],
    "series_a": ["a Series A lead investor", "venture capital for growth", "VC fundraising"],
    "climate": ["climate tech", "clean energy startups", "solar and renewable projects"],
    "erp": ["an ERP migration", "NetSuite implementation", "accounting software upgrade"],
    "audit": ["a new audit firm", "audit and assurance", "financial statement audits"],
    "tax": ["tax planning for founders", "tax reform", "IRS rules for small business"],
    "m_and_a": ["M&A advisory", "buyers for the business", "due diligence for acquisitions"],
    "succession": ["succession planning for family firms", "selling the family business", "exit planning"],
    "valuation": ["business valuation", "appraisal of private companies", "valuing a startup"],
    "cyber": ["cybersecurity assessments", "ransomware protection", "information security programs"],
    "ai": ["AI in healthcare", "machine learning for finance", "generative AI tools"],
    "health": ["hospital operations", "healthcare clients", "medical clinics"],
    "real_estate": ["commercial office space in Denver", "leasing warehouse space", "real estate development"],
    "sba": ["an SBA loan", "small business lending", "bank credit lines"],
    "manufacturing": ["manufacturing automation", "factory operations", "lean production"],
    "supply_chain": ["supply chain resilience", "freight logistics", "shipping and warehousing"],
    "remote": ["remote work policy", "distributed teams", "hybrid office setups"],
    "pricing": ["SaaS pricing", "pricing strategy", "price increases without churn"],
    "marketing": ["B2B marketing", "brand strategy", "SEO and content marketing"],
    "sales": ["enterprise sales", "building a sales pipeline", "business development"],
    "board": ["board governance", "a board seat", "independent directors"],
    "speaking": ["speaking slots at conferences", "keynote opportunities", "panel invitations"],
    "podcast": ["podcast guests", "starting a podcast", "interview episodes"],
    "nonprofit": ["nonprofit fundraising", "charity board work", "philanthropy"],
    "payroll": ["a payroll provider", "employee benefits", "equity compensation plans"],
    "legal": ["a startup lawyer", "employment attorney", "legal counsel for contracts"],
    "insurance": ["business insurance", "cyber insurance cover", "underwriting"],
    "restaurants": ["restaurant openings", "hospitality businesses", "hotel management"],
    "esg": ["ESG reporting", "carbon accounting", "sustainability disclosures"],
    "data": ["data analytics dashboards", "business intelligence", "FP&A reporting"],
    "mentoring": ["mentoring first-time founders", "executive coaching", "career advice for women in finance"],
    "crypto": ["bitcoin and blockchain", "crypto trading", "tokenized assets"],
    "customers": ["first enterprise customers", "customer retention", "reducing churn"],
}
KINDS = ["need", "interest", "offer"]
FIRST = (
    "Ada Ben Cara Dev Eli Fay Gus Hana Ivo Jo Kai Lea Max Noa Oto Pia Quin Rae Sol Tia Uma Vic Wes Xan Yui Zoe "
    "Ari Bo Cy Di"
).split()
LAST = ("Stone Reed Park Vale Cole Hart Lund Moss Nash Orr Penn Quill Rowe Shaw Tate Voss Wynn York Zell Ames").split()
NOTES = [
    "Prefers calls before 9am",
    "Runs marathons",
    "Two kids; coaches soccer",
    "Vegetarian; likes Thai food",
    "Met at the chamber mixer",
    "Big Mariners fan",
    "Hates long email threads",
    "Plays golf on Fridays",
]
TITLES = ["Partner", "Founder", "CFO", "Consultant", "Director", "Manager", "Analyst", "Principal"]


def main() -> None:
    rng = random.Random(2026)
    names = [f"{f} {last}" for f in FIRST for last in LAST]
    rng.shuffle(names)
    codes = list(TOPICS)
    people = []
    for index in range(300):
        entries = []
        for topic in rng.sample(codes, rng.choice((1, 2, 2, 3))):
            kind = rng.choices(KINDS, [3, 4, 3])[0]
            entries.append({"kind": kind, "text": rng.choice(TOPICS[topic]), "topic": topic})
        notes = [{"text": rng.choice(NOTES), "confidentiality": "private"}]
        if rng.random() < 0.1:  # a confidence about a topic: must never make them rank
            notes.append(
                {
                    "text": f"Told me in confidence about {rng.choice(TOPICS[rng.choice(codes)])}",
                    "confidentiality": "confidential",
                }
            )
        people.append(
            {"id": index, "name": names[index], "title": rng.choice(TITLES), "entries": entries, "notes": notes}
        )
    Path(__file__).with_name("network.json").write_text(json.dumps(people, indent=1) + "\n")


if __name__ == "__main__":
    main()
