"""Whole pages from the page templates: a chapter's book part and web page, the book and the web index.

Each function takes what is already loaded and returns the files' text; the
scripts read the inputs and write the outputs.
"""
from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape

from dpaper.render.chapter import Context, render
from dpaper.render.environment import templates


def site(edition: dict, chapters: list[dict], current: str) -> dict:
    """What the frame of every web page (site.html.j2) shows: the book's contents (each chapter with its
    `name` in the contents and pager: "Dalian" of "Case Study 1 · Dalian"), the PDF, this page."""
    return {"edition": edition, "chapters": [c | {"name": short_name(c)} for c in chapters], "current": current,
            "pdf": f"{edition['slug']}.pdf" if edition.get("slug") else None}


def short_name(chapter: dict) -> str:
    name, label = chapter.get("short") or chapter["title"], chapter.get("label")
    return name.removeprefix(f"{label} · ") if label else name


DATUM = re.compile(r'<span class="datum" title="([^"]*)">([^<]*)</span>')
TABLE = re.compile(r"(<table\b.*?</table>)", re.S)


def web_markup(html: str) -> str:
    """The web page's forms of what the print part marks up for paper: each value's source (a tooltip
    there, `title=`) a button that shows it in a popover, for touch and keyboard as for a mouse; each
    table in a wrapper that scrolls sideways on a narrow screen, not the page."""
    count = iter(range(1, 1_000_000))

    def datum(m: re.Match) -> str:
        n = next(count)
        return (f'<button type="button" class="datum" popovertarget="src-{n}" aria-describedby="src-{n}">'
                f'{m[2]}</button><span class="datum-source" id="src-{n}" popover role="note" '
                f'data-pagefind-ignore><span class="datum-head">Where this comes from</span> {m[1]}</span>')
    html = DATUM.sub(datum, html)
    return TABLE.sub(r'<div class="table-scroll" tabindex="0" role="region" aria-label="Table">\1</div>', html)


def chapter_pages(ctx: Context, edition: dict, chapters: list[dict]) -> tuple[str, str]:
    """The chapter's part of the book (print) and its web page, between its neighbours in `chapters`."""
    chapter = ctx.chapter
    pos = next(i for i, c in enumerate(chapters) if c["id"] == chapter["id"])
    env = templates(ctx.templates)
    part = env.get_template("part.html.j2")
    body, _ = render(ctx, "print")
    print_part = part.render(chapter=chapter, body=body, notes=[]) + "\n"
    web_body, notes = render(ctx, "web")
    web_part = web_markup(part.render(chapter=chapter, body=web_body, notes=notes))
    frame = site(edition, chapters, chapter["id"])
    book = frame["chapters"]
    page = env.get_template("web.html.j2").render(
        **frame, chapter=chapter, part=Markup(web_part), notes=notes,
        prev=book[pos - 1] if pos > 0 else None, next=book[pos + 1] if pos + 1 < len(book) else None)
    return print_part, page + "\n"


RANGE_DASH = re.compile(r"(?<=\d)\u2013(?=\d)")      # 2008–2015, 10–20%
TAG = re.compile(r"(<[^>]*>)")
WORD_JOINER = "\u2060"   # no break after the dash; Pango draws nothing for it, so no font needs the glyph


def print_text(html: str, names: list[str]) -> str:
    """The book's text as print sets it: no line break after the dash of a range of numbers, and the
    `names` (places, people, organisations from the data) marked so that they are never hyphenated.
    Only text between tags changes; tags, attributes and the head stay as they are."""
    head, sep, body = html.partition("<body")
    names = sorted({n for n in names if n and len(n) > 3}, key=len, reverse=True)
    # a name may run over a line end of the manuscript: any white space between its words
    name = re.compile(r"(?<!\w)(" + "|".join(r"\s+".join(map(re.escape, str(escape(n)).split())) for n in names)
                      + r")(?!\w)") if names else None
    parts = TAG.split(body)
    inside = 0          # inside <style>, <script>, <svg>, <title>: left alone
    for i, part in enumerate(parts):
        if i % 2:
            tag = re.match(r"</?\s*([a-zA-Z]+)", part)
            if tag and tag.group(1).lower() in ("style", "script", "svg", "title"):
                inside += -1 if part.startswith("</") else (0 if part.endswith("/>") else 1)
            continue
        if inside or not part.strip():
            continue
        part = RANGE_DASH.sub("\u2013" + WORD_JOINER, part)
        if name:
            part = name.sub(r'<span class="name">\1</span>', part)
        parts[i] = part
    return head + sep + "".join(parts)


def _surname_first(name: str) -> str:
    """'Junko Akagi' -> 'Akagi, J.' (names are given name first in the data)."""
    *given, family = name.split()
    return f"{family}, {' '.join(g[0] + '.' for g in given)}" if given else family


def suggested_citation(edition: dict, authors: list[str], publishers: list[dict]) -> str:
    """The imprint's suggested citation, from the edition's metadata and the authors and publishers data."""
    names = [_surname_first(a) for a in authors]
    who = ", ".join(names[:-1]) + (", and " if len(names) > 2 else " and ") + names[-1] if len(names) > 1 \
        else "".join(names)
    year = str(edition["date"])[:4]
    by = " and ".join(p["name"] for p in publishers)
    return f"{who} {year}. {edition['title']}: {edition['subtitle']}. {edition['series']}. {by}."


def book_pages(edition: dict, chapters: list[dict], parts: list[str], publishers: list[dict], validation: dict,
               pdf_name: str, directory: str | Path = "templates", names: list[str] = (),
               print_log: bool = False) -> tuple[str, str]:
    """The book HTML WeasyPrint lays out and the web edition's index page (parts and publishers in order);
    `names` are never hyphenated in print. The log of editorial decisions (the unit whose front matter says
    `log: true`) is printed only with `print_log` (config apparatus.print_log); the web always has it.
    The build's facts (`validation`: datasets, rows, checks) go into the PDF's metadata, not on a page."""
    authors = list(dict.fromkeys(a for c in chapters for a in c["authors"]))
    env = templates(directory)
    printed = [(c, p) for c, p in zip(chapters, parts) if print_log or not c.get("log")]
    first = [bool(c.get("before_contents")) for c, _ in printed]        # pages set before the contents
    book = env.get_template("book.html.j2").render(edition=edition,
                                                   chapters=[c for (c, _), f in zip(printed, first) if not f],
                                                   before=[Markup(p) for (_, p), f in zip(printed, first) if f],
                                                   parts=[Markup(p) for (_, p), f in zip(printed, first) if not f],
                                                   authors=authors, publishers=publishers, validation=validation,
                                                   citation=suggested_citation(edition, authors, publishers))
    book = print_text(book, [*names, *authors, *(p["name"] for p in publishers)])
    frame = site(edition, chapters, "index") | {"pdf": pdf_name}
    index = env.get_template("index.html.j2").render(**frame, publishers=publishers)
    return book, index


def search_page(edition: dict, chapters: list[dict], directory: str | Path = "templates") -> str:
    """The web edition's search page (Pagefind's interface over the index the build makes)."""
    return templates(directory).get_template("search.html.j2").render(**site(edition, chapters, "search")) + "\n"


def data_page(edition: dict, datasets: list[dict], summary: dict, printed: dict | None = None,
              directory: str | Path = "templates", chapters: list[dict] | None = None) -> str:
    """The web edition's data dictionary: every dataset, its fields and rules, what the build validated,
    a link to its CSV, and (`printed`: dataset -> rows) values as the text prints them."""
    page = templates(directory).get_template("data.html.j2").render(
        **site(edition, chapters or [], "data"), datasets=datasets, summary=summary, printed=printed or {})
    return page + "\n"
