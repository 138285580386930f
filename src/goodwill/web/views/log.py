"""Quick log: who, what happened, and the next step (required, or explicitly
skipped), with the promises found in the note shown to confirm.

It calls the same services as `goodwill log`: suggest_promises to find
promises and log_interaction to write, so the browser and the terminal
record an encounter identically."""

from __future__ import annotations

import re
from datetime import date

from django.contrib import messages
from django.shortcuts import render
from django.views.decorators.http import require_POST

from goodwill.errors import InvalidInput, UserError
from goodwill.habits import kinds
from goodwill.web.auth import owner_view
from goodwill.web.common import redirect_back, safe_next, say
from goodwill.web.views.today import KINDS

PICKED = re.compile(r"\(#(\d+)\)\s*$")  # "Jane Doe (#12)", as the person picker fills it in
MAX_PROMISES = 20


def picker_value(person) -> str:
    return f"{person.name} (#{person.pk})"


def pick_person(owner, text: str):
    """The person named in the picker: its "(#id)" when present, else a name or email."""
    from goodwill.services.people import resolve_person

    match = PICKED.search(text or "")
    return resolve_person(owner, f"#{match.group(1)}" if match else text)


def _when(text: str):
    from goodwill import clock
    from goodwill.parsing import parse_past_day

    if not text.strip():
        return None
    day = parse_past_day(text)
    return clock.now() if day == clock.today() else clock.at_noon(day)


def _direction(data) -> str:
    return "inbound" if data.get("inbound") else "outbound"


def found_promises(owner, data, people) -> list:
    """Promises in the summary and notes, as StepRequests (nothing written)."""
    from goodwill.services.encounters import promises_in_note

    try:
        when = _when(data.get("when", ""))
    except UserError:
        when = None
    return promises_in_note(data.get("summary", ""), data.get("body", ""), people, when, _direction(data))


def confirmed_promises(data) -> list:
    """The promises the user kept ticked, as edited in the form."""
    from goodwill.services.encounters import parse_due
    from goodwill.services.interactions import StepRequest

    accepted = []
    for index in range(MAX_PROMISES):
        prefix = f"promise-{index}-"
        if prefix + "text" not in data:
            break
        if not data.get(prefix + "accept"):
            continue
        due_text = data.get(prefix + "due", "").strip()
        due, _firm = parse_due(due_text)  # ISO or a phrase, in the one date range
        ball = data.get(prefix + "ball", "mine")
        if ball not in ("mine", "theirs", "both"):
            raise InvalidInput(f'"{ball}" is not whose promise it is; use mine, theirs or both')
        accepted.append(
            StepRequest(
                text=data.get(prefix + "text", ""),
                due=due,
                firm=bool(data.get(prefix + "firm")),
                ball=ball,
                source_sentence=data.get(prefix + "sentence", "")[:1000],
            )
        )
    return accepted


def log_request(owner, data, people, promises: list):
    """The form's fields → the service's encounter rule (every encounter ends with a next
    step, a promise of mine, or an explicit "no next step"), which returns the LogRequest."""
    from goodwill.services.encounters import encounter_request

    return encounter_request(
        kind=data.get("kind", "").strip().lower(),
        people=people,
        summary=data.get("summary", ""),
        body=data.get("body", ""),
        next_text=data.get("next_step"),
        due_text=data.get("due", ""),
        their_text=data.get("their_step"),
        their_due_text=data.get("their_due", ""),
        skip_next=bool(data.get("skip_next")),
        direction=_direction(data),
        when=_when(data.get("when", "")),
        confidentiality=data.get("confidentiality") or "private",
        awaiting_reply=bool(data.get("awaiting_reply")),
        promises=promises,
    )


class UnknownName(InvalidInput):
    """Nobody has this name yet: the form offers to add them in place."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.who = True


def _people(owner, data) -> list:
    """Who it was with; with "add_person" ticked, a new name is added first (in the caller's transaction)."""
    from goodwill.errors import NotFound

    text = (data.get("person") or "").strip()
    if not text:
        error = InvalidInput("choose who it was with: start typing a name")
        error.who = True
        raise error
    try:
        return [pick_person(owner, text)]
    except NotFound as exc:
        if PICKED.search(text):
            exc.who = True
            raise
        if data.get("add_person"):
            from goodwill.services.people import PersonFields, add_person

            return [add_person(owner, PersonFields(name=text))]
        close = str(exc).split("; did you mean ", 1)
        hint = f"; did you mean {close[1]} Or add them now." if len(close) == 2 else "; add them now, then log."
        raise UnknownName(" ".join(text.split()), f'No one called "{text}" yet{hint}') from None
    except UserError as exc:  # several people match: say which
        exc.who = True
        raise


def _form_context(request, data, *, promises=None, promises_checked=False, error=None):
    return {
        "data": data,
        "kinds": KINDS,
        "kind_words": list(kinds.WORDS),  # lunch, coffee, video call…: taken as the kind they are
        "promises": promises or [],
        "promises_checked": promises_checked,
        "error": error,
        "next": safe_next(request, "web:today"),
    }


def _page(request, context, status=200):
    """The log form; an inline log (htmx, from a row of Today) that needs the
    user's attention swaps the whole main area for it instead of the agenda."""
    response = render(request, "web/log.html", context, status=status)
    if request.headers.get("HX-Request"):
        response["HX-Retarget"] = "#main"
        response["HX-Reselect"] = "#main"
        response["HX-Reswap"] = "outerHTML"
        response["HX-Push-Url"] = "false"
    return response


@owner_view
def quick_log(request):
    owner = request.owner
    if request.method != "POST":
        data = {"kind": "call"}
        person_id = request.GET.get("person", "")
        if person_id.isdigit():
            from goodwill.web.common import person_of

            data["person"] = picker_value(person_of(owner, int(person_id)))
        return render(request, "web/log.html", _form_context(request, data))
    data = request.POST
    from django.db import transaction

    try:
        # One transaction: a person added in place goes again if the log is refused or waits to confirm.
        with transaction.atomic():
            people = _people(owner, data)
            if data.get("promises_checked"):
                promises = confirmed_promises(data)
            else:
                promises = found_promises(owner, data, people)
                if promises:
                    # Shown first, to confirm: nothing is written until the user says which are real.
                    transaction.set_rollback(True)
                    return _page(
                        request,
                        _form_context(request, data, promises=promises, promises_checked=True) | {"confirm": True},
                    )
            request_ = log_request(owner, data, people, promises)
            from goodwill.services.interactions import log_interaction

            result = log_interaction(owner, request_)
    except UserError as exc:
        return _page(
            request,
            _form_context(
                request,
                data,
                promises=_as_left(data) if data.get("promises_checked") else [],
                promises_checked=bool(data.get("promises_checked")),
                error=say(exc),
            )
            | {"unknown_name": getattr(exc, "name", ""), "who_invalid": getattr(exc, "who", False)},
            status=400,
        )
    names = ", ".join(p.name for p in people)
    if data.get("add_person"):
        names += " (added to your people)"
    text = f"Logged {result.interaction.kind_label or result.interaction.kind} with {names}."
    if result.steps:
        text += " Next: " + "; ".join(s.text for s in result.steps[:3]) + "."
    if result.replies_closed:
        text += f" Closed {result.replies_closed} reply owed."
    messages.success(request, text)
    return redirect_back(request, "web:today")


def _as_left(data) -> list:
    """On an error, the promises are shown again as the user left them, ticks included."""
    from goodwill.services.interactions import StepRequest

    rows = []
    for index in range(MAX_PROMISES):
        prefix = f"promise-{index}-"
        if prefix + "text" not in data:
            break
        due_text = data.get(prefix + "due", "")
        try:
            due = date.fromisoformat(due_text) if due_text else None
        except ValueError:
            due = None
        request = StepRequest(
            text=data.get(prefix + "text", ""),
            due=due,
            firm=bool(data.get(prefix + "firm")),
            ball=data.get(prefix + "ball", "mine"),
            source_sentence=data.get(prefix + "sentence", ""),
        )
        request.unticked = not data.get(prefix + "accept")
        rows.append(request)
    return rows


@owner_view
def inline_form(request):
    """htmx: the small log form a row of Today opens in place."""
    from goodwill.web.common import person_of

    text = request.GET.get("person", "")
    target = person_of(request.owner, int(text) if text.isdigit() else 0, include_archived=False)
    kind = request.GET.get("kind", "call")
    return render(
        request,
        "web/_inline_log_form.html",
        {
            "person_value": picker_value(target),
            "person_name": target.name,
            "kinds": KINDS,
            "default_kind": kind if kind in KINDS else "call",
        },
    )


@require_POST
@owner_view
def promises_preview(request):
    """htmx: the promises found in the note so far, to confirm before saving."""
    data = request.POST
    try:
        people = _people(request.owner, data)
    except UserError:
        people = []
    promises = found_promises(request.owner, data, people) if people else []
    return render(request, "web/_promises.html", {"promises": promises, "promises_checked": True})


@owner_view
def person_options(request):
    """htmx: <option>s for the person picker, as the user types."""
    from goodwill.queries.people import find_people

    # The log's Who field sends "person"; the person form's Introduced by sends "introduced_by".
    text = (request.GET.get("person") or request.GET.get("introduced_by") or request.GET.get("q") or "").strip()
    people = []
    if text and not PICKED.search(text):
        try:
            people = list(find_people(request.owner, text).filter(archived_at__isnull=True)[:12])
        except UserError:
            people = []
    return render(request, "web/_person_options.html", {"people": [picker_value(p) for p in people]})
