"""Confidential content stays on its own person's page: every other answer
shows that something was said in confidence, never what."""

from __future__ import annotations

from goodwill.models import Confidentiality
from goodwill.queries.privacy import WITHHELD


def interaction_out(interaction, *, reveal: bool = False) -> dict:
    hidden = interaction.confidentiality == Confidentiality.CONFIDENTIAL and not reveal
    return {
        "id": interaction.pk,
        "kind": interaction.kind,
        "kind_label": interaction.kind_label,
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
