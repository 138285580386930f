"""Pushes for what can't wait (issue 15 §3), through Apprise: one URL per channel (ntfy,
Telegram, Slack, Matrix, Signal, mail ...), with quiet hours.

A channel's URL usually carries its secret (a topic, a bot token, a password), so it is kept
through goodwill.services.secrets and only its masked form is stored (habits.push.mask_url).
Apprise sends only to the URLs the user set up.

`push_due` is what the scheduler calls every few minutes. Each urgent item
(queries.urgent) is pushed at most once: the item's key is claimed by inserting a JobRun
(kind "push-item", slot = the key), whose (owner, kind, slot) is unique, so a second call,
or a second worker, finds it taken. During quiet hours nothing is claimed: items wait, and go
out when quiet hours end if they are still urgent then."""

from __future__ import annotations

import logging
import secrets as random
from dataclasses import dataclass
from datetime import datetime, time

from django.db import IntegrityError, transaction
from django.db.models import F

from goodwill import clock
from goodwill.errors import InvalidInput, UserError
from goodwill.habits.push import is_quiet, mask_url, parse_clock
from goodwill.models import JobRun, JobStatus, PushChannel, ReachSettings
from goodwill.models.base import Owner
from goodwill.queries.reach import reach_settings_for, zone_of
from goodwill.queries.urgent import urgent_items
from goodwill.services.job_outcome import JobOutcome
from goodwill.services.secrets import forget_secret, load_secret, store_secret

PUSH_ITEM = "push-item"  # JobRun.kind of one urgent item pushed (its slot: the item's key)
MAX_ATTEMPTS = 3  # an item that reached no channel is tried again on the next runs, this often in all
NAME_MAX = 100
TEST_TITLE = "Goodwill: test push"
TEST_BODY = "This channel works. Pushes for what can't wait (a reply going late, a promise due, a meeting) come here."
EXAMPLES = "ntfys://ntfy.sh/TOPIC, tgram://BOT_TOKEN/CHAT_ID, slack://…, matrixs://…, signal://…, mailtos://…"


@dataclass(frozen=True)
class Delivery:
    """What one push to one channel did."""

    channel: PushChannel
    delivered: bool
    error: str = ""  # why not, in Apprise's words


@dataclass(frozen=True)
class PushSettings:
    on: bool
    quiet_from: time | None
    quiet_until: time | None
    time_zone: str  # the zone quiet hours are read in
    channels: list[PushChannel]


# -- channels ---------------------------------------------------------------------------


def check_url(url: str) -> str:
    """The URL stripped, or an InvalidInput saying what is wrong with it (never echoing its secret)."""
    import apprise

    url = url.strip()
    if not url:
        raise InvalidInput(f"the push URL is empty; give an Apprise URL such as {EXAMPLES}", code="push-url")
    if "://" not in url:
        raise InvalidInput(
            f"the push URL has no scheme (the part before ://); give an Apprise URL such as {EXAMPLES}",
            code="push-url",
        )
    if apprise.Apprise().add(url):
        return url
    scheme = url.split("://", 1)[0].lower()
    if scheme not in _known_schemes():
        raise InvalidInput(
            f'"{scheme}://" is not a kind of channel Apprise knows; give a URL such as {EXAMPLES}', code="push-url"
        )
    raise InvalidInput(
        f"the {scheme}:// URL is incomplete or malformed ({mask_url(url)}); "
        "check it against Apprise's page for that service",
        code="push-url",
    )


def _known_schemes() -> set[str]:
    import apprise

    known: set[str] = set()
    for plugin in apprise.Apprise().details()["schemas"]:
        for key in ("protocols", "secure_protocols"):
            found = plugin.get(key) or ()
            known.update([found] if isinstance(found, str) else found)
    return known


def add_channel(owner: Owner, name: str, url: str) -> PushChannel:
    """A new push channel. The URL is checked by Apprise and kept as a secret; only its
    masked form is stored on the channel."""
    name = " ".join(name.split())
    if not name:
        raise InvalidInput('the channel needs a name, e.g. "phone"', code="push-name")
    if len(name) > NAME_MAX:
        raise InvalidInput(f"the channel's name is {len(name)} characters; at most {NAME_MAX}", code="push-name")
    url = check_url(url)
    if PushChannel.objects.filter(owner=owner, name__iexact=name).exists():
        raise InvalidInput(f'there is already a push channel named "{name}"; pick another name', code="push-name")
    with transaction.atomic():
        ref = store_secret(owner, f"push-{random.token_hex(8)}", url)
        return PushChannel.objects.create(
            owner=owner, name=name, shown=mask_url(url)[:200], secret_ref=ref, created_at=clock.now()
        )


def channel_fields(channel: PushChannel) -> dict:
    """A channel as the CLI's --json and the API show it (never its URL: only the masked form)."""
    return {
        "id": channel.pk,
        "name": channel.name,
        "shown": channel.shown,
        "paused": channel.paused,
        "created_at": channel.created_at,
        "last_sent_at": channel.last_sent_at,
        "last_error": channel.last_error,
    }


def list_channels(owner: Owner) -> list[PushChannel]:
    return list(PushChannel.objects.filter(owner=owner))


def set_paused(owner: Owner, channel_id: object, paused: bool) -> PushChannel:
    """Pause a channel (nothing is sent to it; it is kept) or resume it."""
    channel = PushChannel.objects.get_owned(owner, channel_id)
    if channel.paused != paused:
        channel.paused = paused
        channel.save(update_fields=["paused"])
    return channel


def remove_channel(owner: Owner, channel_id: object) -> PushChannel:
    """Remove a channel and forget its URL; returns the channel as it was."""
    channel = PushChannel.objects.get_owned(owner, channel_id)
    pk = channel.pk
    with transaction.atomic():
        forget_secret(owner, channel.secret_ref)
        channel.delete()
    channel.pk = pk  # so a door can say which one went
    return channel


def test_channel(owner: Owner, channel_id: object | None = None) -> list[Delivery]:
    """Send a test push now, whatever the hour or the on/off switch: to the channel named
    (paused or not), else to every channel that is not paused."""
    if channel_id is not None:
        channels = [PushChannel.objects.get_owned(owner, channel_id)]
    else:
        channels = [c for c in list_channels(owner) if not c.paused]
        if not channels:
            raise InvalidInput(
                "there is no push channel to test (none, or every one is paused)", code="no-push-channel"
            )
    now = clock.now()
    return [_send(owner, channel, TEST_TITLE, TEST_BODY, now) for channel in channels]


# -- settings -----------------------------------------------------------------------------


def push_settings(owner: Owner) -> PushSettings:
    reach = reach_settings_for(owner)
    return PushSettings(
        on=reach.push_on,
        quiet_from=reach.quiet_from,
        quiet_until=reach.quiet_until,
        time_zone=str(zone_of(owner, reach)),
        channels=list_channels(owner),
    )


def read_clock(text: str, which: str) -> time:
    """A time of day the user typed for one end of quiet hours ("start", "end"), or an
    InvalidInput naming that end."""
    try:
        return parse_clock(text)
    except ValueError as exc:
        raise InvalidInput(f"quiet hours' {which}: {exc}", code="quiet-hours") from None


def _reach_for_update(owner: Owner) -> ReachSettings:
    return ReachSettings.objects.get_or_create(user=owner)[0]


def set_push(owner: Owner, on: bool) -> PushSettings:
    """Pushes on or off (channels are kept either way)."""
    reach = _reach_for_update(owner)
    reach.push_on = on
    reach.save(update_fields=["push_on"])
    return push_settings(owner)


def set_quiet(owner: Owner, quiet_from: time | None, quiet_until: time | None) -> PushSettings:
    """Quiet hours from one time to another, in the user's zone (they may cross midnight);
    both None: no quiet hours."""
    if (quiet_from is None) != (quiet_until is None):
        raise InvalidInput("quiet hours need both a start and an end, e.g. 21:00 to 08:00", code="quiet-hours")
    if (
        quiet_from is not None
        and quiet_until is not None
        and quiet_from.replace(second=0) == quiet_until.replace(second=0)
    ):
        raise InvalidInput(
            f"quiet hours start and end at the same time ({quiet_from:%H:%M}); give two different times",
            code="quiet-hours",
        )
    reach = _reach_for_update(owner)
    reach.quiet_from = quiet_from.replace(second=0, microsecond=0) if quiet_from else None
    reach.quiet_until = quiet_until.replace(second=0, microsecond=0) if quiet_until else None
    reach.save(update_fields=["quiet_from", "quiet_until"])
    return push_settings(owner)


# -- sending ------------------------------------------------------------------------------


def push_due(owner: Owner, *, now: datetime | None = None) -> JobOutcome:
    """Push what can't wait, each item once ever, to every channel that is not paused.

    The scheduler calls this every few minutes; calling it again (or from a second worker)
    sends nothing twice. Nothing is sent while pushes are off or during quiet hours (items
    wait for quiet hours to end)."""
    now = now or clock.now()
    reach = reach_settings_for(owner)
    if not reach.push_on:
        return JobOutcome("pushes are off", skipped=True)
    channels = [c for c in list_channels(owner) if not c.paused]
    if not channels:
        return JobOutcome("no push channel to send to", skipped=True)
    local = now.astimezone(zone_of(owner, reach))
    if is_quiet(local.time(), reach.quiet_from, reach.quiet_until):
        until = reach.quiet_until
        return JobOutcome(f"quiet hours until {until:%H:%M}: what can't wait is held", skipped=True)
    sent, failed = 0, 0
    for item in urgent_items(owner, now=now):
        run = _claim(owner, item.key, now)
        if run is None:
            continue  # pushed already (or given up on)
        deliveries = [_send(owner, channel, item.title, f"{item.text}\n{item.link}", now) for channel in channels]
        reached = [d for d in deliveries if d.delivered]
        run.finished_at = clock.now()
        run.summary = f"{item.title}: " + (", ".join(d.channel.name for d in reached) if reached else "not delivered")
        run.summary = run.summary[:300]
        if reached:
            run.status, run.error = JobStatus.DONE, ""
            sent += 1
        else:
            run.status = JobStatus.FAILED if run.attempts < MAX_ATTEMPTS else JobStatus.GAVE_UP
            run.error = "; ".join(f"{d.channel.name}: {d.error}" for d in deliveries)
            failed += 1
        run.save(update_fields=["status", "finished_at", "summary", "error"])
    if not sent and not failed:
        return JobOutcome("nothing new that can't wait", skipped=True)
    names = ", ".join(c.name for c in channels)
    summary = f"{_count(sent, 'push', 'pushes')} sent to {names}"
    if failed:
        summary += f"; {failed} not delivered (each tried again on the next runs, {MAX_ATTEMPTS} times in all)"
    return JobOutcome(summary)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _claim(owner: Owner, key: str, now: datetime) -> JobRun | None:
    """The run that sends this item, when this call is the one to send it; None when it was
    sent already, is being sent by another worker, or was given up on."""
    try:
        with transaction.atomic():  # a savepoint: the unique slot refuses a second insert
            return JobRun.objects.create(
                owner=owner,
                kind=PUSH_ITEM,
                slot=key[:120],
                status=JobStatus.RUNNING,
                attempts=1,
                queued_at=now,
                started_at=now,
            )
    except IntegrityError:
        pass
    # An item that reached no channel is tried again; the conditional update claims it once.
    retried = JobRun.objects.filter(
        owner=owner, kind=PUSH_ITEM, slot=key[:120], status=JobStatus.FAILED, attempts__lt=MAX_ATTEMPTS
    ).update(status=JobStatus.RUNNING, attempts=F("attempts") + 1, started_at=now)
    if not retried:
        return None
    return JobRun.objects.get(owner=owner, kind=PUSH_ITEM, slot=key[:120])


def _send(owner: Owner, channel: PushChannel, title: str, body: str, now: datetime) -> Delivery:
    """One push to one channel; the channel keeps when it last got one, or why not."""
    try:
        error = _deliver(load_secret(owner, channel.secret_ref), title, body)
    except UserError as exc:  # its URL can no longer be read (a lost key or keyring entry)
        error = str(exc)
    if error:
        channel.last_error = error
        channel.save(update_fields=["last_error"])
        return Delivery(channel, False, error)
    channel.last_sent_at, channel.last_error = now, ""
    channel.save(update_fields=["last_sent_at", "last_error"])
    return Delivery(channel, True)


def _deliver(url: str, title: str, body: str) -> str:
    """Send through Apprise; "" when delivered, else why not (Apprise's last warning)."""
    import apprise

    sender = apprise.Apprise()
    if not sender.add(url):
        return "the saved URL is no longer one Apprise accepts; remove the channel and add it again"
    with apprise.LogCapture(level=logging.WARNING) as log:
        delivered = bool(sender.notify(title=title, body=body))
    if delivered:
        return ""
    lines = [line.split(" - ", 2)[-1].strip() for line in log.getvalue().splitlines() if line.strip()]
    return (lines[-1] if lines else "the push was not delivered")[:500]
