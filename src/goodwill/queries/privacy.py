"""Confidences stay on their own person's page: lists, agendas, feeds and the API
show that something was said in confidence, never what."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goodwill.choice_values import Confidentiality

if TYPE_CHECKING:  # the agenda shows summaries without Django (queries.prepared)
    from goodwill.models import Interaction, NextStep

WITHHELD = "[confidential]"


def listed_summary(interaction: Interaction) -> str:
    """An interaction's summary as any list may show it."""
    return summary_shown(interaction.summary, interaction.confidentiality)


def summary_shown(summary: str, confidentiality: str) -> str:
    """listed_summary from plain values (the agenda reads no model instances)."""
    return WITHHELD if confidentiality == Confidentiality.CONFIDENTIAL else summary


def step_withheld(step: NextStep) -> bool:
    """A step that came from a confidential encounter: lists, feeds and pushes say that a step
    is due, never its text (select_related("interaction") first, or this reads it)."""
    interaction = step.interaction
    return interaction is not None and interaction.confidentiality == Confidentiality.CONFIDENTIAL
