"""Whole pages from the page templates: a chapter's book part and web page, the book and the web index.

Each function takes what is already loaded and returns the files' text; the
scripts read the inputs and write the outputs.
"""
from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

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


def book_pages(edition: dict, chapters: list[dict], parts: list[str], publishers: list[dict], validation: dict,
               pdf_name: str, directory: str | Path = "templates") -> tuple[str, str]:
    """The book HTML WeasyPrint lays out and the web edition's index page (parts and publishers in order)."""
    authors = list(dict.fromkeys(a for c in chapters for a in c["authors"]))
    env = templates(directory)
    book = env.get_template("book.html.j2").render(edition=edition, chapters=chapters,
                                                   parts=[Markup(p) for p in parts], authors=authors,
                                                   publishers=publishers, validation=validation)
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
