"""My open next steps and promises as the phone's reminders, both ways (issue 16 §2).

services.dav_sync keeps the DAV state (hrefs, ETags, change numbers) and calls these four:
- `task_members`: what the task list shows: my open steps (ball mine, person not archived)
  and the open phone tasks that name nobody yet.
- `render_tasks`: each as one VCALENDAR with one to-do (formats.ical_tasks). The text depends on
  the records only, never on the clock, so an unchanged step keeps its ETag.
- `apply_task`: what the phone wrote. Completing marks the step done (a promise: kept); CANCELLED
  drops it; a changed DUE renegotiates (the old date stays in the step's history); a removed DUE
  leaves the date. An edited SUMMARY changes the step's text (the " — <name>" suffix Goodwill adds is
  read off first); the text of a step told in confidence is never shown, so its edits are ignored.
  Changes are read against `before` (what the phone last saw), so a date changed in Goodwill
  meanwhile is not undone by a phone that never touched it.
  A new task becomes a step for the one person it names (a full name, or a first name only one
  person has, capitalized as a name is), else a PhoneTask that the digest asks about.
- `remove_task`: a step is dropped (undoable from its history); a phone task is closed.

A task made on the phone is ("t", its PhoneTask) for good, also once it is someone's step (made
from its words, or assigned in the digest, the web, the CLI or the API): the PhoneTask row keeps the
phone's UID and points at the step, `task_members` lists the step under the phone task, and
`render_tasks("t", ...)` shows the step there. So the phone's address and UID never change and no
UID is shown twice (CalDAV wants UIDs unique in a collection).

What leaves for the phone follows the digest's rule (queries.digest.step_words): a step from a
confidential encounter shows only that a step is due, and never the sentence it was found in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Max

from goodwill import clock, config
from goodwill.errors import InvalidInput
from goodwill.formats.errors import FormatError
from goodwill.formats.ical_tasks import Task, read_task, write_task
from goodwill.models import Ball, DavObject, NextStep, Person, PhoneTask, StepChange, StepStatus
from goodwill.queries.digest import step_words
from goodwill.queries.privacy import step_withheld
from goodwill.services import promises, steps

STEP, PHONE_TASK = DavObject.STEP.value, DavObject.PHONE_TASK.value
SUFFIX = " — "  # between a step's words and its person's name on the lock screen
_WORD = re.compile(r"\w+")


def step_uid(step_id: int) -> str:
    return f"goodwill-step-{step_id}@goodwill"


def _shown_steps(owner):
    """My open steps the phone shows (ball mine, person not archived)."""
    return NextStep.objects.filter(
        owner=owner, status=StepStatus.OPEN, ball=Ball.MINE, person__archived_at__isnull=True
    )


def task_members(owner) -> Iterable[tuple[str, int]]:
    """A task made on the phone stays ("t", its PhoneTask) for life, also once it is someone's step:
    its address and UID on the phone never change, and no UID is ever shown twice."""
    from_phone = dict(PhoneTask.objects.filter(owner=owner, step__in=_shown_steps(owner)).values_list("step_id", "id"))
    steps_shown = _shown_steps(owner).order_by("id").values_list("id", flat=True)
    yield from ((STEP, pk) for pk in steps_shown if pk not in from_phone)
    unplaced = PhoneTask.objects.filter(owner=owner, closed_at__isnull=True, step__isnull=True)
    yield from ((PHONE_TASK, pk) for pk in sorted([*unplaced.values_list("id", flat=True), *from_phone.values()]))


def render_tasks(owner, kind: str, ids: list[int]) -> dict[int, tuple[str, str]]:
    if kind == STEP:
        phone_uids = dict(PhoneTask.objects.filter(owner=owner, step_id__in=ids).values_list("step_id", "uid"))
        return _render_steps(owner, ids, phone_uids)
    if kind == PHONE_TASK:
        tasks = PhoneTask.objects.filter(owner=owner, id__in=ids)
        out = {
            t.pk: (t.uid, write_task(Task(uid=t.uid, summary=t.text, due=t.due_on, modified=t.created_at)))
            for t in tasks
            if t.closed_at is None and t.step_id is None
        }
        placed = {t.step_id: t for t in tasks if t.step_id is not None}
        rendered = _render_steps(owner, list(placed), {step_id: t.uid for step_id, t in placed.items()})
        out.update({placed[step_id].pk: item for step_id, item in rendered.items()})
        return out
    raise ValueError(f"not a task kind: {kind!r}")


def _render_steps(owner, ids: list[int], phone_uids: dict[int, str]) -> dict[int, tuple[str, str]]:
    found = _shown_steps(owner).filter(id__in=ids).select_related("person", "interaction")
    changed = dict(
        StepChange.objects.filter(owner=owner, step_id__in=ids)
        .values("step_id")
        .annotate(last=Max("changed_at"))
        .values_list("step_id", "last")
    )
    out = {}
    for step in found:
        uid = phone_uids.get(step.pk) or step_uid(step.pk)
        modified = max(step.created_at, changed.get(step.pk) or step.created_at)
        out[step.pk] = (uid, write_task(_step_task(step, uid, modified)))
    return out


def _step_task(step: NextStep, uid: str, modified: datetime) -> Task:
    name = step.person.name
    withheld = step_withheld(step)
    promise = bool(step.source_sentence)
    about = [f"{'Promise to' if promise else 'Next step with'} {name}."]
    if step.due_on and not step.due_firm:
        about.append("A soft date: a reminder, not a deadline.")
    if promise and not withheld:
        about.append(f"You said: “{step.source_sentence.strip()}”")
    url = f"{config.base_url()}/people/{step.person_id}/"
    about.append(f"In Goodwill: {url}")
    return Task(
        uid=uid,
        summary=f"{step_words(step)}{SUFFIX}{name}",
        due=step.due_on,
        description="\n".join(about),
        url=url,
        # A firm promise stands out; never from today's date, so the text stays the same day to day.
        priority=1 if promise and step.due_firm and step.due_on else 0,
        categories=("Goodwill", "Promise" if promise else "Next step"),
        modified=modified,
    )


def _read(text: str | None) -> Task | None:
    if text is None:
        return None
    try:
        return read_task(text)
    except FormatError as error:
        raise InvalidInput(f"the phone's task could not be read: {error}", code="vtodo") from error


@transaction.atomic
def apply_task(owner, kind: str | None, object_id: int | None, before: str | None, after: str) -> tuple[str, int]:
    new = _read(after)
    assert new is not None
    old = _read(before)
    if kind is None or object_id is None:
        return _new_task(owner, new)
    if kind == PHONE_TASK:
        phone = PhoneTask.objects.get_owned(owner, object_id)
        if phone.step_id is None:
            return _apply_phone_task(owner, phone, old, new)
        placed = NextStep.objects.select_related("person", "interaction").get_owned(owner, phone.step_id)
        _apply_step(owner, placed, old, new)  # someone's step since: the phone edits that step
        return PHONE_TASK, phone.pk
    if kind != STEP:
        raise ValueError(f"not a task kind: {kind!r}")
    step = NextStep.objects.select_related("person", "interaction").get_owned(owner, object_id)
    _apply_step(owner, step, old, new)
    return STEP, step.pk


def _apply_step(owner, step: NextStep, old: Task | None, new: Task) -> None:
    if step.status != StepStatus.OPEN:
        return  # closed in Goodwill meanwhile: Goodwill's word stands, the phone gets a tombstone
    words = _words_of(new.summary, step.person.name)
    before_words = _words_of(old.summary, step.person.name) if old else step_words(step)
    if words and words != before_words and words != step.text and not step_withheld(step):
        _retext(owner, step, words)
    before_due = old.due if old else step.due_on
    if new.due is not None and new.due != before_due and new.due != step.due_on:
        if new.due >= clock.today():
            promises.renegotiate(owner, step, new.due, firm=True)
        else:  # a past day: still a change of date, kept in the history, though not an agreed new one
            steps.reschedule_step(owner, step, new.due, firm=True)
    if new.done:
        (promises.keep if step.source_sentence else steps.complete_step)(owner, step)
    elif new.cancelled:
        steps.drop_step(owner, step)


def _words_of(summary: str, name: str) -> str:
    """The step's words from a SUMMARY: Goodwill's " — <name>" suffix read off."""
    text = " ".join(summary.split())
    for tail in (f"{SUFFIX}{name}", f" - {name}"):
        if text.endswith(tail):
            return text[: -len(tail)].strip()
    return text


def _retext(owner, step: NextStep, words: str) -> None:
    cleaned = steps.clean_text(words)
    StepChange.objects.create(
        owner=owner, step=step, changed_at=clock.now(), field="text", old=step.text[:100], new=cleaned[:100]
    )
    step.text = cleaned
    step.save(update_fields=["text"])


def _apply_phone_task(owner, phone: PhoneTask, old: Task | None, new: Task) -> tuple[str, int]:
    if phone.closed_at is not None:
        return PHONE_TASK, phone.pk
    if new.done or new.cancelled:
        phone.closed_at = clock.now()
        phone.save(update_fields=["closed_at"])
        return PHONE_TASK, phone.pk
    before_due = old.due if old else phone.due_on
    if new.due is not None and new.due != before_due:
        phone.due_on = new.due
    if new.summary and new.summary != (old.summary if old else phone.text):
        phone.text = steps.clean_text(new.summary)
        person = person_named_in(owner, phone.text)
        if person is not None:  # the edit named someone: it is their step now
            phone.save(update_fields=["text", "due_on"])
            assign_phone_task(owner, phone, person)
            return PHONE_TASK, phone.pk
    phone.save(update_fields=["text", "due_on"])
    return PHONE_TASK, phone.pk


def _new_task(owner, new: Task) -> tuple[str, int]:
    text = steps.clean_text(new.summary)
    phone = PhoneTask.objects.create(owner=owner, uid=new.uid, text=text, due_on=new.due, created_at=clock.now())
    person = person_named_in(owner, text)
    if person is None:
        if new.done or new.cancelled:  # made and finished on the phone before a sync: nothing to ask
            phone.closed_at = phone.created_at
            phone.save(update_fields=["closed_at"])
        return PHONE_TASK, phone.pk
    step = assign_phone_task(owner, phone, person)
    if new.done:
        steps.complete_step(owner, step)
    elif new.cancelled:
        steps.drop_step(owner, step)
    return PHONE_TASK, phone.pk


@transaction.atomic
def remove_task(owner, kind: str, object_id: int) -> None:
    if kind == PHONE_TASK:
        phone = PhoneTask.objects.get_owned(owner, object_id)
        if phone.step_id is not None:
            kind, object_id = STEP, phone.step_id
        elif phone.closed_at is None:
            phone.closed_at = clock.now()
            phone.save(update_fields=["closed_at"])
            return
        else:
            return
    step = NextStep.objects.get_owned(owner, object_id)
    if step.status == StepStatus.OPEN:
        steps.drop_step(owner, step)


@transaction.atomic
def assign_phone_task(owner, task: PhoneTask, person: Person) -> NextStep:
    """The phone task is this person's next step from now on (the phone shows it as that step)."""
    task.check_owner(owner)
    person.check_owner(owner)
    if task.closed_at is not None or task.step_id is not None:
        raise InvalidInput(f"phone task #{task.pk} is already answered; nothing to assign")
    step = steps.add_step(owner, person, task.text, due=task.due_on, ball=Ball.MINE)
    task.step = step
    task.closed_at = clock.now()
    task.save(update_fields=["step", "closed_at"])
    return step


@transaction.atomic
def dismiss_phone_task(owner, task: PhoneTask) -> PhoneTask:
    """Nobody's: the task leaves the phone and the digest."""
    task.check_owner(owner)
    if task.closed_at is not None:
        raise InvalidInput(f"phone task #{task.pk} is already answered; nothing to dismiss")
    task.closed_at = clock.now()
    task.save(update_fields=["closed_at"])
    return task


def _name_words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _holds(words: list[str], phrase: list[str]) -> bool:
    size = len(phrase)
    return bool(size) and any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def person_named_in(owner, text: str) -> Person | None:
    """The one person a task's words name, or None: never a guess between two.

    A full name ("Jane Doe") wins; when two people's full names appear, the longer one wins if it is
    one person ("Jane Doe" over a "Jane"), else nobody. Without a full name, a first name written
    as a name (capitalized: "call Will", not "will call") that exactly one person has."""
    raw = _WORD.findall(text)
    words = [w.casefold() for w in raw]
    if not words:
        return None
    capitalized = {w.casefold() for w in raw if w[:1].isupper()}
    people = Person.objects.filter(owner=owner, archived_at__isnull=True).values_list("pk", "name")
    full: list[tuple[int, int]] = []  # (name length in words, person)
    first: set[int] = set()
    for pk, name in people:
        name_words = _name_words(name)
        if _holds(words, name_words):
            full.append((len(name_words), pk))
        elif name_words and name_words[0] in capitalized:
            first.add(pk)
    if full:
        longest = max(size for size, _ in full)
        chosen = {pk for size, pk in full if size == longest}
    else:
        chosen = first
    return Person.objects.get(pk=chosen.pop()) if len(chosen) == 1 else None
