"""One kind of error for bad input, and the wrapper every Snakemake script runs in.

A BuildError is a problem in what editors supplied (data, manuscript, config):
it is printed as one line per problem, `error: <where>: <what>`, and the job
exits with status 1. Anything else is a bug in this package and keeps its
traceback.
"""
from __future__ import annotations

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


def run(main: Callable[[], object], log: str | Path | None = None) -> None:
    """Run a script body; turn BuildError into one line per problem and exit 1."""
    try:
        main()
    except BuildError as exc:
        lines = [f"error: {p}" for p in exc.problems]
        text = "\n".join(lines) + "\n"
        sys.stderr.write(text)
        if log:
            Path(log).parent.mkdir(parents=True, exist_ok=True)
            Path(log).write_text(text, encoding="utf-8")
        sys.exit(1)
