"""Passing something on: record who got it (a Share, an interaction, a ledger line) and draft the message."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import Exchange, Item, Person, Share
from goodwill.queries.pass_on import (
    Ranked,
    clean_item,
    item_key,
    item_query,
    item_vector,
    kept_item,
    same_kept,
    shares_of_item,
)
from goodwill.services.drafts import email_of, mailto, signed
from goodwill.services.interactions import LogRequest, log_interaction

VIA = ("email", "message", "call", "meeting")


@dataclass
class Sent:
    person: Person
    share: Share
    draft: str
    email: str = ""  # where to send it: their preferred address; empty when none is known
    subject: str = ""

    @property
    def mailto(self) -> str:
        """The draft ready in a mail program; empty without an address."""
        return mailto(self.email, self.subject, self.draft) if self.email else ""


def draft_message(person: Person, title: str, url: str, ranked: Ranked | None = None, *, owner=None) -> str:
    """A short note to send, signed with my name. Only a fact they shared themselves is quoted: never my notes."""
    first = person.given_name or person.name.split()[0]
    because = ""
    if ranked and ranked.top_reason_shareable:
        because = f" You mentioned {ranked.top_reason_text[:1].lower() + ranked.top_reason_text[1:]}, so it seemed worth passing on."
    link = f"\n{url}" if url else ""
    body = f"Hi {first},\n\nI came across this and thought of you: {title}{link}\n{because.strip()}\n\nBest,".replace(
        "\n\n\n", "\n\n"
    )
    return signed(body, owner or person.owner)


def _item(owner, title: str, url: str, tags: list[str]) -> Item:
    """The item with this key; else one kept for later that is the same item by the one rule
    (shares_of_item: same link, or same words), so passing on or keeping again what was kept
    uses it; else a new one."""
    key = item_key(title, url)
    item = Item.objects.filter(owner=owner, key=key).first()
    if item is None:
        item = same_kept(owner, title, url)
    if item is None:
        item = Item.objects.create(
            owner=owner,
            title=title[:500],
            text=title if len(title) > 500 else "",
            url=url,
            tags=tags,
            key=key,
            created_at=clock.now(),
        )
    item_vector(item)  # its meaning kept with it now, while the model is at hand, not on a page
    return item


@transaction.atomic
def keep_item(owner, text: str, *, url: str = "", tags: list[str] | None = None) -> Item:
    """Keep something worth passing on without sending it yet, typically when no one stands out
    for it today: `goodwill for-later` (and the pass-on page) rank it again on demand, and ideas for a
    person offer it to those it suits. Keeping the same item twice keeps it once."""
    title, url, tag_list = clean_item(text, url, tags)
    item_query(title, tag_list)  # refuses an item with no words to match on
    got = sorted({s.person.name for s in shares_of_item(owner, title, url).select_related("person")})
    if got:
        raise InvalidInput(
            f'"{title}" was passed on already (to {", ".join(got)}); only what no one got yet is kept for later',
            code="item-shared",
        )
    return _item(owner, title, url, tag_list)


@transaction.atomic
def forget_item(owner, item_id: object) -> Item:
    """Forget something kept for later (no undo). Anyone else's, or one passed on already (it is
    history then, with its shares): NotFound."""
    item = kept_item(owner, item_id)
    item.delete()
    return item


def pass_on_as_ranked(
    owner, text: str, people: list[Person], *, url: str = "", tags: list[str] | None = None, via: str = "email"
) -> list[Sent]:
    """pass_on, ranking the item first (as the page or the API showed it), so each share
    keeps the reasons it was chosen for, as `goodwill pass-on --pick` does."""
    from goodwill.queries.pass_on import pass_on_ranking

    ranking = pass_on_ranking(owner, text, url=url, tags=tags or None, limit=100)
    return pass_on(
        owner,
        ranking.text,
        people,
        url=ranking.url,
        tags=ranking.tags,
        ranked={r.person_id: r for r in ranking.people},
        via=via,
    )


@transaction.atomic
def pass_on(
    owner,
    text: str,
    people: list[Person],
    *,
    url: str = "",
    tags: list[str] | None = None,
    ranked: dict[int, Ranked] | None = None,
    via: str = "email",
) -> list[Sent]:
    """Record that I passed this on to these people, and draft each message."""
    title, url, tag_list = clean_item(text, url, tags)
    if not people:
        raise InvalidInput("choose who to pass it on to", code="pass-on-to")
    if via not in VIA:
        raise InvalidInput(f'"{via}" is not a way to pass it on; use one of: {", ".join(VIA)}')
    ranked = ranked or {}
    item = _item(owner, title, url, tag_list)
    sent = []
    for person in dict.fromkeys(people):
        if person.owner_id != owner.pk:
            raise InvalidInput("no such person")
        if person.archived_at is not None:
            raise InvalidInput(f"{person.name} is archived; restore them first", code="archived")
        if shares_of_item(owner, title, url).filter(person=person).exists():
            raise InvalidInput(f'{person.name} already got "{item.title}"; choose someone else')
        reason = "; ".join(ranked[person.pk].reasons)[:500] if person.pk in ranked else ""
        # Passing something on answers nothing they were waiting for: a reply owed stays open.
        logged = log_interaction(
            owner, LogRequest(kind=via, people=[person], summary=f"Passed on: {item.title}"[:500], closes_replies=False)
        )
        share = Share.objects.create(
            owner=owner, item=item, person=person, interaction=logged.interaction, reason=reason, created_at=clock.now()
        )
        Exchange.objects.create(
            owner=owner,
            person=person,
            kind="information",
            direction="given",
            occurred_on=clock.today(),
            description=item.title[:500],
            share=share,
            created_at=clock.now(),
        )
        sent.append(
            Sent(
                person,
                share,
                draft_message(person, item.title, url, ranked.get(person.pk), owner=owner),
                email=email_of(person),
                subject=item.title[:200],
            )
        )
    return sent
