"""The edition being built: its metadata, its table of contents, and where its inputs and outputs live.

config.yaml is validated against schemas/config.schema.yaml by the workflow
(Snakemake's `validate`), which also fills defaults. This module derives
everything else from it, so every rule and script agrees on one layout: the
units of the book in order with their numbers (from `contents`), and every
path the build reads or writes.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from dpaper import yamlfile
from dpaper.errors import BuildError, where
from dpaper.paths import files_outside, outside
from dpaper.schema_words import problems

GENERATED = Path("build")      # every edition's output folder lies in it; `make clean` removes it and nothing else
# the project's own folders: sources, code, tests, Snakemake's records; no output may lie in one or hold one
SOURCE_FOLDERS = ("content", "data", "docs", "figures", "geodata", "profiles", "rules", "schemas", "scripts", "src",
                  "templates", "tests", "tools", ".git", ".snakemake")

KIND_WORDS = {"chapter": "chapter", "case-study": "case_study"}   # numbered kinds: their word (dpaper.words)

# The parts a dataset may play that the engine knows (config `roles`): key_figures feeds fact(), events
# event() and timelines, places and countries the maps and the names never hyphenated in print, publishers
# the imprint and citation, abbreviations the expansions never hyphenated. A role not configured is played
# by the dataset of its own name if there is one; `null` says no dataset plays it.
ROLES = ("key_figures", "events", "places", "countries", "publishers", "abbreviations")


@dataclass(frozen=True)
class Unit:
    """One entry of the contents: a manuscript file, its kind and its derived number."""
    stem: str
    kind: str            # front | chapter | case-study | back
    number: str = ""     # "3" for Chapter 3, "3.2" for its Case Study 2, "" for front and back matter

    def label(self, words: dict) -> str | None:
        """'Chapter 3', 'Case Study 2' (in `words`' language), or None for unnumbered matter."""
        kind = KIND_WORDS.get(self.kind)
        return f"{words[kind]} {self.number.split('.')[-1]}" if kind else None


def config_file_problems(path: str | Path) -> list[str]:
    """What a configuration file may not hold, read from its text before Snakemake loads it: anything
    `dpaper.yamlfile` refuses (tags, aliases, a key twice, a file too large) and YTE templating
    (`__use_yte__`), which would run the Python its values contain."""
    try:
        data = yamlfile.load(path)
    except FileNotFoundError:
        return []    # Snakemake names a missing configuration file
    except BuildError as exc:
        return exc.problems
    except yaml.YAMLError as exc:
        return [f"{where(path, yamlfile.error_line(exc))}: expected valid YAML, "
                f"found an error ({yamlfile.problem(exc)})"]
    if isinstance(data, dict) and "__use_yte__" in data:
        line = next((n for n, text in enumerate(Path(path).read_text(encoding="utf-8").split("\n"), start=1)
                     if text.startswith("__use_yte__")), None)
        return [f"{where(path, line)}: expected plain configuration, found __use_yte__ (YTE templates run "
                "the Python their values hold: write each value out)"]
    return []


EDITION_FILE = "edition_file"     # `snakemake --config edition_file=FILE`: the edition to build (config.yaml)


def load_config(config: dict, configfiles=()) -> tuple[str, list[str]]:
    """Fill Snakemake's `config` (holding the --config values) with the edition's configuration, read by
    `dpaper.yamlfile` alone: config.yaml, or the file `--config edition_file=FILE` names, the other --config
    values over it. A --configfile is refused: Snakemake reads it itself (running its YTE templates) before
    any workflow code. Returns the file read and one line per problem."""
    if configfiles:
        return "", [f"--configfile {os.path.relpath(configfiles[0])}: expected --config {EDITION_FILE}=FILE "
                    "(a --configfile is read by Snakemake, its YTE templates run, before the workflow can check "
                    "it), found --configfile"]
    overrides = {k: v for k, v in config.items() if k != EDITION_FILE}
    path = str(config.get(EDITION_FILE, "config.yaml"))
    if why := outside(path):
        return path, [f"--config {EDITION_FILE}: expected a file inside the project, found {why}: {path!r}"]
    if not Path(path).is_file():
        return path, [f"{path}: expected the edition's configuration, found none"]
    if problems := config_file_problems(path):
        return path, problems
    data = yamlfile.load(path)
    if not isinstance(data, dict):
        return path, [f"{path}: expected a mapping (edition, paths, contents ...), found {type(data).__name__}"]
    config.clear()
    config.update(_merged(data, overrides))
    return path, []


def _merged(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merged(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


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
    language = (config.get("edition") or {}).get("language") if isinstance(config, dict) else None
    if not out and (problem := language_problem(language)):
        out.append(f"edition.language: {problem}")
    return [f"{config_file}: {msg}" for msg in out]


def language_problem(language) -> str | None:
    """A language Babel cannot write numbers and dates in (`xx`): the schema's pattern lets it through."""
    from babel import Locale, UnknownLocaleError
    try:
        Locale.parse(str(language).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return f"expected a language code Babel knows (en, ja, fr-FR …), found {language!r}"
    return None


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
    def web_meta(self) -> dict:
        """The metadata the web pages show: the edition's, and where the web edition is published
        (`base_url`, None if not configured)."""
        return self.print_meta | {"base_url": self.config.get("web", {}).get("base_url")}

    @property
    def print_meta(self) -> dict:
        """The metadata the pages show, with the edition's words (dpaper.words) under `words`."""
        return self.meta | {"words": self.words}

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

    def roles(self, available) -> dict[str, str | None]:
        """{role: the dataset that plays it, or None}, among the `available` datasets (see ROLES)."""
        given = self.config.get("roles") or {}
        return {r: given[r] if r in given else (r if r in available else None) for r in ROLES}

    def role_problems(self, available, config_file: str = "config.yaml") -> list[str]:
        """One line per role given a dataset the paper does not have."""
        return [f"{config_file}: roles.{r}: expected a dataset of {self.schemas} ({', '.join(sorted(available))}) "
                f"or null, found {d!r}"
                for r, d in (self.config.get("roles") or {}).items() if d is not None and d not in available]

    @property
    def changes(self) -> dict | None:
        """The previous edition this one reports its changes from (config `changes`), or None: `folder`
        (its built folder), `name` (its edition id: "Changes from the <name> edition"), `print` (the report
        as an appendix of the PDF too). `since` names the built folder or the edition's config file."""
        conf = self.config.get("changes") or {}
        since = conf.get("since")
        if not since:
            return None
        folder, name = Path(since), conf.get("name") or ""
        if folder.suffix in (".yaml", ".yml") and folder.is_file() and not outside(folder):
            other = yamlfile.load(folder) or {}
            folder = Path(str((other.get("paths") or {}).get("output") or ""))
            name = name or str((other.get("edition") or {}).get("id") or "")
        return {"since": since, "folder": folder, "name": name or folder.name, "print": bool(conf.get("print"))}

    def changes_problem(self, config_file: str = "config.yaml") -> str | None:
        """Why the previous edition named by `changes.since` cannot be compared with, or None."""
        ch = self.changes
        if ch is None:
            return None
        if why := outside(ch["since"]) or outside(ch["folder"]):
            return f"{config_file}: changes.since: expected a path inside the project, found {why}: {ch['since']!r}"
        if ch["folder"].resolve() == self.out.resolve():
            return (f"{config_file}: changes.since: expected the previous edition's folder, found this edition's "
                    f"own output ({self.out})")
        if not (ch["folder"] / "labels.json").is_file() or not (ch["folder"] / "data").is_dir():
            return (f"{config_file}: changes.since: expected a built edition in {ch['folder']} (labels.json, "
                    f"data/, web/), found none: build the previous edition first")
        return None

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

    def _path(self, key: str, default: str | None = None) -> Path | None:
        value = self.config["paths"].get(key, default)
        return Path(value) if value is not None else None

    @property
    def schemas(self) -> Path:
        """The datasets' schemas, one per dataset."""
        return self._path("schemas", "schemas/datasets")

    def schema(self, dataset: str) -> Path:
        return self.schemas / f"{dataset}.yaml"

    @property
    def same_facts(self) -> Path:
        return self._path("same_facts", "schemas/same-facts.yaml")

    @property
    def declarations(self) -> Path:
        """The figure declarations' folder (figures/)."""
        return self._path("figures", "figures")

    @property
    def table_declarations(self) -> Path:
        """The table declarations' folder (tables/)."""
        return self._path("tables", "tables")

    @property
    def templates(self) -> Path:
        """The paper's own templates; one it lacks is the engine's (dpaper.ENGINE / templates)."""
        return self._path("templates", "templates")

    @property
    def words_file(self) -> Path | None:
        return self._path("words")

    @property
    def stylesheet(self) -> Path | None:
        return self._path("stylesheet")

    @property
    def language(self) -> str:
        return self.meta["language"]

    @cached_property
    def words(self) -> dict[str, str]:
        """The words the engine prints, in the edition's language, with the paper's own (dpaper.words)."""
        from dpaper.words import words
        return words(self.language, self.words_file, self.config.get("words"))

    def word_files(self) -> list[Path]:
        """The files the words come from: a change in one reruns what prints them."""
        from dpaper.words import language_files
        return language_files(self.language) + ([self.words_file] if self.words_file else [])

    def chapter_source(self, chapter: str) -> Path:
        return self.manuscript / f"{chapter}.md"

    def problems(self, config_file: str = "config.yaml") -> list[str]:
        """One line per thing the configuration names but the project lacks, names twice, or names outside it."""
        out = [f"{config_file}: paths.{key}: expected a path inside the project, found {why}: {value!r}"
               for key, value in self.config["paths"].items() if (why := outside(value))]
        if out:
            return out   # nothing outside the project is even looked at
        if why := self.output_problem():
            return [f"{config_file}: paths.output: {why}"]
        seen = set()
        for stem in self.chapters:
            if stem in seen:
                out.append(f"{config_file}: contents: expected each file once, found {stem!r} again")
            seen.add(stem)
        out += [f"{config_file}: contents: expected {self.chapter_source(c)}, found none"
                for c in dict.fromkeys(self.chapters) if not self.chapter_source(c).is_file()]
        for key in ("raw", "manuscript", "images", "schemas"):
            path = Path(self.config["paths"].get(key, "schemas/datasets"))
            if not path.is_dir():
                out.append(f"{config_file}: paths.{key}: expected the directory {path}, found none")
        for key in ("bibliography", "notes", "words", "stylesheet"):
            if key not in self.config["paths"]:
                continue
            path = Path(self.config["paths"][key])
            if not path.is_file():
                out.append(f"{config_file}: paths.{key}: expected the file {path}, found none")
        return out or files_outside(self.inputs())

    def output_problem(self, root: str | Path = ".") -> str | None:
        """Why the output folder may not be written, or None: it must lie in build/ (where `make clean` finds
        it), apart from every source folder and every configured input, links followed."""
        value = self.config["paths"]["output"]
        root = Path(root).resolve()
        expected = (f"expected a folder inside {GENERATED}/ (apart from every source; `make clean` removes it), "
                    f"found {value!r}")
        written = Path(os.path.normpath(value))
        if not written.is_relative_to(GENERATED) or written == GENERATED:
            return expected
        out = (root / written).resolve()
        for key in self.config["paths"]:
            if key == "output":
                continue
            src = (root / self.config["paths"][key]).resolve()
            if out.is_relative_to(src) or src.is_relative_to(out):
                return f"{expected}, which is paths.{key} ({self.config['paths'][key]}) or shares files with it"
        if root.is_relative_to(out):
            return f"{expected}, which holds the whole project (through a link)"
        for name in SOURCE_FOLDERS:
            src = (root / name).resolve()
            if src.exists() and (out.is_relative_to(src) or src.is_relative_to(out)):
                return f"{expected}, which leads into {name}/ (through a link)"
        return None

    def inputs(self) -> list[Path]:
        """Every file and directory of the project this edition's build reads, but the code."""
        optional = [p for p in (self.templates, self.declarations, self.table_declarations, self.same_facts,
                                self.words_file, self.stylesheet)
                    if p is not None and p.exists()]
        return ([self.raw, self.images, self.bibliography, self.notes, self.schemas, *optional]
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
        """A page of the web edition being built (`web-next/`): a chapter, `index`, `data` or `search`."""
        return self.web_file(f"{page}.html")

    def web_file(self, rel: str) -> Path:
        """A file of the web edition being built, `web-next/`: `assets/…`, `data/<name>.csv`, `images/…`, the
        PDF, the search index `pagefind/`. Rule `publish` puts it in place of `web/` as a whole, in one step."""
        return self.out / "web-next" / rel

    @property
    def published(self) -> Path:
        """The web edition's folder, publishable as it is: the last build that succeeded whole."""
        return self.out / "web"

    @property
    def last_good_pdf(self) -> Path:
        """A copy of the last PDF the build completed, kept beside it: the PDF itself is current or absent."""
        return self.out / "last-good" / self.pdf.name

    @property
    def book(self) -> Path:
        return self.out / "book.html"

    @property
    def pdf(self) -> Path:
        return self.out / f"{self.meta['slug']}.pdf"

    @property
    def epub(self) -> Path:
        """The e-book (EPUB 3), made from the web edition's chapter pages."""
        return self.out / f"{self.meta['slug']}.epub"

    def asset(self, name: str) -> Path:
        return self.out / "assets" / name

    def log(self, name: str) -> Path:
        return self.out / "logs" / f"{name}.log"
