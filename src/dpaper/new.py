"""Start a new paper: a folder holding the engine's minimal template, which builds at once.

    python -m dpaper new papers/my-paper        (or: make new-paper DIR=papers/my-paper)

The template (`dpaper/starter/`) is one chapter, one dataset with its schema, one table,
one chart, a bibliography and notes: the shape every paper has (config.yaml, data/, content/,
figures/, schemas/). Build it from its folder with the engine's Snakefile:

    snakemake -c all --directory papers/my-paper -s Snakefile
"""
from __future__ import annotations

import shutil
from pathlib import Path

from dpaper.errors import BuildError

STARTER = Path(__file__).parent / "starter"


def new_paper(target: str | Path) -> Path:
    """Copy the starter into `target`, which must be absent or empty; return it."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BuildError(f"{target}: expected a new or empty folder for the paper, found one with files in it")
    shutil.copytree(STARTER, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return target
