"""Quick log: who, what happened, and the next step (required, or explicitly
skipped), with the promises found in the note shown to confirm.

It calls the same services as `goodwill log`: suggest_promises to find
promises and log_interaction to write, so the browser and the terminal
record an encounter identically."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from goodwill.errors import InvalidInput, UserError
from goodwill.habits import kinds
from goodwill.services.interactions import LogRequest, StepRequest
from goodwill.web.auth import owner_view
from goodwill.web.common import redirect_back, safe_next, say
from goodwill.web.forms.base import field_of, naming
from goodwill.web.forms.log import PICKED, LogForm, PickerQuery, PickForm, picked_ref
from goodwill.web.views.today import KINDS


def picker_value(person) -> str:
    return f"{person.name} (#{person.pk})"


def pick_person(owner, text: str):
    """The person named in the picker: its "(#id)" when present, else a name or email."""
    from goodwill.services.people import resolve_person

    return resolve_person(owner, picked_ref(text) if PICKED.search(text or "") else text)


def found_promises(owner, form: LogForm, people: list) -> list[StepRequest]:
    """Promises in the summary and notes, as StepRequests (nothing written); a bad "when" is left for the log."""
    from goodwill.services.encounters import promises_in_note

    return promises_in_note(
        form.value("summary", ""), form.value("body", ""), people, form.value("when"), form.direction
    )


def log_request(form: LogForm, people: list, promises: list[StepRequest]) -> LogRequest:
    """The form's fields → the service's encounter rule (every encounter ends with a next
    step, a promise of mine, or an explicit "no next step"), which returns the LogRequest."""
    from goodwill.services.encounters import encounter_request

    values = form.values()
    return encounter_request(
        kind=values["kind"],
        people=people,
        summary=values["summary"],
        body=values["body"],
        next_text=values["next_step"],
        due_text=values["due"],
        their_text=values["their_step"],
        their_due_text=values["their_due"],
        skip_next=values["skip_next"],
        direction=form.direction,
        when=values["when"],
        confidentiality=values["confidentiality"],
        awaiting_reply=values["awaiting_reply"],
        promises=promises,
    )


class UnknownName(InvalidInput):
    """Nobody has this name yet: the form offers to add them in place."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.field = "person"


def _people(owner, form: LogForm) -> list:
    """Who it was with; with "add_person" ticked, a new name is added first (in the caller's transaction).
    A mistake here names the Who field ("person")."""
    from goodwill.errors import NotFound

    text = form.value("person", "")
    if not text:
        raise naming(InvalidInput("choose who it was with: start typing a name"), "person")
    try:
        return [pick_person(owner, text)]
    except NotFound as exc:
        if PICKED.search(text):
            naming(exc, "person")
            raise
        if form.value("add_person"):
            from goodwill.services.people import PersonFields, add_person

            return [add_person(owner, PersonFields(name=text))]
        close = str(exc).split("; did you mean ", 1)
        hint = f"; did you mean {close[1]} Or add them now." if len(close) == 2 else "; add them now, then log."
        raise UnknownName(" ".join(text.split()), f'No one called "{text}" yet{hint}') from None
    except UserError as exc:  # several people match: say which
        naming(exc, "person")
        raise


def _form_context(request, data, *, promises=None, promises_checked=False, error=None) -> dict:
    """`data` is what the user typed (a form's data), drawn again as it was."""
    return {
        "data": data,
        "kinds": KINDS,
        "kind_words": list(kinds.WORDS),  # lunch, coffee, video call…: taken as the kind they are
        "promises": promises or [],
        "promises_checked": promises_checked,
        "error": error,
        "next": safe_next(request, "web:today"),
    }


def _page(request, context, status=200) -> HttpResponse:
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
        person_id = PickForm(request.GET).value("person", 0)
        if person_id:
            from goodwill.web.common import person_of

            data["person"] = picker_value(person_of(owner, person_id))
        return render(request, "web/log.html", _form_context(request, data))
    form = LogForm(request.POST)
    checked = bool(form.value("promises_checked"))
    from django.db import transaction

    try:
        # One transaction: a person added in place goes again if the log is refused or waits to confirm.
        with transaction.atomic():
            people = _people(owner, form)
            if checked:
                promises = form.confirmed_promises()
            else:
                promises = found_promises(owner, form, people)
                if promises:
                    # Shown first, to confirm: nothing is written until the user says which are real.
                    transaction.set_rollback(True)
                    return _page(
                        request,
                        _form_context(request, form.data, promises=promises, promises_checked=True) | {"confirm": True},
                    )
            request_ = log_request(form, people, promises)
            from goodwill.services.interactions import log_interaction

            result = log_interaction(owner, request_)
    except UserError as exc:
        return _page(
            request,
            _form_context(
                request,
                form.data,
                promises=form.promises_as_left() if checked else [],
                promises_checked=checked,
                error=say(exc),
            )
            | {
                "unknown_name": getattr(exc, "name", ""),
                "who_invalid": field_of(exc) == "person",
                "error_field": field_of(exc),  # the box marked invalid (when), as the person form marks its own
            },
            status=400,
        )
    names = ", ".join(p.name for p in people)
    if form.value("add_person"):
        names += " (added to your people)"
    text = f"Logged {result.interaction.kind_label or result.interaction.kind} with {names}."
    if result.steps:
        text += " Next: " + "; ".join(s.text for s in result.steps[:3]) + "."
    if result.replies_closed:
        text += f" Closed {result.replies_closed} reply owed."
    messages.success(request, text)
    return redirect_back(request, "web:today")


@owner_view
def inline_form(request):
    """htmx: the small log form a row of Today opens in place."""
    from goodwill.web.common import person_of

    pick = PickForm(request.GET)
    target = person_of(request.owner, pick.value("person", 0), include_archived=False)
    kind = pick.value("kind") or "call"
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
    form = LogForm(request.POST)
    try:
        people = _people(request.owner, form)
    except UserError:
        people = []
    promises = found_promises(request.owner, form, people) if people else []
    return render(request, "web/_promises.html", {"promises": promises, "promises_checked": True})


@owner_view
def person_options(request):
    """htmx: <option>s for the person picker, as the user types."""
    from goodwill.queries.people import find_people

    # The log's Who field sends "person"; the person form's Introduced by sends "introduced_by".
    text = PickerQuery(request.GET).typed
    people = []
    if text and not PICKED.search(text):
        try:
            people = list(find_people(request.owner, text).filter(archived_at__isnull=True)[:12])
        except UserError:
            people = []
    return render(request, "web/_person_options.html", {"people": [picker_value(p) for p in people]})
