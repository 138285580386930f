"""Kinds of emails, phones, URLs and addresses: from vCard TYPE parameters, Apple
X-ABLabel labels and CSV column labels, and back to vCard TYPE values."""

from __future__ import annotations

from .contact import KNOWN_KINDS

# TYPE values that say nothing about whose or which number this is.
_NOISE = {"internet", "voice", "pref", "x400", "text", "msg", "dom", "intl", "postal", "parcel", "x-internet", "uri"}
_APPLE = {
    "homefax": "home fax",
    "workfax": "work fax",
    "otherfax": "fax",
    "iphone": "mobile",
    "homepage": "homepage",
    "cell": "mobile",
}
# What a writer can say with plain TYPE parameters; other kinds travel as X-ABLabel.
TYPES_FOR_KIND = {
    "work": ["WORK"],
    "home": ["HOME"],
    "mobile": ["CELL"],
    "fax": ["FAX"],
    "work fax": ["WORK", "FAX"],
    "home fax": ["HOME", "FAX"],
    "pager": ["PAGER"],
    "other": [],
}


def kind_from_types(types: list[str]) -> str:
    found = {t.strip().lower() for t in types} - _NOISE
    if found & {"cell", "mobile", "iphone"}:
        return "mobile"
    if "fax" in found:
        return "work fax" if "work" in found else "home fax" if "home" in found else "fax"
    for kind in ("pager", "work", "home", "main", "other"):
        if kind in found:
            return kind
    return min(found) if found else "other"  # e.g. TYPE=car keeps "car"


def kind_from_label(label: str) -> str:
    """Apple's "_$!<Mobile>!$_" and plain labels; custom labels are kept as written."""
    text = label.strip()
    if text.startswith("_$!<") and text.endswith(">!$_"):
        inner = text[4:-4]
        return _APPLE.get(inner.lower(), inner.lower() if inner.lower() in KNOWN_KINDS else inner)
    lowered = text.lower()
    if lowered in KNOWN_KINDS:
        return lowered
    return text or "other"


def label_for_kind(kind: str) -> str:
    """The column label for CSV ("Work", "Work Fax", or a custom label as is)."""
    return kind.title() if kind in KNOWN_KINDS else kind
