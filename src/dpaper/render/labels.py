"""Number every chapter, section, table, figure and box of the book; index labels.

The index (labels.json) is what makes cross-references resolve across
chapters: `ref("tab:nrw-asean")` in any chapter finds "Table 3.2.1" and the
page it lives on. Tables and figures are numbered per chapter or case study
(Table 3.2.1 is the first table of Case Study 2 of Chapter 3), boxes through
the book, sections per chapter (1, 1.1, 1.1.1).
"""
from __future__ import annotations

from pathlib import Path

from dpaper.config import Unit
from dpaper.errors import BuildError, where
from dpaper.render.manuscript import PLACERS, environment, read, scan, sections
from dpaper.words import words as language_words

NAMES = {"tab": "table", "fig": "figure", "box": "box"}    # each kind's word (dpaper.words)


def chapter_anchor(stem: str) -> str:
    """The id of a unit's section in the book (its manuscript file's name: ch-introduction)."""
    return f"ch-{stem}"


def running_head(unit: Unit, front: dict, words: dict) -> str:
    """The running head: the short title, after its number for a case study ("Case Study 2 · Porto")."""
    short = front.get("short", front["title"])
    return f"{unit.label(words)} · {short}" if unit.kind == "case-study" else short


def build(units: list[tuple[Unit, Path]], figure_ids, table_ids, words: dict | None = None) -> dict:
    """The label index of the book: `units` are the contents in order, each with its manuscript file.

    `figure_ids`: the declared figures (a set of ids, or the declarations by id: a figure declared
    `added`, one the edition's source lacks, takes no number, so the edition's numbers stay its own).
    `table_ids`: the declared tables (ids, or the declarations by id: a `lost` table, like a figure declared
    `lost`, is marked lost in the index, for the lists of figures and tables).
    `words`: the edition's (dpaper.words; English by default) name the kinds: "Table 3.2.1", "Tableau 3.2.1"."""
    words = words or language_words()
    env = environment()
    chapters, labels, problems = [], {}, []
    boxes = 0

    def add(key: str, entry: dict, path: Path, line: int | None) -> None:
        if key in labels:
            problems.append(f"{where(path, line)}: expected each label once, found {key!r} again "
                            f"(first in {labels[key]['chapter']})")
        labels[key] = entry

    for unit, path in units:
        src = read(path)
        front, stem = src.front, unit.stem
        label, number = unit.label(words), unit.number
        chapter = {"id": stem, "kind": unit.kind, "number": number, "label": label,
                   "title": front["title"], "short": running_head(unit, front, words),
                   "authors": front.get("authors", []), "anchor": chapter_anchor(stem),
                   "before_contents": front.get("before_contents", False), "log": front.get("log", False)}
        chapters.append(chapter)
        add(f"ch:{stem}", {"kind": "ch", "text": label or front["title"], "chapter": stem,
                           "anchor": chapter_anchor(stem), "title": front["title"],
                           "log": front.get("log", False)}, path, 1)
        counts = {"tab": 0, "fig": 0}
        for name, ident, kwargs in scan(src, env).placed:
            kind = PLACERS[name]
            if kind == "box":
                boxes += 1
                text = f"{words['box']} {boxes}"
            else:
                if not label:
                    problems.append(f"{where(path)}: expected tables and figures only in numbered chapters")
                    continue
                if kind == "fig" and ident not in figure_ids and "image" not in kwargs:
                    problems.append(f"{where(path)}: unknown figure {ident!r}: expected a registered figure "
                                    f"({', '.join(sorted(figure_ids))}) or an image= argument")
                if kind == "tab" and ident not in table_ids:
                    problems.append(f"{where(path)}: unknown table {ident!r}: expected one of "
                                    f"{', '.join(sorted(table_ids))}")
                spec = figure_ids.get(ident) if isinstance(figure_ids, dict) else None
                if kind == "fig" and spec is not None and spec.added:
                    text = words["added"].format(kind=words["chart" if spec.kind == "chart" else "figure"])
                else:
                    counts[kind] += 1
                    text = f"{words[NAMES[kind]]} {number}.{counts[kind]}"
            spec = figure_ids.get(ident) if kind == "fig" and isinstance(figure_ids, dict) else None
            table = table_ids.get(ident) if kind == "tab" and isinstance(table_ids, dict) else None
            # a caption the manuscript computes is not known here: the declaration's stands in the lists
            title = (kwargs.get("caption", kwargs.get("title", "")) or (spec.caption if spec else "")
                     or getattr(table, "caption", ""))
            lost = (spec is not None and spec.kind == "lost") or bool(getattr(table, "lost", False))
            add(f"{kind}:{ident}", {"kind": kind, "text": text, "chapter": stem, "anchor": f"{kind}-{ident}",
                                    "title": title, "lost": lost, "added": bool(spec is not None and spec.added)},
                path, None)
        numbered = label is not None and front.get("numbered", True)
        stack: list[int] = []
        chapter["sections"] = []
        for level, sec, title, line in sections(src):
            depth = level - 1
            stack = (stack + [0] * depth)[:depth]
            stack[-1] += 1
            num = ".".join(str(n) for n in stack) if numbered else ""
            anchor = sec or f"{stem}-s{'-'.join(str(n) for n in stack)}"
            chapter["sections"].append({"level": level, "number": num, "anchor": anchor, "title": title})
            if sec:
                where_text = f"{words['section']} {num}" if num else title
                add(f"sec:{sec[4:]}", {"kind": "sec", "text": where_text, "chapter": stem,
                                      "anchor": anchor, "title": title}, path, line)
    if problems:
        raise BuildError(problems)
    return {"chapters": chapters, "labels": labels}
