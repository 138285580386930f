"""Kinds of encounter, and the everyday words for them.

People log "lunch with Jane" or "a quick zoom", not "meeting". Each everyday
word is taken as the kind it is (lunch → meeting) and the word itself is kept
as the encounter's label, so a timeline still reads "lunch". One mapping, used
by the CLI, the web quick log and the API through services.interactions."""

from __future__ import annotations

KINDS = ("call", "meeting", "email", "message", "event", "note")

WORDS: dict[str, str] = {
    # meetings: in person or on a screen
    "lunch": "meeting",
    "coffee": "meeting",
    "dinner": "meeting",
    "breakfast": "meeting",
    "brunch": "meeting",
    "drinks": "meeting",
    "beer": "meeting",
    "visit": "meeting",
    "video call": "meeting",
    "video": "meeting",
    "videocall": "meeting",
    "zoom": "meeting",
    "teams": "meeting",
    "google meet": "meeting",
    "facetime": "meeting",
    "in person": "meeting",
    # messages
    "text": "message",
    "sms": "message",
    "whatsapp": "message",
    "signal": "message",
    "imessage": "message",
    "telegram": "message",
    "dm": "message",
    "linkedin message": "message",
    "chat": "message",
    # calls
    "phone": "call",
    "phone call": "call",
    "voice call": "call",
    # mail
    "mail": "email",
    "e-mail": "email",
    # events
    "conference": "event",
    "party": "event",
    "meetup": "event",
    "dinner party": "event",
}

MAX_LABEL = 30  # Interaction.kind_label


def normalize(word: str) -> str:
    return " ".join((word or "").lower().replace("_", " ").split())


def classify(word: str) -> tuple[str, str] | None:
    """The kind and the label to keep for what the user wrote: "Lunch" →
    ("meeting", "lunch"), "call" → ("call", ""). None for a word we don't know."""
    text = normalize(word)
    if text in KINDS:
        return text, ""
    singular = text[:-1] if text.endswith("s") and text[:-1] in WORDS else text
    kind = WORDS.get(singular)
    return (kind, singular) if kind else None


def describe(kind: str, label: str = "") -> str:
    """How an encounter reads in a timeline: its own word when it has one."""
    return label or kind


def help_text() -> str:
    """The accepted words, grouped by kind, for help and error messages."""
    by_kind: dict[str, list[str]] = {}
    for word, kind in WORDS.items():
        by_kind.setdefault(kind, []).append(word)
    examples = "; ".join(f"{', '.join(words[:4])} → {kind}" for kind, words in by_kind.items())
    return f"{', '.join(KINDS)}, or an everyday word ({examples})"
