"""Giving memory back to the system after a big, short-lived allocation, and keeping a
threaded server's allocator to a few arenas.

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

# mallopt's parameter for the most arenas malloc may make (glibc's malloc.h).
M_ARENA_MAX = -8


@functools.cache
def _libc_function(name: str):
    library = ctypes.util.find_library("c")
    if not library:
        return None
    try:
        return getattr(ctypes.CDLL(library), name)
    except (OSError, AttributeError):
        return None


def limit_arenas(count: int) -> bool:
    """Let malloc make at most `count` arenas; False where that can't be done. glibc makes
    one per thread that allocates at once, up to 8 per core, and each keeps its freed space:
    a waitress worker's 8 threads held ~30 MB more each on a 100,000-person network with
    needs (peak sum of RSS 443 MB against 385 MB with two arenas, at the same throughput;
    docs/performance.md, "Issue 18 at night"). Call it before the threads start."""
    mallopt = _libc_function("mallopt")
    if mallopt is None:
        return False
    return bool(mallopt(M_ARENA_MAX, count))


def give_back() -> bool:
    """Return the allocator's free memory to the system; False where that can't be done."""
    trim = _libc_function("malloc_trim")
    if trim is None:
        return False
    trim(0)
    return True
