"""The edition being built: its metadata, its table of contents, and where its inputs and outputs live.

config.yaml is validated against schemas/config.schema.yaml by the workflow
(Snakemake's `validate`), which also fills defaults. This module derives
everything else from it, so every rule and script agrees on one layout: the
units of the book in order with their numbers (from `contents`), and every
path the build reads or writes.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from dpaper.paths import files_outside, outside
from dpaper.schema_words import problems

KIND_NAMES = {"chapter": "Chapter", "case-study": "Case Study", "front": None, "back": None}


@dataclass(frozen=True)
class Unit:
    """One entry of the contents: a manuscript file, its kind and its derived number."""
    stem: str
    kind: str            # front | chapter | case-study | back
    number: str = ""     # "3" for Chapter 3, "3.2" for its Case Study 2, "" for front and back matter

    @property
    def label(self) -> str | None:
        """'Chapter 3', 'Case Study 2', or None for unnumbered matter."""
        name = KIND_NAMES[self.kind]
        return f"{name} {self.number.split('.')[-1]}" if name else None


def schema_problems(config: dict, schema: dict, config_file: str = "config.yaml") -> list[str]:
    """Every way `config` breaks its JSON Schema, one line each with its key path, sorted by key."""
    out = []
    for p in problems(config, schema, {"oneOf": "a file name, or a mapping with file and case-studies"}):
        if p.rule == "missing":
            out.append(f"{p.key}: expected this key, found none")
        elif p.rule == "unknown":
            out.append(f"{p.key}: expected no such key (known: {', '.join(p.known)}), found one")
        else:
            out.append(f"{p.key}: expected {p.expected}, found {_short(p.found)}")
    return [f"{config_file}: {msg}" for msg in out]


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def units(contents: dict) -> list[Unit]:
    """The contents list as units in reading order, each with its number."""
    out = [Unit(s, "front") for s in contents.get("front", [])]
    for n, entry in enumerate(contents["chapters"], start=1):
        stem = entry if isinstance(entry, str) else entry["file"]
        out.append(Unit(stem, "chapter", str(n)))
        if not isinstance(entry, str):
            out += [Unit(s, "case-study", f"{n}.{m}") for m, s in enumerate(entry["case-studies"], start=1)]
    return out + [Unit(s, "back") for s in contents.get("back", [])]


@dataclass(frozen=True)
class Edition:
    config: dict

    @property
    def meta(self) -> dict:
        return self.config["edition"]

    @property
    def year(self) -> int:
        """The edition year: bounds the years of what the data says happened."""
        return int(str(self.meta["date"])[:4])

    @property
    def draft(self) -> bool:
        return bool(self.config.get("draft"))

    @property
    def print_log(self) -> bool:
        """Whether the PDF prints the full log of editorial decisions (it is always in the web edition)."""
        return bool(self.config.get("apparatus", {}).get("print_log"))

    # the table of contents
    @cached_property
    def units(self) -> list[Unit]:
        return units(self.config["contents"])

    @property
    def chapters(self) -> list[str]:
        """Every manuscript file of the book, in reading order."""
        return [u.stem for u in self.units]

    # inputs
    @property
    def raw(self) -> Path:
        return Path(self.config["paths"]["raw"])

    @property
    def manuscript(self) -> Path:
        return Path(self.config["paths"]["manuscript"])

    @property
    def images(self) -> Path:
        return Path(self.config["paths"]["images"])

    @property
    def bibliography(self) -> Path:
        return Path(self.config["paths"]["bibliography"])

    @property
    def notes(self) -> Path:
        return Path(self.config["paths"]["notes"])

    def chapter_source(self, chapter: str) -> Path:
        return self.manuscript / f"{chapter}.md"

    def problems(self, config_file: str = "config.yaml") -> list[str]:
        """One line per thing the configuration names but the project lacks, names twice, or names outside it."""
        out = [f"{config_file}: paths.{key}: expected a path inside the project, found {why}: {value!r}"
               for key, value in self.config["paths"].items() if (why := outside(value))]
        if out:
            return out   # nothing outside the project is even looked at
        seen = set()
        for stem in self.chapters:
            if stem in seen:
                out.append(f"{config_file}: contents: expected each file once, found {stem!r} again")
            seen.add(stem)
        out += [f"{config_file}: contents: expected {self.chapter_source(c)}, found none"
                for c in dict.fromkeys(self.chapters) if not self.chapter_source(c).is_file()]
        for key in ("raw", "manuscript", "images"):
            path = Path(self.config["paths"][key])
            if not path.is_dir():
                out.append(f"{config_file}: paths.{key}: expected the directory {path}, found none")
        for key in ("bibliography", "notes"):
            path = Path(self.config["paths"][key])
            if not path.is_file():
                out.append(f"{config_file}: paths.{key}: expected the file {path}, found none")
        return out or files_outside(self.inputs())

    def inputs(self) -> list[Path]:
        """Every file and directory of the project this edition's build reads, but the code."""
        return ([self.raw, self.images, self.bibliography, self.notes, Path("schemas"), Path("templates")]
                + [self.chapter_source(c) for c in self.chapters])

    # outputs: one self-contained tree per edition
    @property
    def out(self) -> Path:
        return Path(self.config["paths"]["output"])

    def clean(self, dataset: str) -> Path:
        return self.out / "data" / f"{dataset}.csv"

    def validation(self, dataset: str) -> Path:
        return self.out / "validation" / f"{dataset}.json"

    @property
    def summary(self) -> Path:
        """The validation summary of every dataset (printed after each run, stated in the imprint)."""
        return self.out / "validation.json"

    @property
    def figures(self) -> Path:
        return self.out / "figures"

    def figure(self, fig_id: str, ext: str = "svg") -> Path:
        return self.figures / f"{fig_id}.{ext}"

    @property
    def labels(self) -> Path:
        return self.out / "labels.json"

    def part(self, chapter: str) -> Path:
        return self.out / "parts" / f"{chapter}.html"

    def web(self, page: str) -> Path:
        """A page of the web edition: a chapter, `index`, `data` or `search`."""
        return self.out / "web" / f"{page}.html"

    def web_file(self, rel: str) -> Path:
        """A file of the web edition's folder (`web/`, publishable as it is): `assets/…`, `data/<name>.csv`,
        `images/…`, the PDF, the search index `pagefind/`."""
        return self.out / "web" / rel

    @property
    def book(self) -> Path:
        return self.out / "book.html"

    @property
    def pdf(self) -> Path:
        return self.out / f"{self.meta['slug']}.pdf"

    def asset(self, name: str) -> Path:
        return self.out / "assets" / name

    def log(self, name: str) -> Path:
        return self.out / "logs" / f"{name}.log"
