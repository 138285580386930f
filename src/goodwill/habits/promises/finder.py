"""Find the promises in a note, email or chat: who owes what to whom, by when.

Sentence by sentence, a commitment cue ("I'll", "she promised to", "let's")
opens a clause; the clause is dropped when it is hedged, negated, a plan
that owes nobody anything, or a question; what follows the cue becomes the
action; dates.find_due reads the timing.  Replies like "Sure, will do" take
their action from the request they accept.  See docs/promises.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from goodwill.habits.dates import DueDate, find_due
from goodwill.habits.promises import cues
from goodwill.habits.promises.action import normalize
from goodwill.habits.promises.segment import Sentence, looks_binary, sentences

DIRECTIONS = ("outbound", "inbound")
REQUEST_LOOKBACK = 4  # sentences searched for the request a reply accepts


@dataclass(frozen=True)
class FoundPromise:
    owner: str  # "me" | "them" | "both"
    counterpart: str | None  # to whom / from whom
    action: str  # short normalized action, e.g. "send the article"
    due: DueDate | None  # None when no timing at all
    sentence: str  # the source sentence as written
    span: tuple[int, int]  # span of the sentence in the original text
    cue: str = ""  # the words that made it a promise: "My assistant will"
    why: str = ""  # whose and why, for the user: "your side: 'My assistant will'"


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    role: str  # self | self_you | other | you | joint
    subject: str | None = None
    text: str = ""
    item: bool = False  # an action-item line "Name to send ...": needs a bullet or a known name
    needs_due: bool = False  # a weak form ("I can get it to you", "expect it") counts only with timing
    lead: str = ""  # words put before the rest of the clause: "send the W-9" for "W-9 coming shortly"


ROLE_PATTERNS = [
    ("self_you", cues.SELF_YOU),
    ("self", cues.SELF),
    ("joint", cues.JOINT_RE),
    ("other", cues.OTHER),
    ("you", cues.YOU),
]
# Each pattern with the words that must be in a sentence before it is tried (cues.py).
GATED = [
    (role, pattern, needles)
    for (role, patterns), needle_list in zip(
        ROLE_PATTERNS,
        [cues.SELF_YOU_NEEDLES, cues.SELF_NEEDLES, cues.JOINT_NEEDLES, cues.OTHER_NEEDLES, cues.YOU_NEEDLES],
        strict=True,
    )
    for pattern, needles in zip(patterns, [frozenset(n) for n in needle_list], strict=True)
]
ALL_NEEDLES = tuple(sorted({n for _role, _pattern, needles in GATED for n in needles}))
ACCEPT = re.compile(
    r"^(?:sure(?:\s+thing)?|yes|yep|yeah|yup|absolutely|of\s+course|definitely|no\s+problem|np|"
    r"happy\s+to|glad\s+to|will\s+do|can\s+do|consider\s+it\s+done|on\s+it|sounds\s+good|ok(?:ay)?|"
    r"certainly|you\s+got\s+it|for\s+sure|my\s+pleasure|with\s+pleasure|i\s+can\s+do\s+that|"
    r"i(?:['’]d|\s+would)\s+be\s+(?:happy|glad|delighted)\s+to)\b",
    re.IGNORECASE,
)
ACCEPT_ONLY = re.compile(
    r"^[\W_]*$|^(?:do|do\s+(?:it|that|this|so)|it|that|this|so|that\s+to\s+\w+|it\s+to\s+\w+|this\s+to\s+\w+|get\s+(?:that|it|this)(?:\s+(?:done|over|sorted))?|send\s+(?:it|that|this)(?:\s+over)?)$",
    re.IGNORECASE,
)
REQUEST = re.compile(
    r"\b(?:could|can|would|will)\s+you\s+(?:please\s+|kindly\s+|possibly\s+|maybe\s+|also\s+)?(?P<a>[a-z][^?.!]{1,150})"
    r"|^(?:please|pls|plz)\s+(?P<b>[a-z][^?.!]{1,150})"
    r"|\bany\s+chance\s+you\s+(?:could|can)\s+(?P<c>[a-z][^?.!]{1,150})"
    r"|\b(?:asked|wants|wanted|needs|needed)\s+(?:me\s+to|if\s+I\s+could|whether\s+I\s+could|me\s+if\s+I\s+could)\s+(?P<d>[a-z][^?.!]{1,150})"
    r"|\b(?:love|appreciate\s+it)\s+if\s+you\s+could\s+(?P<e>[a-z][^?.!]{1,150})",
    re.IGNORECASE,
)
INTERROGATIVE = re.compile(
    r"^\s*(?:what|why|how|when|where|should|shall|can|could|would|do|does|did|is|are|am|any)\b", re.IGNORECASE
)
# "Once the audit wraps, I'll send ..." waits for an event and still counts.
CONDITIONAL_START = re.compile(r"^\s*(?:if|unless|assuming|provided|in\s+case|whenever)\b", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[,;:]\s*|\s[-–—]+\s|\s(?:and|but|so|then)\s", re.IGNORECASE)
ME_WORDS = frozenset({"me", "i", "myself", "self", "mine"})
# "... tonight and call you tomorrow": a second verb with its own timing is a second promise.
COORD = re.compile(rf"\s(?:,\s*)?and\s+(?:then\s+)?(?=(?:{cues.SOCIAL})\b)")
NO_ACTION = re.compile(r"^(?:|do|do\s+(?:it|that|this|so)|it|that|this|so)$", re.IGNORECASE)
# A second cue that only points back ("you'll have it by Wednesday", "will
# confirm by EOW") adds timing to the promise before it, not a new promise.
ANAPHORIC = re.compile(
    r"^\w+(?:\s+(?:over|back|across|along))?\s+(?:it|that|this|one|those|these)(?:\s+(?:over|back|across|along|through|done))?$"
    r"|^(?:confirm|copy\s+\w+|cc\s+\w+|report\s+back|keep\s+\w+\s+posted|let\s+\w+\s+know|update\s+\w+|follow\s+up|circle\s+back|do|get\s+back(?:\s+to\s+\w+)?)$",
    re.IGNORECASE,
)
# "Me: draft the renewal terms by 12/4": my own line in meeting notes or chat.
IMPERATIVE = re.compile(
    r"^(?:send|email|e-mail|draft|share|forward|intro|introduce|review|write|call|book|schedule|set\s+up|"
    r"prepare|follow\s+up|ping|reply\s+to|confirm|circulate|text|connect|loop\s+in|find|organi[sz]e|arrange|"
    r"buy|order|bring|pay|sign|submit|update|look\s+into|research|finali[sz]e|collect|compile|gather|chase|"
    r"invite|host|print|reserve|prep|re-?send|re-?share|nudge|remind|thank|reach\s+out\s+to|check\s+in\s+with|"
    r"get\s+back\s+to|loop\s+back\s+with)\b(?![^.!?]*\b(?:me|my)\b)",
    re.IGNORECASE,
)
# A to-do in my own note names the person it is for: "Send Ken the deck Thursday".
# Email to the reader ("Send your comments by Friday") is a request, not mine.
TASK_NAME = re.compile(rf"^\S+(?:\s+\S+){{0,8}}?\s+(?:to\s+|for\s+|w/\s*|with\s+)?(?P<name>{cues.NAME})\b")
NOT_A_TASK = re.compile(r"(?i)^(?:find|see)\s+attached\b|\b(?:you|your|yours|us)\b")
TASK_MAX_WORDS = 25
# A label before a to-do: "Note to self: send Ken the deck", "Remember to thank Omar".
TASK_LABEL = re.compile(
    r"^(?:note\s+to\s+self|reminder(?:\s+to\s+self)?|remember\s+to|don['’]t\s+forget\s+to|must)\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
ERRAND = re.compile(r"(?i)^(?:book|reserve|buy|order|print|research|host|finali[sz]e)\b")


# Participles of the passive cue ("will be issued by us") read back as a verb.
PARTICIPLES = {
    "sent": "send",
    "done": "do",
    "written": "write",
    "given": "give",
    "brought": "bring",
    "made": "make",
    "paid": "pay",
    "put": "put",
    "taken": "take",
    "drawn": "draw up",
    "shown": "show",
    "kept": "keep",
    "held": "hold",
    "set": "set",
    "left": "leave",
    "issued": "issue",
    "prepared": "prepare",
    "shared": "share",
    "circulated": "circulate",
    "filed": "file",
    "signed": "sign",
    "delivered": "deliver",
    "emailed": "email",
    "forwarded": "forward",
    "returned": "return",
    "reviewed": "review",
    "processed": "process",
    "completed": "complete",
    "finalized": "finalize",
    "finalised": "finalise",
    "scheduled": "schedule",
    "couriered": "courier",
    "mailed": "mail",
    "posted": "post",
    "uploaded": "upload",
    "submitted": "submit",
    "handled": "handle",
    "arranged": "arrange",
    "provided": "provide",
    "updated": "update",
    "invoiced": "invoice",
    "refunded": "refund",
    "wired": "wire",
    "shipped": "ship",
    "booked": "book",
    "covered": "cover",
    "reimbursed": "reimburse",
    "transferred": "transfer",
    "released": "release",
    "published": "publish",
    "confirmed": "confirm",
}


def _lead(groups: dict[str, str | None], text: str) -> str:
    """The action words a cue carries itself ("W-9 coming shortly" -> "send the W-9")."""
    np = groups.get("np")
    if not np:
        return "send" if re.search(r"(?i)\bexpect\s*$", text) else ""
    if re.match(r"(?i)leave\b", text):
        return f"handle {np}"
    pp = (groups.get("pp") or "").lower()
    verb = PARTICIPLES.get(pp) or (f"get {np} {pp}" if pp else "send")
    if verb.startswith("get "):
        return verb
    np = re.sub(r"^(?:Our|My|our|my)\b", "the", np)
    if np.split()[0] in cues.DETERMINERS or (np[0].isupper() and np[1:2].islower()):
        np = np[0].lower() + np[1:]  # "The letter", "Revised quote" at the start of a sentence
    return f"{verb} {np if np[0].islower() else 'the ' + np}"


def _cues(text: str) -> list[_Cue]:
    found: list[_Cue] = []
    low = text.lower().replace("’", "'")
    present = {n for n in ALL_NEEDLES if n in low}
    for role, pattern, needles in GATED:
        if needles and needles.isdisjoint(present):
            continue
        for m in pattern.finditer(text):
            groups = m.groupdict()
            subject = groups.get("subj")
            if subject and subject.split()[0] in cues.NOT_PEOPLE and not (role == "joint" and subject in ("You", "Me")):
                continue
            words = groups.get("w") or m.group()
            found.append(
                _Cue(
                    m.start(),
                    m.end(),
                    role,
                    subject,
                    words,
                    groups.get("item") is not None,
                    groups.get("needs_due") is not None,
                    _lead(groups, m.group()),
                )
            )
    found.sort(key=lambda c: (c.start, -c.end))
    kept: list[_Cue] = []
    for cue in found:  # earliest wins; overlapping later matches are the same cue
        if not kept or cue.start >= kept[-1].end:
            kept.append(cue)
    # "you're owning the interviews and will share notes": a subjectless
    # "will" after "and" shares the subject before it.
    for k in range(1, len(kept)):
        cue = kept[k]
        if cue.role == "self" and SUBJECTLESS.match(cue.text) and re.search(r"\band\s*$", text[: cue.start]):
            prev = kept[k - 1]
            kept[k] = replace(cue, role=prev.role, subject=prev.subject)
    return kept


def _first_word_ok(action: str, role: str = "self") -> bool:
    words = action.split()
    if not words:
        return True  # an empty action may still be filled from a request
    first = words[0].lower().strip(",.")
    if role == "joint" and first in JOINT_FIRST:
        return True  # "let's work on the proposal together"
    if first == "be":
        return bool(cues.BE_OK.match(action))
    if first == "have":
        return bool(cues.HAVE_OK.match(action) or cues.HAVE_SOMEONE.match(action))
    if first == "go":
        return bool(cues.GO_OK.match(action))
    if first == "take":
        return bool(cues.TAKE_OK.match(action))
    if first == "pass":
        return bool(cues.PASS_OK.match(action))
    if first == "look" and re.match(r"(?i)look\s+forward\b", action):
        return False  # "I'll look forward to it"
    if first == "turn":
        return bool(cues.TURN_OK.match(action))
    return first not in cues.NON_COMMIT


REFRAIN_NEG = re.compile(rf"^\s*(?:not|never|won['’]t)\s+(?:ever\s+)?(?=(?:{cues.REFRAIN})\b)", re.IGNORECASE)
# A bare "On it." or "Can do." in a note with no other promise and no request in
# sight still commits the writer (the label guide's "on it", "will do", "can do").
STRONG_ACCEPT = re.compile(
    r"^(?:(?:ok(?:ay)?|sure|yes|yep|noted|got\s+it|understood|perfect|great|thanks|sounds\s+good)[,!.—–-]*\s+)*"
    r"(?:on\s+it|will\s+do|can\s+do|consider\s+it\s+done|"
    r"leave\s+it\s+with\s+me|i{A}m\s+on\s+it)\s*[.!]*$".replace("{A}", "['’]"),
    re.IGNORECASE,
)
WILL_CUE = re.compile(r"(?:['’]ll|\bwill|\bshall)$", re.IGNORECASE)
FROM_OTHER = re.compile(r"\bfrom\s+(?!(?:us|me|our|my)\b)\w", re.IGNORECASE)
# "I'll introduce you to Mara - expect an email from me tomorrow": one promise.
EXPECT = re.compile(r"(?i)\bexpect$")
SUBJECTLESS = re.compile(r"^(?:\w+[,!.]?\s+)?[Ww]ill\b")
JOINT_FIRST = frozenset({"work", "start", "sleep", "think"})  # "let's both sleep on it"
# Someone named with their organisation is an outsider reported on: "Jim from Bain
# said their team will publish the report" binds neither side (unless that is a
# counterpart of the note: then it is theirs).
THIRD_PARTY = re.compile(
    rf"\b(?P<name>{cues.NAME})\s+(?:from|at|of)\s+[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?\s+"
    r"(?:said|says|mentioned|told\s+(?:me|us)|thinks|expects|announced)\b"
)
# "we" that includes the reader: things done together.
WE_TOGETHER = re.compile(
    r"^(?:both\b|all\b)|\b(?:together|each\s+other|jointly|both\s+of\s+us|as\s+a\s+group)\b"
    r"|^(?:(?:also|then|definitely|just|probably)\s+)?(?:meet|catch\s+up|talk|speak|chat|sync|touch\s+base|regroup|reconvene|"
    r"reconnect|get\s+together|grab\s+(?:a\s+)?(?:coffee|lunch|dinner|drinks?|breakfast|a\s+bite)|"
    r"(?:have|do|get)\s+(?:a\s+|an\s+|our\s+)?(?:quick\s+)?(?:lunch|coffee|dinner|drinks?|breakfast|call|chat|catch-up|debrief|meeting)|"
    r"hop\s+on|jump\s+on|play|revisit|pair|discuss|debrief|brainstorm|find\s+(?:a\s+)?time|co-\w+|split|compare\s+notes|"
    r"figure|decide|plan|see\s+(?:each\s+other|you)|keep\s+each\s+other|go\s+(?:over|through)|review\s+together|"
    r"work\s+(?:on|through|together|out)|schedule\s+(?:a|the)\s+(?:call|meeting|chat))\b",
    re.IGNORECASE,
)
# "we" cues that speak for the writer's side unless the action includes the reader.
# A bare "We" is the lookahead cue of "We won't share ...".
WE_SIDE = re.compile(r"^[Ww]e(?:['’]ll\b|\s+will\b|\s+shall\b|(?:\s+are|['’]re)\s+going\s+to\b|$)")
# A proposal put as a question is still a proposal: "How about we hop on a call?"
PROPOSAL = re.compile(r"^(?:[Ll]et['’]?s|[Ll]et\s+us|[Hh]ow\s+about|[Ww]hat\s+about|[Ww]hy\s+don['’]t|[Ww]hy\s+not)\b")
# A condition that only waits for the reader's input still leaves a promise:
# "If you send me the contract, I'll turn comments around within a day".
INPUT_CONDITION = re.compile(
    r"^\s*if\s+you\s+(?:can\s+|could\s+)?(?:send|give|share|forward|provide|get|sign|return|confirm|email|upload|"
    r"approve|tell|let\s+(?:me|us)\s+know|pass|drop)\b[^,]*,\s*$",
    re.IGNORECASE,
)


# A dash, semicolon or bracket starts an aside: "- let me know if anything changes".
ASIDE = re.compile(r"\s[-–—]+\s|;|\(|\.\.\.")


def _hedged(prefix: str, after: str, sentence_prefix: str) -> bool:
    aside = ASIDE.search(after)
    clause = cues.POLITE.sub(" ", prefix + " " + (after[: aside.start()] if aside else after))
    conditional = CONDITIONAL_START.match(sentence_prefix) and not INPUT_CONDITION.match(sentence_prefix)
    return bool(cues.HEDGE_ANY.search(clause) or cues.HEDGE_BEFORE.search(prefix) or conditional)


def _clause_prefix(text: str, start: int, floor: int) -> str:
    """The words between the last clause break (or the previous cue) and a cue."""
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, floor, start)]
    return text[max([floor] + breaks) : start]


class _Context:
    """Per-call settings shared by the helpers below."""

    def __init__(self, base: date, author: str, counterparts: Sequence[str], vague_days: int, direction: str) -> None:
        self.base, self.vague_days, self.direction = base, vague_days, direction
        self.author = author.strip().lower()
        self.counterparts = [c for c in counterparts if c and c.strip()]

    def speaker_is_me(self, speaker: str | None) -> bool:
        if speaker is None:
            return self.direction == "outbound"
        key = speaker.strip().lower()
        return key in ME_WORDS or key == self.author or key == self.author.split(" ")[0]

    def match_name(self, name: str) -> str | None:
        key = name.lower()
        for c in self.counterparts:
            full = c.lower()
            if key == full or key == full.split()[0]:
                return c
        return None

    def mentioned(self, text: str) -> str | None:
        for c in self.counterparts:
            for token in {c, c.split()[0]}:
                if re.search(rf"\b{re.escape(token)}\b", text):
                    return c
        return None

    def owner(self, cue: _Cue, speaker_me: bool, action: str = "") -> str:
        if cue.role == "joint":
            # "We'll send the offer" is the writer's side; "we'll meet" is both of us.
            if WE_SIDE.match(cue.text) and not WE_TOGETHER.search(action):
                return "me" if speaker_me else "them"
            return "both"
        if cue.role in ("self", "self_you"):
            return "me" if speaker_me else "them"
        if cue.role == "you":
            return "them" if speaker_me else "me"
        subject = (cue.subject or "").lower()
        return "me" if subject and subject in (self.author, self.author.split(" ")[0]) else "them"

    def counterpart(self, cue: _Cue | None, owner: str, sentence: Sentence, speaker_me: bool) -> str | None:
        if (
            cue
            and cue.role == "other"
            and cue.subject
            and cue.subject[0].isupper()
            and cue.subject.lower() not in ("she", "he", "they")
        ):
            name = cue.subject.split("'")[0].split("’")[0]
            return self.match_name(name) or name
        named = self.mentioned(sentence.text)
        if named:
            return named
        if sentence.speaker and not speaker_me:
            return self.match_name(sentence.speaker) or sentence.speaker
        return self.counterparts[0] if len(self.counterparts) == 1 else None

    def due(self, clause: str) -> tuple[DueDate, tuple[int, int]] | None:
        return find_due(clause, self.base, vague_days=self.vague_days)


def _request(
    sents: list[Sentence], index: int, ctx: _Context, speaker: str | None, same: str
) -> tuple[str, str] | None:
    """The request a reply accepts: (action words, request sentence text)."""
    m = REQUEST.search(same)
    if m:
        return next(g for g in m.groups() if g), same
    for prev in reversed(sents[max(0, index - REQUEST_LOOKBACK) : index]):
        m = REQUEST.search(prev.text)
        other_party = prev.quoted or (prev.speaker != speaker and prev.speaker is not None) or bool(m and m["d"])
        if m and other_party:
            return next(g for g in m.groups() if g), prev.text
    # A top-posted reply accepts the request quoted below it.
    below = [n for n in sents[index + 1 : index + 1 + 4 * REQUEST_LOOKBACK] if n.quoted][:REQUEST_LOOKBACK]
    for nxt in below:
        m = REQUEST.search(nxt.text)
        if m:
            return next(g for g in m.groups() if g), nxt.text
    return None


def _build(
    sents: list[Sentence], index: int, cue: _Cue, all_cues: list[_Cue], ctx: _Context, speaker_me: bool
) -> FoundPromise | None:
    s = sents[index]
    text = s.text
    later = [c.start for c in all_cues if c.start >= cue.end and c is not cue]
    stop = later[0] if later else len(text)
    earlier = [c.end for c in all_cues if c.end <= cue.start and c is not cue]
    floor = previous_end = max([0] + earlier)
    prefix = _clause_prefix(text, cue.start, floor)
    # Timing before the first cue is its own ("By Friday, I'll ..."); later
    # cues only own their clause ("She'll ... and I'll ... next week").
    floor = cue.start - len(prefix) if earlier else 0
    after = text[cue.end : stop]
    refrain = REFRAIN_NEG.match(after)  # "I won't share the numbers": a promise not to
    if refrain:
        after = " not " + after[refrain.end() :]
    elif cues.NEGATION.match(after):
        return None
    if _hedged(prefix, after, text[: cue.start]):
        return None
    if cue.needs_due and re.search(r"(?i)\bif\b", after):
        return None  # "I can send it over by Friday if that helps" is an offer
    outsider = THIRD_PARTY.search(text, 0, cue.end) if cue.role == "other" else None
    if outsider and not ctx.match_name(outsider["name"]):
        return None
    if EXPECT.search(cue.text.strip()) and FROM_OTHER.search(after):
        return None  # "Expect a call from Dana tomorrow": Dana's, and not said by Dana
    question = text.rstrip().endswith("?") and not PROPOSAL.match(cue.text)
    if question and (cue.role == "joint" or INTERROGATIVE.match(text)):
        return None  # a question, not yet agreed
    found = _timing(text, floor, cue, stop, ctx, previous_end)
    due = found[0] if found else None
    if cue.needs_due and due is None:
        return None
    raw = after
    if found:
        start, end = found[1][0] - cue.end, found[1][1] - cue.end
        if 0 <= start <= len(raw):
            raw = raw[:start] + " " + re.sub(r"^['’]s\s+\w+", "", raw[max(end, 0) :])
    if cue.role == "self" and re.fullmatch(r"[Ii]\s+promised\s+", text[cue.start : cue.end]):
        raw = "owe " + raw  # "I promised you a summary" = "I owe you a summary"
    if cue.lead:
        raw = cue.lead + " " + raw
    if WILL_CUE.search(cue.text):  # "I'll have to check with legal": the check is the promise
        raw = re.sub(r"^\s*(?:have|need)\s+to\s+", "", raw)
    owner = ctx.owner(cue, speaker_me, raw.strip())
    counterpart = ctx.counterpart(cue, owner, s, speaker_me)
    action = normalize(
        raw, direction=_perspective(ctx, speaker_me), counterpart=counterpart, you_get=cue.role == "self_you"
    )
    role = "self" if cue.role == "joint" and owner != "both" else cue.role  # "we'll think about it" is no plan
    if not (refrain or _first_word_ok(action, role)) or cues.SELF_CARE.match(action) or cues.DONE.search(text):
        return None
    if ACCEPT_ONLY.match(action):
        req = _request(sents, index, ctx, s.speaker, text[: cue.start])
        if req is None:
            if NO_ACTION.match(action):
                return None  # "will do" with no request in sight: nothing to record
        else:
            req_due = ctx.due(req[0])
            action = (
                normalize(_cut(req[0], req_due), direction=_perspective(ctx, speaker_me), counterpart=counterpart)
                or action
            )
            if due is None and req_due:
                due = req_due[0]
    words = _cue_words(text, cue)
    how = "a to-do in your own note" if not cue.text and cue.role == "self" else ""
    if cue.role == "joint" and owner != "both":
        how = "'we' here is the writer's side"
    return FoundPromise(owner, counterpart, action, due, text, (s.start, s.end), words, _why(owner, words, how))


def _cue_words(text: str, cue: _Cue) -> str:
    """The words that made it a promise, as written: "My assistant will", "I owe"."""
    words = cue.text.strip(" ,:;-–—")
    if len(words) <= 2:  # "I" before a lookahead ("I owe you"), or a to-do's verb
        more = text[cue.start :].split()
        words = " ".join(more[: 2 if words else 1])
    return words.strip(" ,:;-–—")


SIDES = {"me": "your side", "them": "their side", "both": "both of you"}


def _why(owner: str, words: str, how: str = "") -> str:
    """A short reason for the user: "your side: 'My assistant will'"."""
    return f"{SIDES[owner]}: '{words}'" + (f" ({how})" if how else "")


def _with_coordinated(text: str, found: list[_Cue], ctx: _Context) -> list[_Cue]:
    """Add a cue for "and <verb>" when both verbs carry their own timing."""
    if not found:
        return found
    out = list(found)
    for k, cue in enumerate(found):
        stop = found[k + 1].start if k + 1 < len(found) else len(text)
        for m in COORD.finditer(text, cue.end, stop):
            if ctx.due(text[cue.end : m.start()]) and ctx.due(text[m.end() : stop]):
                out.append(_Cue(m.start(), m.end(), cue.role, cue.subject, cue.text))
                break
    return sorted(out, key=lambda c: c.start)


def _timing(
    text: str, floor: int, cue: _Cue, stop: int, ctx: _Context, previous_end: int = 0
) -> tuple[DueDate, tuple[int, int]] | None:
    """The cue's due phrase, with its span in the sentence.

    Timing after the cue belongs to it.  Timing before it belongs to it only
    when nothing but the phrase precedes the cue in its clause ("By Friday,
    I'll ..."); "Spoke to her this morning, I'll ..." dates the call, not the
    promise."""
    after = ctx.due(text[cue.end : stop])
    if after:
        return after[0], (after[1][0] + cue.end, after[1][1] + cue.end)
    # "I'll be in Boston next week and will bring you the book": a shared subject shares the timing.
    if text[cue.start : cue.end].lower().startswith("will") and re.search(
        r"\band$", text[previous_end : cue.start].rstrip()
    ):
        shared = ctx.due(text[previous_end : cue.start])
        if shared:
            return shared[0], (shared[1][0] + previous_end, shared[1][1] + previous_end)
    before = ctx.due(text[floor : cue.start])
    if not before:
        return None
    start, end = before[1][0] + floor, before[1][1] + floor
    opens = not text[floor:start].strip(" ,-–—*•")
    same_clause = not CLAUSE_BREAK.search(text, end, cue.start) and not re.search(
        r"[A-Za-z]", text[end : cue.start].replace("then", "")
    )
    return (before[0], (start, end)) if opens or same_clause else None


def _cut(text: str, due: tuple[DueDate, tuple[int, int]] | None) -> str:
    """The text without its due phrase ("before Friday's meeting" goes whole)."""
    if not due:
        return text
    start, end = due[1]
    rest = re.sub(r"^['’]s\s+\w+", "", text[end:])
    return text[:start] + " " + rest


def _perspective(ctx: _Context, speaker_me: bool) -> str:
    # Whose "you" is it: in my own words, the counterpart; in theirs, me.
    return "outbound" if speaker_me else "inbound"


def _accepted(sents: list[Sentence], index: int, ctx: _Context, speaker_me: bool) -> FoundPromise | None:
    """A bare acceptance ("Sure.", "Happy to.") of an earlier request."""
    s = sents[index]
    m = ACCEPT.match(s.text)
    if not m or s.text.rstrip().endswith("?"):
        return None
    rest = s.text[m.end() :]
    if cues.NEGATION.match(rest.lstrip(" ,!.—-")) or re.search(r"\bbut\b", rest, re.IGNORECASE):
        return None
    req = _request(sents, index, ctx, s.speaker, "")
    if req is None:
        return None
    owner = "me" if speaker_me else "them"
    counterpart = ctx.counterpart(None, owner, s, speaker_me)
    req_due = ctx.due(req[0])
    action = normalize(_cut(req[0], req_due), direction=_perspective(ctx, speaker_me), counterpart=counterpart)
    if not action or not _first_word_ok(action):
        return None
    found = ctx.due(s.text) or req_due
    words = m.group()
    return FoundPromise(
        owner,
        counterpart,
        action,
        found[0] if found else None,
        s.text,
        (s.start, s.end),
        words,
        _why(owner, words, "accepting a request"),
    )


def _todo(sentence: str) -> int | None:
    """Where an imperative to-do in my own note starts, if it names its person
    ("Send Ken the deck Thursday", "Note to self: send Ken the deck"), else None."""
    label = TASK_LABEL.match(sentence)
    start = label.end() if label else 0
    text = sentence[start:]
    if not IMPERATIVE.match(text) or "?" in text or NOT_A_TASK.search(text):
        return None
    if len(text.split()) > TASK_MAX_WORDS:
        return None
    m = TASK_NAME.match(text)
    if not m or m["name"] in cues.NOT_PEOPLE:
        return None
    # "Book flights to Denver" is an errand; "Book a table for Ines" is for someone.
    name = re.escape(m["name"])
    if ERRAND.match(text) and not re.search(rf"^\S+\s+{name}\b|\b(?:for|with)\s+{name}\b", text):
        return None
    return start


def find_promises(
    text: str,
    *,
    base: date,
    author: str = "me",
    counterparts: Sequence[str] = (),
    vague_days: int = 14,
    direction: str = "outbound",
) -> list[FoundPromise]:
    """The commitments in a note or message, in order of appearance."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
    ctx = _Context(base, author or "me", counterparts, vague_days, direction)
    if not text or looks_binary(text):
        return []  # binary data holds no promises (docs/promises.md, "Bad input")
    sents = sentences(text)
    out_of_office = bool(cues.OUT_OF_OFFICE.search(text or "", 0, 2000))
    out: list[FoundPromise] = []
    last = -2  # index of the sentence that gave out[-1]
    for i, s in enumerate(sents):
        if s.quoted:
            continue
        speaker_me = ctx.speaker_is_me(s.speaker)
        found_cues = [c for c in _cues(s.text) if not c.item or s.bullet or ctx.match_name(c.subject or "")]
        found_cues = _with_coordinated(s.text, found_cues, ctx)
        if not found_cues and s.speaker is not None and IMPERATIVE.match(s.text) and "?" not in s.text:
            # "Me: draft the terms by 12/4" is mine; "- Nora: find a caterer" is Nora's
            # action item (a bullet); an unbulleted chat line by them may be a request.
            if speaker_me:
                found_cues = [_Cue(0, 0, "self")]
            elif s.bullet:
                found_cues = [_Cue(0, 0, "other", s.speaker)]
        elif not found_cues and speaker_me and s.speaker is None and (start := _todo(s.text)) is not None:
            found_cues = [_Cue(start, start, "self")]
        found: list[FoundPromise] = []
        for cue in found_cues:
            p = _build(sents, i, cue, found_cues, ctx, speaker_me)
            if p is None:
                continue
            before = found[-1] if found else (out[-1] if out and last == i - 1 else None)
            if before and before.owner == p.owner and (ANAPHORIC.match(p.action) or EXPECT.search(p.cue)):
                if before.due is None and p.due is not None:
                    merged = replace(before, due=p.due)
                    if found:
                        found[-1] = merged
                    else:
                        out[-1] = merged
                continue
            if out_of_office and cues.REPLY_ACTION.match(p.action):
                continue  # "I'm out until Monday and will reply when I'm back"
            found.append(p)
        if not found and (p := _accepted(sents, i, ctx, speaker_me)):
            found = [p]
        if found:
            last = i
        out.extend(found)
    if not out:
        out = _bare_acceptance(sents, ctx)
    return out


def _bare_acceptance(sents: list[Sentence], ctx: _Context) -> list[FoundPromise]:
    """ "On it." alone: a promise to do what was asked, when nothing else says what."""
    for s in sents:
        if s.quoted or not STRONG_ACCEPT.match(s.text.strip()):
            continue
        speaker_me = ctx.speaker_is_me(s.speaker)
        owner = "me" if speaker_me else "them"
        words = s.text.strip(" .!")
        counterpart = ctx.counterpart(None, owner, s, speaker_me)
        why = _why(owner, words, "agreeing to what was asked")
        return [FoundPromise(owner, counterpart, "do what was asked", None, s.text, (s.start, s.end), words, why)]
    return []
