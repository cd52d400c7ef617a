"""What the edition publishes besides its pages: CSVs that a spreadsheet opens safely.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula (`=HYPERLINK(…)`
runs when the file is opened): CSV injection. As OWASP advises, every CSV the
edition publishes (the web edition's datasets, the data attached to an
archival PDF) has such cells prefixed with an apostrophe, which spreadsheets
show as text; numbers (`-3.5`, `+2`) are left as they are. A CSV with no such
cell is published byte for byte.

And the web edition's folder is published whole: built beside it, then put in
its place in one step (`publish_folder`).
"""
from __future__ import annotations

import csv
import ctypes
import errno
import hashlib
import io
import os
import re
import shutil
from pathlib import Path

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$")


def formula_like(cell: str) -> bool:
    """Whether a spreadsheet would read `cell` as a formula (a number with its sign is a number)."""
    return cell.startswith(FORMULA_START) and not NUMBER.match(cell)


def safe_csv(data: bytes) -> bytes:
    """`data` (UTF-8 CSV) with each formula-like cell made text for spreadsheets."""
    text = data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(formula_like(c) for row in rows for c in row):
        return data
    return "".join(",".join(_field("'" + c if formula_like(c) else c) for c in row) + "\n"
                   for row in rows).encode("utf-8")


def _field(cell: str) -> str:
    """A cell as RFC 4180 writes it (Python's csv writer leaves a lone carriage return unquoted)."""
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell


def publish_folder(staging: Path, files: list[Path], published: Path) -> list[str]:
    """Put `files` (inside `staging`) in place of the folder `published`, as a whole and in one step.

    They are copied into a new folder beside it, which then takes its place in one rename (Linux's
    renameat2 RENAME_EXCHANGE; elsewhere two renames in a row): whoever reads `published` sees the last
    edition or the new one, never a mix, and a build that stops before this keeps the last one whole.
    Returns the manifest: one `sha256  path` line per file."""
    new, old = published.with_name(published.name + ".new"), published.with_name(published.name + ".old")
    for leftover in (new, old):            # what a killed publish left
        shutil.rmtree(leftover, ignore_errors=True)
    manifest = []
    for f in sorted(files):
        rel = f.relative_to(staging)
        target = new / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
        manifest.append(f"{hashlib.sha256(target.read_bytes()).hexdigest()}  {rel.as_posix()}")
    if published.exists():
        if not _exchange(new, published):
            os.rename(published, old)
            os.rename(new, published)
            new = old
        shutil.rmtree(new)                 # now the last edition
    else:
        os.rename(new, published)
    return manifest


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE); False where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))
