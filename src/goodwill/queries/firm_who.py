"""Who knows whom: a person or an organization across the firm, and the colleagues who know
them, ranked by relationship strength, each showing only what its owner's sharing allows.

- A tie is one colleague's record of the human. Its level (queries.firm_access.share_levels)
  decides what it carries: "knows" the shared strength score and its parts; "last_met" plus
  the day of the last meeting; "summaries" plus the last five encounter summaries. A tie at
  "nothing" is left out entirely, as if the colleague did not know them.
- The shared score leaves confidential encounters out (queries.firm_strength), and so do the
  summaries: a confidential encounter never reaches a colleague, at any level.
- The viewer's own record is a tie too, marked `mine`, with the full own score.
- Departed or deactivated colleagues are left out (queries.firm_access.colleagues).

Reads only. The queries are batched, so their number does not grow with the ties found: one
search, one identity pass, one read of the people found, one of the sharing rules of all
their owners, one of the shared strengths and one of the summaries, for every tie at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import Floor, RowNumber

from goodwill.errors import InvalidInput, NotFound
from goodwill.habits.dupes import org_key
from goodwill.habits.strength import Part
from goodwill.models import Confidentiality, Interaction, Person, ShareLevel
from goodwill.models.base import Owner
from goodwill.queries import firm_access, firm_identity
from goodwill.queries.compiled import plain_rows
from goodwill.queries.firm_strength import fresh_relation, shared_scores, shared_strengths
from goodwill.queries.strength import person_strengths

SUMMARIES_SHOWN = 5
# An organization's answer shows the viewer's own people and this many colleagues, each with
# this many of their strongest ties there; the rest are counted (a large client has thousands
# of records across a firm, which no page or terminal can show usefully).
COLLEAGUES_SHOWN = 20
TIES_SHOWN = 5
MINE = "mine"  # a tie's level when it is the viewer's own record
MAX_QUERY = 200


@dataclass(frozen=True)
class Summary:
    day: date
    kind: str
    summary: str


@dataclass(frozen=True)
class Tie:
    """One colleague's (or the viewer's own) record of a human, as the viewer may see it."""

    colleague_id: int
    colleague: str  # the colleague's login
    person_id: int  # the colleague's person: ask them to introduce you to this one
    name: str  # the person's name and place as the colleague's record has them
    organization: str
    title: str
    level: str  # a ShareLevel value, or MINE
    mine: bool
    score: int
    explain: str
    parts: list[Part]  # the kinds of encounter that counted (Part.text: '3 meetings')
    last_met: date | None  # only when the level allows it
    summaries: list[Summary]  # only at "summaries", never a confidential one
    shared_score: int = 0  # the score colleagues see: what ties are ranked by

    @property
    def ask_text(self) -> str:
        return f"Ask {self.colleague}: knows {self.name} (strength {self.score})"


@dataclass(frozen=True)
class Human:
    """One human as several networks know them (nobody's records merged)."""

    name: str  # from the viewer's own record, else from the strongest tie
    organization: str
    my_person_id: int | None
    ties: list[Tie]

    @property
    def colleague_ties(self) -> list[Tie]:
        return [t for t in self.ties if not t.mine]


@dataclass(frozen=True)
class ColleagueTies:
    """One colleague's visible ties at an organization, strongest first."""

    colleague_id: int
    colleague: str
    mine: bool
    ties: list[Tie]
    more: int = 0  # their ties there not shown (ask for this colleague alone to see them)

    @property
    def best(self) -> Tie:
        return self.ties[0]


@dataclass(frozen=True)
class Path:
    """A way in: ask this colleague to introduce you to this person."""

    colleague_id: int
    colleague: str
    person_id: int
    name: str
    title: str
    score: int
    text: str


@dataclass(frozen=True)
class AlsoKnows:
    """A colleague who knows people at an organization, beyond those shown: ask for them alone."""

    colleague_id: int
    colleague: str
    ties: int  # how many people there they share knowing


@dataclass(frozen=True)
class OrgAnswer:
    query: str
    name: str  # the organization as written in the first record found ("" when none)
    key: str
    colleagues: list[ColleagueTies]  # the viewer's own first, then colleagues by their best tie
    paths: list[Path]  # colleagues (never the viewer) by their strongest tie there
    did_you_mean: list[str] = field(default_factory=list)  # organizations whose name starts alike
    also: list[AlsoKnows] = field(default_factory=list)  # colleagues not shown, by their strongest tie
    colleague: str = ""  # the login the answer is limited to ("" for the whole firm)


def _clean(text: str, what: str) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise InvalidInput(f"say whom to look for: {what}")
    if len(cleaned) > MAX_QUERY:
        raise InvalidInput(f"the search is too long ({len(cleaned)} characters); use at most {MAX_QUERY}")
    return cleaned


# What a tie shows of a person, as read from the database: one query for all of them.
ROW_FIELDS = ("pk", "owner_id", "name", "organization__name", "title", "circle_id")


def _people_rows(people: QuerySet[Person]) -> dict[int, tuple[int, str, str, str, int | None]]:
    """pk -> (owner_id, name, organization name, title, circle id)."""
    rows = people.values_list(*ROW_FIELDS)
    return {pk: (owner_id, name, org or "", title, circle) for pk, owner_id, name, org, title, circle in rows}


def _summaries(person_ids: list[int]) -> dict[int, list[Summary]]:
    """Each person's last five encounters with a summary in their owner's network, never a
    confidential one: one query for all of them (a window ranks each person's encounters)."""
    from goodwill import clock

    if not person_ids:
        return {}
    through = Interaction.participants.through.objects
    rows = (
        through.filter(
            person_id__any_of=person_ids,
            interaction__owner_id=F("person__owner_id"),
            interaction__occurred_at__lte=clock.now(),
        )
        .exclude(interaction__confidentiality=Confidentiality.CONFIDENTIAL)
        .exclude(interaction__summary="")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("person_id"),
                order_by=[F("interaction__occurred_at").desc(), F("interaction_id").desc()],
            )
        )
        .filter(rank__lte=SUMMARIES_SHOWN)  # type: ignore[misc]  # the stubs don't see annotations on a through model
        .order_by("person_id", "rank")
        .values_list("person_id", "interaction__occurred_at", "interaction__kind", "interaction__summary")
    )
    zone = clock.local_zone()
    found: dict[int, list[Summary]] = defaultdict(list)
    for pid, when, kind, summary in rows:
        found[pid].append(Summary(when.astimezone(zone).date(), kind, summary))
    return found


def _members(viewer: Owner) -> dict[int, str]:
    """The logins of the viewer and of the colleagues still in the firm, by user id. Someone
    no longer in the firm finds nobody through it."""
    if not firm_access.in_firm(viewer):
        raise NotFound("no such page: you are no longer a member of this firm", thing="page")
    names = firm_access.colleague_logins(viewer)
    names[viewer.pk] = viewer.username
    return names


def _visible(viewer: Owner, rows: dict[int, tuple[int, str, str, str, int | None]]) -> dict[int, ShareLevel]:
    """The people the viewer may see ties to, with each one's level (the viewer's own at
    SUMMARIES), from their rows (_people_rows) of the viewer and colleagues in the firm."""
    return _visible_records(viewer, [(pid, row[0], row[4]) for pid, row in rows.items()])


def _visible_records(viewer: Owner, records: Sequence[tuple[int, int, int | None]]) -> dict[int, ShareLevel]:
    """_visible for records read as (id, owner id, circle id)."""
    levels = {pid: ShareLevel.SUMMARIES for pid, owner_id, _ in records if owner_id == viewer.pk}
    found = firm_access.share_levels_of_records(r for r in records if r[1] != viewer.pk)
    levels.update({pid: level for pid, level in found.items() if firm_access.visible(level)})
    return levels


def _ties(
    viewer: Owner,
    levels: dict[int, ShareLevel],
    names: dict[int, str],
    today: date,
    rows: dict[int, tuple[int, str, str, str, int | None]],
) -> dict[int, Tie]:
    """A Tie for every visible person (by person id), from their rows: shared strengths in one call."""
    rows = {pid: row for pid, row in rows.items() if pid in levels}
    shared = shared_strengths(list(levels), today)
    mine = person_strengths(viewer, [pid for pid, (owner_id, *_) in rows.items() if owner_id == viewer.pk], today)
    told = _summaries(
        [
            pid
            for pid, (owner_id, *_) in rows.items()
            if owner_id != viewer.pk and firm_access.allows(levels[pid], ShareLevel.SUMMARIES)
        ]
    )
    ties: dict[int, Tie] = {}
    for pid, (owner_id, name, org, title, _) in rows.items():
        level = levels[pid]
        common = shared.get(pid)
        shared_score = common.score if common else 1
        if owner_id == viewer.pk:
            own = mine[pid]
            ties[pid] = Tie(
                owner_id, names[owner_id], pid, name, org, title, MINE, True,
                own.score, own.explain(), own.parts, own.last_met, [], shared_score,
            )  # fmt: skip
            continue
        if common is None:
            continue
        last_met = common.last_met if firm_access.allows(level, ShareLevel.LAST_MET) else None
        shown = replace(common, last_met=last_met)  # explain() names the last meeting only if allowed
        summaries = told.get(pid, []) if firm_access.allows(level, ShareLevel.SUMMARIES) else []
        ties[pid] = Tie(
            owner_id, names[owner_id], pid, name, org, title, str(level.value), False,
            common.score, shown.explain(), common.parts, last_met, summaries, shared_score,
        )  # fmt: skip
    return ties


def _rank(ties: list[Tie]) -> list[Tie]:
    return sorted(ties, key=lambda t: (-t.shared_score, t.colleague, t.person_id))


def _firm_only(names: dict[int, str], by_owner: dict[int, list[int]]) -> dict[int, list[int]]:
    return {owner_id: pids for owner_id, pids in by_owner.items() if owner_id in names}


def _group(person_ids: list[int]) -> list[list[int]]:
    """The records that name one human, together: shared email, phone or LinkedIn profile,
    or the same name at the same organization (the rule of firm_identity.same_person)."""
    found = firm_identity.identities(person_ids)
    parent = {pid: pid for pid in found}

    def root(pid: int) -> int:
        while parent[pid] != pid:
            parent[pid] = parent[parent[pid]]
            pid = parent[pid]
        return pid

    first: dict[tuple[str, str], int] = {}
    for pid, identity in sorted(found.items()):
        keys = [("email", v) for v in identity.emails] + [("phone", v) for v in identity.phones]
        keys += [("linkedin", v) for v in identity.linkedin]
        if identity.name_key and identity.org:
            keys.append(("name", f"{identity.name_key}\n{identity.org}"))
        for key in keys:
            if key in first:
                parent[root(pid)] = root(first[key])
            else:
                first[key] = pid
    groups: dict[int, list[int]] = defaultdict(list)
    for pid in sorted(found):
        groups[root(pid)].append(pid)
    return list(groups.values())


def who_knows(viewer: Owner, text: str, today: date | None = None) -> list[Human]:
    """The humans whose whole name or email is `text`, each with the ties the viewer may see,
    strongest first; the humans with the strongest ties first."""
    from goodwill import clock

    query = _clean(text, "a name or an email")
    today = today or clock.today()
    names = _members(viewer)
    seeds = firm_identity.people_named(query)
    seed_ids = [pid for pids in _firm_only(names, seeds).values() for pid in pids]
    if not seed_ids:
        return []
    # The same human under another spelling in a colleague's network: by their emails, phones
    # and profiles, and by name at the organization of a record found (the first 20: a name
    # is common, an email names one human), all in one lookup.
    seed_identities = firm_identity.identities(seed_ids)
    name_key = query.lower()
    ask = [
        identity if i < 20 and identity.name_key != name_key else replace(identity, name="")
        for i, identity in enumerate(seed_identities.values())
    ]
    by_owner = _firm_only(names, firm_identity.same_people(ask))
    for owner_id, pids in _firm_only(names, seeds).items():
        by_owner[owner_id] = sorted(set(by_owner.get(owner_id, [])) | set(pids))
    all_ids = {pid for pids in by_owner.values() for pid in pids}
    rows = _people_rows(Person.objects.filter(pk__any_of=set(all_ids)))
    ties = _ties(viewer, _visible(viewer, rows), names, today, rows)
    humans = []
    for group in _group(sorted(all_ids)):
        shown = [ties[pid] for pid in group if pid in ties]
        if not shown:
            continue
        humans.append(_human(shown))
    return sorted(humans, key=lambda h: (-max(t.shared_score for t in h.ties), h.name.lower()))


def _human(ties: list[Tie]) -> Human:
    ranked = _rank(ties)
    # One tie per colleague: their strongest record of this human.
    seen: set[int] = set()
    kept = []
    for tie in ranked:
        if tie.colleague_id not in seen:
            seen.add(tie.colleague_id)
            kept.append(tie)
    mine = next((t for t in kept if t.mine), None)
    shown_from = mine or kept[0]
    return Human(shown_from.name, shown_from.organization, mine.person_id if mine else None, kept)


def who_knows_org(
    viewer: Owner, org_name: str, today: date | None = None, *, colleague: str | None = None
) -> OrgAnswer:
    """The people the firm knows at an organization (by key: "ACME" is "Acme, Inc."), per
    colleague, and the best paths in: colleagues by their strongest tie there.

    Bounded whatever the organization's size (a large client has thousands of records across
    the firm): the viewer's own people and the COLLEAGUES_SHOWN colleagues with the strongest
    ties, each with their TIES_SHOWN strongest, the rest counted. Every visible record is
    ranked by its stored shared score; the explanations and summaries are built for the ties
    shown only. `colleague` (a login) asks for that one colleague's ties there, all of them."""
    from goodwill import clock

    query = _clean(org_name, "an organization's name")
    today = today or clock.today()
    key = org_key(query)
    names = _members(viewer)
    only = _colleague_id(names, colleague) if colleague and colleague.strip() else None
    ranked, counts, best = _ranked_at(viewer, key, [only] if only else list(names), today, bounded=only is None)
    order = sorted(ranked, key=lambda cid: (cid != viewer.pk, -best[cid], names[cid]))
    others = [cid for cid in order if cid != viewer.pk]
    kept = order if only else order[: len(order) - len(others)] + others[:COLLEAGUES_SHOWN]
    shown = {cid: ranked[cid] if only else ranked[cid][:TIES_SHOWN] for cid in kept}
    listed = {pid for pids in shown.values() for pid in pids}
    rows = _people_rows(Person.objects.filter(pk__any_of=listed))  # names and places: the ties listed only
    ties = _ties(viewer, _visible(viewer, rows), names, today, rows)
    groups = [
        ColleagueTies(
            cid,
            names[cid],
            cid == viewer.pk,
            _rank([ties[pid] for pid in shown[cid] if pid in ties]),
            more=counts[cid] - len(shown[cid]),
        )  # fmt: skip
        for cid in kept
    ]
    groups = [g for g in groups if g.ties]
    groups.sort(key=lambda g: (not g.mine, -g.best.shared_score, g.colleague))
    paths = [
        Path(g.colleague_id, g.colleague, g.best.person_id, g.best.name, g.best.title, g.best.score, g.best.ask_text)
        for g in groups
        if not g.mine
    ]
    name = next((t.organization for g in groups for t in g.ties if t.organization), "")
    did_you_mean = []
    if not groups and only is None:
        did_you_mean = [written for found_key, written in firm_identity.organizations_like(query) if found_key != key]
    also = [AlsoKnows(cid, names[cid], counts[cid]) for cid in order if cid not in shown]
    return OrgAnswer(query, name, key, groups, paths, did_you_mean, also, colleague=(colleague or "").strip())


def _ranked_at(
    viewer: Owner, key: str, owners: list[int], today: date, *, bounded: bool
) -> tuple[dict[int, list[int]], dict[int, int], dict[int, int]]:
    """The records of these owners at the organization with this key that the viewer may see
    (their own, and colleagues' shared at all: firm_access.shared_filter), ranked by shared
    score, strongest first, then by id: (owner -> their record ids ranked, owner -> how many
    they have there, owner -> their best score). With `bounded`, each owner's TIES_SHOWN
    strongest only (their count stays whole).

    One read, ranked by the database from the stored fresh scores (a large client has
    thousands of records across a firm; the page shows about a hundred): each owner's
    strongest rows come back, with every record that has no fresh stored score, which is
    scored here as firm_strength.shared_scores scores it and ranked in."""
    organizations = firm_identity.organization_ids([key])
    if not organizations:
        return {}, {}, {}
    shared = firm_access.shared_filter(set(owners) - {viewer.pk})
    fresh = fresh_relation(today)
    records = (
        Person.objects.filter(firm_identity.at_organizations_q(organizations), owner_id__any_of=set(owners))
        .filter(Q(owner_id=viewer.pk) | shared.q())
        .annotate(fresh=fresh, score=Floor("fresh__score"))  # a stored score is read as int(score)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("owner_id"), order_by=[F("score").desc(nulls_last=True), F("pk").asc()]
            ),
            total=Window(Count("pk"), partition_by=F("owner_id")),
        )
        .order_by()
        .values_list("pk", "owner_id", "score", "total")
    )
    if bounded:
        records = records.filter(Q(rank__lte=TIES_SHOWN) | Q(score__isnull=True))
    found = plain_rows(records)
    counts = {owner_id: total for _, owner_id, _, total in found}
    scores = {pid: int(score) for pid, _, score, _ in found if score is not None}
    unscored = [pid for pid, _, score, _ in found if score is None]
    if unscored:  # none on a day after the refresh: no statement for them
        scores.update({pid: score for pid, (score, _) in shared_scores(unscored, today).items()})
    ranked: dict[int, list[int]] = defaultdict(list)
    kept = [row for row in found if row[0] in scores]  # a record deleted since is left out
    for pid, owner_id, _, _ in sorted(kept, key=lambda row: (-scores[row[0]], row[0])):
        ranked[owner_id].append(pid)
    if bounded:
        ranked = defaultdict(list, {owner_id: pids[:TIES_SHOWN] for owner_id, pids in ranked.items()})
    best = {owner_id: scores[pids[0]] for owner_id, pids in ranked.items()}
    return ranked, counts, best


def _colleague_id(names: dict[int, str], login: str) -> int:
    """The user id of a login in the firm (the viewer's own included)."""
    text = login.strip()
    found = next((cid for cid, name in names.items() if name == text), None)
    if found is None:
        raise NotFound(f"no colleague with the login {text!r} in the firm", thing="login")
    return found


def ties_of(viewer: Owner, person: Person, today: date | None = None) -> list[Tie]:
    """Colleagues who know the same human as the viewer's own `person`, strongest first."""
    from goodwill import clock

    person.check_owner(viewer)
    today = today or clock.today()
    names = _members(viewer)
    if len(names) == 1:
        return []  # no colleagues (the laptop's own user): nothing to look up
    identity = firm_identity.identities([person.pk]).get(person.pk)
    if identity is None:
        return []
    found = _firm_only(names, firm_identity.same_person(identity, exclude_owner_id=viewer.pk))
    if not found:
        return []
    rows = _people_rows(Person.objects.filter(pk__any_of=[pid for pids in found.values() for pid in pids]))
    ranked = _rank(list(_ties(viewer, _visible(viewer, rows), names, today, rows).values()))
    seen: set[int] = set()
    kept = []
    for tie in ranked:
        if tie.colleague_id not in seen:
            seen.add(tie.colleague_id)
            kept.append(tie)
    return kept
