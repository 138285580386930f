"""Which property and parameter names each vCard version defines, and how a custom
field (a CSV column such as "Gender", "Spouse" or "Met At") goes out as valid vCard:
a property of its own when one fits (GENDER, ANNIVERSARY, RELATED;TYPE=spouse in
4.0), else an X- name made from it, always with X-GOODWILL-COLUMN naming the field,
so that reading the card back gives the same custom field."""

from __future__ import annotations

import re

from .syntax import encode_param, escape

COLUMN_PARAM = "X-GOODWILL-COLUMN"
_COMMON = {
    "BEGIN",
    "END",
    "VERSION",
    "SOURCE",
    "FN",
    "N",
    "NICKNAME",
    "PHOTO",
    "BDAY",
    "ADR",
    "TEL",
    "EMAIL",
    "TZ",
    "GEO",
    "TITLE",
    "ROLE",
    "LOGO",
    "ORG",
    "CATEGORIES",
    "NOTE",
    "PRODID",
    "REV",
    "SOUND",
    "UID",
    "URL",
    "KEY",
    "IMPP",
}
PROPERTIES = {  # RFC 6350 (+ RFC 6474, 6715) and RFC 2426 (+ IMPP, RFC 4770)
    "4.0": _COMMON
    | {
        "KIND",
        "XML",
        "ANNIVERSARY",
        "GENDER",
        "LANG",
        "MEMBER",
        "RELATED",
        "CLIENTPIDMAP",
        "FBURL",
        "CALADRURI",
        "CALURI",
        "BIRTHPLACE",
        "DEATHPLACE",
        "DEATHDATE",
        "EXPERTISE",
        "HOBBY",
        "INTEREST",
        "ORG-DIRECTORY",
    },
    "3.0": _COMMON | {"NAME", "PROFILE", "LABEL", "MAILER", "AGENT", "SORT-STRING", "CLASS"},
}
PARAMETERS = {
    "4.0": {
        "LANGUAGE",
        "VALUE",
        "PREF",
        "ALTID",
        "PID",
        "TYPE",
        "MEDIATYPE",
        "CALSCALE",
        "SORT-AS",
        "GEO",
        "TZ",
        "LABEL",
        "INDEX",
        "LEVEL",
    },
    "3.0": {"TYPE", "VALUE", "ENCODING", "LANGUAGE", "CONTEXT"},
}
# Properties whose value has a syntax a custom field's text rarely meets.
_DATE = re.compile(r"(\d{8}|\d{4}-\d{2}-\d{2}|--\d{4}|--\d{2}-\d{2})(T[\dZ:+-]+)?")
_CHECKS = {
    "GENDER": re.compile(r"[MFONU]?(;.*)?", re.S),
    "ANNIVERSARY": _DATE,
    "DEATHDATE": _DATE,
    "BDAY": _DATE,
    "KIND": re.compile(r"individual|group|org|location|x-[a-z0-9-]+", re.I),
    "REV": _DATE,
}
_SEX = {
    "f": "F",
    "female": "F",
    "woman": "F",
    "m": "M",
    "male": "M",
    "man": "M",
    "o": "O",
    "other": "O",
    "n": "N",
    "none": "N",
    "not applicable": "N",
    "u": "U",
    "unknown": "U",
    "unspecified": "U",
}
_RELATED = {
    "spouse": "spouse",
    "partner": "spouse",
    "husband": "spouse",
    "wife": "spouse",
    "child": "child",
    "children": "child",
    "assistant": "agent",
    "assistant's name": "agent",
}
_BIRTHDAY = {"birthday", "birth date", "date of birth", "dob", "bday"}


def known(name: str, params: list[str], value: str, version: str) -> bool:
    """Whether a property head as read (name upper case, raw parameters) is valid in
    this version as it stands: a defined or X- name, NAME=value parameters that are
    defined or X-, and for the typed properties a value of their syntax."""
    if not (name.startswith("X-") or name in PROPERTIES[version]):
        return False
    for raw in params:
        key, sep, _ = raw.partition("=")
        key = key.strip().upper()
        if not sep or not (key.startswith("X-") or key in PARAMETERS[version]):
            return False
    check = _CHECKS.get(name)
    return check is None or bool(check.fullmatch(value.strip()))


def column_line(key: str, value: str, version: str, has_birthday: bool) -> str:
    """A custom field as a valid content line that reads back as the same field."""
    words = " ".join(key.split(";")[0].split(".")[-1].replace("_", " ").lower().split())
    tag = f";{COLUMN_PARAM}={encode_param(key)}"
    text = escape(value)
    v4 = version == "4.0"
    if v4 and words in ("gender", "sex"):
        sex = _SEX.get(value.strip().lower(), "")
        return f"GENDER{tag}:{sex};{text}"
    if v4 and words in ("anniversary", "wedding anniversary"):
        return f"ANNIVERSARY;VALUE=text{tag}:{text}"
    if v4 and words in _RELATED:
        return f"RELATED;TYPE={_RELATED[words]};VALUE=text{tag}:{text}"
    if v4 and words in _BIRTHDAY and not has_birthday:
        return f"BDAY;VALUE=text{tag}:{text}"
    return f"{x_name(key)}{tag}:{text}"


def x_name(key: str) -> str:
    """ "Met At" -> X-MET-AT, "Spouse" -> X-SPOUSE, "X-FOO;CHARSET=x" -> X-FOO."""
    name = key.split(";")[0].split(".")[-1]
    sanitized = re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")[:60].rstrip("-")
    if not sanitized:
        return "X-GOODWILL-FIELD"
    name = sanitized if sanitized.startswith("X-") else f"X-{sanitized}"
    return "X-GOODWILL-FIELD" if name.startswith("X-GOODWILL-") else name


def column_value(name: str, value: str) -> str:
    """The custom field's text back from a property written by column_line (still escaped)."""
    if name == "GENDER":
        from .syntax import split_unescaped

        parts = split_unescaped(value, ";")
        return ";".join(parts[1:]) if len(parts) > 1 else value
    return value
