"""Finding people entered twice: pure matching logic, no Django.

Each person becomes a `Record`. Pairs are only ever compared inside a *block*:
people who share an exact key (an email, an E.164 phone, a LinkedIn profile) or
a name key (family name + first initial, or first name + family initial, with
nicknames folded to one form). That keeps the work close to linear in the size
of the network instead of comparing every pair.

Every pair comes with its evidence and a score from 0 to 100. The pieces of
evidence combine as independent signals (1 - Π(1 - weight)), and a name that
plainly disagrees lowers the score: a shared office phone is not one person.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from urllib.parse import unquote

import phonenumbers
from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from goodwill.habits.name_words import fold as _fold
from goodwill.habits.name_words import name_tokens

# A key shared by more people than this is an office switchboard or a team inbox,
# not an identity: comparing all of them would be quadratic and mostly wrong.
MAX_KEY_GROUP = 12
# More people than this with one and the same name are compared only within
# each organization, so a common name cannot make the run quadratic.
MAX_SAME_NAME = 50
DEFAULT_MIN_SCORE = 50
# How alike first and family names must be to count as a typo of each other (0-100).
FIRST_NAME_CUT = 85
FAMILY_NAME_CUT = 80

WEIGHTS = {
    "email": 0.9,
    "linkedin": 0.9,
    "phone": 0.75,
}

# Common English nicknames, one group a line: cheap, no download. The user's own
# records add more (a card's NICKNAME beside its given name), see `nickname_map`.
NICKNAME_GROUPS = """
robert bob bobby rob robbie bert
william bill billy will willy liam
richard rick ricky dick rich richie
james jim jimmy jamie
john jack johnny jon
jonathan jon jonny nathan
joseph joe joey
michael mike mikey mick
thomas tom tommy
charles charlie chuck chas
christopher chris kit
daniel dan danny
david dave davey
edward ed eddie ted ned
elizabeth liz lizzie beth betty eliza betsy libby
margaret maggie meg peggy marge greta
katherine kate katie kathy kat kay
catherine cathy cate kate katie
jennifer jen jenny
jessica jess jessie
rebecca becky becca
patricia pat patty trish tricia
susan sue susie suzy
deborah debbie deb
barbara barb barbie
victoria vicky tori
alexandra alex alexa sandra sandy
alexander alex alec sasha xander
andrew andy drew
anthony tony
benjamin ben benny
matthew matt matty
nicholas nick nicky
nicole nikki
samuel sam sammy
samantha sam sammy
stephen steve stevie
steven steve stevie
timothy tim timmy
gregory greg
jeffrey jeff
kenneth ken kenny
lawrence larry
leonard leo len lenny
peter pete
philip phil
raymond ray
ronald ron ronnie
donald don donnie
gerald gerry jerry
harold hal harry
henry hank harry
frederick fred freddie
francis frank frankie
franklin frank
theodore ted teddy theo
zachary zach zack
joshua josh
jacob jake
nathaniel nate nathan
gabriel gabe
abigail abby
allison ally allie
amanda mandy
cynthia cindy
dorothy dot dottie
eleanor ellie nora
frances fran frankie
helen nell
judith judy
kimberley kim
kimberly kim
melissa mel missy
pamela pam
penelope penny
sarah sally
theresa terry tess
valerie val
christina tina chris
christine chris chrissy
""".strip().splitlines()

ORG_SUFFIXES = frozenset(
    "inc incorporated llc ltd limited corp corporation co company gmbh ag plc sa bv llp pc the group".split()
)
_E164 = re.compile(r"^\+\d{6,15}$")
_LINKEDIN = re.compile(r"linkedin\.com/(?:in|pub)/([^/?#\s]+)", re.IGNORECASE)


def nickname_map(extra_pairs: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """Every name in a nickname group maps to the group's first (formal) name.

    `extra_pairs` are (given, nickname) seen in the user's own records."""
    mapping: dict[str, str] = {}
    for line in NICKNAME_GROUPS:
        words = line.split()
        for word in words:
            mapping.setdefault(word, words[0])
    for given, nick in extra_pairs:
        given, nick = _fold(given).strip(), _fold(nick).strip()
        if given and nick and " " not in given and " " not in nick and given != nick:
            mapping.setdefault(nick, mapping.get(given, given))
    return mapping


@lru_cache(maxsize=65536)  # many people share an employer
def org_key(name: str) -> str:
    words = re.sub(r"[^\w\s]", " ", _fold(name).replace("&", " and ")).split()
    return " ".join(w for w in words if w not in ORG_SUFFIXES)


def e164(value: str, region: str) -> str | None:
    """A phone in E.164, read in the user's region when it has no country code."""
    text = (value or "").strip()
    if _E164.match(text):
        return text
    try:
        number = phonenumbers.parse(text, region or "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def linkedin_id(url: str) -> str | None:
    """The profile slug of a LinkedIn URL, whatever its scheme, host or query."""
    match = _LINKEDIN.search(unquote(url or ""))
    return match.group(1).lower().rstrip("/") if match else None


@dataclass(frozen=True)
class Record:
    """What matching needs to know about one person."""

    id: int
    name: str
    given: str = ""
    family: str = ""
    nickname: str = ""
    organization: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # as written or already E.164
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    kind: str  # email, phone, linkedin, name, organization, names-differ
    detail: str
    weight: float


@dataclass
class Pair:
    """Two people who are likely one; `keep` is the older record (lower id)."""

    keep: int
    other: int
    score: int
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class _Prepared:
    record: Record
    tokens: list[str]
    canonical: str  # tokens with the first name folded through the nickname map
    first: str
    last: str
    org: str


def _prepare(record: Record, nicknames: dict[str, str]) -> _Prepared:
    tokens = name_tokens(record.name, record.given, record.family)
    first = nicknames.get(tokens[0], tokens[0]) if tokens else ""
    last = tokens[-1] if len(tokens) > 1 else ""
    canonical = " ".join([first, *tokens[1:]]) if tokens else ""
    return _Prepared(record, tokens, canonical, first, last, org_key(record.organization))


def _exact_keys(record: Record, region: str) -> dict[str, str]:
    """key → what to show as evidence."""
    keys: dict[str, str] = {}
    for email in record.emails:
        value = email.strip().lower()
        if "@" in value:
            keys[f"email:{value}"] = value
    for phone in record.phones:
        number = e164(phone, region)
        if number:
            keys[f"phone:{number}"] = number
    for url in record.urls:
        slug = linkedin_id(url)
        if slug:
            keys[f"linkedin:{slug}"] = f"linkedin.com/in/{slug}"
    return keys


def _name_keys(person: _Prepared) -> list[str]:
    """Blocks for fuzzy names: a typo in one half of a name still shares the other."""
    if not person.first:
        return []
    if not person.last:
        return [f"solo:{person.first}"]
    return [f"last:{person.last}:{person.first[0]}", f"first:{person.first}:{person.last[0]}"]


def _word_similarity(a: str, b: str) -> float:
    """One name word against another: a swapped pair of letters is one slip, not two."""
    if a == b:
        return 100.0
    score = max(fuzz.ratio(a, b), 100 * DamerauLevenshtein.normalized_similarity(a, b))
    if score < FAMILY_NAME_CUT and min(len(a), len(b)) >= 4 and DamerauLevenshtein.distance(a, b) == 1:
        score = float(FAMILY_NAME_CUT)  # one slip in a short name ("Sato"/"Stao") is still a typo
    return score


def name_similarity(a: _Prepared, b: _Prepared) -> float:
    """0-100. First and family names are compared word for word, so "Ava Kowalski"
    and "Adam Kowalski" stay apart; a middle name or initial on one side only, an
    initial for a first name, or a typo in either still comes out close."""
    if not a.canonical or not b.canonical:
        return 0.0
    if a.canonical == b.canonical:
        return 100.0
    if len(a.tokens) > 1 and len(b.tokens) > 1:
        last = _word_similarity(a.last, b.last)
        if _first_names_agree(a, b):
            first = 100.0 if a.first == b.first else 90.0  # "J." for "Jane"
        else:
            first = _word_similarity(a.first, b.first)
        if first == 100 and last == 100:
            # Only middle names differ: one side without is likely the same person,
            # two different middle names ("Maria Lopez Garcia", "Maria Perez Garcia") less so.
            return 85.0 if _middles_conflict(a.tokens[1:-1], b.tokens[1:-1]) else 97.0
        if first < FIRST_NAME_CUT or last < FAMILY_NAME_CUT:
            return min(first, last, FAMILY_NAME_CUT - 1.0)  # not the same name
        return (first + last) / 2
    return float(fuzz.token_sort_ratio(a.canonical, b.canonical))


def _name_evidence(a: _Prepared, b: _Prepared) -> list[Evidence]:
    similarity = name_similarity(a, b)
    if similarity < FAMILY_NAME_CUT:
        return []  # most candidates in a block end here, cheaply
    both_full = len(a.tokens) > 1 and len(b.tokens) > 1
    same_org = same_organization(a.org, b.org)
    differ_org = bool(a.org and b.org) and not same_org
    nick = a.tokens and b.tokens and a.tokens[0] != b.tokens[0] and a.first == b.first
    shown = f"{a.record.name} ~ {b.record.name}"
    if nick:
        shown += f" ({a.tokens[0]} = {b.tokens[0]})"
    evidence: list[Evidence] = []
    if similarity == 100 and both_full and nick:
        # Equal only through a nickname: "Will" and "Liam" are also names of their own.
        weight = 0.7 if same_org else 0.2 if differ_org else 0.35
        evidence.append(Evidence("name", f"same name: {shown}", weight))
    elif similarity == 100 and both_full:
        weight = 0.85 if same_org else 0.35 if differ_org else 0.55
        evidence.append(Evidence("name", f"same name: {shown}", weight))
    elif similarity == 100:
        # A single-word name ("Jane") is weak on its own.
        weight = 0.6 if same_org else 0.2 if differ_org else 0.3
        evidence.append(Evidence("name", f"same name: {shown}", weight))
    elif similarity >= FAMILY_NAME_CUT and both_full and not differ_org:
        weight = (0.75 if same_org else 0.4) * similarity / 100
        evidence.append(Evidence("name", f"similar name ({similarity:.0f}%): {shown}", round(weight, 3)))
    if same_org and evidence:
        evidence.append(Evidence("organization", f"same organization: {a.record.organization}", 0.0))
    return evidence


def same_organization(a: str, b: str) -> bool:
    """Org keys (see `org_key`) naming one employer: equal, a word subset ("google"
    and "google cloud"), or a near spelling of a longer name."""
    if not a or not b:
        return False
    if a == b:
        return True
    words_a, words_b = set(a.split()), set(b.split())
    if words_a <= words_b or words_b <= words_a:
        return True
    return min(len(a), len(b)) >= 8 and fuzz.ratio(a, b) >= 90


def _score(evidence: list[Evidence]) -> int:
    remaining = 1.0
    penalty = 1.0
    for item in evidence:
        if item.kind == "names-differ":
            penalty *= item.weight
        else:
            remaining *= 1.0 - item.weight
    return round(100 * (1.0 - remaining) * penalty)


def find_pairs(
    records: list[Record],
    *,
    region: str = "US",
    min_score: int = DEFAULT_MIN_SCORE,
    nicknames: dict[str, str] | None = None,
) -> list[Pair]:
    """Likely duplicate pairs, strongest first, each with its evidence."""
    nicknames = nickname_map() if nicknames is None else nicknames
    prepared = {r.id: _prepare(r, nicknames) for r in records}
    shared: dict[tuple[int, int], list[Evidence]] = defaultdict(list)

    groups: dict[str, list[int]] = defaultdict(list)
    shown: dict[str, str] = {}
    for record in records:
        for key, label in _exact_keys(record, region).items():
            groups[key].append(record.id)
            shown[key] = label
    for key, ids in groups.items():
        if len(ids) < 2 or len(ids) > MAX_KEY_GROUP:
            continue
        kind = key.split(":", 1)[0]
        for a, b in combinations(sorted(set(ids)), 2):
            shared[(a, b)].append(Evidence(kind, f"same {kind}: {shown[key]}", WEIGHTS[kind]))

    blocks: dict[str, list[int]] = defaultdict(list)
    for person in prepared.values():
        for key in _name_keys(person):
            blocks[key].append(person.record.id)
    candidates: set[tuple[int, int]] = set(shared)
    for key, ids in blocks.items():
        if len(ids) > 1:
            candidates.update(_block_pairs(key, ids, prepared))

    pairs = []
    for a, b in candidates:
        evidence = list(shared.get((a, b), ()))
        names = _name_evidence(prepared[a], prepared[b])
        if (
            not names
            and evidence
            and name_similarity(prepared[a], prepared[b]) < 50
            and not _first_names_agree(prepared[a], prepared[b])
        ):
            names = [
                Evidence("names-differ", f"names differ: {prepared[a].record.name} / {prepared[b].record.name}", 0.6)
            ]
        evidence += names
        if not any(e.weight and e.kind != "names-differ" for e in evidence):
            continue
        score = _score(evidence)
        if score >= min_score:
            pairs.append(Pair(keep=a, other=b, score=score, evidence=evidence))
    pairs.sort(key=lambda p: (-p.score, p.keep, p.other))
    return pairs


def _first_names_agree(a: _Prepared, b: _Prepared) -> bool:
    """ "J. Doe" or "Jane" beside "Jane Doe" is the same person written shorter."""
    if not a.tokens or not b.tokens:
        return True
    fa, fb = a.first, b.first
    return fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def _middles_conflict(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return False
    return not any(x == y or x[0] == y[0] and (len(x) == 1 or len(y) == 1) for x in a for y in b)


def _words_alike(a: str, b: str, cut: float) -> bool:
    """A cheap test first: rapidfuzz stops early under the cutoff; a swap of two
    letters keeps the length, so Damerau is only worth asking then."""
    if fuzz.ratio(a, b, score_cutoff=cut):
        return True
    return abs(len(a) - len(b)) <= 1 and _word_similarity(a, b) >= cut


def _block_pairs(key: str, ids: list[int], prepared: dict[int, _Prepared]) -> Iterator[tuple[int, int]]:
    """Candidate pairs in one block, compared by distinct values rather than by people.

    In a "last" block everyone shares the family name, so only first names need
    comparing (and vice versa): people with alike values pair up, the rest never
    reach the full, slower comparison. This keeps big blocks cheap."""
    kind = key.split(":", 1)[0]
    groups: dict[str, list[int]] = defaultdict(list)
    for pid in ids:
        person = prepared[pid]
        groups[person.first if kind == "last" else person.last if kind == "first" else person.canonical].append(pid)
    for members in groups.values():
        if len(members) > MAX_SAME_NAME:
            # Many namesakes: only those at one organization can be told apart as one person.
            by_org: dict[str, list[int]] = defaultdict(list)
            for pid in members:
                if prepared[pid].org:
                    by_org[prepared[pid].org].append(pid)
            for same in by_org.values():
                if len(same) <= MAX_SAME_NAME:
                    yield from combinations(sorted(same), 2)
        else:
            yield from combinations(sorted(members), 2)
    if kind == "solo":
        return  # a single-word name pairs only with the very same word
    cut = FIRST_NAME_CUT if kind == "last" else FAMILY_NAME_CUT
    values = sorted(groups)
    for i, a in enumerate(values):
        for b in values[i + 1 :]:
            initial = kind == "last" and (len(a) == 1 and b.startswith(a) or len(b) == 1 and a.startswith(b))
            if initial or _words_alike(a, b, cut):
                for x in groups[a]:
                    for y in groups[b]:
                        yield (x, y) if x < y else (y, x)
