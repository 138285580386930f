"""A strict vCard checker for the tests, written from RFC 6350 (4.0) and RFC 2426 (3.0)
on purpose apart from Goodwill's own tolerant parser: every content line must be
a property the version defines (or an RFC 6474/6715/4770 extension) or an X- name,
with parameters the version defines or X- ones, in a well-formed card; the
values of the typed properties Goodwill writes are checked too.

    problems = strict_problems(text)   # [] when every line is valid
"""

from __future__ import annotations

import re

COMMON = {
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
}  # IMPP: RFC 6350, and RFC 4770 for 3.0
PROPERTIES = {
    "4.0": COMMON
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
        "DEATHDATE",  # RFC 6474
        "EXPERTISE",
        "HOBBY",
        "INTEREST",
        "ORG-DIRECTORY",
    },  # RFC 6715
    "3.0": COMMON | {"NAME", "PROFILE", "LABEL", "MAILER", "AGENT", "SORT-STRING", "CLASS"},
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
_NAME = r"[A-Za-z0-9-]+"
_LINE = re.compile(
    rf"(?:(?P<group>{_NAME})\.)?(?P<name>{_NAME})"
    rf'(?P<params>(?:;(?:[^:;"]|"[^"]*")*)*):(?P<value>.*)',
    re.S,
)
_PARAM = re.compile(rf'(?P<key>{_NAME})=(?P<values>(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)')
_DATE4 = re.compile(r"(\d{4}|--)(\d{2})?(\d{2})?(T\d{2}(\d{2}(\d{2})?)?(Z|[+-]\d{2}(\d{2})?)?)?|--\d{2}\d{2}|---\d{2}")
_DATE3 = re.compile(r"\d{4}-?\d{2}-?\d{2}(T.*)?|--\d{2}-?\d{2}")


def unfold(text: str) -> list[str]:
    if "\n" in text.replace("\r\n", ""):
        raise AssertionError("a line ends in a bare LF or CR: vCard lines end in CRLF")
    physical = text.split("\r\n")
    if physical and physical[-1] == "":
        physical.pop()
    lines: list[str] = []
    for line in physical:
        if len(line.encode("utf-8")) > 75:
            raise AssertionError(f"a line is longer than 75 octets: {line[:40]!r}...")
        if line[:1] in (" ", "\t"):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def strict_problems(text: str) -> list[str]:
    problems: list[str] = []
    try:
        lines = unfold(text)
    except AssertionError as exc:
        return [str(exc)]
    version = None
    card: list[tuple[str, dict[str, list[str]], str]] | None = None
    for number, line in enumerate(lines, 1):
        match = _LINE.fullmatch(line)
        if not match:
            problems.append(f"{number}: not a content line: {line[:60]!r}")
            continue
        name = match["name"].upper()
        params: dict[str, list[str]] = {}
        raw = match["params"][1:] if match["params"] else ""
        for piece in _split_params(raw) if raw else []:
            param = _PARAM.fullmatch(piece)
            if not param:
                problems.append(f"{number}: {name}: '{piece}' is not NAME=value (bare 2.1 parameters are not valid)")
                continue
            params.setdefault(param["key"].upper(), []).extend(
                v.strip('"') for v in re.findall(r'"[^"]*"|[^,]+', param["values"]) or [""]
            )
        value = match["value"]
        if name == "BEGIN":
            if card is not None or value.upper() != "VCARD":
                problems.append(f"{number}: BEGIN:{value} inside a card or not VCARD")
            card, version = [], None
            continue
        if card is None:
            problems.append(f"{number}: {name} outside BEGIN:VCARD ... END:VCARD")
            continue
        if name == "VERSION":
            if card:
                problems.append(f"{number}: VERSION must follow BEGIN:VCARD")
            version = value
            if version not in PROPERTIES:
                problems.append(f"{number}: VERSION {value!r} is neither 4.0 nor 3.0")
                version = "4.0"
            card.append((name, params, value))
            continue
        if version is None:
            problems.append(f"{number}: {name} before VERSION")
            version = "4.0"
        if name == "END":
            names = {n for n, _, _ in card}
            if value.upper() != "VCARD":
                problems.append(f"{number}: END:{value}")
            for required in ("FN",) + (("N",) if version == "3.0" else ()):
                if required not in names:
                    problems.append(f"{number}: the card has no {required}")
            card = None
            continue
        if not (name.startswith("X-") or name in PROPERTIES[version]):
            problems.append(f"{number}: {name} is not a vCard {version} property nor an X- name")
        for key in params:
            if not (key.startswith("X-") or key in PARAMETERS[version]):
                problems.append(f"{number}: {name};{key}= is not a vCard {version} parameter nor an X- one")
        problems += [f"{number}: {p}" for p in _value_problems(name, params, value, version)]
        card.append((name, params, value))
    if card is not None:
        problems.append("the text ends inside a card")
    return problems


def _split_params(raw: str) -> list[str]:
    pieces, current, quoted = [], "", False
    for char in raw:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            pieces.append(current)
            current = ""
        else:
            current += char
    pieces.append(current)
    return pieces


def _value_problems(name: str, params: dict[str, list[str]], value: str, version: str) -> list[str]:
    text = [v.lower() for v in params.get("VALUE", [])] == ["text"]
    if name in ("BDAY", "ANNIVERSARY", "DEATHDATE") and not text:
        pattern = _DATE4 if version == "4.0" else _DATE3
        if not pattern.fullmatch(value):
            return [f"{name}:{value[:30]} is not a date (nor VALUE=text)"]
    if name == "BDAY" and text and version == "3.0":
        return ["BDAY;VALUE=text is not allowed in vCard 3.0"]
    if name == "GENDER" and not re.fullmatch(r"[MFONU]?(;.*)?", value):
        return [f"GENDER:{value[:30]}: the sex component must be M, F, O, N, U or empty"]
    if name == "RELATED" and not text and ":" not in value:
        return [f"RELATED:{value[:30]} is not a URI (nor VALUE=text)"]
    return []
