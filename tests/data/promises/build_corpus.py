"""Build corpus.jsonl: hand-written items plus templated variety.

Run `python tests/data/promises/build_corpus.py` to regenerate.  Due days in
the templates come from the hand-computed TIMING table (never from the code
under test), and labels follow the guidelines in docs/promises.md.
"""

import json
import random
from pathlib import Path

from hand_items import HAND
from regression_items import REGRESSION

OUT = Path(__file__).with_name("corpus.jsonl")

# base -> [(phrase, due day, firm)], worked out by hand from a calendar.
TIMING = {
    "2026-11-23": [  # Monday
        ("by Friday", "2026-11-27", True),
        ("tomorrow", "2026-11-24", True),
        ("next Tuesday", "2026-12-01", True),
        ("in two weeks", "2026-12-07", True),
        ("by the end of the week", "2026-11-27", True),
        ("by end of month", "2026-11-30", True),
        ("by EOD", "2026-11-23", True),
        ("by Thursday", "2026-11-26", True),
        ("next week", "2026-12-04", True),
        ("on Dec 3", "2026-12-03", True),
        ("soon", "2026-12-07", False),
        ("sometime next week", "2026-12-04", False),
        ("in early March", "2027-03-05", False),
        ("after the holidays", "2027-01-05", False),
        ("in a couple of weeks", "2026-12-07", False),
        ("by mid-December", "2026-12-15", False),
        ("by 12/10", "2026-12-10", True),
        ("within 3 days", "2026-11-26", True),
        ("one of these days", "2026-12-07", False),
        ("tonight", "2026-11-23", True),
        ("next Monday", "2026-11-30", True),
        ("on Wednesday", "2026-11-25", True),
    ],
    "2026-11-27": [  # Friday
        ("by Friday", "2026-12-04", True),
        ("on Monday", "2026-11-30", True),
        ("next week", "2026-12-04", True),
        ("by EOW", "2026-11-27", True),
        ("by the end of next month", "2026-12-31", True),
        ("in 10 days", "2026-12-07", True),
        ("by the 15th", "2026-12-15", True),
        ("tomorrow", "2026-11-28", True),
        ("soon", "2026-12-11", False),
        ("next Thursday", "2026-12-03", True),
        ("early next week", "2026-12-01", False),
        ("at some point", "2026-12-11", False),
    ],
    "2026-12-30": [  # Wednesday
        ("tomorrow", "2026-12-31", True),
        ("by Friday", "2027-01-01", True),
        ("after the holidays", "2027-01-05", False),
        ("next week", "2027-01-08", True),
        ("in two weeks", "2027-01-13", True),
        ("by the end of January", "2027-01-31", True),
        ("on Jan 4", "2027-01-04", True),
        ("in mid-January", "2027-01-15", False),
        ("in Q1", "2027-03-31", False),
        ("by end of quarter", "2026-12-31", True),
        ("soon", "2027-01-13", False),
        ("in early February", "2027-02-05", False),
    ],
    "2027-01-14": [  # Thursday
        ("next Tuesday", "2027-01-19", True),
        ("by Monday", "2027-01-18", True),
        ("by the end of the month", "2027-01-31", True),
        ("in mid-February", "2027-02-15", False),
        ("by Feb 1", "2027-02-01", True),
        ("in three weeks", "2027-02-04", True),
        ("this week", "2027-01-15", True),
        ("in late March", "2027-03-25", False),
        ("sometime", "2027-01-28", False),
        ("by February 10", "2027-02-10", True),
    ],
    "2026-10-06": [  # Tuesday
        ("by Thursday", "2026-10-08", True),
        ("next Friday", "2026-10-16", True),
        ("by end of month", "2026-10-31", True),
        ("by 10/20", "2026-10-20", True),
        ("in a week", "2026-10-13", True),
        ("after the holidays", "2027-01-05", False),
        ("in early November", "2026-11-05", False),
        ("on October 15", "2026-10-15", True),
        ("in a few days", "2026-10-09", False),
        ("next month", "2026-11-30", False),
    ],
}
NAMES = [
    "Jane",
    "Priya",
    "Marcus",
    "Sofia",
    "Tom",
    "Aisha",
    "Daniel",
    "Mei",
    "Carlos",
    "Hannah",
    "Olu",
    "Greta",
    "Ravi",
    "Lena",
    "Sam",
]
PRONOUN = {
    "Jane": "she",
    "Priya": "she",
    "Marcus": "he",
    "Sofia": "she",
    "Tom": "he",
    "Aisha": "she",
    "Daniel": "he",
    "Mei": "she",
    "Carlos": "he",
    "Hannah": "she",
    "Olu": "he",
    "Greta": "she",
    "Ravi": "he",
    "Lena": "she",
    "Sam": "they",
}
# (said to them, said about them, label)
MY_ACTIONS = [
    ("send you the article", "send {n} the article", "send the article"),
    ("send you the deck", "send {n} the deck", "send the deck"),
    ("call you with the numbers", "call {n} with the numbers", "call with the numbers"),
    ("introduce you to Bob Lee", "introduce {n} to Bob Lee", "introduce to Bob Lee"),
    ("forward you the job posting", "forward {n} the job posting", "forward the job posting"),
    ("get back to you on pricing", "get back to {n} on pricing", "get back on pricing"),
    ("share my conference notes with you", "share my conference notes with {n}", "share my conference notes"),
    ("review your pitch deck", "review {n}'s pitch deck", "review pitch deck"),
    ("put you in touch with my accountant", "put {n} in touch with my accountant", "put in touch with my accountant"),
    ("email you the contract draft", "email {n} the contract draft", "email the contract draft"),
    ("send you a copy of the book", "send {n} a copy of the book", "send a copy of the book"),
    ("look into the board seat for you", "look into the board seat for {n}", "look into the board seat"),
    ("ping you the podcast link", "ping {n} the podcast link", "ping the podcast link"),
    ("write you a reference letter", "write {n} a reference letter", "write a reference letter"),
]
# (their words about me, label)
THEIR_ACTIONS = [
    ("send me {p} CV", "send CV"),
    ("intro me to the CFO", "intro to the CFO"),
    ("get back to me about the role", "get back about the role"),
    ("send over the proposal", "send over the proposal"),
    ("share the investor list", "share the investor list"),
    ("review my draft", "review my draft"),
    ("call me about the opening", "call about the opening"),
    ("email the signed NDA", "email the signed NDA"),
    ("connect me with their head of sales", "connect with their head of sales"),
    ("send the reading list", "send the reading list"),
    ("check with the hiring manager", "check with the hiring manager"),
]
JOINT_ACTIONS = [
    ("have lunch", "have lunch"),
    ("grab coffee", "grab coffee"),
    ("catch up", "catch up"),
    ("meet again", "meet again"),
    ("get together for drinks", "get together for drinks"),
    ("do dinner", "do dinner"),
    ("set up a call with both teams", "set up a call with both teams"),
    ("reconnect", "reconnect"),
    ("go for a run", "go for a run"),
]
ME_FORMS = [
    ("call note", "Call with {n}. I'll {you_act} {t}."),
    ("call note", "Spoke to {n} this morning, I will {about_act} {t}."),
    ("meeting notes", "Met {n} for coffee.\n- Will {about_act} {t}"),
    ("email", "Hi {n},\n\nGreat to see you today. I'll {you_act} {t}.\n\nBest,\nAlex"),
    (
        "email",
        "{n}, thanks for the time. I'm going to {you_act} {t} - let me know if anything changes.\n\nCheers,\nAlex\nSent from my iPhone",
    ),
    ("chat", "Me: I promise I'll {you_act} {t}"),
    ("call note", "Promised {n} I'd {about_act} {t}."),
    ("meeting notes", "Next steps:\n- I will {about_act} {t}\n- {N} to think about the offer"),
    ("email", "Hi {n} - let me {you_act} {t}. Speak then.\n\nAlex"),
    ("chat", "Me: ok will {you_act} {t}!"),
]
THEM_FORMS = [
    ("call note", "Call with {n}. {N} will {their} {t}."),
    ("call note", "Good chat with {n}; {P} said {P}'d {their} {t}."),
    ("meeting notes", "Lunch with {n}.\n- {N} promised to {their} {t}"),
    ("meeting notes", "Coffee with {n} - {P} offered to {their} {t}."),
    ("call note", "{N} is going to {their} {t}."),
    ("email", "Thanks {n}!\n\nI'll {their_you} {t}.\n\nBest,\n{N}"),
    ("chat", "{N}: I'll {their_you} {t}"),
    ("meeting notes", "Action items:\n- {N} to {their} {t}"),
]
JOINT_FORMS = [
    ("call note", "Call with {n}. Let's {j} {t}."),
    ("meeting notes", "Met {n}. We agreed to {j} {t}."),
    ("email", "Hi {n},\n\nLovely to run into you. We should {j} {t}!\n\nAlex"),
    ("chat", "Me: let's {j} {t}"),
    ("call note", "{N} and I will {j} {t}."),
    ("meeting notes", "Agreed to {j} {t}."),
]
NEG_FORMS = [
    ("call note", "Call with {n}. I sent {n} the deck {past}."),
    ("call note", "{N} already introduced me to the CFO {past}."),
    ("email", "Hi {n},\n\nI won't be able to {about_act} this week, sorry.\n\nBest,\nAlex"),
    ("email", "Hi {n}, could you {their_req} {t}?\n\nThanks,\nAlex"),
    ("chat", "Me: can you {their_req}?"),
    ("call note", "If I get time I might {about_act} {t}."),
    ("call note", "Maybe I'll {about_act} at some point, not sure."),
    ("meeting notes", "Met {n}. I'll be in Boston {t}, {P} will be in London."),
    ("email", "Hi {n},\n\nI'll be out of office until {t2}.\n\nAlex"),
    ("chat", "Me: should I {you_act}?"),
    ("call note", "{N} said {P} can't {their} this month."),
    ("meeting notes", "{N} asked whether we could {j} {t}; no decision yet."),
    ("call note", "Talked with {n} about the market. Rates will probably stay high next year."),
    (
        "email",
        "Thanks {n}, the deck looks great.\n\nOn Mon, Nov 23, 2026 at 9:14 AM {N} <{l}@example.com> wrote:\n> I'll {their_you} {t}.\n> Best, {N}",
    ),
    ("email", "Got it, thanks!\n\n-----Original Message-----\nFrom: {N}\nSent: Monday\n\nI will {their_you} {t}."),
    ("chat", "{N}: could you {you_act_req} {t}?"),
    ("call note", "I emailed {n} the article {past} and {P} replied already."),
    ("meeting notes", "{N} will be travelling {t}."),
    ("call note", "I was going to {about_act} but {n} already had it."),
    ("email", "Hi {n},\n\nDo you want me to {you_act}?\n\nAlex"),
]
PAST = ["yesterday", "last week", "on Monday", "this morning", "a few days ago"]


def _due(t):
    return {"due": t[1], "firm": t[2]}


def templated(rng: random.Random):
    items = []
    bases = list(TIMING)

    def pick():
        n = rng.choice(NAMES)
        base = rng.choice(bases)
        t = rng.choice(TIMING[base])
        return n, base, t

    def fill(form, n, t, **kw):
        p = PRONOUN[n]
        return form.format(n=n, N=n, P=p, p={"she": "her", "he": "his", "they": "their"}[p], t=t[0], l=n.lower(), **kw)

    for i in range(100):
        n, base, t = pick()
        style, form = ME_FORMS[i % len(ME_FORMS)]
        you, about, label = rng.choice(MY_ACTIONS)
        text = fill(form, n, t, you_act=you, about_act=about.format(n=n))
        items.append((style, text, base, "outbound", [dict(owner="me", action=label, **_due(t))]))
    for i in range(64):
        n, base, t = pick()
        style, form = THEM_FORMS[i % len(THEM_FORMS)]
        their, label = rng.choice(THEIR_ACTIONS)
        p = PRONOUN[n]
        their = their.format(p={"she": "her", "he": "his", "they": "their"}[p])
        direction = "inbound" if style == "email" else "outbound"
        their_you = their.replace(" me ", " you ").replace(" me", " you").replace("my ", "your ")
        if their_you.startswith("send you ") and " CV" in their_you:
            their_you = "send you my CV"
        text = fill(form, n, t, their=their, their_you=their_you)
        items.append((style, text, base, direction, [dict(owner="them", action=label, **_due(t))]))
    for i in range(42):
        n, base, t = pick()
        style, form = JOINT_FORMS[i % len(JOINT_FORMS)]
        j, label = rng.choice(JOINT_ACTIONS)
        items.append((style, fill(form, n, t, j=j), base, "outbound", [dict(owner="both", action=label, **_due(t))]))
    for i in range(120):
        n, base, t = pick()
        style, form = NEG_FORMS[i % len(NEG_FORMS)]
        you, about, _label = rng.choice(MY_ACTIONS)
        their, _l = rng.choice(THEIR_ACTIONS)
        their = their.format(p="her")
        j, _l = rng.choice(JOINT_ACTIONS)
        their_you = their.replace(" me ", " you ").replace(" me", " you").replace("my ", "your ")
        req = their.replace("send me her CV", "send me your CV")
        text = fill(
            form,
            n,
            t,
            you_act=you,
            about_act=about.format(n=n),
            their=their,
            their_req=req,
            their_you=their_you,
            j=j,
            past=rng.choice(PAST),
            t2=rng.choice(["Monday", "Dec 2", "January 4"]),
            you_act_req=you.replace("you", "me").replace("your", "my"),
        )
        direction = "inbound" if "{N}:" in form and style == "chat" else "outbound"
        items.append((style, text, base, direction, []))
    return items


def main():
    rng = random.Random(20261123)
    sources = ["hand"] * len(HAND) + ["regression"] * len(REGRESSION)
    rows = list(HAND) + list(REGRESSION)
    generated = templated(rng)
    rows += generated
    sources += ["template"] * len(generated)
    with OUT.open("w", encoding="utf-8") as f:
        for i, ((style, text, base, direction, promises), source) in enumerate(zip(rows, sources), 1):
            f.write(
                json.dumps(
                    {
                        "id": f"p{i:04d}",
                        "source": source,
                        "style": style,
                        "text": text,
                        "base": base,
                        "direction": direction,
                        "promises": promises,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    negatives = sum(1 for r in rows if not r[4])
    print(f"{len(rows)} items, {negatives} negatives ({negatives / len(rows):.0%}) -> {OUT}")


if __name__ == "__main__":
    main()
