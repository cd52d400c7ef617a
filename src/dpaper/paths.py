"""The project's boundary: every path the build reads or writes resolves inside the project.

One function decides it for everything that comes from the project's files
(the configured directories and files, raw tables, schemas, the manuscript,
the bibliography and notes, templates and stylesheets, images): a path is
inside when it is relative and, with every symbolic link followed, still
under the project's root. The fonts are the one input from outside: they come
from the pinned font packages of the locked environment, found by import,
never by a path anyone can configure.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def outside(path: str | Path, root: str | Path = ".") -> str | None:
    """Why `path` is not inside the project at `root`, or None when it is."""
    path, root = Path(path), Path(root).resolve()
    if path.is_absolute():
        return "an absolute path"
    if not (root / path).resolve().is_relative_to(root):
        return "a path that leads outside the project" + (" (through a link)" if ".." not in path.parts else "")
    return None


def files_outside(paths: Iterable[str | Path], root: str | Path = ".") -> list[str]:
    """One line per file among `paths` (directories: every file in them) that is not inside the project."""
    problems = []
    for path in paths:
        path = Path(path)
        found = sorted(p for p in path.rglob("*") if p.is_file() or p.is_symlink()) if path.is_dir() else [path]
        for f in found:
            why = outside(f, root)
            if why:
                problems.append(f"{f}: expected a file inside the project, found {why}")
    return problems
