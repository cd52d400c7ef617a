"""Whole pages from the page templates: a chapter's book part and web page, the book and the web index.

Each function takes what is already loaded and returns the files' text; the
scripts read the inputs and write the outputs.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from dpaper.render.chapter import Context, render
from dpaper.render.environment import templates


def chapter_pages(ctx: Context, edition: dict, chapters: list[dict]) -> tuple[str, str]:
    """The chapter's part of the book (print) and its web page, between its neighbours in `chapters`."""
    chapter = ctx.chapter
    pos = next(i for i, c in enumerate(chapters) if c["id"] == chapter["id"])
    env = templates(ctx.templates)
    part = env.get_template("part.html.j2")
    body, _ = render(ctx, "print")
    print_part = part.render(chapter=chapter, body=body, notes=[]) + "\n"
    web_body, notes = render(ctx, "web")
    page = env.get_template("web.html.j2").render(
        edition=edition, chapter=chapter, part=Markup(part.render(chapter=chapter, body=web_body, notes=notes)),
        prev=chapters[pos - 1] if pos > 0 else None, next=chapters[pos + 1] if pos + 1 < len(chapters) else None)
    return print_part, page + "\n"


def book_pages(edition: dict, chapters: list[dict], parts: list[str], publishers: list[dict], validation: dict,
               pdf_name: str, directory: str | Path = "templates") -> tuple[str, str]:
    """The book HTML WeasyPrint lays out and the web edition's index page (parts and publishers in order)."""
    authors = list(dict.fromkeys(a for c in chapters for a in c["authors"]))
    env = templates(directory)
    first = [bool(c.get("before_contents")) for c in chapters]        # pages set before the contents
    book = env.get_template("book.html.j2").render(edition=edition, chapters=[c for c, f in zip(chapters, first)
                                                                              if not f],
                                                   before=[Markup(p) for p, f in zip(parts, first) if f],
                                                   parts=[Markup(p) for p, f in zip(parts, first) if not f],
                                                   authors=authors,
                                                   publishers=publishers, validation=validation)
    index = env.get_template("index.html.j2").render(edition=edition, chapters=chapters, publishers=publishers,
                                                     pdf_name=pdf_name)
    return book, index


def data_page(edition: dict, datasets: list[dict], summary: dict, printed: dict | None = None,
              directory: str | Path = "templates") -> str:
    """The web edition's data dictionary: every dataset, its fields and rules, what the build validated,
    and (`printed`: dataset -> rows) values as the text prints them."""
    page = templates(directory).get_template("data.html.j2").render(edition=edition, datasets=datasets,
                                                                   summary=summary, printed=printed or {})
    return page + "\n"
