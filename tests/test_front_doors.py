"""Every front door is a peer: each CLI command has its page and its API operation.

The house rule (docs/architecture.md) is that whatever the CLI can do, the browser and the API
can do, over the same service. This test holds the map of which page (a URL name) and which
API operation stand for each command, checks that every one of them exists, and fails when a
command is added without its doors, or is left out of the map. Commands that are the
machine's own business (running the server, making a server key, the demo) are listed with
the reason they stay at the command line. The behaviour behind each door is tested where the
door is (tests/web, tests/api, and the three-door tests)."""

from __future__ import annotations

import click
import pytest
import typer.main

# command: (page URL names, API operations); a group that does something by itself when
# called bare (`goodwill circles`) is listed under its own name.
DOORS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # The daily loop
    "today": (("web:today",), ("GET /agenda",)),
    "log": (("web:log", "web:log-inline"), ("POST /interactions",)),
    "replied": (("web:person-replied",), ("POST /people/{person_id}/replied",)),
    "replies": (("web:replies",), ("GET /replies",)),
    "next": (("web:person-step",), ("POST /steps",)),
    "done": (("web:step-done",), ("POST /steps/{step_id}/done",)),
    "reopen": (("web:step-reopen",), ("POST /steps/{step_id}/reopen",)),
    "drop": (("web:step-drop",), ("POST /steps/{step_id}/drop",)),
    "steps": (("web:today", "web:person"), ("GET /steps",)),
    "review": (("web:review", "web:review-act", "web:review-finish"), ("GET /ideas",)),
    "momentum": (("web:momentum",), ("GET /momentum",)),
    # People
    "add": (("web:person-new",), ("POST /people",)),
    "show": (("web:person",), ("GET /people/{person_id}",)),
    "edit": (("web:person-edit",), ("PATCH /people/{person_id}",)),
    "find": (("web:people", "web:person-options"), ("GET /search",)),
    "list": (("web:people",), ("GET /people",)),
    "tag": (("web:person-edit",), ("PATCH /people/{person_id}",)),
    "note": (("web:person-note",), ("POST /people/{person_id}/notes",)),
    "circle": (("web:person-rhythm",), ("PATCH /people/{person_id}",)),
    "circles": (("web:settings",), ("GET /circles",)),
    "circles set": (("web:settings-circle",), ("PATCH /circles/{name}",)),
    "snooze": (("web:person-snooze",), ("PATCH /people/{person_id}",)),
    "archive": (("web:person-archive",), ("POST /people/{person_id}/archive",)),
    "delete": (("web:person-delete",), ("DELETE /people/{person_id}",)),
    "deleted": (("web:people-deleted",), ("GET /deletions",)),
    "undelete": (("web:people-restore",), ("POST /deletions/{deletion_id}/restore",)),
    "empty-deleted": (("web:people-empty",), ("DELETE /deletions/{deletion_id}",)),
    "dates": (("web:person",), ("GET /people/{person_id}/dates",)),
    "dates add": (("web:person-dates",), ("POST /people/{person_id}/dates",)),
    "dates change": (("web:person-date",), ("PATCH /dates/{date_id}",)),
    "dates remove": (("web:person-date",), ("DELETE /dates/{date_id}",)),
    "dupes": (
        ("web:duplicates", "web:duplicates-dismiss", "web:duplicates-undismiss"),
        ("GET /duplicates", "POST /duplicates/dismiss", "POST /duplicates/undismiss"),
    ),
    "merge": (
        ("web:duplicates-merge", "web:merge-undo"),
        ("POST /merges", "GET /merges", "POST /merges/{merge_id}/undo"),
    ),
    "profile add": (("web:person-profile",), ("POST /people/{person_id}/profile",)),
    "profile show": (("web:person",), ("GET /people/{person_id}/profile",)),
    "profile close": (("web:person-profile-entry",), ("POST /profile/entries/{entry_id}/close",)),
    "profile remove": (("web:person-profile-entry",), ("DELETE /profile/entries/{entry_id}",)),
    "profile suggest": (("web:person-profile-suggestions",), ("GET /people/{person_id}/profile/suggestions",)),
    "profile set": (("web:person-edit",), ("PATCH /people/{person_id}/profile",)),
    # Promises
    "promises": (("web:today", "web:person"), ("GET /steps", "GET /promises/stats")),
    "promises find": (("web:log-promises",), ("POST /promises/find",)),
    "promises confirm": (("web:log",), ("POST /interactions/{interaction_id}/promises",)),
    "kept": (("web:step-done",), ("POST /steps/{step_id}/done",)),
    "renegotiate": (("web:step-renegotiate",), ("POST /steps/{step_id}/renegotiate",)),
    "release": (("web:step-release",), ("POST /steps/{step_id}/release",)),
    "broken": (("web:step-broken",), ("POST /steps/{step_id}/broken",)),
    # Serving the network
    "ideas": (("web:person", "web:review"), ("GET /ideas", "GET /people/{person_id}/ideas")),
    "pass-on": (("web:pass-on", "web:pass-on-share"), ("POST /pass-on",)),
    "for-later": (("web:pass-on", "web:pass-on-keep", "web:pass-on-forget"), ("GET /pass-on/kept",)),
    "intro show": (("web:intros",), ("GET /introductions/{intro_id}",)),
    "intro list": (("web:intros",), ("GET /introductions",)),
    "intro propose": (("web:intro-propose",), ("POST /introductions",)),
    "intro answer": (("web:intro-answer",), ("POST /introductions/{intro_id}/answer",)),
    "intro outcome": (("web:intro-outcome",), ("POST /introductions/{intro_id}/outcome",)),
    "intro suggest": (("web:intros",), ("GET /introductions/suggestions",)),
    "intro later": (("web:intro-later",), ("POST /introductions/{intro_id}/later",)),
    "ledger": (("web:ledger",), ("GET /ledger",)),
    "ledger add": (("web:ledger-add",), ("POST /ledger/entries",)),
    "ledger entries": (("web:ledger",), ("GET /ledger/entries",)),
    "ledger status": (("web:ledger-status",), ("POST /ledger/entries/{entry_id}/status",)),
    # Import and export
    "import": (
        (
            "web:import",
            "web:import-preview",
            "web:import-apply",
            "web:import-undo",
            "web:import-meetings-preview",
            "web:import-meetings-apply",
        ),
        ("POST /imports/contacts", "POST /imports/meetings", "GET /imports", "POST /imports/{batch_id}/undo"),
    ),
    "mail import": (
        ("web:import", "web:import-mail-preview", "web:import-mail-apply", "web:import-undo"),
        ("POST /imports/mail", "GET /imports", "POST /imports/{batch_id}/undo"),
    ),
    "export": (("web:export",), ("GET /export",)),
    "restore": (("web:restore", "web:restore-kept"), ("POST /restore", "GET /backups/replaced")),
    "mail sync": (("web:capture-run",), ("POST /capture/sources/{source_id}/run",)),
    "capture list": (("web:settings",), ("GET /capture/sources",)),
    "capture add-mail": (("web:capture-add-mail",), ("POST /capture/sources",)),
    "capture add-calendar": (("web:capture-add-calendar",), ("POST /capture/sources",)),
    "capture run": (("web:capture-run",), ("POST /capture/sources/{source_id}/run",)),
    "capture check": (("web:capture-check",), ("POST /capture/sources/{source_id}/check",)),
    "capture pause": (("web:capture-pause",), ("PATCH /capture/sources/{source_id}",)),
    "capture resume": (("web:capture-resume",), ("PATCH /capture/sources/{source_id}",)),
    "capture remove": (("web:capture-remove",), ("DELETE /capture/sources/{source_id}",)),
    "capture offers": (("web:settings",), ("GET /capture/offers",)),
    "capture accept": (("web:capture-offer-accept",), ("POST /capture/offers/{offer_id}/accept",)),
    "capture dismiss": (("web:capture-offer-dismiss",), ("POST /capture/offers/{offer_id}/dismiss",)),
    # The feed a calendar subscribes to is the browser's and the API's way to what `calendar` writes.
    "calendar": (("web:settings-feed",), ("GET /feed/url",)),
    "feed url": (("web:settings",), ("GET /feed/url",)),
    "feed off": (("web:settings-feed",), ("DELETE /feed",)),
    "feed regenerate": (("web:settings-feed",), ("POST /feed/rotate",)),
    "feed revoke": (("web:settings-feed",), ("DELETE /feed",)),
    # Places
    "geocode": (("web:near", "web:trip"), ("GET /geocode",)),
    "near": (("web:near",), ("GET /near",)),
    "where": (("web:places",), ("GET /where",)),
    "trip": (("web:trip", "web:trip-plan"), ("GET /trip", "POST /trip/plan")),
    "places": (("web:places", "web:places-all", "web:places-unplaced"), ("GET /places",)),
    "places confirm": (("web:place-confirm",), ("POST /places/{person_id}/confirm",)),
    # The firm
    "firm momentum": (("web:firm-momentum",), ("GET /firm/momentum",)),
    "firm who": (("web:firm",), ("GET /firm/who", "GET /firm/who/org")),
    "firm ask": (("web:firm-ask",), ("POST /firm/requests",)),
    "firm requests": (("web:firm-requests",), ("GET /firm/requests",)),
    "firm sharing": (("web:settings-sharing",), ("GET /firm/sharing",)),
    "firm share": (("web:settings-sharing", "web:person-sharing"), ("PUT /firm/sharing",)),
    "firm share-momentum": (("web:settings-sharing",), ("PUT /firm/sharing",)),
    "firm members": (("web:firm-members",), ("GET /firm/members",)),
    "firm member": (("web:firm-member",), ("PATCH /firm/members/{user_id}",)),
    "firm accounts": (("web:firm-accounts",), ("GET /firm/accounts",)),
    "firm handover": (("web:firm-handover",), ("POST /firm/handovers",)),
    "firm handovers": (("web:firm-handover",), ("GET /firm/handovers",)),
    "firm depart": (("web:firm-departures",), ("POST /firm/departures",)),
    "firm balance": (("web:firm-balance",), ("GET /firm/balance",)),
    "firm request show": (("web:firm-requests",), ("GET /firm/requests/{request_id}",)),
    "firm request accept": (("web:firm-request-answer",), ("POST /firm/requests/{request_id}/answer",)),
    "firm request decline": (("web:firm-request-answer",), ("POST /firm/requests/{request_id}/answer",)),
    "firm request more": (("web:firm-request-answer",), ("POST /firm/requests/{request_id}/answer",)),
    "firm request reply": (("web:firm-request-reply",), ("POST /firm/requests/{request_id}/reply",)),
    "firm request withdraw": (("web:firm-request-withdraw",), ("POST /firm/requests/{request_id}/withdraw",)),
    "firm team add": (("web:firm-teams",), ("POST /firm/teams",)),
    "firm team list": (("web:firm-teams",), ("GET /firm/teams",)),
    "firm team remove": (("web:firm-team-remove",), ("DELETE /firm/teams/{team_id}",)),
    "firm account add": (("web:firm-accounts",), ("POST /firm/accounts",)),
    "firm account show": (("web:firm-account",), ("GET /firm/accounts/{account_id}",)),
    "firm account remove": (("web:firm-account-remove",), ("DELETE /firm/accounts/{account_id}",)),
    # Settings and scheduled work
    "jobs": (("web:settings",), ("GET /jobs",)),
    "user add": (("web:firm-members",), ("POST /firm/members",)),
    "user list": (("web:firm-members",), ("GET /firm/members",)),
    "token add": (("web:api-token-add",), ("POST /tokens",)),
    "token list": (("web:settings",), ("GET /tokens",)),
    "token revoke": (("web:api-token-revoke",), ("DELETE /tokens/{token_id}",)),
    "config show": (("web:settings",), ("GET /settings",)),
    "config set": (("web:settings-preferences",), ("PATCH /settings",)),
    "remind show": (("web:settings",), ("GET /reminders/digest",)),
    "remind digest": (("web:settings-digest",), ("PUT /reminders/digest",)),
    "remind smtp": (("web:settings-smtp",), ("PUT /reminders/smtp",)),
    "remind preview": (("web:settings-digest-preview",), ("GET /reminders/digest/preview",)),
    "remind test": (("web:settings-digest-test",), ("POST /reminders/test",)),
    "push add": (("web:push-channel-add",), ("POST /push/channels",)),
    "push list": (("web:settings",), ("GET /push/channels",)),
    "push test": (("web:push-channel-test",), ("POST /push/channels/{channel_id}/test",)),
    "push pause": (("web:push-channel-pause",), ("PATCH /push/channels/{channel_id}",)),
    "push resume": (("web:push-channel-resume",), ("PATCH /push/channels/{channel_id}",)),
    "push remove": (("web:push-channel-remove",), ("DELETE /push/channels/{channel_id}",)),
    "push quiet": (("web:settings-push",), ("PUT /push/settings",)),
    "push on": (("web:settings-push",), ("PUT /push/settings",)),
    "push off": (("web:settings-push",), ("PUT /push/settings",)),
    "dav info": (("web:settings",), ("GET /dav",)),
    "dav password add": (("web:dav-password-add",), ("POST /dav/passwords",)),
    "dav password list": (("web:settings",), ("GET /dav/passwords",)),
    "dav password revoke": (("web:dav-password-revoke",), ("POST /dav/passwords/{password_id}/revoke",)),
    "dav tasks": (("web:phone-tasks",), ("GET /dav/tasks",)),
    "dav tasks assign": (("web:phone-task-assign",), ("POST /dav/tasks/{task_id}/assign",)),
    "dav tasks dismiss": (("web:phone-task-dismiss",), ("POST /dav/tasks/{task_id}/dismiss",)),
}

# The machine's own business: what runs the server, its keys and repairs, and the demo.
CLI_ONLY = {
    "serve": "starts the web app and the API themselves",
    "worker": "runs the scheduled work beside the server",
    "demo": "builds the demo network in a database of its own (`goodwill serve --demo` shows it)",
    "secrets key": "makes the server's encryption key, which belongs in its environment, not a page",
    "reindex": "a repair: every door keeps the search index current by itself (search.ensure_current)",
}

# Doors not built yet, each named: the map above says which door a command lacks (an empty
# tuple), and this says why it is allowed for now. Closing one means deleting it here.
KNOWN_GAPS: dict[str, str] = {}


def _commands() -> set[str]:
    """Every command the CLI offers: leaves, and groups that act when called bare."""
    from goodwill.cli.main import app

    found: set[str] = set()

    def walk(command: click.Command, path: str) -> None:
        if isinstance(command, click.Group):
            if path and command.invoke_without_command:
                found.add(path)
            context = click.Context(command)
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                assert sub is not None
                walk(sub, f"{path} {name}".strip())
        else:
            found.add(path)

    walk(typer.main.get_command(app), "")
    return found


def _url_names() -> set[str]:
    from django.urls import get_resolver

    resolver = get_resolver()
    return {
        f"{namespace}:{name}"
        for namespace, (_prefix, sub) in resolver.namespace_dict.items()
        for name in sub.reverse_dict
        if isinstance(name, str)
    }


def _operations() -> set[str]:
    from goodwill.api.main import api

    paths = api.get_openapi_schema()["paths"]
    return {f"{method.upper()} {path.removeprefix('/api/v1')}" for path, ops in paths.items() for method in ops}


def test_every_command_has_its_doors_or_says_why_not():
    commands = _commands()
    assert not commands - DOORS.keys() - CLI_ONLY.keys(), "commands with no doors in the map"
    assert not (DOORS.keys() | CLI_ONLY.keys()) - commands, "the map names commands the CLI no longer has"
    missing = {name for name, (pages, operations) in DOORS.items() if not pages or not operations}
    assert missing == KNOWN_GAPS.keys(), "a door closed or opened: update KNOWN_GAPS"


@pytest.mark.django_db
def test_every_door_in_the_map_exists():
    pages, operations = _url_names(), _operations()
    assert {page for named, _ in DOORS.values() for page in named} - pages == set()
    assert {op for _, named in DOORS.values() for op in named} - operations == set()
