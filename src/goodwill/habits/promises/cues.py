"""The cue phrases that mark a commitment, and the words that cancel one.

A cue says who speaks for the commitment ("self" = the speaker's own
"I'll", "other" = a third person or "you", "joint" = "let's"/"we'll"); the
finder maps that to me/them/both using the speaker and mail direction.
All patterns are plain alternations with bounded gaps: linear time.
"""

from __future__ import annotations

import re

A = r"['’]"  # straight or curly apostrophe
WOULD = rf"(?:{A}d|\s+would|{A}ll|\s+will)"
PRONOUN = r"(?:she|he|they)"
COMMIT_VERB = r"(?:promised|committed|agreed|offered|volunteered|undertook)"
REPORT_VERB = (
    r"(?:said|says|told\s+(?:me|us|him|her|them|\w+)|mentioned|confirmed|assured\s+(?:me|us|\w+)|promised\s+(?:me|us))"
)

# People and groups that act for a side: "my assistant", "our legal team", "their GC".
TEAM = (
    r"(?:team|teams|assistant|EA|PA|office|colleague|coworker|co-worker|associate|analyst|partner|partners|manager|"
    r"boss|lawyer|lawyers|attorney|counsel|GC|paralegal|accountant|accountants|bookkeeper|firm|company|department|"
    r"staff|folks|crew|group|side|desk|coordinator|recruiter|secretary|admin|rep|representative|agent|advisor|"
    r"adviser|consultant|engineer|engineers|designer|intern|CFO|CEO|CTO|COO|CMO|VP|director|controller|"
    r"legal|finance|billing|procurement|HR|ops|support|[Hh]ead)"
)
TEAM_SUBJECT = r"(?:[\w-]+\s+){0,2}?TEAM(?:\s+of\s+[A-Z]?\w+)?(?:\s+(?:team|teams|department|group|office|desk|staff))?(?:,?\s+NAME(?:\s+NAME)?,?)?"
SIDE_WILL = (
    rf"(?:{A}ll|\s+will|\s+shall|\s+(?:is|are)\s+going\s+to|{A}s\s+going\s+to"
    rf"|\s+(?:has\s+|have\s+|also\s+|just\s+)?{COMMIT_VERB}(?:\s+(?:me|us|to\s+me))?\s+to"
    rf"|\s+{REPORT_VERB}(?:\s+that)?\s+(?:{PRONOUN}|we|I)(?:{WOULD}|\s+(?:is|was|were|are)\s+going\s+to))"
)
# Verbs that deliver: "I can get the NDA back to you by Monday" (only with timing).
CAN_VERB = (
    r"(?:get|have|send|turn|deliver|share|return|forward|circulate|email|draft|prepare|put|provide|pull|ship|"
    r"courier|drop|bring|introduce|intro|book|arrange|sign|finish|complete|review|wrap|do\s+(?:it|that|this))"
)
# A thing handed over: "The engagement letter", "W-9".
THING = r"(?:[Tt]he|[Oo]ur|[Mm]y|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Aa]n?|[Yy]our)\s+(?:[\w-]+\s+){0,4}?[\w-]+"
PARTICIPLE = r"(?:[a-z]+ed|sent|done|written|given|brought|made|paid|put|taken|drawn|shown|kept|held|set|sold|left)"

# An offer thanked for but declined or already carried out: "..., but we're all set", "... last week".
THANKS_DONE = r"[^.!?]*\b(?:but|last|yesterday|ago|earlier|already)\b"

# The writer's own "I": capital, or lower case in chat ("i'll").
I = r"\b[Ii]"  # noqa: E741 - the regex piece reads as the word it matches
# A promise reported after the fact is still open: "Promised Mei I'd send ...".
TOLD = r"(?:promised|told|assured|reassured)"
SELF_CUES = [
    rf"{I}(?:{A}ll|\s+will|\s+shall|(?=\s+won{A}t\s+(?:REFRAIN)\b))\b",
    rf"{I}(?:{A}m|\s+am)\s+(?:going\s+to|gonna)\b",
    rf"{I}(?:\s+have|{A}ve|\s+had|\s+just|\s+already)?\s+{COMMIT_VERB}(?:\s+(?:him|her|them|you|NAME))?\s+(?:to|(?:that\s+)?I{WOULD})\b",
    rf"{I}\s+{REPORT_VERB}(?:\s+that)?\s+I{WOULD}\b",
    rf"^(?:[Aa]lso\s+|[Aa]nd\s+)?(?:[Pp]romised|[Tt]old|[Aa]ssured|[Oo]ffered|[Cc]ommitted|[Ss]aid)(?:\s+(?:him|her|them|you|NAME)(?:\s+NAME)?)?\s+(?:that\s+)?I{WOULD}",
    rf"{I}\s+promise\s+(?:to|(?:that\s+)?I{WOULD})\b",
    # A department named bare is the writer's own: "Legal will send over the redlines".
    rf"^(?:[Ll]egal|[Ff]inance|[Bb]illing|[Pp]rocurement|HR|[Oo]ps|[Aa]ccounting|[Cc]ompliance|IT|[Tt]reasury|[Pp]ayroll)"
    rf"(?:\s+(?:team|department|dept))?{SIDE_WILL}\b",
    # The writer's side: "My assistant, Laura, will", "Our legal team will", "My colleague and I will".
    rf"\b(?:[Mm]y|[Oo]ur)\s+{TEAM_SUBJECT}\s+and\s+I{SIDE_WILL}\b",
    rf"\b(?:[Mm]y|[Oo]ur)\s+{TEAM_SUBJECT}{SIDE_WILL}\b",
    # Weak forms count only with timing: "I can get it to you by Monday", "Should have it to you by Wednesday",
    # "Happy to send it over by Friday".
    rf"(?:^|{I}{A}m\s+|{I}\s+am\s+|{I}{A}d\s+be\s+|\b[Ww]e{A}re\s+|\b[Ww]e\s+are\s+|\b[Ww]e{A}d\s+be\s+)"
    r"(?:[Hh]appy|[Gg]lad|[Dd]elighted)\s+to\s+(?=(?:SOCIAL|jump|hop)\b)(?P<needs_due>)",
    # Plans said as plans: "I plan to send the draft next week", "We're aiming to ship on Thursday".
    rf"(?:{I}\s+|\b[Ww]e\s+)(?:plan|intend|aim)\s+to\b(?P<needs_due>)",
    rf"(?:{I}{A}m|{I}\s+am|\b[Ww]e{A}re|\b[Ww]e\s+are)\s+(?:aiming|planning|intending|looking)\s+to\b(?P<needs_due>)",
    rf"{I}\s+can\s+(?={CAN_VERB}\b)(?!get\s+(?:there|here|home|in|away|off|out)\b|have\s+(?:lunch|coffee|dinner|breakfast|drinks))"
    r"(?P<needs_due>)",
    rf"(?:{I}\s+|^)[Ss]hould\s+(?:be\s+able\s+to\b|(?=have\s+(?:it|this|that|them|the|a|an|my|our|your|some)\b))(?P<needs_due>)",
    r"\b[Ww]e\s+should\s+(?:be\s+able\s+to\b|(?=have\s+(?:it|this|that|them|the|my|our|your|some)\b))(?P<needs_due>)",
    # "Leave the scheduling to me" / "leave it with me".
    r"\b[Ll]eave\s+(?P<np>it|that|this|(?:the|those|these|all\s+the)\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:to|with)\s+me\b",
    # Passive, by us: "The revised invoice will be issued by our billing team".
    rf"(?:^|(?<=[,;:]\s))(?P<np>{THING})\s+will\s+be\s+(?P<pp>{PARTICIPLE})\s+(?:(?:over|out|back|across|to\s+you)\s+)?"
    rf"by\s+(?:us|me|(?:our|my)\s+{TEAM_SUBJECT})\b",
    r"\b[Ii](?:\s+still)?\s+(?:need|have|got)\s+to\b(?=\s+(?:SOCIAL)\b)",
    r"\b[Ii]\s+must\b(?=\s+(?:SOCIAL)\b)",
    # "I owe you an intro", "I promised you a summary": read as "owe a summary".
    r"\b[Ii]\s+(?:promised\s+)?(?=(?:owe\s+)?(?:you|him|her|them|NAME)\s+(?:a|an|one|my|the|some)\b"
    r"(?!\s+(?:big\s+|huge\s+|proper\s+|real\s+)?(?:thank|thanks|apology|favou?r|debt|lot|ton)\b))",
    r"\b[Ii]\s+(?=owe\s+(?:you|him|her|them|NAME)\s+(?!(?:a\s+|an\s+|one\s+|big\s+|huge\s+|proper\s+|real\s+)*"
    r"(?:thank|thanks|apology|apologies|favou?r|favou?rs|debt|lot|ton|one|drink|beer|coffee|lunch|dinner)\b)[a-z])",
    r"\b[Ll]et\s+me\s+(?!know\b|think\b|see\b|guess\b|say\b|be\b|explain\b|ask\b|start\b|begin\b|introduce\s+myself\b|tell\s+you\s+about\b|just\s+say\b|check\s+my\s+calendar\b)",
    # Note style without a subject: "Will send the deck by Friday", "ok will do".
    r"(?:^|(?<=[,;:(—–!])\s*|(?<=\s[-–—])\s*|(?<=\band\s)|(?<=\bthen\s)|(?<=\bso\s))"
    r"(?:(?:[Oo]k(?:ay)?|[Ss]ure|[Yy]es|[Yy]ep|[Yy]eah|[Yy]up|[Kk]|[Nn]p|[Dd]ef(?:initely)?|[Cc]ool)[,!.]?\s+)?"
    r"[Ww]ill\s+(?=(?:also\s+|definitely\s+)?[a-z])(?!you\b|he\b|she\b|they\b|we\b|it\b|this\b|that\b|there\b|i\b|be\s+(?:in|at|out|away|off|on|back|travel|busy|late|around)\b)",
    r"^(?:[Aa]lso\s+|[Ss]till\s+|[Tt]hen\s+)?(?:[Pp]romised|[Oo]ffered|[Cc]ommitted|[Vv]olunteered|[Nn]eed|[Hh]ave|[Gg]otta|[Gg]oing)\s+to\b(?=\s+(?:SOCIAL)\b)",
    r"^(?:[Aa]lso\s+|[Ss]till\s+)?[Mm]ust\b(?=\s+(?:SOCIAL)\b)",
    # Meeting-note action items that name me: "Me to send ...", "Action items (me): send ...".
    r"^(?:[Mm]e|I)\s+to\b(?=\s+(?:SOCIAL)\b)",
    r"^(?:[Oo]wner|AI|[Aa]ction)\s*:\s*(?:me|I)\s*[-–—:]\s*(?=(?:SOCIAL)\b)",
    r"^(?:[Gg]onna|[Gg]oing\s+to)\s+(?=(?:SOCIAL)\b)",
    r"^(?:[Aa]ction\s+items?|AIs?|[Tt]o-?[Dd]os?|TODO|[Nn]ext\s+steps?|[Ff]ollow[-\s]?ups?)\s*(?:\(\s*(?:me|mine|I)\s*\)\s*)?:\s*(?=(?:SOCIAL)\b)",
    r"^[Aa]ctions?\s*\(\s*(?:me|mine|I)\s*\)\s*:\s*(?=(?:SOCIAL)\b)",
    # "Sending the deck tonight" / "will do! sending it now": a chat promise.
    # Only with an object and some timing: "Calling him was a mistake" is no promise.
    r"(?:^|(?<=[,;:!]\s))(?=(?:[Ss]ending|[Ff]orwarding|[Ee]mailing|[Tt]exting|[Ss]haring|[Cc]alling|[Pp]inging|[Bb]ooking|[Ww]riting)"
    r"\s+(?:it|them|this|that|the|my|a|an|you|him|her|over)\b"
    r"(?=[^.!?]{0,80}\b(?:now|today|tonight|tomorrow|later|shortly|in\s+a|this|next|by|first\s+thing|asap|over\s+the)\b))",
]
# In mail written to the counterpart, "you'll have it Friday" is the writer's promise.
SELF_YOU_CUES = [
    # "Expect the first draft on Friday", "... — expect it in your inbox by 5" (only with timing).
    rf"(?:^|(?<=[,;:]\s)|(?<=[—–-]\s)|\b[Yy]ou\s+(?:can|should|may)\s+|\b[Yy]ou{A}ll\s+|\b[Pp]lease\s+)"
    r"(?:(?:[Yy]es|[Ss]ure|[Oo]k(?:ay)?|[Ss]o)[,!.]?\s+)?[Ee]xpect\s+"
    r"(?=(?:it|this|that|them|the|a|an|my|our)\b)(?P<needs_due>)",
    # "The final version will be with you by Thursday", "W-9 coming shortly".
    rf"(?:^|(?<=[,;:]\s))(?P<np>{THING})\s+will\s+be\s+(?:with\s+you|in\s+your\s+(?:inbox|hands)|on\s+your\s+desk)\b",
    r"^(?!(?:I|We|You|He|She|They|It|Winter|Spring|Summer|Autumn|Fall|Christmas|Help)\b)(?P<np>(?:[\w-]+\s+){0,3}?[\w-]+)"
    r"(?<!vibes)(?<!thoughts)(?<!love)(?<!luck)(?<!wishes)(?<!hugs)(?<!prayers)(?<!cheers)"
    r"\s+(?:is\s+|are\s+|will\s+be\s+)?(?:coming|headed|heading)\s+(?:your\s+way|to\s+you|over)\b",
    # "Minutes to follow by Friday", "Invoice to follow."
    # Only at the end of the clause or before its timing: "the steps to follow are below" is no delivery.
    r"^(?!(?:I|We|You|He|She|They|It|More\s+on|Details\s+of)\b)(?P<np>(?:[\w-]+\s+){0,3}?[\w-]+)\s+to\s+follow\b"
    r"(?=\s*(?:[.!,;:—–-]|$)|\s+(?:by|on|in|next|this|tomorrow|today|tonight|shortly|soon|later|early|first|separately|under|via)\b)",
    rf"\b[Yy]ou{A}ll(?=\s+(?:have|get|receive)\s+(?:it|this|that|them|the|my|our|a|an|some)\b)",
    rf"\b[Yy]ou{A}ll(?=\s+hear\s+(?:back\s+)?from\s+(?:me|us|(?:my|our)\s+{TEAM_SUBJECT})\b)",
]
OTHER_CUES = [
    rf"\b(?P<subj>[Ss]he|[Hh]e|[Tt]hey|(?:[Hh]er|[Hh]is|[Tt]heir)\s+TEAMSUBJ"
    rf"|NAME(?:\s+NAME)?(?:{A}s\s+(?:team|assistant|office|EA|colleague|boss|lawyer))?)"
    rf"(?:{A}ll|\s+will|\s+(?:is|are)\s+going\s+to|{A}(?:s|re)\s+going\s+to"
    rf"|\s+(?:has\s+|had\s+|also\s+|just\s+)?{COMMIT_VERB}(?:\s+(?:me|us|to\s+me))?\s+(?:to|(?:that\s+)?{PRONOUN}{WOULD})"
    rf"|\s+{REPORT_VERB}(?:\s+that)?\s+{PRONOUN}(?:{WOULD}|\s+(?:is|was|were|are)\s+going\s+to)"
    r"|\s+(?:still\s+)?(?:needs|has)\s+to(?=\s+(?:SOCIAL))|\s+owes\s+(?:me|us)\b)\b",
    # Action items: "- Nadia to send pricing by Dec 1".
    # Only on a bullet line or for a known counterpart: "Lovely to catch up" is no one.
    r"^(?P<item>)(?P<subj>NAME(?:\s+NAME)?)(?:\s*\([^()]{1,30}\))?\s+to\b(?=\s+(?:SOCIAL)\b)",
    r"^(?:[Oo]wner|AI|[Aa]ction)\s*:\s*(?P<subj>NAME)\s*[-–—:]\s*(?=(?:SOCIAL)\b)",
]
YOU_CUES = [
    # Passive, by the reader's side: "The invoice will be paid by your finance team".
    rf"(?:^|(?<=[,;:]\s))(?P<np>{THING})\s+will\s+be\s+(?P<pp>{PARTICIPLE})\s+(?:(?:over|out|back|across)\s+)?"
    rf"by\s+(?:you|your\s+{TEAM_SUBJECT})\b",
    # "your team will prepare the draft": the reader's side.
    rf"\b[Yy]our\s+{TEAM_SUBJECT}{SIDE_WILL}\b",
    # Thanks for an offer not yet carried out binds the one who offered.
    r"\b(?:[Tt]hanks|[Tt]hank\s+you|[Aa]ppreciate\s+(?:it|you|that|your)|[Gg]rateful)\s+(?:so\s+much\s+|again\s+|very\s+much\s+)?"
    r"(?:for\s+)?(?:you\s+)?(?:offering|agreeing|volunteering|promising|committing)\s+to\b(?!THANKS_DONE)",
    r"\b(?:[Tt]hanks|[Tt]hank\s+you|[Aa]ppreciate\s+(?:it|you|your))\s+(?:for\s+)?(?:you\s+)?taking\s+(?:on\s+)?(?:the\s+|this\s+|that\s+)?"
    r"(?:action\s+item|lead|task|ownership)\s+(?:to|on|of|for)\b(?!THANKS_DONE)",
    # "you're owning the interviews", "you're handling the catering".
    rf"\b(?=(?P<w>[Yy]ou(?:{A}re|\s+are)\s+(?:owning|handling|leading|driving|covering|taking\s+(?:care|on|the\s+lead))\b))"
    rf"[Yy]ou(?:{A}re|\s+are)\s+",
    rf"\b[Yy]ou(?:{A}ll|\s+will|\s+(?:are|{A}re)\s+going\s+to|\s+(?:have\s+|just\s+)?(?:promised|agreed|offered)\s+to|\s+(?:said|mentioned|told\s+(?:me|us)|promised(?:\s+(?:me|us))?)(?:\s+that)?\s+you{WOULD})\b",
]
JOINT_CUES = [
    # "Jane and I will ...": both of us.
    rf"\b(?P<subj>NAME|[Ss]he|[Hh]e|[Yy]ou|[Mm]e)\s+and\s+(?:I|me)(?:{A}ll|\s+will|\s+(?:are|{A}re)\s+going\s+to|\s+(?:have\s+)?(?:agreed|decided|promised|planned)\s+to|\s+(?:need|plan|ought)\s+to|\s+should|\s+must|\s+can(?=\s+(?:JOINT)\b))\b",
    # Proposals: "How about we hop on a call tomorrow?"
    rf"\b(?:[Hh]ow|[Ww]hat)\s+about\s+we\b|\b[Ww]hy\s+don{A}t\s+we\b|\b[Ww]hy\s+not\b(?=\s+(?:JOINT)\b)",
    # Notes about meeting someone: "sync w/ Omar on pricing", "Jointly with Sam: finalize the rubric".
    r"^(?:[Jj]ointly|[Tt]ogether)\s+with\s+NAME(?:\s+NAME)?\s*:\s*(?=(?:SOCIAL)\b)",
    r"^(?=(?P<w>(?:[Ss]ync|[Cc]atch\s+up|[Mm]eet|[Ll]unch|[Cc]offee|[Dd]inner|[Dd]rinks|[Cc]all|[Cc]hat|[Tt]ouch\s+base|"
    r"[Gg]rab\s+(?:a\s+)?(?:coffee|lunch|dinner|drinks?)|[Mm]eeting)\s+(?:up\s+)?(?:w/|with)\s+NAME))(?P<needs_due>)",
    rf"\b[Ll]et{A}?s\b(?!\s+(?:see|hope|say|not|face\s+it|be\s+honest|assume|wait\s+and\s+see|just\s+say|pretend)\b)",
    r"\b[Ll]et\s+us\b(?!\s+know\b)",
    rf"\b[Ww]e(?:{A}ll|\s+will|\s+shall|(?=\s+won{A}t\s+(?:REFRAIN)\b)|(?:\s+are|{A}re)\s+going\s+to|\s+(?:need|have|ought|got)\s+to|\s+must"
    rf"|\s+(?:have\s+|{A}ve\s+|both\s+|all\s+)?(?:agreed|decided|promised|committed|planned)\s+to|\s+said\s+we{WOULD})\b",
    r"\b[Ww]e\s+(?:really\s+)?should\b(?=\s+(?:really\s+|both\s+|all\s+)?(?:JOINT|do)\b)",
    r"^(?:[Aa]greed|[Dd]ecided|[Pp]lan(?:ned)?|[Pp]romised)\s+to\b(?=\s+(?:JOINT))",
]

# Verbs that owe something to someone (for "need to", "X to ...", labels).
SOCIAL = (
    r"send|call|email|e-mail|intro|introduce|share|forward|follow|get|reply|respond|write|ping|"
    r"text|reach|connect|review|return|pay|thank|book|schedule|set|loop|put|pass|check|look|"
    r"find|draft|prepare|update|confirm|arrange|organi[sz]e|host|buy|bring|deliver|provide|"
    r"submit|sign|read|recommend|refer|mention|invite|reimburse|cover|make|mail|drop|circle|"
    r"touch|give|lend|show|tell|let|ask|talk|speak|chat|meet|visit|grab|have|do|sync|catch|"
    r"reconnect|nudge|remind|dig|pull|put|post|publish|proofread|edit|fix|help|sort|route|"
    r"flag|walk|hook|line|vouch|endorse|write|record|note|order|ship|circulate|raise|compile|collect|"
    r"gather|research|investigate|prep|chase|nominate|interview|mentor|coach|sponsor|finali[sz]e|deliver"
)
# Promises to refrain: "I won't share the numbers", "we will not sign until we speak".
REFRAIN = (
    r"share|tell|disclose|mention|forward|sign|contact|circulate|publish|post|proceed|commit|reveal|release|"
    r"sell|discuss|pass|reach\s+out|move\s+forward|go\s+ahead|approach|repeat|quote|cc|name"
)
# Things done together: "let's have lunch", "we should catch up".
JOINT = (
    r"meet|catch\s+up|have|grab|get|do\s+(?:lunch|coffee|dinner|drinks)|reconnect|talk|"
    r"speak|chat|sync|touch\s+base|regroup|follow\s+up|set\s+up|go\s+for|find\s+(?:a\s+)?time|"
    r"schedule|plan|circle\s+back|hop\s+on|jump\s+on|get\s+together|play|work|try|keep|stay"
)


# A capitalised name, accents included ("Björn", "Zoë", "Émile").
NAME = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+"


def _compile(patterns: list[str]) -> list[re.Pattern[str]]:
    # Case-sensitive: a capital marks a name ("Jane will"), so "myself" is not one.
    return [
        re.compile(
            p.replace("THANKS_DONE", THANKS_DONE)
            .replace("REFRAIN", REFRAIN)
            .replace("TEAMSUBJ", TEAM_SUBJECT)
            .replace("TEAM", TEAM)
            .replace("SOCIAL", SOCIAL)
            .replace("JOINT", JOINT)
            .replace("NAME", NAME)
        )
        for p in patterns
    ]


# Words one of which a sentence must hold (lower case, straight apostrophe) before a
# cue pattern is tried at all: most sentences hold no cue, and a substring test is
# far cheaper than a regex scan. () = always tried. One entry per pattern above.
SELF_NEEDLES: list[tuple[str, ...]] = [
    ("'ll", " will", " shall", "won't"),
    ("going to", "gonna"),
    ("promised", "committed", "agreed", "offered", "volunteered", "undertook"),
    ("said", "says", "told", "mentioned", "confirmed", "assured", "promised"),
    ("promised", "told", "assured", "offered", "committed", "said"),
    ("promise",),
    (),
    ("my", "our"),
    ("my", "our"),
    ("happy to", "glad to", "delighted to"),
    ("plan to", "intend to", "aim to"),
    ("aiming to", "planning to", "intending to", "looking to"),
    ("can",),
    ("should",),
    ("should",),
    ("leave",),
    ("will be",),
    ("need", "have", "got"),
    ("must",),
    ("owe", "promised"),
    ("owe",),
    ("let me",),
    ("will",),
    ("promised", "offered", "committed", "volunteered", "need", "have", "gotta", "going"),
    ("must",),
    ("me to", "i to"),
    (":",),
    ("gonna", "going to"),
    (":",),
    ("action",),
    ("sending", "forwarding", "emailing", "texting", "sharing", "calling", "pinging", "booking", "writing"),
]
SELF_YOU_NEEDLES: list[tuple[str, ...]] = [
    ("expect",),
    ("will be",),
    ("coming", "headed", "heading"),
    ("to follow",),
    ("you'll",),
    ("you'll",),
]
OTHER_NEEDLES: list[tuple[str, ...]] = [
    ("'ll", " will", "going to", "promised", "committed", "agreed", "offered", "volunteered", "undertook")
    + ("said", "says", "told", "mentioned", "confirmed", "assured", "needs", "has to", "owes"),
    (" to ",),
    (":",),
]
YOU_NEEDLES: list[tuple[str, ...]] = [
    ("will be",),
    ("your",),
    ("thank", "appreciate", "grateful"),
    ("taking",),
    ("you",),
    ("you",),
]
JOINT_NEEDLES: list[tuple[str, ...]] = [
    (" and i", " and me"),
    ("about we", "don't we", "why not"),
    ("with",),
    ("with", "w/"),
    ("let",),
    ("let us",),
    ("we",),
    ("should",),
    ("to",),
]
for _cues, _needles in [
    (SELF_CUES, SELF_NEEDLES),
    (SELF_YOU_CUES, SELF_YOU_NEEDLES),
    (OTHER_CUES, OTHER_NEEDLES),
    (YOU_CUES, YOU_NEEDLES),
    (JOINT_CUES, JOINT_NEEDLES),
]:
    assert len(_cues) == len(_needles), "one needle entry per cue pattern"

SELF = _compile(SELF_CUES)
SELF_YOU = _compile(SELF_YOU_CUES)
OTHER = _compile(OTHER_CUES)
YOU = _compile(YOU_CUES)
JOINT_RE = _compile(JOINT_CUES)

DETERMINERS = frozenset("The the A a An an This this That that These these Those those Your your".split())

# Capitalized words that look like a subject but are not a person.
NOT_PEOPLE = frozenset(
    """
I It This That There Here What Which Who Whom Whose Where When Why How Someone Somebody
Nobody Everyone Everybody Anyone Anybody Nothing Everything Something Anything Maybe
Hopefully Probably Perhaps Then Also So And But Or If Next Now Today Tomorrow Tonight Monday
Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
August September October November December Time Things Price Prices Rates Market Markets
Traffic Weather Deal Project Launch Meeting Call Email Team Office Report Deck Contract We You
Let Lets Sure Yes No Ok Okay Thanks Great Good Happy Glad Will Just Please Not
Asked Ask Wanted Want Told Tell Reminded Remind Expected Needed Begged Pinged Emailed Called
Texted Urged Pushed Nudged Got Get Invited Encouraged Convinced Helped Hoping Trying Waiting
Update Note Notes Action Next Follow Agreed Decided Plan Promised Need Dear Hi Hello Hey
Legal Finance Billing Procurement HR Ops Accounting Compliance IT Treasury Payroll
""".split()
)

# First words of an action that owe nobody anything, or are not actions.
NON_COMMIT = frozenset(
    """
see think guess miss hate love like enjoy need want feel know understand appreciate remember
forget wait probably likely sleep survive win lose fly travel head arrive land leave stay move
start retire relocate work hear bet admit say be never not no always still soon be turn
continue decline withdraw resign grow expand increase decrease launch announce hire rise remain become happen
improve succeed fail
""".split()
)
# "I'll be sending" is a promise, "she'll be travelling" is not: only social -ing verbs.
BE_OK = re.compile(
    r"^be\s+(?:in\s+touch|sure\s+to|happy\s+to|glad\s+to|back\s+in\s+touch|"
    r"(?:send|call|email|forward|follow|get|introduc|shar|writ|check|look|review|book|ping|text|"
    r"reach|circl|connect|drop|pass|put|set|mak|bring|pay)ing\b)",
    re.IGNORECASE,
)
HAVE_OK = re.compile(
    r"^have\s+(?:it|this|that|them|the|my|our|one|someone|somebody|one\s+of|an?\s+(?:call|chat|look|word|draft|proposal|answer|update|decision|intro)|lunch|coffee|dinner|drinks|breakfast|a\s+drink|something)\b",
    re.IGNORECASE,
)
# "I'll have Sarah send you the deck": someone on my side does it.
HAVE_SOMEONE = re.compile(rf"^have\s+{NAME}(?:\s+{NAME})?\s+(?:{SOCIAL})\b")
GO_OK = re.compile(r"^go\s+(?:over|through|ahead|for)\b", re.IGNORECASE)
TAKE_OK = re.compile(
    r"^take\s+(?:(?:a|the)\s+(?:first\s+|quick\s+|second\s+|final\s+|closer\s+|proper\s+|fresh\s+)?(?:look|stab|pass|crack|swing|lead)"
    r"|care|on|over|notes|ownership|charge|you|him|her|them|(?:it|this|that)\s+(?:from\s+here|on|over)"
    r"|(?:a|some|the)\s+(?:day|few\s+days|week|moment|beat|minute)\s+to)\b",
    re.IGNORECASE,
)
# "turn comments around within a day" owes something; "turn 45" does not.
TURN_OK = re.compile(
    r"^turn\s+(?!\d|(?:into|out|down|off|on|up|to|a|an|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|\w+teen)\b)\S",
    re.IGNORECASE,
)
PASS_OK = re.compile(r"^pass\s+(?!on\s+(?:this|that|it)\b)\S", re.IGNORECASE)

# Hedges and conditionals anywhere in the clause; "if that works" is politeness.
POLITE = re.compile(
    r"\bif\s+(?:that|this|it)\s+(?:works|helps|is\s+(?:ok|okay|alright|fine)|{A}s\s+(?:ok|okay|alright|fine))"
    r"|\bif\s+(?:you|that)\s+don{A}t\s+mind|\beven\s+if\b|\bas\s+if\b|\bif\s+(?:all\s+)?goes\s+well".replace("{A}", A),
    re.IGNORECASE,
)
HEDGE_ANY = re.compile(
    r"\b(?:if|unless|in\s+case|assuming|provided\s+that|depending\s+on|maybe|perhaps|possibly|"
    r"probably|hopefully|might|whether\s+or\s+not|not\s+sure|no\s+promises)\b",
    re.IGNORECASE,
)
HEDGE_BEFORE = re.compile(
    rf"\b(?:could|would|may|don{A}t\s+think|doubt|unsure|wish|hope|not\s+certain|can{A}t\s+promise|no\s+idea"
    r"|think|guess|suppose|reckon|expect|imagine|bet|believe|heard|sounds\s+like|seems|rumou?r)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(
    rf"^\s*(?:not|never|won{A}t|no\s+longer|no\b(?!\s+later\s+than)|n{A}t|unable|can{A}?t|cannot)", re.IGNORECASE
)

# Errands that owe nobody anything: "I'll get the flu shot next week".
SELF_CARE = re.compile(
    r"^(?:get|have|book|do)\s+(?:a|an|the|my)\s+(?:flu\s+shot|haircut|vaccine|vaccination|booster|check-?up|"
    r"physical|massage|dentist\s+appointment|eye\s+test|nap|rest|workout)\b|^(?:get|have)\s+some\s+(?:sleep|rest)\b",
    re.IGNORECASE,
)
# Out-of-office notices promise nothing personal: "will reply when I'm back".
OUT_OF_OFFICE = re.compile(
    r"\b(?:out\s+of\s+(?:the\s+)?office|I{A}m\s+(?:out|away|off)\s+(?:until|till|through)|on\s+(?:leave|vacation|holiday)\s+(?:until|till|through)"
    r"|limited\s+access\s+to\s+(?:e-?mail|my\s+inbox))".replace("{A}", A),
    re.IGNORECASE,
)
REPLY_ACTION = re.compile(r"^(?:reply|respond|get\s+back|answer|return)\b", re.IGNORECASE)
# The promise was kept already: "..., and I did."
DONE = re.compile(
    r"(?:,\s*|\s)(?:and|which)\s+(?:I|she|he|they|we)\s+(?:did|have|had|has)(?:\s+(?:done\s+so|since))?\s*[.!]*\s*$"
    r"|\b(?:already\s+)?done\s*[.!]*\s*$",
    re.IGNORECASE,
)
