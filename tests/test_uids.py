"""The UIDs new people get: valid random UUIDs, all different."""

import uuid

from hypothesis import given
from hypothesis import strategies as st

from goodwill.uids import new_uids


@given(st.integers(min_value=0, max_value=300))
def test_each_uid_is_a_urn_of_a_version_4_uuid(count):
    uids = new_uids(count)
    assert len(uids) == count
    for uid in uids:
        assert uid.startswith("urn:uuid:")
        parsed = uuid.UUID(uid.removeprefix("urn:uuid:"))
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
        assert str(parsed) == uid.removeprefix("urn:uuid:")  # canonical: lower-case, hyphenated


def test_uids_do_not_repeat():
    uids = new_uids(20_000)
    assert len(set(uids)) == 20_000
