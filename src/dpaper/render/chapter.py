"""One chapter's body as HTML: the functions a manuscript calls, and its render in two modes.

The same source renders twice: `print` (the part that goes into the book:
footnotes float to the page foot, references point inside the book) and
`web` (a page of its own: numbered notes at the end, links to other pages).
The functions work out what a block shows (its label, caption, paths, notes);
its markup is a macro of templates/blocks.html.j2.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import FunctionLoader
from markupsafe import Markup

from dpaper import limits, tables
from dpaper.errors import BuildError
from dpaper.publish import safe_csv
from dpaper.render import images, pipeline
from dpaper.render.access import DatasetAccess, access
from dpaper.render.environment import blocks, manuscript
from dpaper.render.manuscript import Source
from dpaper.render.markdown import parser
from dpaper.render.sandbox import describe
from dpaper.render.values import Event, Fact, readers_place, traced
from dpaper.tables.build import build, note_mark, shown_digest
from dpaper.tables.model import for_print

NOTE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")
PAGEREF_WEB = "\ue000"        # what pageref() leaves in the web's Markdown: taken out with the gap before it
PAGEREF_GAP = re.compile("[ \t]*[,;]?[ \t]*\ue000")


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
    templates: Path = Path("templates")
    language: str = "en"               # the edition's: how numbers and dates are written
    declared: dict = field(default_factory=dict)   # figure id -> its declaration (dpaper.figures.FigureSpec)
    tables: dict = field(default_factory=dict)     # table id -> its declaration (dpaper.tables.TableSpec)
    print_log: bool = False            # the PDF prints the log of editorial decisions (config apparatus.print_log)
    words: dict | None = None          # the edition's words (dpaper.words; English if None)
    roles: dict = field(default_factory=lambda: {"key_figures": "key_figures", "events": "events"})
    # which dataset fact() and event() read (config roles; None: the paper has none)


PLACEHOLDER_HEIGHT_MM = 38       # a draft's photograph placeholder: this high at most, in the slot's proportions
FIGURE_WIDTH_MM = 150


def placeholder_box(ratio: float) -> str:
    """A placeholder's size, in % of the figure's width (padding-top % is of the width too): the photograph's
    proportions (width / height = `ratio`) at a modest height, so a draft's pages fill as the book's will."""
    width = min(100.0, 100 * PLACEHOLDER_HEIGHT_MM * ratio / FIGURE_WIDTH_MM)
    return f"width: {width:.2f}%; padding-top: {width / ratio:.2f}%"


class Renderer:
    def __init__(self, ctx: Context, mode: str):
        assert mode in ("print", "web")
        self.ctx, self.mode, self.md, self.md_text = ctx, mode, parser(), parser(html=False)
        self.notes: list[Markup] = []
        self.svgs: dict[str, str] = {}
        self.datums: list[tuple[str, str]] = []          # web: each value's text and source, by its word's number
        self.lead = ""                                   # the first paragraph's text (the web page's summary)
        self.nonce = secrets.token_hex(16)
        self.datum_word = re.compile(f"DPAPERDATUM{self.nonce}N([0-9]+)E")
        self.blocks = blocks(ctx.templates, ctx.words)
        self.env = manuscript(FunctionLoader(self._load), ctx.language)
        self.env.globals.update(data=DataNamespace(ctx.datasets, ctx.src), fact=self.fact, event=self.event,
                                table=self.table, figure=self.figure, box=self.box, ref=self.ref,
                                pageref=self.pageref, cite=self.cite, note=self.note,
                                ednote=self.ednote, logref=self.logref, listing=self.listing,
                                log_in_print=ctx.print_log)

    def _load(self, name):
        if name != self.ctx.src.stem:
            return None
        return self.ctx.src.body, str(self.ctx.src.path), lambda: True

    def _table_markup(self, table) -> Markup:
        """A built table's <table>, in the web in its sideways scroller."""
        return tables.markup(table, self.ctx.templates, self.mode == "web", self.ctx.words)

    # -- manuscript functions -------------------------------------------------
    def _role_rows(self, role: str, column: str, ident: str, what: str) -> list:
        data, dataset = self.env.globals["data"], self.ctx.roles.get(role)
        if dataset is None:
            raise BuildError(f"{what} {ident!r}: expected a dataset playing the role {role} (config roles), "
                             "found none")
        rows = data[dataset].where(**{column: ident}) if dataset in data else []
        if not rows:
            raise BuildError(f"unknown {what} {ident!r}: expected a {column} of the dataset {dataset}")
        return rows

    def event(self, ident: str) -> Event:
        row = self._role_rows("events", "id", ident, "event")[0]
        return Event(ident, row, self.ctx.language, self._trace, f"{self.ctx.roles['events']}#{ident}")

    def fact(self, key: str) -> Fact:
        return Fact.from_row(self._role_rows("key_figures", "key", key, "key figure")[0], self.ctx.language,
                             self._trace, self.ctx.roles["key_figures"])

    def _trace(self, text: str, source: str, ref: str = "") -> Markup:
        """A value from the data with where it comes from (`ref`: "dataset#key", the row that holds it): in print
        a span that carries it (values.traced); on the web a word in its place until the chapter has passed the
        gate, then a button that shows it in a popover (blocks.datum; `_datums`), for touch and keyboard."""
        if self.mode == "print":
            return traced(text, source, ref)
        self.datums.append((text, readers_place(source), ref))
        return Markup(f"DPAPERDATUM{self.nonce}N{len(self.datums) - 1}E")

    def _datums(self, html: str, count) -> str:
        """`html` with each value's word replaced by its button and popover, numbered through the page."""
        if not self.datums:
            return html

        def button(m: re.Match) -> str:
            text, source, ref = self.datums[int(m[1])]
            what, _, where = source.rpartition(". Source: ")
            dataset, _, key = ref.partition("#")
            title = self.ctx.datasets[dataset].attrs.get("title", dataset) if dataset in self.ctx.datasets else ""
            return str(self.blocks.datum(next(count), text, what, where, dataset, key, title or dataset))
        return self.datum_word.sub(button, html)

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
        return self.blocks.ref(self._href(e), e["text"])

    def pageref(self, label: str) -> Markup:
        """In print the stylesheet prints the page number ("p. 6"). The web has no pages: there it prints
        nothing, and the comma or space that joins it to the text goes too, so that
        "({{ ref(x) }}, {{ pageref(x) }})" reads "(Table 3.2.1)" (the `ref()` is the link)."""
        e = self._label(label)
        if self.mode == "web":
            return Markup(PAGEREF_WEB)
        return self.blocks.pageref(self._href(e), "")

    def listing(self, kind: str) -> list[dict]:
        """Every label of one kind through the book, in order ("fig", "tab" or "box"): its key (for ref() and
        pageref()), its number ("Figure 3.2.1"), its caption or title, and its unit: a list of figures or tables
        is a loop over this."""
        if kind not in ("fig", "tab", "box"):
            raise BuildError(f"listing(): expected 'fig', 'tab' or 'box', found {kind!r}")
        return [{"key": key, "text": e["text"], "title": e.get("title", ""), "chapter": e["chapter"],
                 "lost": e.get("lost", False), "added": e.get("added", False)}
                for key, e in self.ctx.labels.items() if e["kind"] == kind]

    def _footnote(self, html: Markup) -> Markup:
        if self.mode == "print":
            return self.blocks.footnote(html)
        self.notes.append(html)
        return self.blocks.note_call(len(self.notes))

    def cite(self, *keys: str) -> Markup:
        """One footnote per key; several keys give adjacent notes, as 1,2."""
        bib = self.ctx.bibliography
        missing = [k for k in keys if k not in bib]
        if missing:
            raise BuildError(f"unknown citation key {missing[0]!r}: expected an id in {bib.path}")
        return self.blocks.citation([self._footnote(bib.format(k)) for k in keys])

    def note(self, text: str) -> Markup:
        """An explanatory footnote: an id of the notes file, or the note's own words."""
        notes = self.ctx.notes_file
        if NOTE_ID.match(text):
            if notes is None or text not in notes:
                where_notes = notes.path if notes else "the notes file"
                raise BuildError(f"unknown note {text!r}: expected an id in {where_notes}")
            item = notes.items[text]
            if item.get("lost"):
                raise BuildError(f"note {text!r} is marked lost in {notes.path}: leave it out, or say so in words")
            html = self._inline(" ".join(item["text"].split()))
            bib = self.ctx.bibliography
            missing = [k for k in item.get("refs", []) if k not in bib]
            if missing:
                raise BuildError(f"note {text!r}: unknown citation key {missing[0]!r}: expected an id in {bib.path}")
            refs = [bib.format(k) for k in item.get("refs", [])]
            return self._footnote(Markup(" ").join([html, *refs]))
        return self._footnote(self._inline(text))

    def _log_unit(self) -> dict:
        units = [c for c in self.ctx.labels.values() if c["kind"] == "ch" and c.get("log")]
        if not units:
            raise BuildError("logref(): expected a unit of the contents whose front matter says log: true "
                             "(the log of editorial decisions), found none")
        return units[0]

    def logref(self, ident: str) -> Markup:
        """Where the text refers to an entry of the log of editorial decisions (`ident`: its id, e.g.
        `en.one(id="D4").id`, which checks that it exists): in the web a link to the entry's anchor; in
        print its page when the PDF prints the log, else nothing (About this edition says where it is).
        The reader never sees the id."""
        unit = self._log_unit()
        anchor = f"log-{str(ident).lower()}"
        if self.mode == "web":
            return self.blocks.logref(f"{unit['chapter']}.html#{anchor}")
        return self.blocks.logref(f"#{anchor}", True) if self.ctx.print_log else Markup("")

    def ednote(self, ident: str, text: str) -> Markup:
        """An editors' note in the footnote series, where a reader would otherwise be misled (a date
        corrected, two sources that disagree): the note's words, then the link to its log entry."""
        self._log_unit()
        html = Markup("{}{}").format(self._inline(text), self.logref(ident))
        if self.mode == "print":
            return self.blocks.footnote(html, "ed")
        self.notes.append(html)
        return self.blocks.note_call(len(self.notes))

    def _inline(self, text: str | None, what: str = "text") -> Markup:
        """Markdown of a caption, title, note or source line, rendered inline. Raw HTML in it is text,
        unless it is markup already (a caption joined with `~` to a `ref()` or `fact()`: Jinja escaped
        every other part of it)."""
        if not text:
            return Markup("")
        problem = limits.word_problem(text)
        if problem:
            raise BuildError(f"{what}: {problem}")
        return Markup((self.md if isinstance(text, Markup) else self.md_text).renderInline(str(text)))

    def _source(self, source: str | None, cite) -> Markup:
        """A block's source line: its `source=` words, then the references of its `cite=` (one key or a
        list) in full. Tables and figures name their sources in a "Source:" line under them, as the 2018
        edition's did, never in footnotes (one convention for every block)."""
        keys = [cite] if isinstance(cite, str) else cite
        if cite and not (isinstance(keys, (list, tuple)) and all(isinstance(k, str) for k in keys)):
            raise BuildError(f"cite=: expected a key in quotes or a list of them, found {describe(cite)}")
        bib = self.ctx.bibliography
        missing = [k for k in keys or [] if k not in bib]
        if missing:
            raise BuildError(f"unknown citation key {missing[0]!r}: expected an id in {bib.path}")
        refs = [Markup('<span class="source-ref">{}</span>').format(bib.format(k)) for k in keys or []]
        parts = [p for p in [self._inline(source, "source"), *refs] if p]
        return Markup("; ").join(parts)

    def table(self, ident: str, caption: str = "", note: str | None = None, source: str | None = None,
              cite=None) -> Markup:
        entry = self._label(f"tab:{ident}")
        spec = self.ctx.tables[ident]
        caption = caption or spec.caption
        if spec.lost:
            return self.blocks.lacuna("table", entry["anchor"], entry["text"], self._inline(caption, "caption"),
                                      self._source(source, cite))
        if not caption:
            raise BuildError(f"table(): expected a caption= argument or a caption in tables/{spec.module}.py, "
                             "found none")
        df = self.ctx.datasets[spec.dataset]
        table, notes = build(spec, df, self.ctx.language)
        if self.mode == "print":
            table = for_print(table, entry["text"])
        return _block(self.blocks.table(entry["anchor"], entry["text"], self._inline(caption, "caption"),
                                        "", self._table_markup(table),
                                        [(note_mark(i), n) for i, n in enumerate(notes)],
                                        self._inline(note, "note"), self._source(source, cite),
                                        self._table_data(spec, df)))

    def _table_data(self, spec, df) -> dict | None:
        """On the web, under a table: its dataset (a link to the CSV) and a short hash of the rows it shows."""
        if self.mode != "web" or spec.lost:
            return None
        return {"datasets": [spec.dataset], "digest": shown_digest(spec, df)}

    def image_path(self, name: str) -> str:
        """A photograph's link from this page ("" for one still to come in a draft); the web edition has
        its own copy of each (`web/images/`, rule `web_files`), so that its folder stands alone."""
        path = images.image(name, self.ctx.root, self.ctx.images, self.ctx.draft)
        if path and self.mode == "web":
            return "images/" + path.relative_to(self.ctx.images).as_posix()
        return images.link(path, self.ctx.out_dir, self.mode) if path else ""

    def figure(self, ident: str, caption: str | None = None, source: str | None = None, cite=None,
               image: str | None = None, alt: str | None = None, note: str | None = None) -> Markup:
        """A declared figure (figures/*.py) where the manuscript places it; caption and source default
        to the declaration's. A photograph slot takes `<images>/<id>.jpg|png|webp`, or `image=`. A table
        printed as a figure may take a `note=` under it, as a table does."""
        entry = self._label(f"fig:{ident}")
        spec = self.ctx.declared.get(ident)
        caption = caption if caption is not None else (spec.caption if spec else "")
        source = source if source is not None else (spec.source if spec else None) or None
        if spec and spec.kind == "lost":
            return self.blocks.lacuna("figure", entry["anchor"], entry["text"], self._inline(caption, "caption"),
                                      self._source(source, cite))
        if not caption:
            raise BuildError(f"figure(): expected a caption= argument or a caption in figures/"
                             f"{spec.module if spec else '…'}.py, found none")
        ratio = placeholder_box(spec.ratio if spec else 3 / 2)
        if spec and spec.kind == "table":
            return self._table_figure(spec, entry, caption, cite, source, note)
        if note:
            raise BuildError(f"figure {ident!r}: expected note= only on a table printed as a figure; "
                             f"found it on a {spec.kind if spec else 'figure'}")
        if image or (spec and spec.kind == "photo"):
            name = image or self._photo(spec)
            src = self.image_path(name) if name else ""
            alt_text, kind, svg = alt or (spec.alt if spec else caption), "photo", ""
            expected = name or (spec.photo_files(self.ctx.images)[0].name if spec else "")
        else:
            svg_path = self.ctx.figures_dir / f"{ident}.svg"
            src = images.link(svg_path, self.ctx.out_dir, self.mode)
            alt_text, kind, expected = alt or self.ctx.figures[ident]["alt"], spec.kind if spec else "chart", ""
            svg = images.inline_svg(self.ctx.root / svg_path) if self.mode == "web" else ""
        # a drawing on the web: never narrower than its smallest text needs (11 px on a phone, 12 px on a
        # wide screen; narrower screens scroll it), with a link to it full size (rule web_files copies it)
        legible = {"phone": images.legible_width(svg, 11), "wide": images.legible_width(svg, 12)} if svg else {}
        return _block(self.blocks.figure(kind, entry["anchor"], entry["text"], self._inline(caption, "caption"),
                                         "", src, alt_text, expected, self._source(source, cite),
                                         ratio, Markup(self._svg_slot(svg) if svg else ""), legible,
                                         f"figures/{ident}.svg" if svg else "", self._figure_data(spec, svg)))

    def _figure_data(self, spec, svg: str) -> dict | None:
        """On the web, under a drawing: its plotted data (a CSV of the web edition, with its SHA-256) and the
        datasets it is drawn from."""
        plotted = self.ctx.root / self.ctx.figures_dir / f"{spec.id}.csv" if spec and svg else None
        if self.mode != "web" or plotted is None or not plotted.is_file():
            return None
        return {"datasets": list(spec.datasets), "plotted": f"figures/{spec.id}.csv",
                "digest": hashlib.sha256(safe_csv(plotted.read_bytes())).hexdigest()[:12]}   # as published

    def _svg_slot(self, svg: str) -> str:
        """A word in place of a chart's inline SVG until the chapter has passed the gate: the SVG is ours
        (the figures job drew it from data), the gate's allow-list has no SVG. The word holds a random
        part, so no manuscript can write it."""
        slot = f"DPAPERSVG{self.nonce}N{len(self.svgs)}E"     # E: N1 is no prefix of N10
        self.svgs[slot] = svg
        return slot

    def _table_figure(self, spec, entry, caption, cite, source, note=None) -> Markup:
        """A table printed as a figure: the table's markup in a figure block, numbered as a figure."""
        name = spec.declaration["table"]
        if name not in self.ctx.tables:
            raise BuildError(f"figure {spec.id!r}: expected a table declared in tables/, found {name!r}")
        declared = self.ctx.tables[name]
        df = self.ctx.datasets[declared.dataset]
        table, notes = build(declared, df, self.ctx.language)
        return _block(self.blocks.table_figure(entry["anchor"], entry["text"], self._inline(caption, "caption"),
                                               "", self._table_markup(table),
                                               [(note_mark(i), n) for i, n in enumerate(notes)],
                                               self._inline(note, "note"), self._source(source, cite),
                                               self._table_data(declared, df)))

    def _photo(self, spec) -> str | None:
        """The photograph's file name in the images directory; None if it is missing (a placeholder in a
        draft, an error in a release build)."""
        found = [p for p in spec.photo_files(self.ctx.root / self.ctx.images) if p.is_file()]
        if found:
            return found[0].name
        if self.ctx.draft:
            return None
        names = ", ".join(p.name for p in spec.photo_files(self.ctx.images)[1:])
        raise BuildError(f"photograph {spec.id!r}: expected {spec.photo_files(self.ctx.images)[0]} "
                         f"(or {names}), found none (a release build needs every photograph)")

    def box(self, ident: str, title: str, caller=None) -> Markup:
        entry = self._label(f"box:{ident}")
        inner = caller() if caller else ""
        return _block(self.blocks.box(entry["anchor"], entry["text"], self._inline(title, "title"), inner))

    # -- rendering ------------------------------------------------------------
    def body(self) -> Markup:
        text = pipeline.markdown_text(self.env, self.ctx.src)
        if self.mode == "web":
            text = PAGEREF_GAP.sub("", text)
        html = str(pipeline.html(self.md, text, self.ctx.src, self.ctx.chapter["sections"], self.blocks.secnum))
        for slot, svg in self.svgs.items():      # our charts, after the gate (it knows no SVG)
            html = html.replace(slot, svg)
        lead = self.datum_word.sub(lambda m: self.datums[int(m[1])][0], pipeline.lead(self.md, text))
        self.lead = " ".join(lead.split())       # a value's no-break spaces too: a summary is plain text
        count = iter(range(1, 1_000_000))        # the values' buttons and popovers, through the page
        html = self._datums(html, count)
        self.notes = [Markup(self._datums(str(n), count)) for n in self.notes]
        return Markup(html)


def _block(markup: Markup) -> Markup:
    """A table, figure or box: an HTML block of its own, ended by a blank line, so that the text after it is
    a paragraph even when a `{%-` tag after the call has eaten the manuscript's blank line (CommonMark would
    otherwise run that text into the HTML block, unset as a paragraph)."""
    return markup + Markup("\n\n")


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
