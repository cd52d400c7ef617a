"""One build per output folder at a time: a second `snakemake` on the same folder stops with one line.

The workflow takes an exclusive `flock` on `<output>/.build.lock` when it
loads and holds it until Snakemake exits; the system drops it when the process
ends however it ends (kill -9 included), so a lock is never stale. Snakemake's
own lock works per output file and per working directory; this one covers two
editions (two configuration files) that name one output folder, from anywhere.
Processes the build starts inherit `DPAPER_BUILD_LOCK` and do not take it again.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

from dpaper.errors import BuildError

ENV = "DPAPER_BUILD_LOCK"
_held: dict[str, int] = {}


def hold(out: Path) -> None:
    """Take the lock of the output folder `out` for the rest of this process, or raise BuildError."""
    key = str(out.resolve())
    if key in _held or os.environ.get(ENV) == key:
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / ".build.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BuildError(f"{out}: expected a folder the build may write, found {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        other = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise BuildError(f"{out}: expected no other build of this output folder running, found one "
                         f"(process {other}): wait for it to finish, or stop it") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    _held[key] = fd
    os.environ[ENV] = key
