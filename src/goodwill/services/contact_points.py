"""Validating and normalizing emails and phones, so duplicates can be matched later."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from goodwill.errors import InvalidInput


def normalize_email(value: str) -> str:
    cleaned = value.strip()
    try:
        validate_email(cleaned)
    except ValidationError:
        raise InvalidInput(f'"{value}" is not a valid email address; write it as name@example.com') from None
    return cleaned.lower()


def normalize_phone(value: str, region: str = "US") -> str:
    """E.164 form; numbers without a country code are read in the user's region."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise InvalidInput(
            f'"{value}" is not a valid phone number; write it with its country code, e.g. +1 208 555 0143'
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_url(value: str) -> str:
    cleaned = value.strip()
    if "://" not in cleaned:
        cleaned = "https://" + cleaned
    if " " in cleaned or "." not in cleaned.split("://", 1)[1]:
        raise InvalidInput(f'"{value}" is not a valid web address; write it as https://example.com/...')
    return cleaned
