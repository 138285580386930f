"""Turn the words after a commitment cue into a short normalized action.

"send you the article by Friday, so you have it" -> "send the article".
The recipient lives in FoundPromise.counterpart, so indirect-object pronouns
are dropped; a "you" that is the direct object becomes the counterpart's
name (or "them"; "me" in inbound mail, where "you" is the user).
"""

from __future__ import annotations

import re

from goodwill.habits.promises.cues import NAME, TEAM, TEAM_SUBJECT

MAX_WORDS = 10

# Where the action ends: a new clause, a reason, a condition.
CLAUSE_END = re.compile(
    r"[;:!?()\[\]]|\.(?:\s|$)|,\s*(?:but|and|so|because|since|which|as|though|although|then|while|or)\b"
    r"|\s[-–—]+\s|\s(?:but|because|since|so\s+that|so|as\s+soon\s+as|once|while|although|though|unless|if|when|whenever|after\s+(?:she|he|they|we|I|you))\b"
    r"|\s(?:and|then)\s+(?:I|she|he|they|we|you)\b|(?<!\s)\s++(?:ok|okay|right|cool)\s*+\?",
    re.IGNORECASE,
)
LEAD_FILLER = re.compile(
    r"^(?:(?:also|definitely|certainly|surely|personally|happily|gladly|quickly|just|then|now|"
    r"still|really|absolutely|totally|first|actually|please|gladly|def|defo|for\s+sure|"
    r"make\s+sure\s+(?:to|I|that\s+I)|be\s+sure\s+to|try\s+(?:to|and)|go\s+ahead\s+and|"
    r"be\s+(?:happy|glad)\s+to|both|all|finally|quickly|aim\s+to|endeavou?r\s+to|do\s+my\s+best\s+to)\s+)+",
    re.IGNORECASE,
)
# Possessive and anchored at the start of a space run: linear even on "     ".
TRAIL_FILLER = re.compile(
    r"(?<!\s)(?:\s++(?:please|asap|as\s+promised|as\s+discussed|as\s+agreed|too|as\s+well|again|then|"
    r"though|anyway|for\s+sure|promise|for\s+you|to\s+you|over\s+to\s+you|"
    r"by|before|until|around|no\s+later\s+than|sometime|and|or|but|then|in|on|at|within|after|"
    r"from|for|over|during|of)\b)++\s*+$",
    re.IGNORECASE,
)
# Verbs whose indirect object is redundant: "send you the deck" -> "send the deck".
DOUBLE_OBJECT = re.compile(
    r"^((?:send|give|forward|email|e-mail|show|get|text|pass|lend|bring|mail|buy|owe|drop|"
    r"shoot|hand|pay|write|ping|find|book|make|pull|grab)(?:\s+over)?)\s+(?:you|me|him|her|them|us)\s+"
    r"(?=(?:the|a|an|my|our|his|her|their|your|some|that|this|those|these|its|any|more|copies|details|notes|info)\b)",
    re.IGNORECASE,
)
ING = {
    "sending": "send",
    "calling": "call",
    "reaching": "reach",
    "following": "follow",
    "getting": "get",
    "introducing": "introduce",
    "sharing": "share",
    "emailing": "email",
    "forwarding": "forward",
    "writing": "write",
    "checking": "check",
    "looking": "look",
    "setting": "set",
    "putting": "put",
    "circling": "circle",
    "connecting": "connect",
    "reviewing": "review",
    "booking": "book",
    "making": "make",
    "dropping": "drop",
    "pinging": "ping",
    "texting": "text",
    "touching": "touch",
    "passing": "pass",
    "owning": "own",
    "handling": "handle",
    "leading": "lead",
    "driving": "drive",
    "covering": "cover",
    "taking": "take",
}
BE_ING = re.compile(r"^be\s+(\w+ing)\b", re.IGNORECASE)
HEAR_FROM = re.compile(r"^hear\s+(?:back\s+)?from\s+(?:me|us)\b", re.IGNORECASE)
HEAR_FROM_SIDE = re.compile(
    r"^hear\s+(?:back\s+)?from\s+((?:my|our)\s+" + TEAM_SUBJECT.replace("TEAM", TEAM).replace("NAME", NAME) + r")\b",
    re.IGNORECASE,
)
HAVE_GET = re.compile(r"^(?:have|get|receive)\b", re.IGNORECASE)


PERSONS = re.compile(r"(?<!-)\b(?:you|your|me|my)\b(?!-)", re.IGNORECASE)  # not "thank-you"


def _swap_persons(text: str, direction: str, counterpart: str | None) -> str:
    """Rewrite pronouns from the writer's view to mine, in one pass.

    In my words "you" is the counterpart; in theirs (inbound) "you" is me and
    "me"/"my" is them."""
    if direction == "inbound":
        table = {"you": "me", "your": "my", "me": "them", "my": "their"}
    else:
        name = counterpart or "them"
        table = {"you": name, "your": f"{counterpart}'s" if counterpart else "their"}
    return PERSONS.sub(lambda m: table.get(m.group().lower(), m.group()), text)


def normalize(raw: str, *, direction: str, counterpart: str | None, you_get: bool = False) -> str:
    """A short action from the words that follow a cue (due phrase already cut)."""
    end = CLAUSE_END.search(raw)
    text = " ".join((raw[: end.start()] if end else raw).split()[:30])
    text = LEAD_FILLER.sub("", text)
    if you_get:  # "you'll have the deck" is the writer sending the deck
        text = HEAR_FROM.sub("get back to you", text)
        side = HEAR_FROM_SIDE.match(text)  # "you'll hear from our coordinator"
        text = f"have {side[1]} get in touch{text[side.end() :]}" if side else HAVE_GET.sub("send", text)
        text = re.sub(r"\s+from\s+(?:us|me)\b", "", text)  # "expect an offer letter from us"
    m = BE_ING.match(text) or re.match(r"^(\w+ing)\b", text)
    if m and m[1].lower() in ING:  # "be sending" / "sending" -> "send"
        text = ING[m[1].lower()] + text[m.end() :]
    text = re.sub(r"^be\s+(?:sure|happy|glad)\s+to\s+", "", text, flags=re.IGNORECASE)
    text = TRAIL_FILLER.sub("", text)
    text = DOUBLE_OBJECT.sub(r"\1 ", text)
    text = _swap_persons(text, direction, counterpart)
    words = text.strip(" ,.;:'\"").split()[:MAX_WORDS]
    if words and not words[0].isupper():
        words[0] = words[0].lower()
    return " ".join(words)
