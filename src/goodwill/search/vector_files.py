"""A network's vector index kept in a file beside the database, mapped rather than read.

Reading a 100,000-person network's index from the database takes ~3.5 s of CPU and ~55 MB
of temporaries (docs/performance.md, "A whole read's temporaries"), and every process did it:
each of a server's workers at its first Person page, again after every restart, and every
CLI command that ranks by meaning. The file holds the finished index's arrays; a process
maps it (copy on write) instead, in a few milliseconds, and the workers of one server share
its pages instead of each holding a copy.

This module only writes and maps the files; goodwill.search.vectors decides when one is
current (its `meta`) and turns the arrays back into an index. A file is a cache: a damaged,
cut-off or foreign one is ignored (None), never an error, and the index is read from the
database as before.

Layout: 8 bytes of magic, 8 bytes (little-endian) of header length, the header (JSON: FORMAT,
the caller's meta, each array's dtype, shape and offset, the texts' digests), then the arrays,
each at a 64-byte boundary.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np

from goodwill import config

MAGIC = b"GWVECT01"
FORMAT = 1
ALIGN = 64
SUFFIX = ".vectors"
UNUSED_DAYS = 30  # a file nobody has mapped or written for this long is removed at the next write

ENABLED: bool | None = None  # None: config.vector_files(); tests turn it off, and on where they test it
FOLDER: Path | None = None  # None: config.data_dir() / "cache" / "vectors" (tests set one of their own)


def folder() -> Path | None:
    """Where the files are, or None when they are not used."""
    enabled = config.vector_files() if ENABLED is None else ENABLED
    if not enabled:
        return None
    return FOLDER if FOLDER is not None else config.data_dir() / "cache" / "vectors"


@contextlib.contextmanager
def locked(where: Path, name: str) -> Iterator[None]:
    """One process at a time reads a network whole and writes its file: a server's second worker
    waits for the first's file and maps it, rather than reading the same rows beside it. Where
    file locks are unknown (Windows), or the folder can't be made, each process reads its own."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        handle = open(where / f"{name}.lock", "a+b")  # noqa: SIM115 - held for the block
    except OSError:
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:  # a file system without locks (some network mounts): each reads its own
            yield
            return
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write(where: Path, name: str, meta: Mapping, arrays: Mapping[str, np.ndarray], digests: Sequence[str]) -> bool:
    """Write the file whole under a temporary name, then put it in place: a process mapping the
    old one keeps it, and none sees half a file. False when the folder can't be written."""
    header: dict = {"format": FORMAT, "meta": dict(meta), "digests": list(digests), "arrays": {}}
    plain = {key: np.ascontiguousarray(value) for key, value in arrays.items()}
    # The arrays' offsets depend on the header's length, which depends on the offsets' digits:
    # laid out again until they settle (twice or three times).
    offset, encoded = 0, b""
    for _ in range(4):
        encoded = json.dumps(header, separators=(",", ":")).encode()
        offset = _aligned(len(MAGIC) + 8 + len(encoded))
        laid = {}
        for key, value in plain.items():
            laid[key] = {"dtype": value.dtype.str, "shape": list(value.shape), "offset": offset}
            offset = _aligned(offset + value.nbytes)
        if laid == header["arrays"]:
            break
        header["arrays"] = laid
    else:  # pragma: no cover - the digits settle by the third pass
        return False
    try:
        where.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=f".{name}.", suffix=".part")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + len(encoded).to_bytes(8, "little") + encoded)
            for key, value in plain.items():
                out.write(b"\0" * (header["arrays"][key]["offset"] - out.tell()))
                out.write(value.data if value.nbytes else b"")  # the array's own bytes, not a copy
            out.write(b"\0" * (offset - out.tell()))
        os.chmod(temporary, 0o600)  # the network's texts' vectors: the owner's, as the database is
        os.replace(temporary, where / f"{name}{SUFFIX}")
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    _remove_unused(where)
    return True


def read(where: Path, name: str) -> tuple[dict, dict[str, np.ndarray], list[str]] | None:
    """(meta, arrays, digests) from the file, its arrays mapped copy-on-write (a process that
    changes one gets its own pages; the file never changes); None when there is no file or it
    is not one this version wrote whole."""
    path = where / f"{name}{SUFFIX}"
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < len(MAGIC) + 8:
                return None
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_COPY)
    except (OSError, ValueError):
        return None
    try:
        found = _parse(mapped, size)
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):  # JSONDecodeError is a ValueError
        found = None
    if found is None:
        mapped.close()
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used: kept by _remove_unused
    return found


def _parse(mapped: mmap.mmap, size: int) -> tuple[dict, dict[str, np.ndarray], list[str]] | None:
    if mapped[: len(MAGIC)] != MAGIC:
        return None
    length = int.from_bytes(mapped[len(MAGIC) : len(MAGIC) + 8], "little")
    start = len(MAGIC) + 8
    if start + length > size:
        return None
    header = json.loads(bytes(mapped[start : start + length]))
    if not isinstance(header, dict) or header.get("format") != FORMAT or not isinstance(header.get("meta"), dict):
        return None
    digests = header["digests"]
    if not isinstance(digests, list) or not all(isinstance(d, str) for d in digests):
        return None
    specs = []
    for key, spec in header["arrays"].items():
        dtype = np.dtype(spec["dtype"])
        shape = tuple(int(n) for n in spec["shape"])
        count = int(np.prod(shape)) if shape else 1
        offset = int(spec["offset"])
        if dtype.kind not in "biuf":  # numbers only: nothing in a file becomes a Python object
            return None
        if min(shape, default=0) < 0 or offset < start + length or offset + count * dtype.itemsize > size:
            return None
        specs.append((key, dtype, shape, count, offset))
    # Made only once every array is known to fit: a view holds the map open.
    arrays = {
        key: np.frombuffer(mapped, dtype=dtype, count=count, offset=offset).reshape(shape)
        for key, dtype, shape, count, offset in specs
    }
    return header["meta"], arrays, digests


def _aligned(offset: int) -> int:
    return -(-offset // ALIGN) * ALIGN


def _remove_unused(where: Path) -> None:
    """Files of networks or databases not used for UNUSED_DAYS, and parts a crash left behind."""
    line = time.time() - UNUSED_DAYS * 86400
    for path in where.iterdir():
        with contextlib.suppress(OSError):
            stale = path.stat().st_mtime < line
            if stale and (path.suffix in (SUFFIX, ".lock") or path.name.endswith(".part")):
                path.unlink()
