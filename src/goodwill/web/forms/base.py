"""What every web form shares: fields read as typed, parsed by the helpers the CLI uses
(goodwill.parsing, goodwill.habits), and a bad value turned into the services' kind of
error, an InvalidInput that names its field, so the views show it as they show any mistake."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms

from goodwill.errors import InvalidInput, UserError

E = TypeVar("E", bound=UserError)


def naming(error: E, field: str) -> E:
    """The error, marked with the field it is about (a page puts it next to that field)."""
    error.field = field
    return error


def field_of(error: BaseException) -> str:
    """The field an error names, or "" when it names none."""
    return str(getattr(error, "field", "") or "")


def box(*, strip: bool = True) -> forms.CharField:
    """A text box as typed (blank allowed: the service says when a value is missing)."""
    return forms.CharField(required=False, strip=strip)


class Parsed(forms.CharField):
    """Text read by `parse` (a goodwill.parsing helper, the CLI's own); blank is `empty`,
    or is handed to `parse` too when `parse_blank`. The helper's error is the field's, in its words."""

    def __init__(
        self, parse: Callable[[str], Any], *, empty: Any = None, parse_blank: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.parse = parse
        self.empty = empty
        self.parse_blank = parse_blank

    def clean(self, value: Any) -> Any:
        typed = super().clean(value)
        if not typed and not self.parse_blank:
            return self.empty
        try:
            return self.parse(typed)
        except (UserError, ValueError) as exc:
            # The original error rides along as the cause: its type still says what kind of mistake it is.
            raise forms.ValidationError(str(exc)) from exc


class Flag(forms.BooleanField):
    """A tick box: ticked is anything but blank, "0", "false" or "off"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> bool:
        return bool(value) and str(value).strip().lower() not in ("0", "false", "off")


def count(typed: str) -> int:
    """A whole number the page itself put in the form (a position, a tally); anything else is 0."""
    return int(typed) if typed.isdecimal() else 0


class WebForm(forms.Form):
    """A form whose parsed values come out of `values()`, or its first bad field as an InvalidInput."""

    def values(self) -> dict[str, Any]:
        if self.is_valid():
            return self.cleaned_data
        raise self.problem()

    def problem(self) -> UserError:
        """The first bad field as the services' kind of error (its own, when a parser raised one)."""
        field, errors = next(iter(self.errors.as_data().items()))
        cause = errors[0].__cause__
        error = cause if isinstance(cause, UserError) else InvalidInput(" ".join(errors[0].messages))
        return naming(error, field)

    def value(self, name: str, default: Any = None) -> Any:
        """One field's parsed value, whether or not another field is bad (for a page drawn again)."""
        self.is_valid()
        return self.cleaned_data.get(name, default)


class Given(forms.CharField):
    """Text that is None when the form does not carry the field at all (left as it is), "" when blank."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str | None:
        return None if value is None else str(super().to_python(value))


class Many(forms.Field):
    """Every value a field name carries (several ticked people), as typed."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        return [str(v) for v in value or []]
