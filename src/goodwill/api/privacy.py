"""Confidential content stays on its own person's page: every other answer
shows that something was said in confidence, never what."""
from __future__ import annotations

from goodwill.models import Confidentiality

WITHHELD = "[confidential]"


def interaction_out(interaction, *, reveal: bool = False) -> dict:
    hidden = interaction.confidentiality == Confidentiality.CONFIDENTIAL and not reveal
    return {
        "id": interaction.pk,
        "kind": interaction.kind,
        "direction": interaction.direction,
        "occurred_at": interaction.occurred_at,
        "people": [{"id": p.pk, "name": p.name} for p in interaction.participants.all()],
        "summary": WITHHELD if hidden else interaction.summary,
        "body": "" if hidden else interaction.body,
        "confidentiality": interaction.confidentiality,
        "withheld": hidden,
        "awaiting_reply": bool(interaction.awaiting_reply and not interaction.replied_at),
        "replied_at": interaction.replied_at,
    }


def confidential_interaction_ids(owner, ids) -> set[int]:
    from goodwill.models import Interaction

    ids = set(ids)
    if not ids:
        return set()
    return set(
        Interaction.objects.filter(owner=owner, pk__in=ids, confidentiality=Confidentiality.CONFIDENTIAL)
        .values_list("pk", flat=True)
    )


def confidential_touches(owner, pairs) -> set[tuple[int, object]]:
    """Of these (person id, moment) last touches, the ones told in confidence: one query."""
    from goodwill.models import Interaction

    pairs = [(pid, at) for pid, at in pairs if at is not None]
    if not pairs:
        return set()
    rows = Interaction.objects.filter(
        owner=owner, confidentiality=Confidentiality.CONFIDENTIAL,
        participants__in={pid for pid, _ in pairs}, occurred_at__in={at for _, at in pairs},
    ).values_list("participants", "occurred_at")
    wanted = set(pairs)
    return {(pid, at) for pid, at in rows if (pid, at) in wanted}
