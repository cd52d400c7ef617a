"""One kind of error for bad input, and the wrapper every Snakemake script runs in.

A BuildError is a problem in what editors supplied (data, manuscript, config):
it is printed as one line per problem, `error: <where>: <what>`, and the job
exits with status 1. Anything else is a bug in this package and keeps its
traceback.
"""
from __future__ import annotations

import errno
import os
import signal
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path


class BuildError(Exception):
    """One or more problems, each already a complete one-line message."""

    def __init__(self, problems: str | Iterable[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


def where(path: str | Path, line: int | None = None, column: str | None = None) -> str:
    """`file`, `file:line` or `file, row N, column C` for messages."""
    text = str(path)
    if line is not None and column is not None:
        return f"{text}, row {line}, column {column}"
    if line is not None:
        return f"{text}:{line}"
    return text


def read_text(path: str | Path) -> str:
    """The text of a file editors write, which must be UTF-8 (a BuildError naming the line otherwise)."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BuildError(f"{where(path, line)}: expected UTF-8 text, found the byte 0x{data[exc.start]:02x} "
                         "(save the file as UTF-8)") from None


NO_ROOM = {errno.ENOSPC: "the disk full", errno.EDQUOT: "the disk quota used up"}
NOT_WRITABLE = (errno.EROFS, errno.EACCES, errno.EPERM)


def _stop(signum, frame):
    raise SystemExit(128 + signum)       # Ctrl-C or kill: `finally` blocks run, temporary files go


def _state(paths: Iterable[str]) -> dict[str, tuple[int, int] | None]:
    out = {}
    for p in paths:
        try:
            st = os.stat(p)
            out[p] = (st.st_size, st.st_mtime_ns) if stat.S_ISREG(st.st_mode) else None
        except OSError:
            out[p] = None
    return out


def run(main: Callable[[], object], log: str | Path | None = None, inputs: Iterable[str] = ()) -> None:
    """Run a script body; turn BuildError into one line per problem and exit 1.

    A full disk or a folder the build may not write is one line too. `inputs` are the job's input files:
    one changed while the job ran (an editor saved it meanwhile) fails the job, so that Snakemake drops
    what it wrote and the next run reads the file again, instead of keeping outputs newer than an input
    they do not reflect."""
    signal.signal(signal.SIGTERM, _stop)
    inputs = [str(p) for p in inputs]
    before = _state(inputs)
    try:
        main()
        changed = [p for p, s in _state(inputs).items() if s != before[p]]
        if changed:
            raise BuildError([f"{p}: expected it unchanged while the build read it, found it changed "
                              "(saved during the build?): run the build again" for p in changed])
    except OSError as exc:
        if exc.errno in NO_ROOM:
            what = f"room to write, found {NO_ROOM[exc.errno]} ({exc.strerror})"
        elif exc.errno in NOT_WRITABLE:
            what = f"a folder the build may write, found {exc.strerror}"
        else:
            raise
        _fail([f"{exc.filename or _folder(log)}: expected {what}"], log)
    except BuildError as exc:
        _fail(exc.problems, log)


def _folder(log: str | Path | None) -> str:
    """The output folder of the job whose log is `log` (<output>/logs/…)."""
    parts = Path(log).parts if log else ()
    return str(Path(*parts[:parts.index("logs")])) if "logs" in parts[1:] else "the build folder"


def _fail(problems: list[str], log: str | Path | None) -> None:
    text = "".join(f"error: {p}\n" for p in problems)
    sys.stderr.write(text)
    if log:
        try:
            Path(log).parent.mkdir(parents=True, exist_ok=True)
            Path(log).write_text(text, encoding="utf-8")
        except OSError:
            pass          # no room for the log either: the line is on the terminal
    sys.exit(1)
