"""Reading and changing a user's preferences, with validation."""

from __future__ import annotations

from goodwill.errors import InvalidInput
from goodwill.services.accounts import settings_for, settings_for_update

# key → (field, low, high); None bounds mean a code: a two-letter region, or an ISO 4217 currency.
_RULES = {
    "weekly-goal": ("weekly_goal", 1, 100),
    "response-window": ("response_window_days", 1, 10),
    "phone-region": ("default_phone_region", None, None),
    "currency": ("default_currency", None, None),
}
DESCRIPTIONS = {
    "weekly-goal": "outbound touches a week you aim for (1-100)",
    "response-window": "business days to answer a call or email (1-10)",
    "phone-region": "two-letter country for phones written without +code, e.g. US, GB",
    "currency": "the currency of ledger amounts written without one, e.g. USD, EUR",
    "home": 'your home base for "who is near", e.g. "Boise, ID"',
    "signature": "the name drafts are signed with (empty: your full name, else your login name)",
}


def preferences(owner) -> dict:
    prefs = settings_for(owner)
    values = {key: getattr(prefs, rule[0]) for key, rule in _RULES.items()}
    values["home"] = prefs.home
    values["signature"] = prefs.signature
    return values


def set_preference(owner, key: str, value: str) -> None:
    if key == "home":
        from goodwill.services.places import set_home

        set_home(owner, value)
        return
    if key == "signature":
        from goodwill.services.drafts import set_signature

        set_signature(owner, value)
        return
    if key not in _RULES:
        raise InvalidInput(f'unknown setting "{key}"; the settings are: {", ".join(DESCRIPTIONS)}')
    field, low, high = _RULES[key]
    prefs = settings_for_update(owner)
    if key == "currency":
        from goodwill.habits.currencies import clean_currency

        code = clean_currency(value)
        if code is None:
            raise InvalidInput(f'"{value}" is not an ISO 4217 currency code; use e.g. USD, EUR, GBP')
        setattr(prefs, field, code)
    elif low is None:
        import phonenumbers

        code = value.strip().upper()
        if code not in phonenumbers.SUPPORTED_REGIONS:
            raise InvalidInput(f'"{value}" is not a country code; use two letters such as US, GB, DE')
        setattr(prefs, field, code)
    else:
        assert high is not None  # bounds come in pairs (_RULES)
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise InvalidInput(f'{key} must be a whole number from {low} to {high}, not "{value}"')
        setattr(prefs, field, number)
    if key == "weekly-goal":  # its default hides whether it was ever chosen: the checklist asks
        from goodwill.services.onboarding import GOAL_SET

        prefs.onboarding = {**prefs.onboarding, GOAL_SET: True}
    prefs.save()
