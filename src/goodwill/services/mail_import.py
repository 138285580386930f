"""Logging mail exchanged with known people: an mbox, a Maildir or .eml messages
(`import_mail`), or messages fetched over IMAP (goodwill.services.mail_sync).

Each email with a known person (matched by address) becomes one interaction: the
subject and first lines, private; the body stays in the mailbox. A message is logged
once (its Message-ID is the interaction's external_id). Newsletters and automated mail
are ignored. Threads decide replies owed: the last word from them opens one, my next
message in the thread closes it. Promises in my own recent sent mail become steps
when I run the import myself (its report says how many); a scheduled sync only offers
them (services.promise_offers), to confirm or dismiss: nothing is promised in my name silently.

One import is one ImportBatch: all of it is written, or (a dry run, or an error)
none of it. Messages that cannot be read are skipped and reported with file and line.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.formats.errors import FormatError, Problem
from goodwill.formats.mail.headers import MailError, parse_mail, quick_message_id
from goodwill.formats.mail.read import RawMessage, mailboxes, read_boxes, total_bytes
from goodwill.habits.mail_rules import (
    SUBJECT_WINDOW,
    Threader,
    ThreadMessage,
    automated_reason,
    is_reply_subject,
    normalize_subject,
    outlook_conversation,
    settle_thread,
    split_own,
)
from goodwill.models import ContactPoint, Direction, ImportBatch, ImportItem, Interaction, Person
from goodwill.services import rhythm
from goodwill.services.contact_points import normalize_email
from goodwill.services.upload_names import renamed, shown_names

MAIL_SOURCES = ("mbox", "maildir", "eml", "imap")
RECENT_DAYS = 30  # older unanswered mail opens no reply owed, older sent mail no promise
MAX_RECENT_DAYS = 36500
PROBLEMS_KEPT = 500
CHUNK = 500
SUMMARY_SNIPPET = 240
Progress = Callable[[int, int], None]  # (done, total) in bytes or messages


@dataclass
class MailReport:
    source: str
    paths: list[str]
    me: list[str]
    applied: bool = False
    batch_id: int | None = None
    read: int = 0  # messages read
    logged: int = 0  # new interactions
    inbound: int = 0
    outbound: int = 0
    unchanged: int = 0  # logged by an earlier import
    automated: int = 0  # newsletters, lists, auto-replies, no-reply senders
    unknown: int = 0  # with nobody I know
    skipped: int = 0  # unusable messages: see problems
    replies_owed: int = 0  # replies owed this import leaves open
    replies_closed: int = 0  # earlier replies owed that my mail answered
    promises: int = 0  # recorded as steps
    offered: int = 0  # offered for confirmation (a scheduled sync)
    threads: int = 0
    automated_reasons: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def problem(self, text: str) -> None:
        self.skipped += 1
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append(text)


@dataclass
class _Candidate:
    message_id: str
    when: datetime
    inbound: bool
    people: list[int]
    summary: str
    promise_text: str  # my recent sent mail only
    asks: bool = True  # from them with me on To (not only copied): it can open a reply I owe
    orphan: bool = False  # a reply with no ids: threaded by its subject
    thread: str = ""
    awaiting: bool = False
    replied_at: datetime | None = None
    row: Interaction | None = None


def external_id(message_id: str) -> str:
    """The interaction's external_id for a Message-ID (hashed when too long for the column)."""
    key = f"mail:{message_id}"
    return key if len(key) <= 400 else "mail:sha1:" + hashlib.sha1(message_id.encode("utf-8", "replace")).hexdigest()


def clean_me(addresses: Iterable[str]) -> list[str]:
    found = []
    for value in addresses:
        for part in str(value).split(","):
            if part.strip():
                found.append(normalize_email(part.strip()))
    return sorted(set(found))


def resolve_me(owner, given: Iterable[str]) -> list[str]:
    """My addresses: those given now, else those remembered in my settings."""
    from goodwill.services.accounts import settings_for

    me = clean_me(given) or sorted(settings_for(owner).my_emails or [])
    if not me:
        raise InvalidInput(
            "say which addresses are yours, e.g. you@example.com; an applied import remembers them",
            code="my-addresses",
        )
    return me


def _remember(owner, me: list[str], sync: tuple[str, dict] | None) -> None:
    """Keep my addresses and where a sync left off, in my settings (inside the import's
    transaction: a dry run or a failed import remembers nothing)."""
    from goodwill.services.accounts import settings_for_update

    prefs = settings_for_update(owner)
    fields = []
    merged = sorted(set(prefs.my_emails or []) | set(me))
    if merged != prefs.my_emails:
        prefs.my_emails = merged
        fields.append("my_emails")
    if sync:
        key, state = sync
        prefs.sync_state = {**(prefs.sync_state or {}), key: state}
        fields.append("sync_state")
    if fields:
        prefs.save(update_fields=fields)


class MailImporter:
    """Reads messages one at a time, then writes what they mean in one transaction."""

    def __init__(
        self, owner, report: MailReport, *, recent_days: int = RECENT_DAYS, offer_promises: bool = False
    ) -> None:
        self.owner = owner
        self.offer_promises = offer_promises  # offered to confirm, not recorded: no one watched this import
        self.report = report
        self.me = set(report.me)
        self.now = clock.now()
        self.owe_since = self.now - timedelta(days=recent_days)
        self.people_by_email: dict[str, int] = {}
        for email, person_id in (
            ContactPoint.objects.filter(owner=owner, kind=ContactPoint.EMAIL)
            .order_by("person_id")
            .values_list("normalized", "person_id")
        ):
            self.people_by_email.setdefault(email, person_id)  # a duplicate person: the older one
        # Mail logged before: a re-import or re-sync passes over it without parsing.
        self.logged_ids = set(
            Interaction.objects.filter(owner=owner, external_id__startswith="mail:").values_list(
                "external_id", flat=True
            )
        )
        self.unchanged_quick = 0
        self.threader = Threader()
        self.candidates: dict[str, _Candidate] = {}
        self.seen: set[str] = set()
        self.reasons: Counter = Counter()
        self.known_nodes: dict[str, tuple[datetime, str]] = {}  # earlier mail in the threader: (when, thread)

    # ------------------------------------------------------------- reading

    def wants_body(self, header: bytes) -> bool:
        """Whether a message (seen by its headers) may be logged, so its body is worth
        fetching. Any doubt says yes: the full message then decides."""
        try:
            mail = parse_mail(RawMessage(header, "", 0))
        except Exception:
            return True
        if automated_reason(mail.headers, mail.sender, mail.subject):
            return False
        addresses = [a for a in mail.recipients if a not in self.me] if mail.sender in self.me else [mail.sender]
        return any(a in self.people_by_email for a in addresses)

    def feed(self, item: RawMessage | Problem) -> None:
        if isinstance(item, Problem):
            self.report.problem(str(item))
            return
        self.report.read += 1
        quick = quick_message_id(item.data)
        if quick and external_id(quick) in self.logged_ids:
            if quick not in self.seen:
                self.seen.add(quick)
                self.unchanged_quick += 1
            return
        try:
            mail = parse_mail(item)
        except MailError as exc:
            self.report.problem(f"{item.where}: {exc}")
            return
        except Exception as exc:  # the stdlib parser on a pathological message: skip it, say so
            self.report.problem(f"{item.where}: unreadable message ({type(exc).__name__}); skipped")
            return
        if mail.message_id in self.seen:
            return  # the same message twice (a copy in two folders)
        self.seen.add(mail.message_id)
        reason = automated_reason(mail.headers, mail.sender, mail.subject)
        if reason:
            self.reasons[reason] += 1
            self.report.automated += 1
            return
        outbound = mail.sender in self.me
        # Everyone on the message but me; the sender first (inbound), so they lead its people.
        others = list(dict.fromkeys(a for a in [mail.sender, *mail.recipients] if a not in self.me))
        conversation = mail.headers.get("x-gm-thrid") or None
        if not conversation and mail.headers.get("thread-index"):
            conversation = outlook_conversation(mail.headers["thread-index"])
        # A person's id where known: two addresses of one person are one correspondent.
        self.threader.add(
            mail.message_id,
            mail.date,
            in_reply_to=mail.in_reply_to,
            references=mail.references,
            subject=mail.subject,
            correspondents=[self.people_by_email.get(a, a) for a in others],
            conversation=f"conv:{conversation}" if conversation else None,
        )
        # Mail from them is with them only if I know the sender; the known people they
        # copied are then its participants too. Mail from me is with everyone I wrote to.
        if outbound or mail.sender in self.people_by_email:
            people = list(dict.fromkeys(self.people_by_email[a] for a in others if a in self.people_by_email))
        else:
            people = []
        if not people:
            self.report.unknown += 1
            return
        when = mail.date
        if when > self.now + timedelta(days=1):
            self.report.problem(f"{mail.where}: dated in the future ({when:%Y-%m-%d %H:%M}); skipped")
            return
        when = min(when, self.now)
        text = mail.text()
        own, earlier = split_own(text)
        subject = mail.subject or "(no subject)"
        first_lines = " ".join(own.split())
        if len(first_lines) > SUMMARY_SNIPPET:
            first_lines = first_lines[:SUMMARY_SNIPPET].rsplit(" ", 1)[0] + "…"
        summary = f"{subject} — {first_lines}" if first_lines else subject
        promise_text = ""
        if outbound and when >= self.owe_since and own:
            # My new words; the mail I answer is context only ("Sure, will do").
            promise_text = own + ("\n\n-----Original Message-----\n" + earlier[:4000] if earlier else "")
        # Only copied (on Cc or Bcc, not To): their mail is for the others to answer.
        copied_only = any(a in self.me for a in mail.cc + mail.bcc) and not any(a in self.me for a in mail.to)
        self.candidates[mail.message_id] = _Candidate(
            message_id=mail.message_id,
            when=when,
            inbound=not outbound,
            people=people,
            summary=summary[:500],
            promise_text=promise_text,
            asks=outbound or not copied_only,
            orphan=not (mail.in_reply_to or mail.references) and is_reply_subject(mail.subject),
        )

    # ------------------------------------------------------------- writing

    def write(self, batch: ImportBatch) -> None:
        """Everything this import means, inside the caller's transaction."""
        report = self.report
        report.automated_reasons = dict(self.reasons.most_common())
        existing = _existing_ids(self.owner, [external_id(m) for m in self.candidates])
        fresh = [c for c in self.candidates.values() if external_id(c.message_id) not in existing]
        report.unchanged = self.unchanged_quick + len(self.candidates) - len(fresh)
        if not fresh:
            return
        self._add_earlier_mail(fresh)
        keys = self.threader.keys()
        self._assign_threads(fresh, keys)
        updates = self._settle(fresh)
        self._create(batch, fresh)
        report.replies_closed += self._apply_updates(batch, updates)
        report.replies_closed += self._close_unthreaded(batch, fresh)
        self._touch(fresh)
        self._promises(batch, fresh)
        report.replies_owed = sum(1 for c in fresh if c.awaiting and c.replied_at is None)

    def _add_earlier_mail(self, fresh: list[_Candidate]) -> None:
        """Mail logged by earlier imports that the subject fallback could link to this
        import's: near in time (SUBJECT_WINDOW) and with one of its people. Without
        replies without ids in this import, only earlier such replies (still a thread of
        their own) can link, so only those are read. The subject is read back from the
        summary ("subject — first lines"); the (owner, occurred_at) index serves the query."""
        people = {p for c in fresh for p in c.people}
        if not people:
            return
        new_orphans = any(c.orphan for c in fresh)
        query = Interaction.objects.filter(
            owner=self.owner,
            kind="email",
            external_id__startswith="mail:",
            occurred_at__range=(
                min(c.when for c in fresh) - SUBJECT_WINDOW,
                max(c.when for c in fresh) + SUBJECT_WINDOW,
            ),
        )
        if not new_orphans:
            query = query.filter(thread_id=F("external_id"))
        rows: dict[int, tuple] = {}
        for pk, ext, thread, when, summary in query.values_list(
            "pk", "external_id", "thread_id", "occurred_at", "summary"
        ):
            orphan = thread == ext and is_reply_subject(summary)
            if orphan or new_orphans:
                rows[pk] = (ext, thread, when, summary, orphan)
        who: dict[int, list[int]] = {}
        Through = Interaction.participants.through
        for chunk in _chunks(sorted(rows)):
            for interaction, person in Through.objects.filter(interaction_id__in=chunk).values_list(
                "interaction_id", "person_id"
            ):
                who.setdefault(interaction, []).append(person)
        for pk, (ext, thread, when, summary, orphan) in rows.items():
            if people.isdisjoint(who.get(pk, ())):
                continue  # nobody in common with this import's mail
            parts = summary.split(" — ")  # the subject may hold the separator itself: every reading
            subjects = {normalize_subject(" — ".join(parts[:n])) for n in range(1, len(parts) + 1)} - {"(no subject)"}
            node = f"known:{pk}"
            self.threader.add_known(node, when, subjects=subjects, correspondents=who[pk], orphan=orphan)
            self.known_nodes[node] = (when, thread or ext)

    def _assign_threads(self, fresh: list[_Candidate], keys: dict[str, str]) -> None:
        groups: dict[str, list[str]] = {}
        for message_id, key in keys.items():
            groups.setdefault(key, []).append(message_id)
        wanted = {keys[c.message_id] for c in fresh}
        # A thread already in the database keeps its id, whatever this import calls its root:
        # the thread of its earliest message logged before (by id, or joined by subject).
        lookup = {external_id(m): key for key in wanted for m in groups[key] if m not in self.known_nodes}
        known: dict[str, tuple[datetime, str]] = {}
        for ext_chunk in _chunks(sorted(lookup)):
            for ext, thread, when in (
                Interaction.objects.filter(owner=self.owner, external_id__in=ext_chunk)
                .exclude(thread_id="")
                .values_list("external_id", "thread_id", "occurred_at")
            ):
                key = lookup[ext]
                known[key] = min(known.get(key, (when, thread)), (when, thread))
        for key in wanted:
            for node in groups[key]:
                if node in self.known_nodes:
                    known[key] = min(known.get(key, self.known_nodes[node]), self.known_nodes[node])
        for candidate in fresh:
            key = keys[candidate.message_id]
            candidate.thread = known[key][1] if key in known else external_id(key)
        self.report.threads = len({c.thread for c in fresh})

    def _settle(self, fresh: list[_Candidate]) -> dict[int, tuple[datetime | None, datetime | None]]:
        """Decide replies owed per thread; returns {existing pk: (old replied_at, new replied_at)}."""
        by_thread: dict[str, list[ThreadMessage]] = {}
        for candidate in fresh:
            by_thread.setdefault(candidate.thread, []).append(
                ThreadMessage(
                    key=("new", candidate.message_id),
                    when=candidate.when,
                    inbound=candidate.inbound,
                    new=True,
                    asks=candidate.asks,
                )
            )
        old: dict[int, datetime | None] = {}
        for chunk in _chunks(sorted(by_thread)):
            rows = Interaction.objects.filter(owner=self.owner, kind="email", thread_id__in=chunk).values_list(
                "pk", "thread_id", "occurred_at", "direction", "awaiting_reply", "replied_at"
            )
            for pk, thread, when, direction, awaiting, replied_at in rows:
                old[pk] = replied_at
                by_thread[thread].append(
                    ThreadMessage(
                        key=("old", pk),
                        when=when,
                        inbound=direction == Direction.INBOUND,
                        new=False,
                        awaiting=awaiting,
                        replied_at=replied_at,
                    )
                )
        states: dict[tuple, tuple[bool, datetime | None]] = {}
        for messages in by_thread.values():
            # its keys are the ones given above, tuples; habits types them as plain objects
            states.update(settle_thread(messages, owe_since=self.owe_since))  # type: ignore[arg-type]
        updates = {}
        for (kind, key), (awaiting, replied_at) in states.items():
            if kind == "new":
                candidate = self.candidates[key]
                candidate.awaiting, candidate.replied_at = awaiting, replied_at
            elif old[key] != replied_at:
                updates[key] = (old[key], replied_at)
        return updates

    def _create(self, batch: ImportBatch, fresh: list[_Candidate]) -> None:
        now = self.now
        rows = [
            Interaction(
                owner=self.owner,
                kind="email",
                direction=Direction.INBOUND if c.inbound else Direction.OUTBOUND,
                occurred_at=c.when,
                summary=c.summary,
                body="",
                confidentiality="private",
                awaiting_reply=c.awaiting,
                replied_at=c.replied_at,
                external_id=external_id(c.message_id),
                thread_id=c.thread,
                created_at=now,
            )
            for c in fresh
        ]
        Through = Interaction.participants.through
        for start in range(0, len(rows), CHUNK):
            part = rows[start : start + CHUNK]
            Interaction.objects.bulk_create(part)
            links = [
                Through(interaction_id=row.pk, person_id=person)
                for row, c in zip(part, fresh[start : start + CHUNK])
                for person in c.people
            ]
            Through.objects.bulk_create(links)
            ImportItem.objects.bulk_create(
                [
                    ImportItem(
                        owner=self.owner, batch=batch, model="interaction", object_id=row.pk, action=ImportItem.CREATED
                    )
                    for row in part
                ]
            )
        for row, candidate in zip(rows, fresh):
            candidate.row = row
        self.report.logged = len(rows)
        self.report.inbound = sum(1 for c in fresh if c.inbound)
        self.report.outbound = len(rows) - self.report.inbound

    def _apply_updates(self, batch: ImportBatch, updates: dict) -> int:
        by_value: dict[datetime | None, list[int]] = {}
        for pk, (_old, new) in updates.items():
            by_value.setdefault(new, []).append(pk)
        for value, pks in by_value.items():
            Interaction.objects.filter(owner=self.owner, pk__in=pks).update(replied_at=value)
        # Remembered so an undo could reopen them; "reply" keeps undo from deleting the row.
        ImportItem.objects.bulk_create(
            [
                ImportItem(
                    owner=self.owner,
                    batch=batch,
                    model="interaction-reply",
                    object_id=pk,
                    action=ImportItem.UPDATED,
                    previous={"replied_at": old.isoformat() if old else None},
                )
                for pk, (old, _new) in updates.items()
            ]
        )
        return sum(1 for old, _new in updates.values() if old is None)

    def _close_unthreaded(self, batch: ImportBatch, fresh: list[_Candidate]) -> int:
        """My mail answers calls and messages logged by hand (no thread) before it,
        as `goodwill log email` would."""
        sent = sorted((c for c in fresh if not c.inbound), key=lambda c: c.when)
        if not sent:
            return 0
        people = {p for c in sent for p in c.people}
        open_rows = (
            Interaction.objects.filter(
                owner=self.owner, awaiting_reply=True, replied_at__isnull=True, thread_id="", participants__in=people
            )
            .distinct()
            .prefetch_related("participants")
        )
        updates = {}
        for row in open_rows:
            mine = {p.pk for p in row.participants.all()}
            answer = next((c.when for c in sent if c.when >= row.occurred_at and mine & set(c.people)), None)
            if answer:
                updates[row.pk] = (None, answer)
        return self._apply_updates(batch, updates)  # recorded, so an undo reopens them

    def _touch(self, fresh: list[_Candidate]) -> None:
        latest: dict[int, datetime] = {}
        for candidate in fresh:
            for pk in candidate.people:
                if pk not in latest or candidate.when > latest[pk]:
                    latest[pk] = candidate.when
        for chunk in _chunks(sorted(latest)):
            for person in Person.objects.filter(owner=self.owner, pk__in=chunk).select_related("circle"):
                rhythm.note_touch(person, latest[person.pk])

    def _promises(self, batch: ImportBatch, fresh: list[_Candidate]) -> None:
        """The promises in my recent sent mail: steps when the user runs the import (and reads
        its report), offers to confirm when it ran on a schedule. The one place that decides."""
        from goodwill.services.promise_offers import offer_promise
        from goodwill.services.promises import suggest_promises
        from goodwill.services.steps import add_step

        writers = [c for c in fresh if c.promise_text]
        if not writers:
            return
        people = {
            p.pk: p for p in Person.objects.filter(owner=self.owner, pk__in={p for c in writers for p in c.people})
        }
        for candidate in writers:
            who = [people[p] for p in candidate.people if p in people]
            found = suggest_promises(text=candidate.promise_text, people=who, when=candidate.when, direction="outbound")
            for request in found:
                for person in who:  # one step per person, as `goodwill log` records them
                    if self.offer_promises:
                        assert candidate.row is not None  # created before promises are read
                        offer_promise(self.owner, batch, person, request, candidate.row)
                        self.report.offered += 1
                        continue
                    step = add_step(
                        self.owner,
                        person,
                        request.text[:500],
                        due=request.due,
                        firm=request.firm,
                        ball=request.ball,
                        interaction=candidate.row,
                        source_sentence=request.source_sentence,
                    )
                    ImportItem.objects.create(
                        owner=self.owner, batch=batch, model="nextstep", object_id=step.pk, action=ImportItem.CREATED
                    )
                    self.report.promises += 1


def _existing_ids(owner, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(
            Interaction.objects.filter(owner=owner, external_id__in=chunk).values_list("external_id", flat=True)
        )
    return found


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def run_import(
    owner,
    report: MailReport,
    messages: Iterable[RawMessage | Problem],
    *,
    filename: str,
    apply: bool,
    strict: bool = False,
    recent_days: int = RECENT_DAYS,
    progress: Callable[[RawMessage | Problem], None] | None = None,
    sync: tuple[str, dict] | None = None,
    importer: MailImporter | None = None,
) -> MailReport:
    """The shared core: read every message, then write the batch (or roll it back)."""
    importer = importer or MailImporter(owner, report, recent_days=recent_days)
    for item in messages:
        importer.feed(item)
        if progress:
            progress(item)
    if strict and report.skipped:
        return report
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            owner=owner, source=report.source, filename=filename[:1000], created_at=clock.now()
        )
        importer.write(batch)
        batch.summary = {
            "created": report.logged,
            "unchanged": report.unchanged,
            "skipped": report.skipped,
            "automated": report.automated,
            "unknown": report.unknown,
            "replies_owed": report.replies_owed,
            "promises": report.promises,
            "offered": report.offered,
            "me": report.me,
            **(sync[1] if sync else {}),
        }
        batch.save(update_fields=["summary"])
        _remember(owner, report.me, sync)
        if apply:
            report.applied, report.batch_id = True, batch.pk
        else:
            transaction.set_rollback(True)
    return report


def _named(items: Iterable[RawMessage | Problem], shown: Mapping[str, str]) -> Iterator[RawMessage | Problem]:
    for item in items:
        name = shown.get(item.file, item.file)
        yield item if name == item.file else dataclasses.replace(item, file=name)


def import_mail(
    owner,
    paths,
    *,
    me: Iterable[str] = (),
    apply: bool = False,
    strict: bool = False,
    recent_days: int = RECENT_DAYS,
    progress: Progress | None = None,
    names: Mapping[str, str] | None = None,
) -> MailReport:
    """Import mbox files, Maildir folders or .eml messages. A dry run unless apply.
    `names` names paths as the user knows them (an uploaded file: its own name)."""
    paths = [os.fspath(p) for p in paths]
    if not paths:
        raise InvalidInput("give an mbox file or a Maildir folder to import")
    if not 0 <= recent_days <= MAX_RECENT_DAYS:  # past a century, the date arithmetic overflows
        raise InvalidInput(
            f"the days back for recent mail must be from 0 to {MAX_RECENT_DAYS}, not {recent_days}", code="recent-days"
        )
    shown = shown_names(paths, names)
    boxes = []
    try:
        for path in paths:
            boxes += mailboxes(path)
    except FormatError as exc:
        raise InvalidInput(renamed(str(exc), shown)) from None
    my_addresses = resolve_me(owner, me)
    kinds = sorted({kind for kind, _ in boxes})
    report = MailReport(source=kinds[0] if len(kinds) == 1 else "mbox", paths=list(shown.values()), me=my_addresses)
    total = total_bytes(boxes)
    done = [0]

    def advance(item) -> None:
        if progress and isinstance(item, RawMessage):
            done[0] += len(item.data)
            progress(min(done[0], total), total)

    messages = read_boxes(boxes)
    try:
        return run_import(
            owner,
            report,
            _named(messages, shown) if names else messages,
            filename=", ".join(report.paths),
            apply=apply,
            strict=strict,
            recent_days=recent_days,
            progress=advance,
        )
    except OSError as exc:
        where = shown.get(str(exc.filename), exc.filename) if exc.filename else report.paths[0]
        raise InvalidInput(f"{where}: cannot be read ({exc.strerror}); nothing was imported") from None
