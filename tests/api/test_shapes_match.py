"""The API's answer shapes follow the dataclasses they are built from.

Each answer schema below is filled from a query (or service) dataclass. The schemas stay
hand-written, for their OpenAPI descriptions, but this test holds each one to its dataclass:
the same field names and compatible types, with every deliberate difference written down
with its reason. A field added to a dataclass fails here until the API shows it (or the
pair says why it does not)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Union

import pytest
from ninja import Schema

import goodwill.api
import goodwill.habits
import goodwill.queries
import goodwill.services
from goodwill.api import (
    agenda,
    capture,
    feed_address,
    firm_insight,
    intros,
    ledger,
    pass_on,
    people,
    profiles,
    reminders,
    shapes,
    steps,
)
from goodwill.api import circles as api_circles
from goodwill.api import dav as dav_api
from goodwill.api import dupes as api_dupes
from goodwill.api import firm_accounts as api_firm_accounts
from goodwill.api import firm_admin as firm_admin_api
from goodwill.api import firm_requests as api_firm_requests
from goodwill.api import firm_who as firm_who_api
from goodwill.api import ideas as api_ideas
from goodwill.api import imports as api_imports
from goodwill.api import interactions as api_interactions
from goodwill.api import jobs as api_jobs
from goodwill.api import people as api_people
from goodwill.api import places as api_places
from goodwill.api import push as push_api
from goodwill.api import trips as api_trips
from goodwill.api.fields import Input
from goodwill.habits import cadence, matching, profile_hints
from goodwill.habits import dupes as dupes_habits
from goodwill.habits import momentum as momentum_habits
from goodwill.habits import strength as strength_habits
from goodwill.habits.geo import models as geo_models
from goodwill.queries import circles as circle_queries
from goodwill.queries import dupes as dupes_queries
from goodwill.queries import firm_accounts as firm_account_queries
from goodwill.queries import firm_intros as firm_intro_queries
from goodwill.queries import (
    firm_ledger,
    firm_momentum,
    firm_who,
    first_run,
    promises,
    replies,
    rhythm,
    today,
    yearly_dates,
)
from goodwill.queries import firm_members as firm_member_queries
from goodwill.queries import firm_sharing as firm_sharing_queries
from goodwill.queries import ideas as idea_queries
from goodwill.queries import intros as intro_queries
from goodwill.queries import jobs as job_queries
from goodwill.queries import ledger as ledger_queries
from goodwill.queries import near as near_queries
from goodwill.queries import pass_on as pass_on_queries
from goodwill.queries import people as people_queries
from goodwill.queries import places as place_queries
from goodwill.queries import trips as trip_queries
from goodwill.services import (
    capture_sources,
    dav_info,
    import_plan,
    mail_import,
    meetings_import,
    outbox,
    promise_offers,
)
from goodwill.services import feed as feed_services
from goodwill.services import interactions as interaction_services
from goodwill.services import merge as merge_services
from goodwill.services import people as people_services
from goodwill.services import profiles as profile_services
from goodwill.services import push as push_services
from goodwill.services.contacts_import import run as contacts_run

PERSON = "a person reference {id, name}, as everywhere in the API"
MONEY = "money as exact text per currency ({'USD': '25000.00'}): JSON numbers would round"


@dataclass(frozen=True)
class Pair:
    schema: type[Schema]
    source: type
    # Deliberate differences, each with its reason:
    left_out: dict[str, str] = field(default_factory=dict)  # source field -> why the API does not show it
    added: dict[str, str] = field(default_factory=dict)  # schema field -> where it comes from
    properties: tuple[str, ...] = ()  # schema fields the dataclass computes (a property of the same name)
    refs: dict[str, tuple[str, str]] = field(default_factory=dict)  # schema PersonRef field -> (id field, name field)
    retyped: dict[str, str] = field(default_factory=dict)  # schema field -> why its type differs

    def __str__(self) -> str:
        return f"{self.schema.__module__}.{self.schema.__name__}"


PAIRS = [
    # The outgoing mail server (GET /reminders/digest, its smtp part).
    Pair(reminders.SmtpOut, outbox.MailServer, retyped={"port": "empty (null) while no server is set up"}),
    Pair(capture.SourceOut, capture_sources.SourceRow),
    Pair(capture.OfferOut, promise_offers.PromiseOffer),
    # What to type into a phone (GET /dav).
    Pair(dav_api.DavOut, dav_info.DavAddresses),
    # A person's relationship strength (GET /people/{id}, its strength part).
    Pair(api_people.StrengthPart, strength_habits.Part),
    Pair(
        api_people.StrengthOut,
        strength_habits.Strength,
        left_out={"today": "the day it was scored: the request's day"},
        added={"explain": "Strength.explain(), the sentence every door shows"},
    ),
    # The agenda (GET /agenda): queries.today and what it gathers.
    Pair(
        agenda.AgendaOut,
        today.Agenda,
        left_out={
            "extras": "the CLI's and the web's own additions",
            "first_run": "the ways in are the front doors' words; the API says network_empty",
        },
        added={"network_empty": "first_run is not None"},
    ),
    Pair(agenda.ReplyOwed, today.ReplyOwed),
    # Replies owed with their ages, and how fast I answer (GET /replies): queries.replies.
    Pair(agenda.ReplyOwedAged, replies.OwedRow),
    Pair(agenda.MonthStats, replies.MonthStats),
    Pair(agenda.RepliesOut, replies.RepliesView),
    Pair(agenda.StepDue, today.StepRow),
    Pair(agenda.PersonDue, rhythm.DuePerson),
    Pair(shapes.TouchState, cadence.TouchState),
    Pair(agenda.IntroFollowUp, intro_queries.IntroRow),
    Pair(
        agenda.DateThisWeek,
        yearly_dates.DateComing,
        left_out={
            "month": "on says it",
            "day": "on says it",
            "record": "the calendar feed's UID, not for readers",
            "record_id": "the calendar feed's UID, not for readers",
        },
    ),
    Pair(agenda.Checklist, first_run.Checklist, properties=("done_count",)),
    Pair(agenda.ChecklistItem, first_run.ChecklistItem),
    # Ideas (GET /ideas, /people/{id}/ideas): what to do, and its action as data each door renders.
    Pair(shapes.PersonRef, idea_queries.Named),
    Pair(api_ideas.IdeaAction, idea_queries.Action),
    Pair(api_ideas.IdeaOut, idea_queries.Idea),
    # The balance sheet (GET /ledger).
    Pair(
        ledger.SheetOut,
        ledger_queries.BalanceSheet,
        added={
            "people_count": "len(people): the answer lists at most people_limit",
            "default_currency": "a setting, shown beside the amounts it applies to",
        },
        retyped={"value_given": MONEY, "value_received": MONEY},
    ),
    Pair(
        ledger.PersonLine,
        ledger_queries.PersonBalance,
        refs={"person": ("person_id", "name")},
        properties=("equity",),
        retyped={"given_value": MONEY, "received_value": MONEY},
    ),
    Pair(
        ledger.LeadSource,
        ledger_queries.LeadSource,
        refs={"person": ("person_id", "name")},
        retyped={"value": MONEY},
    ),
    Pair(ledger.QuarterRow, ledger_queries.QuarterRow),
    # The firm's momentum and balance sheet (GET /firm/momentum, /firm/balance).
    Pair(firm_insight.ScopeTeamOut, firm_momentum.TeamRef),
    Pair(firm_insight.ProfessionalOut, firm_momentum.Professional),
    Pair(shapes.WeekOut, momentum_habits.Week),
    Pair(shapes.MomentumOut, momentum_habits.Momentum),
    Pair(firm_insight.ProfessionalMomentumOut, firm_momentum.ProfessionalMomentum),
    Pair(firm_insight.TeamMomentumOut, firm_momentum.TeamMomentum),
    Pair(
        firm_insight.FirmMomentumOut,
        firm_momentum.FirmMomentum,
        added={"sharing_text": "not_sharing_text(): the sentence every door shows"},
    ),
    Pair(
        firm_insight.TallyOut,
        ledger_queries.Tally,
        properties=("equity", "positive"),
        retyped={"given_value": MONEY, "received_value": MONEY},
    ),
    Pair(firm_insight.ProfessionalBalanceOut, firm_ledger.ProfessionalBalance),
    Pair(firm_insight.TeamBalanceOut, firm_ledger.TeamBalance),
    Pair(firm_insight.SourceBalanceOut, firm_ledger.SourceBalance),
    Pair(
        firm_insight.FirmBalanceOut,
        firm_ledger.FirmBalance,
        added={"sources_count": "len(sources): the answer lists at most sources_limit"},
        properties=("in_positive_equity",),
    ),
    # Pass it on (GET /pass-on).
    Pair(pass_on.RankingOut, pass_on_queries.PassOnRanking, left_out={"key": "the item's internal dedup key"}),
    Pair(pass_on.KeptOut, pass_on_queries.KeptItem),
    Pair(
        pass_on.RankedOut,
        pass_on_queries.Ranked,
        refs={"person": ("person_id", "name")},
        left_out={
            "top_reason_kind": "the draft's opening line, built by the service (POST /pass-on answers the draft)",
            "top_reason_text": "the draft's opening line, built by the service (POST /pass-on answers the draft)",
            "top_reason_shareable": "the draft's opening line, built by the service (POST /pass-on answers the draft)",
        },
    ),
    # Introductions (GET /introductions/suggestions).
    Pair(
        intros.Suggestion,
        intro_queries.PairSuggestion,
        refs={"needs": ("needs_id", "needs_name"), "offers": ("offers_id", "offers_name")},
    ),
    # Promise keeping (GET /promises/stats).
    Pair(steps.KeepingRecord, promises.KeepingRecord),
    Pair(steps.KeepingLine, promises.KeepingLine, properties=("share_on_time",)),
    # Service results shown as they are.
    Pair(api_interactions.FoundPromise, interaction_services.StepRequest),
    Pair(profiles.SuggestionOut, profile_services.Suggestion),
    Pair(feed_address.FeedOut, feed_services.FeedAddress),
    # Scheduled runs (GET /jobs).
    Pair(api_jobs.JobRunOut, job_queries.RunRow),
    Pair(
        push_api.PushSettingsOut,
        push_services.PushSettings,
        retyped={
            "quiet_from": "a time of day as HH:MM text",
            "quiet_until": "a time of day as HH:MM text",
            "channels": "PushChannel models, shown as ChannelOut (the URL masked)",
        },
    ),
    # Who knows whom (GET /firm/who, /firm/who/org, /firm/people/{id}/ties).
    Pair(firm_who_api.SummaryOut, firm_who.Summary),
    Pair(firm_who_api.TieOut, firm_who.Tie),
    Pair(firm_who_api.HumanOut, firm_who.Human),
    Pair(firm_who_api.ColleagueTiesOut, firm_who.ColleagueTies),
    Pair(firm_who_api.PathOut, firm_who.Path),
    Pair(firm_who_api.AlsoKnowsOut, firm_who.AlsoKnows),
    Pair(firm_who_api.OrgAnswerOut, firm_who.OrgAnswer),
    Pair(
        push_api.DeliveryOut,
        push_services.Delivery,
        retyped={"channel": "a PushChannel model, shown as ChannelOut (the URL masked)"},
    ),
    # Warm introductions through colleagues (GET /firm/requests).
    Pair(api_firm_requests.RequestOut, firm_intro_queries.RequestRow),
    # What colleagues see of my contacts (GET/PUT /firm/sharing), members and teams (admins).
    Pair(firm_admin_api.SharingOut, firm_sharing_queries.Sharing),
    Pair(firm_admin_api.CircleSharingOut, firm_sharing_queries.CircleSharing),
    Pair(firm_admin_api.PersonSharingOut, firm_sharing_queries.PersonSharing),
    Pair(firm_admin_api.PersonLevelOut, firm_sharing_queries.PersonLevel),
    Pair(firm_admin_api.MemberOut, firm_member_queries.MemberRow),
    Pair(firm_admin_api.TeamOut, firm_member_queries.TeamRow),
    # Key relationships and departures (GET /firm/accounts, /firm/accounts/{id}, /firm/handovers).
    Pair(api_firm_accounts.AccountTieOut, firm_account_queries.Tie, properties=("cold", "warm")),
    Pair(
        api_firm_accounts.AccountOut,
        firm_account_queries.AccountView,
        properties=("single_threaded",),
        retyped={"kind": "client or target, as KeyAccount.KINDS allows"},
    ),
    Pair(api_firm_accounts.HandoverOut, firm_account_queries.HandoverRow),
    Pair(api_dupes.EvidenceOut, dupes_habits.Evidence),
    Pair(
        api_dupes.DupePairOut,
        dupes_queries.DupePair,
        refs={"keep": ("keep_id", "keep_name"), "other": ("other_id", "other_name")},
    ),
    Pair(
        api_dupes.MergeOut,
        merge_services.MergeSummary,
        refs={"kept": ("kept_id", "kept_name"), "merged": ("merged_id", "merged_name")},
        added={"text": "MergeSummary.describe(): the sentence every door shows"},
    ),
    # Mail and meetings imports (POST /imports/mail, /imports/meetings): the reports the CLI's --json gives.
    Pair(
        api_imports.ContactsReportOut,
        contacts_run.ImportReport,
        retyped={"problems": "each Problem as its one line (file:line: field: message)"},
    ),
    Pair(api_imports.UnmappedOut, import_plan.UnmappedColumn),
    Pair(api_circles.CircleOut, circle_queries.CircleRow),
    Pair(api_imports.MailReportOut, mail_import.MailReport),
    Pair(api_imports.MeetingsReportOut, meetings_import.MeetingsReport),
    # Places and trips (GET /where, /places, /geocode, /trip).
    Pair(
        api_places.WhereOut,
        near_queries.WhereCounts,
        retyped={
            "metros": "(name, count) pairs shown as objects",
            "regions": "(name, count) pairs shown as objects",
            "countries": "(name, count) pairs shown as objects",
        },
    ),
    Pair(api_places.PlaceRowOut, place_queries.PlaceRow, refs={"person": ("id", "name")}),
    Pair(api_places.PlaceFoundOut, place_queries.PlaceFound),
    Pair(api_places.UnderstoodOut, place_queries.Understood),
    Pair(
        api_trips.VisitOut,
        trip_queries.Visit,
        refs={"person": ("person_id", "name")},
        added={"distance_mi": "distance_km in miles, as GET /near gives both"},
    ),
    Pair(api_trips.TripOut, trip_queries.TripPlan),
]
PAIRED = {(pair.source, pair.schema) for pair in PAIRS}

# Schemas that share most of a dataclass's fields without copying it, and why.
NOT_COPIES = {
    (
        firm_admin_api.CircleSharingOut,
        firm_sharing_queries.PersonSharing,
    ): "a circle's level and a person's exception are both (id, name, level); each has its own pair",
    (
        firm_admin_api.CircleSharingOut,
        firm_sharing_queries.PersonLevel,
    ): "a circle's level and one person's level look alike; each has its own pair",
    (
        firm_admin_api.PersonLevelOut,
        firm_sharing_queries.PersonSharing,
    ): "one person's level in force, not an exception in the list; each has its own pair",
    (
        firm_admin_api.PersonLevelOut,
        firm_sharing_queries.CircleSharing,
    ): "one person's level, not a circle's; each has its own pair",
    (push_api.ChannelOut, firm_sharing_queries.CircleSharing): "a push channel, not a sharing level",
    (
        firm_admin_api.PersonSharingOut,
        firm_sharing_queries.CircleSharing,
    ): "a person's exception, not a circle's level; each has its own pair",
    (
        capture.OfferOut,
        interaction_services.StepRequest,
    ): "an offered promise is filled from PromiseOffer (paired above), which holds a StepRequest's fields",
    (
        pass_on.RankingOut,
        matching.Query,
    ): "the ranking echoes the query it ran: its text, tags and the labels of its concepts",
    (
        agenda.ReplyOwed,
        replies.OwedRow,
    ): "OwedRow is the agenda's ReplyOwed with its age: GET /replies shows it as ReplyOwedAged (paired)",
    (
        agenda.ReplyOwedAged,
        today.ReplyOwed,
    ): "ReplyOwedAged is GET /replies' row, queries.replies.OwedRow (paired): the agenda's ReplyOwed with its age",
    (api_interactions.LogOut, interaction_services.LogResult): "LogResult holds models; LogOut shows them as shapes",
    (
        intros.IntroOut,
        intro_queries.IntroRow,
    ): "read from the Introduction, with both people as references and the draft",
    (
        people.PersonDetail,
        people_services.PersonFields,
    ): "PersonFields is what add and edit take, not what a page shows",
    (profiles.SuggestionOut, profile_hints.Hint): "a Hint is what services.profiles.Suggestion is built from",
    (
        people.PersonDetail,
        people_queries.PersonPage,
    ): "PersonPage holds models, shown as shapes with confidences withheld",
    (
        firm_insight.FirmMomentumOut,
        firm_ledger.FirmBalance,
    ): "the firm's momentum and balance sheet both cover a scope (team, professionals, teams); each has its own pair",
    (
        firm_insight.FirmMomentumOut,
        firm_momentum.Scope,
    ): "Scope is who a firm view covers; FirmMomentum (paired) is what the momentum shows of them",
    (
        firm_insight.FirmBalanceOut,
        firm_momentum.Scope,
    ): "Scope is who a firm view covers; FirmBalance (paired) is what the balance sheet shows of them",
    (
        firm_insight.TallyOut,
        ledger_queries.PersonBalance,
    ): "a firm line is a Tally (paired): a person's balance line without the person",
    (
        ledger.PersonLine,
        ledger_queries.Tally,
    ): "a person's line is a PersonBalance (paired), which Tally repeats for the firm's lines",
    (firm_who_api.TieOut, strength_habits.Strength): "a tie carries a score's parts as far as the sharing allows",
    (firm_who_api.TieOut, firm_who.Path): "a path is read from a colleague's strongest Tie",
    (firm_who_api.TieOut, matching.Match): "a person and a score, but a match for a need, not a tie",
    (
        profiles.EntryOut,
        matching.Field,
    ): "a profile entry as it is stored; a Field is what a ranking reads of an entry, a role or a note",
    (firm_who_api.PathOut, matching.Match): "a person and a score, but a match for a need, not a path",
    (firm_who_api.ColleagueTiesOut, firm_who.AlsoKnows): "a colleague not listed is counted, their ties not read",
    (
        api_dupes.DupePairOut,
        dupes_habits.Pair,
    ): "the matcher's pair of ids; queries.dupes.DupePair (paired) adds the names and the dismissal",
    (
        api_places.UnderstoodOut,
        geo_models.GeocodeResult,
    ): "a GeocodeResult is what queries.places.Understood (paired) is read from",
}


def _optional(tp: Any) -> tuple[bool, Any]:
    """(True, X) for X | None, else (False, tp)."""
    if typing.get_origin(tp) in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) < len(typing.get_args(tp)):
            return True, args[0] if len(args) == 1 else Union[tuple(args)]  # noqa: UP007 - built at run time
    return False, tp


def compatible(source: Any, shown: Any) -> bool:
    """Whether a value of the dataclass's type fits the schema's type as it is."""
    if source == shown:
        return True
    source_optional, source = _optional(source)
    shown_optional, shown = _optional(shown)
    if source_optional != shown_optional:
        return False
    if source == shown:
        return True
    if dataclasses.is_dataclass(source):
        return (source, shown) in PAIRED  # the nested pair is checked on its own
    sequences = (list, tuple)
    if typing.get_origin(source) in sequences and typing.get_origin(shown) is list:
        (shown_item,) = typing.get_args(shown)
        source_args = [a for a in typing.get_args(source) if a is not Ellipsis]
        return len(source_args) == 1 and compatible(source_args[0], shown_item)
    if typing.get_origin(source) is dict and typing.get_origin(shown) is dict:
        return all(compatible(a, b) for a, b in zip(typing.get_args(source), typing.get_args(shown), strict=True))
    return False


def _source_types(pair: Pair) -> dict[str, Any]:
    hints = typing.get_type_hints(pair.source)
    return {f.name: hints[f.name] for f in dataclasses.fields(pair.source)}


@pytest.mark.parametrize("pair", PAIRS, ids=str)
def test_the_schema_has_the_dataclass_fields(pair):
    source = _source_types(pair)
    shown = set(pair.schema.model_fields)
    from_refs = {name for names in pair.refs.values() for name in names}
    expected = {name for name in source if name not in pair.left_out and name not in from_refs}
    expected |= set(pair.added) | set(pair.properties) | set(pair.refs)
    assert shown == expected, (
        f"{pair}: fields the API lacks: {sorted(expected - shown)}; fields the dataclass lacks: {sorted(shown - expected)}"
        " (show a new field, or list it in the pair with the reason)"
    )


@pytest.mark.parametrize("pair", PAIRS, ids=str)
def test_the_schema_types_fit_the_dataclass_types(pair):
    source = _source_types(pair)
    shown = {name: info.annotation for name, info in pair.schema.model_fields.items()}
    for name, source_type in source.items():
        if name in pair.left_out or name not in shown or name in pair.retyped:
            continue
        assert compatible(source_type, shown[name]), f"{pair}.{name}: {shown[name]} does not fit {source_type}"
    for name in pair.properties:
        returned = typing.get_type_hints(getattr(pair.source, name).fget)["return"]
        assert compatible(returned, shown[name]), f"{pair}.{name}: {shown[name]} does not fit {returned}"
    for ref, names in pair.refs.items():
        assert _optional(shown[ref])[1] is shapes.PersonRef, f"{pair}.{ref} is {shown[ref]}, not {PERSON}"
        assert source[names[0]] is int and source[names[1]] is str, f"{pair}.{ref}: {names} are not an id and a name"


@pytest.mark.parametrize("pair", PAIRS, ids=str)
def test_every_listed_difference_is_still_real(pair):
    """A difference that no longer exists must leave the list, so the list stays true."""
    source = _source_types(pair)
    shown = set(pair.schema.model_fields)
    assert set(pair.left_out) <= set(source) - shown, pair
    assert set(pair.added) <= shown - set(source), pair
    for name in pair.properties:
        assert isinstance(getattr(pair.source, name, None), property), f"{pair}.{name} is not a property"
    for names in pair.refs.values():
        assert set(names) <= set(source) - shown, pair
    for name in pair.retyped:
        assert name in shown and name in source, pair
        assert not compatible(source[name], pair.schema.model_fields[name].annotation), f"{pair}.{name} fits now"


def _classes(package: types.ModuleType) -> list[type]:
    modules = [package] + [
        importlib.import_module(info.name) for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    ]
    return [
        value
        for module in modules
        for value in vars(module).values()
        if inspect.isclass(value) and value.__module__ == module.__name__
    ]


def _repeats(schema: type[Schema], source: type) -> bool:
    """Whether the schema repeats most of the dataclass's fields (at least 3, and 3 in 4); its
    private fields (a memo, such as Query's) are not part of its shape."""
    names = {f.name for f in dataclasses.fields(source) if not f.name.startswith("_")}
    common = names & set(schema.model_fields)
    return len(common) >= 3 and len(common) >= 0.75 * len(names)


def test_every_schema_that_copies_a_dataclass_is_paired():
    """A new answer schema that repeats most of a dataclass's fields needs a pair above."""
    answers = [c for c in _classes(goodwill.api) if issubclass(c, Schema) and not issubclass(c, Input)]
    sources = [
        c
        for package in (goodwill.habits, goodwill.queries, goodwill.services)
        for c in _classes(package)
        if dataclasses.is_dataclass(c)
    ]
    unpaired = [
        f"{schema.__module__}.{schema.__name__} ~ {source.__module__}.{source.__name__}"
        for schema in answers
        for source in sources
        if _repeats(schema, source) and (source, schema) not in PAIRED and (schema, source) not in NOT_COPIES
    ]
    assert unpaired == [], unpaired
    stale = [pair for pair in NOT_COPIES if not _repeats(*pair)]
    assert stale == [], f"no longer alike, take them off NOT_COPIES: {stale}"


def test_a_new_dataclass_field_the_api_lacks_fails():
    """The check itself: a field the schema does not show is caught."""

    @dataclass(frozen=True)
    class Wider(cadence.TouchState):
        mood: str = ""

    pair = Pair(shapes.TouchState, Wider)
    with pytest.raises(AssertionError, match="fields the API lacks: \\['mood'\\]"):
        test_the_schema_has_the_dataclass_fields(pair)


def test_a_field_whose_type_drifts_fails():
    @dataclass(frozen=True)
    class Drifted(cadence.TouchState):
        days_since: str | None

    pair = Pair(shapes.TouchState, Drifted)
    with pytest.raises(AssertionError, match="days_since"):
        test_the_schema_types_fit_the_dataclass_types(pair)
