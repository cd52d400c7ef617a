"""Read manuscript files and find what each one uses, without rendering it.

A chapter file is Markdown with YAML front matter and Jinja2 calls. Scanning
its Jinja syntax tree (not regular expressions) tells which tables, figures
and boxes it places, in order, and which datasets it reads: the Snakefile
uses this for the DAG's inputs, the `labels` rule for numbering.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from jinja2 import Environment, nodes
from jinja2.exceptions import TemplateSyntaxError

from dpaper import ENGINE, limits, schema_words, yamlfile
from dpaper.errors import BuildError, read_text, where
from dpaper.render import rawhtml
from dpaper.render.sandbox import ManuscriptSandbox

FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.S)
FRONT_SCHEMA = ENGINE / "schemas/front-matter.schema.yaml"   # the engine's: what every paper's front matter holds
PLACERS = {"table": "tab", "figure": "fig", "box": "box"}
ROLE_CALLS = {"fact": "key_figures", "event": "events"}    # a call -> the role whose dataset it reads
TOO_DEEP = "expected expressions nested a few levels deep, found them nested too deeply to read"
SECTION_LABEL = re.compile(r"^\{#(sec-[A-Za-z0-9_-]+)\}\s*$")


@dataclass
class Source:
    path: Path
    stem: str
    front: dict
    body: str  # front matter replaced by blank lines: line numbers stay those of the file


@dataclass
class Scan:
    placed: list[tuple[str, str, dict]] = field(default_factory=list)  # (kind, id, constant kwargs)
    datasets: set[str] = field(default_factory=set)   # read as data.<name>
    roles: set[str] = field(default_factory=set)      # read through fact() or event(): config roles


def environment(**options) -> Environment:
    """The Jinja2 settings of every manuscript file: the sandbox (render/sandbox.py), whose parse
    already refuses what a manuscript may not do. Comments are `{## ... ##}`, so that `{#sec-id}`
    stays free for labelling headings."""
    return ManuscriptSandbox(comment_start_string="{##", comment_end_string="##}", **options)


def read(path: str | Path, check: bool = True) -> Source:
    """The manuscript file at `path`, its front matter and body checked (one line per problem); with
    `check=False` only split (the workflow's plan at load, which needs what the body places and nothing
    more: the `labels` job reads it checked and reports any problem)."""
    path = Path(path)
    if path.is_file() and (size := path.stat().st_size) > limits.CHAPTER_BYTES:   # not even read
        raise BuildError(f"{where(path)}: expected a manuscript file of at most {limits.CHAPTER_BYTES:,} bytes, "
                         f"found {size:,} (split it into chapters or case studies)")
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise BuildError(f"{where(path)}: expected a manuscript file, found none") from None
    m = FRONT.match(text.replace("\r\n", "\n"))
    if not m:
        raise BuildError(f"{where(path, 1)}: expected YAML front matter between '---' lines")
    try:
        front = yamlfile.loads(m.group(1), path, offset=1) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        raise BuildError(f"{where(path, line)}: expected valid YAML front matter ({yamlfile.problem(exc)})") from None
    text = text.replace("\r\n", "\n")
    body = "\n" * m.group(0).count("\n") + text[m.end():]
    if not check:
        return Source(path, path.stem, front if isinstance(front, dict) else {}, body)
    problems = front_matter_problems(front, path, m.group(1))
    problems += [f"{where(path, line)}: {problem}"
                 for line, problem in sorted(limits.body_problems(body) + limits.nesting_problems(body)
                                             + rawhtml.problems(body))]
    if problems:
        raise BuildError(problems)
    return Source(path, path.stem, front, body)


def front_matter_problems(front, path: Path, block: str = "") -> list[str]:
    """One line per way the front matter breaks schemas/front-matter.schema.yaml.

    `block` is the front matter's text, for the line of each key (the file's line 1 is '---')."""
    if not isinstance(front, dict):
        return [f"{where(path, 2)}: expected the front matter to be a mapping of keys (title: ...), "
                f"found {type(front).__name__ if front is not None else 'nothing'}"]

    def line(key: str) -> int:
        return next((n for n, text in enumerate(block.split("\n"), start=2) if text.startswith(f"{key}:")), 2)

    out = []
    for p in schema_words.problems(front, _front_schema(), {"array": "a list such as [A, B]"}):
        top = str(p.path[0]) if p.path else ""
        at = where(path, line(top))
        if p.rule == "unknown":
            why = (" (kind and number come from the contents in config.yaml)" if top in ("kind", "number")
                   else f" (known: {', '.join(p.known)})")
            out.append((line(top), f"{at}: {p.key}: expected no such key{why}"))
        elif p.rule == "missing":
            out.append((2, f"{where(path, 2)}: expected {top!r} in the front matter, found none"))
        else:
            out.append((line(top), f"{at}: {p.key}: expected {p.expected}, found {p.found!r}"))
    for key in ("title", "short"):
        problem = limits.title_problem(front.get(key))
        if problem:
            out.append((line(key), f"{where(path, line(key))}: {key}: {problem}"))
    authors = front.get("authors")
    for author in authors if isinstance(authors, list) else []:
        problem = limits.title_problem(author)
        if problem:
            out.append((line("authors"), f"{where(path, line('authors'))}: authors: {problem}"))
    return [msg for _, msg in sorted(out)]


@lru_cache(maxsize=1)
def _front_schema() -> dict:
    return yamlfile.load(FRONT_SCHEMA)


def scan(src: Source, env: Environment) -> Scan:
    try:
        tree = env.parse(src.body, name=src.stem, filename=str(src.path))
    except TemplateSyntaxError as exc:
        raise BuildError(f"{where(src.path, exc.lineno)}: {exc.message}") from None
    except RecursionError:
        raise BuildError(f"{where(src.path)}: {TOO_DEEP}") from None
    out = Scan()
    for node in tree.find_all((nodes.Call, nodes.Getattr)):
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == "data":
            out.datasets.add(node.attr)
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
            name = node.node.name
            if name in ROLE_CALLS:
                out.roles.add(ROLE_CALLS[name])
            if name in PLACERS:
                if not node.args or not isinstance(node.args[0], nodes.Const):
                    raise BuildError(f"{where(src.path, node.lineno)}: expected {name}() to start with a "
                                     f"quoted id, found an expression")
                kwargs = {k.key: k.value.value for k in node.kwargs if isinstance(k.value, nodes.Const)}
                out.placed.append((name, node.args[0].value, kwargs))
    return out


def sections(src: Source) -> list[tuple[int, str, str, int]]:
    """(level, label, title, line) of each Markdown heading (## and deeper), in order."""
    out, pending = [], None
    fence = False
    for n, line in enumerate(src.body.split("\n"), start=1):
        if line.startswith("```"):
            fence = not fence
        if fence:
            continue
        m = SECTION_LABEL.match(line)
        if m:
            pending = m.group(1)
            continue
        h = re.match(r"^(#{2,4})\s+(.*?)\s*#*\s*$", line)
        if h:
            out.append((len(h.group(1)), pending or "", h.group(2), n))
        pending = None if line.strip() else pending
    return out
