"""Contact files in and out: vCard 2.1/3.0/4.0 and the CSV exports of LinkedIn, Google,
Outlook, Thunderbird and Act!, as neutral ContactRecords. Pure: no Django, no database.

Each format has its package (vcard/, csv/, mail/; ical_feed.py writes the calendar
feed) and none imports another; what two of them share lives here at the top: the
record (contact.py), errors.py, encoding.py, dates.py, kinds.py and photos.py.
read.py tells a vCard from a CSV. The names below are the contact files' front door."""

from .contact import Address, ContactRecord, Photo, Typed
from .csv.fields import parse_mapping, vocabulary
from .csv.write import write_csv
from .errors import FormatError, MappingError, Problem
from .read import detect_format, read_contacts, read_csv
from .vcard.write import write_vcard

__all__ = [
    "Address",
    "ContactRecord",
    "FormatError",
    "MappingError",
    "Photo",
    "Problem",
    "Typed",
    "detect_format",
    "parse_mapping",
    "read_contacts",
    "read_csv",
    "vocabulary",
    "write_csv",
    "write_vcard",
]
