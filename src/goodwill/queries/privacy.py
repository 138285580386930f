"""Confidences stay on their own person's page: lists, agendas, feeds and the API
show that something was said in confidence, never what."""

from __future__ import annotations

from goodwill.models import Confidentiality, Interaction

WITHHELD = "[confidential]"


def listed_summary(interaction: Interaction) -> str:
    """An interaction's summary as any list may show it."""
    return WITHHELD if interaction.confidentiality == Confidentiality.CONFIDENTIAL else interaction.summary
