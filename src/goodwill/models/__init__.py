"""Goodwill's data model. Every record has an owner: team mode is a visibility
rule on top of this, never a second schema."""

from goodwill.models.choices import Ball, Confidentiality, Direction, InteractionKind, StepStatus
from goodwill.models.dav import DavBook, DavCollection, DavDirty, DavItem, DavObject, DavPassword, PhoneTask
from goodwill.models.dupes import DupeDismissal
from goodwill.models.imports import ImportBatch, ImportItem, MergeRecord
from goodwill.models.interactions import Interaction, Note
from goodwill.models.people import (
    Address,
    Circle,
    ContactPoint,
    ImportantDate,
    Organization,
    Person,
    PersonDeletion,
    Photo,
    Tag,
)
from goodwill.models.reach import (
    CaptureKind,
    CaptureSource,
    EncryptedSecret,
    JobRun,
    JobStatus,
    LinkUse,
    PushChannel,
    ReachSettings,
    UpcomingMeeting,
)
from goodwill.models.service import Exchange, FieldVector, Introduction, Item, ProfileEntry, Share
from goodwill.models.settings import ApiToken, UserSettings, WeeklyReview
from goodwill.models.steps import NextStep, StepChange

__all__ = [
    "DavBook",
    "DavCollection",
    "DavDirty",
    "DavItem",
    "DavObject",
    "DavPassword",
    "PhoneTask",
    "CaptureKind",
    "CaptureSource",
    "EncryptedSecret",
    "JobRun",
    "JobStatus",
    "LinkUse",
    "PushChannel",
    "ReachSettings",
    "UpcomingMeeting",
    "Address",
    "ApiToken",
    "Ball",
    "Circle",
    "Confidentiality",
    "ContactPoint",
    "Direction",
    "Exchange",
    "FieldVector",
    "ImportBatch",
    "ImportItem",
    "Interaction",
    "InteractionKind",
    "Introduction",
    "Item",
    "MergeRecord",
    "NextStep",
    "Note",
    "Organization",
    "Person",
    "Photo",
    "ProfileEntry",
    "Share",
    "StepChange",
    "StepStatus",
    "Tag",
    "UserSettings",
    "WeeklyReview",
    "DupeDismissal",
    "ImportantDate",
    "PersonDeletion",
]
