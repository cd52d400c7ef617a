"""Which build of which data an edition is: for auditors in the PDF's metadata and on the web edition's
data page (the imprint stays the readers').

- the source: the git commit the project was built from, and whether the tree had uncommitted
  changes (a copy without git history says so);
- the data: one SHA-256 over every cleaned dataset (its name and bytes, in name order), and each
  dataset's own;
- the environment: the lock file's SHA-256 (it pins every third-party package) and the engine's version.

The same sources give the same facts, so byte-identical builds stay byte-identical.
"""
from __future__ import annotations

import hashlib
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

SHORT = 12          # hex digits shown of a hash (48 bits: no collision among an edition's files)


def source_state(root: str | Path = ".") -> dict:
    """{"commit": full hash or None (no git history), "dirty": uncommitted changes to tracked or new files}."""
    def git(*args: str) -> str | None:
        try:
            out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return out.stdout if out.returncode == 0 else None
    commit = git("rev-parse", "--verify", "HEAD")
    if commit is None or git("rev-parse", "--show-toplevel") is None:
        return {"commit": None, "dirty": False}
    status = git("status", "--porcelain", "--untracked-files=normal") or ""
    return {"commit": commit.strip(), "dirty": bool(status.strip())}


def file_digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def data_digest(paths: list[str | Path]) -> str:
    """One SHA-256 over the datasets: each file's name and its bytes' SHA-256, in name order."""
    h = hashlib.sha256()
    for p in sorted(map(Path, paths), key=lambda p: p.name):
        h.update(f"{p.name}\0{file_digest(p)}\n".encode())
    return h.hexdigest()


def engine_version() -> str:
    try:
        return version("dpaper")
    except PackageNotFoundError:
        return "unknown"


def build_facts(source: dict, data: list[str | Path], lock: str | Path) -> dict:
    """The build's provenance, JSON-ready (validation.json's `build`)."""
    return {"commit": source.get("commit"), "dirty": bool(source.get("dirty")),
            "data_sha256": data_digest(data),
            "datasets_sha256": {Path(p).stem: file_digest(p) for p in sorted(map(str, data))},
            "lock_sha256": file_digest(lock), "engine": f"dpaper {engine_version()}"}


def source_words(build: dict) -> str:
    """The source in words: "commit 1a2b3c4d5e6f", "… with uncommitted changes", or no git history."""
    if not build.get("commit"):
        return "a copy without git history"
    return f"commit {build['commit'][:SHORT]}" + (" with uncommitted changes" if build.get("dirty") else "")


def in_words(build: dict) -> str:
    """One line for the PDF's metadata: source, data, lock file, engine."""
    return (f"Source: {source_words(build)}; data SHA-256 {build['data_sha256'][:SHORT]}; "
            f"uv.lock SHA-256 {build['lock_sha256'][:SHORT]}; {build['engine']}.")
