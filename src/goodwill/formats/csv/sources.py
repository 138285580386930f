"""The CSV exports Goodwill knows: which columns each client writes and where they go.
Detection is by header; unknown columns go to `extra` under their header."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..contact import ContactRecord, Typed, compose_name
from ..dates import is_blank_date
from ..kinds import kind_from_label
from .fields import SCALARS, RowBuilder, Target, parse_cell_date, parse_target
from .generic import generic_target

GOOGLE_MULTI = " ::: "  # Google's separator for several values in one cell
EXTRA_PREFIX = "Extra: "  # our CSV writer's prefix for extras that clash with a column


def _address(prefix: str, kind: str, **parts: str) -> dict[str, str]:
    return {f"{prefix}{suffix}": f"address:{kind}.{part}" for suffix, part in parts.items()}


LINKEDIN = {
    "First Name": "given",
    "Last Name": "family",
    "URL": "linkedin_url",
    "Email Address": "email",
    "Company": "organization",
    "Position": "title",
    "Connected On": "connected_on",
}

_OUTLOOK_ADDRESS = dict(
    street="Street",
    street2="Street 2",
    street3="Street 3",
    city="City",
    region="State",
    postal_code="Postal Code",
    country="Country/Region",
    po_box="Address PO Box",
)
OUTLOOK_EN = {
    "Title": "prefix",
    "First Name": "given",
    "Middle Name": "middle",
    "Last Name": "family",
    "Suffix": "suffix",
    "Nickname": "nickname",
    "Company": "organization",
    "Department": "department",
    "Job Title": "title",
    "E-mail Address": "email",
    "E-mail 2 Address": "email",
    "E-mail 3 Address": "email",
    "E-mail Type": "ignore",
    "E-mail 2 Type": "ignore",
    "E-mail 3 Type": "ignore",
    "E-mail Display Name": "ignore",
    "E-mail 2 Display Name": "ignore",
    "E-mail 3 Display Name": "ignore",
    "Business Phone": "phone:work",
    "Business Phone 2": "phone:work",
    "Home Phone": "phone:home",
    "Home Phone 2": "phone:home",
    "Mobile Phone": "phone:mobile",
    "Business Fax": "phone:work fax",
    "Home Fax": "phone:home fax",
    "Other Fax": "phone:fax",
    "Other Phone": "phone:other",
    "Pager": "phone:pager",
    "Primary Phone": "phone:main",
    "Company Main Phone": "phone:company",
    "Assistant's Phone": "phone:assistant",
    "Car Phone": "phone:car",
    "Callback": "phone:callback",
    "Radio Phone": "phone:radio",
    "ISDN": "phone:isdn",
    "Telex": "phone:telex",
    "TTY/TDD Phone": "phone:textphone",
    "Web Page": "url",
    "Personal Web Page": "url:home",
    "Birthday": "birthday",
    "Notes": "note",
    "Categories": "tags",
}
for _kind, _prefix in (("work", "Business"), ("home", "Home"), ("other", "Other")):
    for _part, _suffix in _OUTLOOK_ADDRESS.items():  # street2/3 add lines to the street
        OUTLOOK_EN[f"{_prefix} {_suffix}"] = f"address:{_kind}.{_part.rstrip('23')}"
    OUTLOOK_EN[f"{_prefix} Country"] = f"address:{_kind}.country"

# Translated Outlook headers, where cheap: the columns people use.
OUTLOOK_DE = {
    "Anrede": "prefix",
    "Vorname": "given",
    "Weitere Vornamen": "middle",
    "Nachname": "family",
    "Suffix": "suffix",
    "Spitzname": "nickname",
    "Firma": "organization",
    "Abteilung": "department",
    "Position": "title",
    "E-Mail-Adresse": "email",
    "E-Mail 2: Adresse": "email",
    "E-Mail 3: Adresse": "email",
    "E-Mail-Typ": "ignore",
    "E-Mail 2: Typ": "ignore",
    "E-Mail 3: Typ": "ignore",
    "E-Mail: Angezeigter Name": "ignore",
    "E-Mail 2: Angezeigter Name": "ignore",
    "E-Mail 3: Angezeigter Name": "ignore",
    "Telefon geschäftlich": "phone:work",
    "Telefon geschäftlich 2": "phone:work",
    "Telefon privat": "phone:home",
    "Telefon privat 2": "phone:home",
    "Mobiltelefon": "phone:mobile",
    "Fax geschäftlich": "phone:work fax",
    "Fax privat": "phone:home fax",
    "Weiteres Telefon": "phone:other",
    "Pager": "phone:pager",
    "Haupttelefon": "phone:main",
    "Webseite": "url",
    "Geburtstag": "birthday",
    "Notizen": "note",
    "Kategorien": "tags",
}
for _kind, _word in (("work", "geschäftlich"), ("home", "privat"), ("other", "weitere")):
    OUTLOOK_DE.update(
        {
            f"Straße {_word}": f"address:{_kind}.street",
            f"Straße {_word} 2": f"address:{_kind}.street",
            f"Straße {_word} 3": f"address:{_kind}.street",
            f"Ort {_word}": f"address:{_kind}.city",
            f"Region {_word}": f"address:{_kind}.region",
            f"Bundesland/Kanton {_word}": f"address:{_kind}.region",
            f"Postleitzahl {_word}": f"address:{_kind}.postal_code",
            f"Land/Region {_word}": f"address:{_kind}.country",
            f"Postfach {_word}": f"address:{_kind}.po_box",
        }
    )

OUTLOOK_FR = {
    "Titre": "prefix",
    "Prénom": "given",
    "Deuxième prénom": "middle",
    "Nom": "family",
    "Suffixe": "suffix",
    "Surnom": "nickname",
    "Société": "organization",
    "Service": "department",
    "Fonction": "title",
    "Profession": "title",
    "Adresse de messagerie": "email",
    "Adresse de messagerie 2": "email",
    "Adresse de messagerie 3": "email",
    "Type de messagerie": "ignore",
    "Type de messagerie 2": "ignore",
    "Type de messagerie 3": "ignore",
    "Nom complet de l'adresse de messagerie": "ignore",
    "Téléphone (bureau)": "phone:work",
    "Téléphone 2 (bureau)": "phone:work",
    "Téléphone (domicile)": "phone:home",
    "Téléphone 2 (domicile)": "phone:home",
    "Tél. mobile": "phone:mobile",
    "Téléphone mobile": "phone:mobile",
    "Télécopie (bureau)": "phone:work fax",
    "Télécopie (domicile)": "phone:home fax",
    "Autre téléphone": "phone:other",
    "Récepteur de radiomessagerie": "phone:pager",
    "Téléphone principal": "phone:main",
    "Page Web": "url",
    "Anniversaire": "birthday",
    "Notes": "note",
    "Catégories": "tags",
}
for _kind, _word in (("work", "bureau"), ("home", "domicile"), ("other", "autre")):
    OUTLOOK_FR.update(
        {
            f"Rue ({_word})": f"address:{_kind}.street",
            f"Rue ({_word}) 2": f"address:{_kind}.street",
            f"Rue ({_word}) 3": f"address:{_kind}.street",
            f"Ville ({_word})": f"address:{_kind}.city",
            f"Dép/Région ({_word})": f"address:{_kind}.region",
            f"Code postal ({_word})": f"address:{_kind}.postal_code",
            f"Pays/Région ({_word})": f"address:{_kind}.country",
            f"B.P. ({_word})": f"address:{_kind}.po_box",
        }
    )

# Values Outlook writes into every row that mean "nothing here".
OUTLOOK_DEFAULTS = {
    "Priority": "Normal",
    "Sensitivity": "Normal",
    "Private": "False",
    "Gender": "Unspecified",
    "Anniversary": "0/0/00",
    "Priorität": "Normal",
    "Vertraulichkeit": "Normal",
    "Privat": "Aus",
    "Geschlecht": "Nicht angegeben",
    "Priorité": "Normale",
    "Critère de diffusion": "Normal",
    "Privé": "Faux",
    "Sexe": "Non spécifié",
}

THUNDERBIRD = {
    "First Name": "given",
    "Last Name": "family",
    "Display Name": "full_name",
    "Nickname": "nickname",
    "Primary Email": "email:other:pref",
    "Secondary Email": "email",
    "Work Phone": "phone:work",
    "Home Phone": "phone:home",
    "Fax Number": "phone:fax",
    "Pager Number": "phone:pager",
    "Mobile Number": "phone:mobile",
    "Job Title": "title",
    "Department": "department",
    "Organization": "organization",
    "Web Page 1": "url:work",
    "Web Page 2": "url:home",
    "Notes": "note",
    "Birth Year": "ignore",
    "Birth Month": "ignore",
    "Birth Day": "ignore",
    **_address(
        "Home ",
        "home",
        **{
            "Address": "street",
            "Address 2": "street",
            "City": "city",
            "State": "region",
            "ZipCode": "postal_code",
            "Country": "country",
        },
    ),
    **_address(
        "Work ",
        "work",
        **{
            "Address": "street",
            "Address 2": "street",
            "City": "city",
            "State": "region",
            "ZipCode": "postal_code",
            "Country": "country",
        },
    ),
}

ACT = {
    "Contact": "full_name",
    "First Name": "given",
    "Last Name": "family",
    "Salutation": "nickname",
    "Company": "organization",
    "Title": "title",
    "Department": "department",
    "Phone": "phone:work",
    "Mobile Phone": "phone:mobile",
    "Fax": "phone:work fax",
    "Home Phone": "phone:home",
    "Pager": "phone:pager",
    "E-mail": "email",
    "E-mail Address": "email",
    "Web Site": "url",
    "Birth Date": "birthday",
    "Birthday": "birthday",
    "Notes": "note",
    **_address(
        "",
        "work",
        **{
            "Address 1": "street",
            "Address 2": "street",
            "Address 3": "street",
            "City": "city",
            "State": "region",
            "ZIP Code": "postal_code",
            "ZIP": "postal_code",
            "Zip": "postal_code",
            "Country": "country",
        },
    ),
    **_address(
        "Home ",
        "home",
        **{
            "Address 1": "street",
            "Address 2": "street",
            "Address 3": "street",
            "City": "city",
            "State": "region",
            "ZIP Code": "postal_code",
            "ZIP": "postal_code",
            "Country": "country",
        },
    ),
}

# Roundcube webmail's CSV: its own names for the name, work and address columns; its
# emails and phones ("Email Home", "Phone Video", "Home Mobile") are the generic ones.
ROUNDCUBE = {
    "Display Name": "full_name",
    "First Name": "given",
    "Middle Name": "middle",
    "Last Name": "family",
    "Prefix": "prefix",
    "Suffix": "suffix",
    "Nickname": "nickname",
    "Nick Name": "nickname",
    "Organization": "organization",
    "Company": "organization",
    "Department": "department",
    "Job Title": "title",
    "Birthday": "birthday",
    "Notes": "note",
    "Groups": "tags",
    "Website Homepage": "url:home",
    "Website Work": "url:work",
    "Website Blog": "url:blog",
    "Website Profile": "url:profile",
    "Website Other": "url",
}
for _kind, _word in (("home", "Home"), ("work", "Work"), ("other", "Other")):
    ROUNDCUBE.update(
        _address(
            f"{_word} Address ",
            _kind,
            **{
                "Street": "street",
                "City": "city",
                "Region": "region",
                "Zip Code": "postal_code",
                "Postal Code": "postal_code",
                "Country": "country",
            },
        )
    )
ROUNDCUBE_EMAILS = ("Email Home", "Email Work", "Email Other", "E-mail - Home", "E-mail - Work", "E-mail - Other")

GOOGLE = {
    # current export
    "First Name": "given",
    "Middle Name": "middle",
    "Last Name": "family",
    "Name Prefix": "prefix",
    "Name Suffix": "suffix",
    "Nickname": "nickname",
    "Organization Name": "organization",
    "Organization Title": "title",
    "Organization Department": "department",
    "Birthday": "birthday",
    "Notes": "note",
    "Photo": "photo",
    "Labels": "tags",
    # legacy export
    "Name": "full_name",
    "Given Name": "given",
    "Additional Name": "middle",
    "Family Name": "family",
    "Group Membership": "tags",
    # what our own CSV writer adds
    "LinkedIn URL": "linkedin_url",
    "Connected On": "connected_on",
    "UID": "uid",
    "Rev": "rev",
}
GOOGLE_NUMBERED = re.compile(r"(E-mail|Phone|Website|Address|Organization) (\d+) - (.+)")
_GOOGLE_ADDRESS = {
    "Formatted": "label",
    "Street": "street",
    "City": "city",
    "PO Box": "po_box",
    "Region": "region",
    "Postal Code": "postal_code",
    "Country": "country",
    "Extended Address": "extended",
}
_GOOGLE_ORG = {"Name": "organization", "Title": "title", "Department": "department"}
_GOOGLE_SYSTEM_TAGS = {"myContacts", "My Contacts"}


@dataclass
class Source:
    name: str
    columns: dict[str, str]
    detect: Callable[[set[str]], bool]
    dayfirst: bool = False
    defaults: dict[str, str] = field(default_factory=dict)
    special: Callable[[dict[str, str], RowBuilder], set[str]] | None = None
    multi: str | None = None  # separator of several values in an unknown column
    patterns: bool = True  # try the generic patterns (generic.py) on columns it does not map
    reserved: re.Pattern[str] | None = None  # columns `special` reads, never tried against the patterns

    def targets(self) -> dict[str, Target]:
        return {column: parse_target(spec) for column, spec in self.columns.items()}

    def targets_for(self, header: list[str]) -> dict[str, Target]:
        """The source's own targets, and for the header's other columns the generic
        patterns' ("Email Home", "Phone Video", "Display Name"...)."""
        targets = self.targets()
        if not self.patterns:
            return targets
        named = any(t.field == "full_name" for t in targets.values())
        reserved = self.reserved
        for column in header:
            if column in targets or column.startswith(EXTRA_PREFIX) or (reserved and reserved.fullmatch(column)):
                continue
            spec = generic_target(column)
            if spec is None or (spec == "full_name" and named):
                continue
            named = named or spec == "full_name"
            targets[column] = parse_target(spec)
        return targets

    def unmapped(self, header: list[str]) -> list[str]:
        """The header's columns that go to custom fields: no target, and not read by `special`."""
        targets, reserved = self.targets_for(header), self.reserved
        return [column for column in header if column not in targets and not (reserved and reserved.fullmatch(column))]


def _google_numbered(cells: dict[str, str], builder: RowBuilder) -> set[str]:
    """E-mail 1 - Label / E-mail 1 - Value, Address 1 - City, Organization 1 - Name..."""
    groups: dict[tuple[str, str], dict[str, str]] = {}
    used = set()
    for column, value in cells.items():
        if match := GOOGLE_NUMBERED.fullmatch(column):
            groups.setdefault((match[1], match[2]), {})[match[3]] = value.strip()
            used.add(column)
    record = builder.record
    for (what, number), parts in groups.items():
        label = parts.pop("Label", "") or parts.pop("Type", "")  # current / legacy
        parts.pop("Type", None)
        preferred = label.startswith("* ")
        kind = kind_from_label(label[2:] if preferred else label) if label else "other"
        if what in ("E-mail", "Phone", "Website"):
            field_name = {"E-mail": "email", "Phone": "phone", "Website": "url"}[what]
            for value in parts.pop("Value", "").split(GOOGLE_MULTI):
                builder.put(f"{what} {number} - Value", Target(field_name, kind, preferred), value)
        elif what == "Address":
            for part_name, part in _GOOGLE_ADDRESS.items():
                target = Target("address", kind, preferred, part=part, slot=number)
                builder.put(f"Address {number} - {part_name}", target, parts.pop(part_name, ""))
        elif what == "Organization" and number == "1":
            for part_name, spec in _GOOGLE_ORG.items():
                builder.put(f"Organization 1 - {part_name}", parse_target(spec), parts.pop(part_name, ""))
        for rest, value in parts.items():  # columns we have no home for
            if value:
                for item in value.split(GOOGLE_MULTI):
                    record.add_extra(f"{what} {number} - {rest}", item)
    record.tags[:] = [t.removeprefix("* ") for t in record.tags if t.removeprefix("* ") not in _GOOGLE_SYSTEM_TAGS]
    return used


def _thunderbird_birthday(cells: dict[str, str], builder: RowBuilder) -> set[str]:
    year, month, day = (cells.get(f"Birth {p}", "").strip() for p in ("Year", "Month", "Day"))
    if month and day:
        text = f"{year}-{month.zfill(2)}-{day.zfill(2)}" if year else f"--{month.zfill(2)}-{day.zfill(2)}"
        builder.put("Birth Day", Target("birthday"), text)
    return set()


def _has(*names: str) -> Callable[[set[str]], bool]:
    return lambda headers: all(name in headers for name in names)


def _any(*names: str) -> Callable[[set[str]], bool]:
    return lambda headers: any(name in headers for name in names)


def _is_google(headers: set[str]) -> bool:
    return any(GOOGLE_NUMBERED.fullmatch(h) for h in headers) or _has("Given Name", "Family Name", "Group Membership")(
        headers
    )


GOOGLE_SOURCE = Source(
    "google", GOOGLE, _is_google, special=_google_numbered, multi=GOOGLE_MULTI, reserved=GOOGLE_NUMBERED
)
SOURCES = [  # in detection order: the first that matches wins
    GOOGLE_SOURCE,
    Source("linkedin", LINKEDIN, _has("First Name", "Last Name", "Connected On")),
    Source("thunderbird", THUNDERBIRD, _has("Primary Email", "Display Name"), special=_thunderbird_birthday),
    Source("roundcube", ROUNDCUBE, lambda h: "Display Name" in h and any(e in h for e in ROUNDCUBE_EMAILS)),
    Source("act", ACT, lambda h: "Contact" in h and bool(h & {"E-mail", "ZIP Code", "ZIP", "Salutation", "ID/Status"})),
    Source(
        "outlook", OUTLOOK_DE, _any("Vorname", "E-Mail-Adresse", "Nachname"), dayfirst=True, defaults=OUTLOOK_DEFAULTS
    ),
    Source("outlook", OUTLOOK_FR, _any("Prénom", "Adresse de messagerie"), dayfirst=True, defaults=OUTLOOK_DEFAULTS),
    Source(
        "outlook",
        OUTLOOK_EN,
        _any("E-mail Address", "Business Phone", "Job Title", "Home Street", "E-mail 2 Address"),
        defaults=OUTLOOK_DEFAULTS,
    ),
]


def detect_source(header: list[str]) -> Source | None:
    headers = set(header)
    return next((source for source in SOURCES if source.detect(headers)), None)


def generic_source(mapping: dict[str, str], patterns: bool = False) -> Source:
    """A CSV of no known client: the user's --map (only what it says), or a guessed
    mapping (`patterns`: the generic patterns fill in the rest)."""
    return Source("csv", dict(mapping), lambda headers: True, patterns=patterns)


class RowReader:
    """Turns the cells of one row into a ContactRecord for a given source."""

    def __init__(self, source: Source, header: list[str]):
        self.source = source
        self.header = header
        self.targets = source.targets_for(header)
        self.unknown = [column for column in header if column not in self.targets]
        # Worked out once per file, not per row: where each mapped column sits, and how
        # its cell is filled in: most are a plain field set directly, an email, phone or
        # URL appended, or a date; the rest (addresses, tags, photos...) go through a
        # RowBuilder, made only for rows that need one.
        at = {column: i for i, column in enumerate(header)}
        self._mapped = [
            (at[column], column, target, source.defaults.get(column), *_how(target))
            for column, target in self.targets.items()
            if target.field != "ignore" and column in at
        ]
        self._unknown = [
            (at[column], column, column.removeprefix(EXTRA_PREFIX), source.defaults.get(column))
            for column in self.unknown
        ]

    def read(self, cells: dict[str, str], line: int) -> tuple[ContactRecord, Sequence[tuple[str, str]]]:
        return self.read_values([cells.get(column, "") for column in self.header], line, cells)

    def read_values(
        self, values: list[str], line: int, cells: dict[str, str] | None = None
    ) -> tuple[ContactRecord, Sequence[tuple[str, str]]]:
        """The record of one row, from its cells in header order."""
        source = self.source
        record = ContactRecord(source.name, line)
        builder = None
        for index, column, target, default, how, name in self._mapped:
            value = values[index].strip()
            if not value or value == default:
                continue
            if how is _SCALAR:  # set, or for a second column joined with a space
                current = getattr(record, name)
                setattr(record, name, f"{current} {value}" if current else value)
            elif how is _TYPED:
                getattr(record, name).append(Typed(value, target.kind, target.preferred))
            elif how is _DATE and (parsed := parse_cell_date(value, source.dayfirst)):
                setattr(record, name, parsed)
            elif how is _DATE and is_blank_date(value):
                continue
            else:  # everything else, and a date that does not parse (the builder reports it)
                builder = builder or RowBuilder(record, dayfirst=source.dayfirst)
                builder.put(column, target, value)
        if source.special:
            builder = builder or RowBuilder(record, dayfirst=source.dayfirst)
            used = source.special(cells or dict(zip(self.header, values)), builder)
        else:
            used = set()
        for index, column, key, default in self._unknown:
            value = values[index]
            stripped = value.strip()
            if not stripped or stripped == default or column in used:
                continue
            for item in value.split(source.multi) if source.multi else [value]:
                record.add_extra(key, item)
        if not record.full_name:
            record.full_name = compose_name(record.prefix, record.given, record.middle, record.family, record.suffix)
        return record, builder.problems if builder else _NO_PROBLEMS


_SCALAR, _TYPED, _DATE, _BUILDER = "scalar", "typed", "date", "builder"
_NO_PROBLEMS: tuple[tuple[str, str], ...] = ()


def _how(target: Target) -> tuple[str, str]:
    """How RowReader fills in a target, and the record attribute it fills."""
    field = target.field
    if field in SCALARS and field != "note":
        return _SCALAR, field
    if field in ("email", "phone", "url"):
        return _TYPED, field + "s"
    if field in ("birthday", "connected_on"):
        return _DATE, field
    return _BUILDER, field


_GUESSES = {
    "full_name": ("name", "full name", "display name", "contact", "contact name"),
    "given": ("first name", "firstname", "given name", "first", "forename"),
    "family": ("last name", "lastname", "surname", "family name", "last"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail", "emails"),
    "phone": ("phone", "telephone", "phone number", "tel", "work phone"),
    "phone:mobile": ("mobile", "cell", "mobile phone", "cell phone", "mobile number"),
    "organization": ("company", "organization", "organisation", "org", "employer", "firm"),
    "title": ("title", "job title", "position", "role"),
    "note": ("notes", "note", "comments", "comment"),
    "birthday": ("birthday", "date of birth", "dob", "birth date"),
    "url": ("website", "url", "web", "homepage", "web page"),
    "linkedin_url": ("linkedin", "linkedin url", "linkedin profile"),
    "tags": ("tags", "labels", "groups", "categories"),
    "nickname": ("nickname",),
    "street": ("street", "address"),
    "city": ("city", "town"),
    "region": ("state", "region", "province"),
    "country": ("country",),
    "postal_code": ("zip", "zip code", "postal code", "postcode"),
}
_GUESS_BY_NAME = {name: target for target, names in _GUESSES.items() for name in names}


def guess_mapping(header: list[str]) -> dict[str, str] | None:
    """A mapping for a CSV of no known client, from common column names (the generic
    patterns map more when it is read); None unless a column holds a name or an email
    (a one-column list of addresses, "Primary Email", will do)."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in header:
        target = _GUESS_BY_NAME.get(re.sub(r"[_\s]+", " ", column.strip().lower()))
        if target and target not in taken:
            mapping[column] = target
            taken.add(target)
    found = taken | {generic_target(column) or "" for column in header if column not in mapping}
    return mapping if any(t.split(":")[0] in ("full_name", "given", "family", "email") for t in found) else None
