"""Render one manuscript file to HTML: Jinja2 (strict) first, then CommonMark.

The same source renders twice: `print` (the part that goes into the book:
footnotes float to the page foot, references point inside the book) and
`web` (a page of its own: numbered notes at the end, links to other pages).
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FunctionLoader, StrictUndefined, TemplateNotFound, TemplateSyntaxError, UndefinedError
from markupsafe import Markup, escape

from dpaper.errors import BuildError, where
from dpaper.render import tables
from dpaper.render.access import DatasetAccess, access
from dpaper.render.manuscript import Source, environment
from dpaper.render.markdown import number_headings, parser
from dpaper.render.values import Event, Fact, spell

# HTML's and Markdown's special characters as character references, in one pass:
# inert in Markdown paragraphs and in raw HTML blocks alike.
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;",
                         **{c: f"&#{ord(c)};" for c in "\\`*_[]!|~#"}})


NOTE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")
def md_safe(value):
    """Every value printed into the manuscript is data: escape it for HTML and Markdown."""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return value
    return Markup(str(value).translate(ESCAPES))


@dataclass
class Context:
    """Everything a chapter render needs; built by the script from its inputs."""
    src: Source
    chapter: dict                      # this chapter's entry in the label index
    labels: dict                       # label -> entry, whole book
    datasets: dict                     # name -> DataFrame (dpaper.data.load)
    bibliography: object
    figures: dict                      # figure id -> {"alt": ...}
    root: Path                         # project root (for images)
    images: Path                       # images dir, relative to root
    out_dir: Path                      # where the HTML will live, relative to root
    figures_dir: Path                  # relative to root
    draft: bool = False
    notes_file: object = None          # Notes: explanatory footnotes by id


class Renderer:
    def __init__(self, ctx: Context, mode: str):
        assert mode in ("print", "web")
        self.ctx, self.mode, self.md = ctx, mode, parser()
        self.notes: list[Markup] = []
        self.env = environment(loader=FunctionLoader(self._load), undefined=StrictUndefined,
                               autoescape=True, finalize=md_safe, keep_trailing_newline=True)
        self.env.filters.update(pct=lambda v: tables.fmt(v, "percent"), num=lambda v: tables.fmt(v, "number"),
                                spell=spell)
        self.env.globals.update(data=DataNamespace(ctx.datasets, ctx.src), fact=self.fact, event=self.event,
                                table=self.table, figure=self.figure, box=self.box, ref=self.ref,
                                pageref=self.pageref, cite=self.cite, note=self.note)

    def _load(self, name):
        if name != self.ctx.src.stem:
            return None
        return self.ctx.src.body, str(self.ctx.src.path), lambda: True

    # -- manuscript functions -------------------------------------------------
    def event(self, ident: str) -> Event:
        data = self.env.globals["data"]
        rows = data["events"].where(id=ident) if "events" in data else []
        if not rows:
            raise BuildError(f"unknown event {ident!r}: expected an id of data/raw/events.csv")
        return Event(ident, rows[0])

    def fact(self, key: str) -> Fact:
        data = self.env.globals["data"]
        rows = data["key_figures"].where(key=key) if "key_figures" in data else []
        if not rows:
            raise BuildError(f"unknown key figure {key!r}: expected a key of data/raw/key_figures.csv")
        r = rows[0]
        return Fact(key, r["value"], r["unit"], r["year"], r["scope"], r.get("provenance", ""))

    def _label(self, label: str) -> dict:
        if label not in self.ctx.labels:
            known = ", ".join(sorted(k for k in self.ctx.labels if k.split(":")[0] == label.split(":")[0]))
            raise BuildError(f"broken cross-reference {label!r}: no such label (known: {known or 'none'})")
        return self.ctx.labels[label]

    def _href(self, entry: dict) -> str:
        if self.mode == "web" and entry["chapter"] != self.ctx.chapter["id"]:
            return f"{entry['chapter']}.html#{entry['anchor']}"
        return f"#{entry['anchor']}"

    def ref(self, label: str) -> Markup:
        e = self._label(label)
        return Markup('<a class="xref" href="{}">{}</a>').format(self._href(e), e["text"])

    def pageref(self, label: str) -> Markup:
        e = self._label(label)
        if self.mode == "print":
            return Markup('<a class="pageref" href="{}"></a>').format(self._href(e))
        return Markup('<a class="pageref" href="{}">{}</a>').format(self._href(e), e["text"])

    def _footnote(self, html: Markup) -> Markup:
        if self.mode == "print":
            return Markup('<span class="footnote">{}</span>').format(html)
        self.notes.append(html)
        n = len(self.notes)
        return Markup('<sup class="fn-call" id="fnref-{0}"><a href="#fn-{0}">{0}</a></sup>').format(n)

    def cite(self, *keys: str) -> Markup:
        """One footnote per key; several keys give adjacent notes, as 1,2."""
        bib = self.ctx.bibliography
        missing = [k for k in keys if k not in bib]
        if missing:
            raise BuildError(f"unknown citation key {missing[0]!r}: expected an id in {bib.path}")
        return Markup('<sup class="fn-sep">,</sup>').join(self._footnote(bib.format(k)) for k in keys)

    def note(self, text: str) -> Markup:
        """An explanatory footnote: an id of the notes file, or the note's own words."""
        notes = self.ctx.notes_file
        if NOTE_ID.match(text):
            if notes is None or text not in notes:
                where_notes = notes.path if notes else "the notes file"
                raise BuildError(f"unknown note {text!r}: expected an id in {where_notes}")
            item = notes.items[text]
            if item.get("lost"):
                raise BuildError(f"note {text!r} is lost in the 2018 edition: leave it out, or say so in words")
            html = Markup(self.md.renderInline(" ".join(item["text"].split())))
            refs = [self.ctx.bibliography.format(k) for k in item.get("refs", []) if k in self.ctx.bibliography]
            return self._footnote(html + (Markup(" ") + Markup(" ").join(refs) if refs else ""))
        return self._footnote(Markup(self.md.renderInline(text)))

    def _inline(self, text: str | None) -> Markup:
        return Markup(self.md.renderInline(text)) if text else Markup("")

    def _caption(self, entry, caption, cite) -> str:
        label = Markup('<span class="label">{}</span> ').format(entry["text"])
        cap = label + self._inline(caption) + (self.cite(*([cite] if isinstance(cite, str) else cite)) if cite else "")
        return cap

    def table(self, ident: str, caption: str, note: str | None = None, source: str | None = None,
              cite=None) -> Markup:
        entry = self._label(f"tab:{ident}")
        spec = tables.REGISTRY[ident]
        html, notes = tables.render(spec, self.ctx.datasets[spec.dataset])
        foot = "".join(f'<p class="table-note"><sup>{tables.note_mark(i)}</sup> {escape(n)}</p>'
                       for i, n in enumerate(notes))
        if note:
            foot += f'<p class="table-note">{self._inline(note)}</p>'
        if source:
            foot += f'<p class="source">Source: {self._inline(source)}</p>'
        return Markup(f'<figure class="table" id="{entry["anchor"]}"><figcaption>'
                      f'{self._caption(entry, caption, cite)}</figcaption>{html}{foot}</figure>')

    def _rel(self, path: Path) -> str:
        return Path(os.path.relpath(path, self.ctx.out_dir / ("web" if self.mode == "web" else ""))).as_posix()

    def image_path(self, name: str) -> str:
        if "://" in name or name.startswith(("/", "file:", "data:")):
            raise BuildError(f"image {name!r}: expected a file name inside {self.ctx.images}/, found an "
                             "absolute path or URL")
        root = self.ctx.root.resolve()
        path = (root / self.ctx.images / name).resolve()
        if not path.is_relative_to(root):
            raise BuildError(f"image {name!r}: expected a file inside the project, found a path outside it")
        if not path.is_file():
            if self.ctx.draft:
                return ""
            raise BuildError(f"image {name!r}: expected the file {self.ctx.images / name}, found none")
        return self._rel(path.relative_to(root))

    def figure(self, ident: str, caption: str, source: str | None = None, cite=None,
               image: str | None = None, alt: str | None = None) -> Markup:
        entry = self._label(f"fig:{ident}")
        if image:
            src = self.image_path(image)
            alt_text = alt or caption
            kind = "photo"
        else:
            src = self._rel(self.ctx.figures_dir / f"{ident}.svg")
            alt_text = alt or self.ctx.figures[ident]["alt"]
            kind = "chart"
        body = (Markup('<img src="{}" alt="{}">').format(src, alt_text) if src else
                Markup('<div class="placeholder">Image to come: {}</div>').format(image))
        foot = f'<p class="source">Source: {self._inline(source)}</p>' if source else ""
        return Markup(f'<figure class="{kind}" id="{entry["anchor"]}">{body}<figcaption>'
                      f'{self._caption(entry, caption, cite)}</figcaption>{foot}</figure>')

    def box(self, ident: str, title: str, caller=None) -> Markup:
        entry = self._label(f"box:{ident}")
        inner = caller() if caller else ""
        return Markup(f'<aside class="box" id="{entry["anchor"]}">\n<p class="box-title"><span class="label">'
                      f'{escape(entry["text"])}</span> {self._inline(title)}</p>\n\n{inner}\n\n</aside>')

    # -- rendering ------------------------------------------------------------
    def markdown_text(self) -> str:
        src = self.ctx.src
        try:
            return self.env.get_template(src.stem).render()
        except TemplateSyntaxError as exc:
            raise BuildError(f"{where(src.path, exc.lineno)}: {exc.message}") from None
        except TemplateNotFound as exc:
            raise BuildError(f"{where(src.path, _template_line(src))}: unknown template {exc.name!r}") from None
        except UndefinedError as exc:
            raise BuildError(f"{where(src.path, _template_line(src))}: unknown name: {exc.message}") from None
        except BuildError as exc:
            line = _template_line(src)
            raise BuildError([f"{where(src.path, line)}: {p}" for p in exc.problems]) from None

    def body(self) -> Markup:
        tokens = self.md.parse(self.markdown_text())
        n = number_headings(tokens, self.ctx.chapter["sections"])
        if n != len(self.ctx.chapter["sections"]):
            raise BuildError(f"{where(self.ctx.src.path)}: expected {len(self.ctx.chapter['sections'])} headings "
                             f"(from the label index), found {n}: keep headings out of generated text")
        for t in tokens:
            for child in t.children or ():
                if child.type == "image":
                    child.attrs["src"] = self._line_error(t, self.image_path, child.attrs["src"])
        return Markup(self.md.renderer.render(tokens, self.md.options, {}))

    def _line_error(self, token, fn, *args):
        try:
            return fn(*args)
        except BuildError as exc:
            line = token.map[0] + 1 if token.map else None
            raise BuildError([f"{where(self.ctx.src.path, line)}: {p}" for p in exc.problems]) from None


def _template_line(src: Source) -> int | None:
    tb, line = sys.exc_info()[2], None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(src.path):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


class DataNamespace:
    """`data.<name>` in the manuscript: a cleaned dataset the chapter declared by using it, as rows
    (one accessor per dataset and render, so its rows are built once)."""

    def __init__(self, datasets: dict, src: Source):
        self._datasets, self._src, self._access = datasets, src, {}

    def __contains__(self, name: str) -> bool:
        return name in self._datasets

    def __getattr__(self, name: str) -> DatasetAccess:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> DatasetAccess:
        if name not in self._access:
            found = access(self._datasets, name)
            if found is None:
                raise BuildError(f"unknown dataset {name!r}: expected one of {', '.join(sorted(self._datasets))}")
            self._access[name] = found
        return self._access[name]


def render(ctx: Context, mode: str) -> tuple[Markup, list[Markup]]:
    r = Renderer(ctx, mode)
    return r.body(), r.notes


def templates():
    from jinja2 import FileSystemLoader
    return Environment(loader=FileSystemLoader("templates"), undefined=StrictUndefined, autoescape=True,
                       trim_blocks=False)


def write_chapter(ed, chapter_id: str, inputs, outputs) -> None:
    """Render one chapter to its book part and its web page."""
    import json

    from dpaper.data.load import load
    from dpaper.render.citations import Bibliography, Notes
    from dpaper.render.manuscript import read

    index = json.loads(Path(inputs.labels).read_text(encoding="utf-8"))
    chapters = index["chapters"]
    pos = next(i for i, c in enumerate(chapters) if c["id"] == chapter_id)
    chapter = chapters[pos]
    datasets = {Path(p).stem: load(Path(p).stem, p, s) for p, s in zip(inputs.data, inputs.schemas)}
    figures = {Path(p).stem: json.loads(Path(p).read_text(encoding="utf-8"))
               for p in inputs.figures if p.endswith(".json")}
    ctx = Context(src=read(inputs.source), chapter=chapter, labels=index["labels"], datasets=datasets,
                  bibliography=Bibliography(inputs.bibliography, ed.meta["citation_style"]), figures=figures,
                  notes_file=Notes(inputs.notes),
                  root=Path("."), images=ed.images, out_dir=ed.out, figures_dir=ed.out / "figures",
                  draft=bool(ed.config.get("draft")))
    env = templates()
    part = env.get_template("part.html.j2")
    body, _ = render(ctx, "print")
    Path(outputs.part).parent.mkdir(parents=True, exist_ok=True)
    Path(outputs.part).write_text(part.render(chapter=chapter, body=body, notes=[]) + "\n", encoding="utf-8")
    web_body, notes = render(ctx, "web")
    page = env.get_template("web.html.j2").render(
        edition=ed.meta, chapter=chapter, part=Markup(part.render(chapter=chapter, body=web_body, notes=notes)),
        prev=chapters[pos - 1] if pos > 0 else None, next=chapters[pos + 1] if pos + 1 < len(chapters) else None)
    Path(outputs.web).parent.mkdir(parents=True, exist_ok=True)
    Path(outputs.web).write_text(page + "\n", encoding="utf-8")
