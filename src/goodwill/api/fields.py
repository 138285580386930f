"""Typed inputs with the bounds the database keeps, so no input can reach it
in a shape it would refuse (a 500 on PostgreSQL): NUL characters, lone
surrogates, over-long text, ids past 64 bits, dates no calendar needs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from difflib import get_close_matches
from typing import Annotated

from annotated_types import GroupedMetadata
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

MAX_ID = 2**53  # above any id we hand out; JSON numbers stay exact below it
NO_NUL = r"^[^\x00]*$"


def _encodable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode (no lone surrogates)") from None
    return value


@dataclass(frozen=True)
class Chars(GroupedMetadata):
    """`Annotated[str, Chars(60)]`: at most 60 characters, without NUL, valid Unicode.

    Metadata rather than a function returning a type, so that mypy reads the field as a plain str
    while pydantic unfolds it into the same constraints (and the same OpenAPI) as StringConstraints."""

    max_length: int
    min_length: int = 0

    def __iter__(self) -> Iterator[object]:
        yield StringConstraints(max_length=self.max_length, min_length=self.min_length, pattern=NO_NUL)
        yield AfterValidator(_encodable)


def _in_range_day(value: date) -> date:
    # The one date range of the CLI and the web (habits.dates.check_day), with the same message.
    from goodwill import clock
    from goodwill.habits.dates import check_day

    return check_day(value, clock.today())  # its DateError is a ValueError: a 422 naming the field


def _in_range_moment(value: datetime) -> datetime:
    _in_range_day(value.date())
    if value.tzinfo is None:
        # A time without an offset is the user's own local time, as in the CLI.
        from goodwill.clock import local_zone

        value = value.replace(tzinfo=local_zone())
    return value


def _tag_fits(value: str) -> str:
    # Tags are stored lower-cased, and a few letters grow when lowered ("İ" → "i̇").
    if len(value.strip().lstrip("#").lower()) > 60:
        raise ValueError("a tag is at most 60 characters")
    return value


TagName = Annotated[str, Chars(60), AfterValidator(_tag_fits)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Day = Annotated[date, AfterValidator(_in_range_day)]
Moment = Annotated[datetime, AfterValidator(_in_range_moment)]
CadenceDays = Annotated[int, Field(ge=1, le=3650, description="Days between touches")]
Limit = Annotated[int, Field(ge=1, le=500)]
Offset = Annotated[int, Field(ge=0, le=10_000_000)]


class Input(Schema):
    """The base of every request body: a field it does not know is refused (422),
    never ignored. A typo must not fail open: `"confidential": true` for
    `confidentiality` would otherwise store the note with the default level."""

    model_config = ConfigDict(extra="forbid")  # also says so in the OpenAPI (additionalProperties: false)

    @model_validator(mode="before")
    @classmethod
    def _known_fields_only(cls, data):
        if not isinstance(data, dict):
            return data
        known = {name for name in cls.model_fields} | {f.alias for f in cls.model_fields.values() if f.alias}
        unknown = [key for key in data if key not in known]
        if unknown:
            raise PydanticCustomError(UNKNOWN_FIELD, unknown_field_message(str(unknown[0]), sorted(known)))
        return data


UNKNOWN_FIELD = "unknown_field"


def unknown_field_message(name: str, known: list[str]) -> str:
    close = get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    return f'unknown field "{name}": {hint}the fields here are {", ".join(known)}'
