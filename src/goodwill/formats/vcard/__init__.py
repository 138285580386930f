"""vCard 2.1, 3.0 and 4.0: syntax.py (content lines, parameters, escapes), names.py
(what each version defines; custom fields out as valid vCard), read.py (cards into
ContactRecords) and write.py (ContactRecords out as 4.0 or 3.0)."""
