"""Promises offered, not recorded: what a scheduled mail sync found in my sent mail.

A sync that runs by itself has nobody reading its report, so a promise it finds ("I'll send
you the deck by Friday") is offered to confirm or dismiss instead of becoming a step in my
name. An offer is kept as an item of the sync's ImportBatch (model "promise-offer", the
email's interaction as its object, the step to be in `previous`), so undoing the sync takes
its offers with it, and no new table is needed. Accepting one makes the step and turns the
item into the batch's "nextstep" (an undo of the sync removes it, as for an interactive
import); dismissing one deletes the item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import ImportBatch, ImportItem, Interaction, NextStep, Person

OFFER = "promise-offer"


@dataclass(frozen=True)
class PromiseOffer:
    id: int
    person_id: int
    person_name: str
    text: str
    due: date | None
    firm: bool
    ball: str
    source_sentence: str
    email_id: int  # the interaction (the sent email) it was found in
    email_summary: str
    found_at: datetime


def offer_promise(owner, batch: ImportBatch, person: Person, request, interaction: Interaction) -> ImportItem:
    """Keep a found promise (a services.interactions.StepRequest) as an offer of `batch`."""
    return ImportItem.objects.create(
        owner=owner,
        batch=batch,
        model=OFFER,
        object_id=interaction.pk,
        action="offered",
        previous={
            "person": person.pk,
            "text": request.text[:500],
            "due": request.due.isoformat() if request.due else None,
            "firm": bool(request.firm),
            "ball": request.ball,
            "source_sentence": request.source_sentence or "",
        },
    )


def _pending(owner):
    return ImportItem.objects.filter(owner=owner, model=OFFER, batch__undone_at__isnull=True).select_related("batch")


def pending_offers(owner) -> list[PromiseOffer]:
    """The offers still waiting for an answer, oldest first."""
    items = list(_pending(owner).order_by("pk"))
    people = {p.pk: p for p in Person.objects.filter(owner=owner, pk__in={i.previous.get("person") for i in items})}
    emails = {i.pk: i for i in Interaction.objects.filter(owner=owner, pk__in={item.object_id for item in items})}
    found = []
    for item in items:
        person, email = people.get(item.previous.get("person")), emails.get(item.object_id)
        if person is None or email is None:
            continue  # the person or the email was deleted since: nothing left to promise
        due = item.previous.get("due")
        found.append(
            PromiseOffer(
                id=item.pk,
                person_id=person.pk,
                person_name=person.name,
                text=item.previous.get("text", ""),
                due=date.fromisoformat(due) if due else None,
                firm=bool(item.previous.get("firm")),
                ball=item.previous.get("ball", "mine"),
                source_sentence=item.previous.get("source_sentence", ""),
                email_id=email.pk,
                email_summary=email.summary,
                found_at=item.batch.created_at,
            )
        )
    return found


def _offer(owner, offer_id: int | str, *, lock: bool = True) -> ImportItem:
    text = str(offer_id).strip().lstrip("#")
    if not text.isdecimal() or len(text) > 18:
        raise InvalidInput(f'"{offer_id}" is not an offer id', code="offer-id")
    pending = _pending(owner).select_for_update(of=("self",)) if lock else _pending(owner)
    item = pending.filter(pk=int(text)).first()
    if item is None:
        raise NotFound(f"no offered promise with id {text}", thing="offered promise")
    return item


def check_offer(owner, offer_id: int | str) -> None:
    """NotFound unless the owner has this offer waiting (a front door's 404 before it acts)."""
    _offer(owner, offer_id, lock=False)


@transaction.atomic
def accept_offer(owner, offer_id: int | str) -> NextStep:
    """Record the offered promise as a step, linked to its email."""
    from goodwill.services.steps import add_step

    item = _offer(owner, offer_id)
    person = Person.objects.filter(owner=owner, pk=item.previous.get("person")).first()
    email = Interaction.objects.filter(owner=owner, pk=item.object_id).first()
    if person is None or email is None:
        item.delete()
        raise InvalidInput("the person or the email of this offer was deleted since; nothing to promise")
    due = item.previous.get("due")
    step = add_step(
        owner,
        person,
        item.previous["text"],
        due=date.fromisoformat(due) if due else None,
        firm=bool(item.previous.get("firm")),
        ball=item.previous.get("ball", "mine"),
        interaction=email,
        source_sentence=item.previous.get("source_sentence", ""),
    )
    item.model, item.object_id, item.action = "nextstep", step.pk, ImportItem.CREATED
    item.save(update_fields=["model", "object_id", "action"])
    return step


@transaction.atomic
def dismiss_offer(owner, offer_id: int | str) -> None:
    """Not a promise after all: forget the offer."""
    _offer(owner, offer_id).delete()
