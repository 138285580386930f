"""Giving memory back to the system after a big, short-lived allocation.

Reading a big network's vector index builds ~1.5 million small Python objects (rows,
digests) on the way to ~26 MB of arrays. glibc's allocator keeps the freed space in its
arenas: at 100,000 people a process stayed at 260 MB after the read, 104 MB once it was
given back (docs/performance.md, "Issues 14 and 18 on PostgreSQL: postings in place of
ts_rank"). Elsewhere (macOS, musl) there is no malloc_trim, and nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.cache
def _malloc_trim():
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None


def give_back() -> bool:
    """Return the allocator's free memory to the system; False where that can't be done."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
