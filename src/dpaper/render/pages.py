"""Whole pages from the page templates: a chapter's book part and web page, the book and the web index.

Each function takes what is already loaded and returns the files' text; the
scripts read the inputs and write the outputs.
"""
from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape

from dpaper.render.chapter import Context, Renderer, render
from dpaper.render.environment import templates
from dpaper.render.markdown import plain
from dpaper.typography import curly_quotes
from dpaper.words import words as language_words

INDEX = {"id": "index", "label": None, "name": "Contents"}   # its name: the edition's word (site())
DATA = {"id": "data", "label": None, "name": "The data behind this edition"}


def site(edition: dict, chapters: list[dict], current: str, title: str | None = None,
         description: str | None = None) -> dict:
    """What the frame of every web page (site.html.j2) shows: the book's contents (each chapter with its
    `name` in the contents and pager: "Porto" of "Case Study 1 · Porto"), the PDF and the EPUB, this page
    (its `title` before the edition's, its `description` for search engines and link previews), and the
    pages before and after it in reading order: the contents, the chapters, the data."""
    slug = edition.get("slug")
    book = [c | {"name": short_name(c)} for c in chapters]
    order = [INDEX | {"name": _words(edition)["contents"]}, *book, DATA | {"name": _words(edition)["data_behind"]}]
    pos = next((i for i, c in enumerate(order) if c["id"] == current), None)
    return {"edition": edition, "chapters": book, "current": current,
            "pdf": f"{slug}.pdf" if slug else None, "epub": f"{slug}.epub" if slug else None,
            "page_title": title, "description": description or default_description(edition),
            "base_url": edition.get("base_url"), "og_type": "website",
            "crumbs": trail(book, current, title, _words(edition)),
            "prev": order[pos - 1] if pos else None,
            "next": order[pos + 1] if pos is not None and pos + 1 < len(order) else None}


def _words(edition: dict) -> dict:
    """The edition's words (dpaper.words), which the scripts pass in the edition's metadata."""
    return edition.get("words") or language_words()


def trail(book: list[dict], current: str, title: str | None, words: dict | None = None) -> list[dict]:
    """The breadcrumbs above a page: the contents, the chapter a case study belongs to, then the page itself
    (`here`); none on the contents page."""
    if current == "index":
        return []
    words = words or language_words()
    crumbs = [{"href": "index.html", "name": words["contents"]}]
    at = next((i for i, c in enumerate(book) if c["id"] == current), None)
    if at is not None and book[at].get("kind") == "case-study":
        parent = next((c for c in reversed(book[:at]) if c.get("kind") == "chapter"), None)
        if parent:
            crumbs.append({"href": f"{parent['id']}.html", "name": " · ".join(filter(None, (parent.get("label"),
                                                                                     parent["name"])))})
    name = " · ".join(filter(None, (book[at].get("label"), book[at]["name"]))) if at is not None \
        else (words["data_behind"] if current == "data" else title or current)
    return [*crumbs, {"href": None, "name": name}]


def default_description(edition: dict) -> str:
    """The edition in a sentence: "Title: Subtitle. Series, July 2018." (what it has of these)."""
    where = ", ".join(edition[k] for k in ("series", "date_display") if edition.get(k))
    title = ": ".join(edition[k] for k in ("title", "subtitle") if edition.get(k))
    return f"{title}. {where}." if where else f"{title}."


def summary(text: str, limit: int = 160) -> str:
    """A page's first paragraph (plain text), cut at a word to at most `limit` characters: the page's meta
    description."""
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def short_name(chapter: dict) -> str:
    name, label = chapter.get("short") or chapter["title"], chapter.get("label")
    return name.removeprefix(f"{label} · ") if label else name


def chapter_pages(ctx: Context, edition: dict, chapters: list[dict]) -> tuple[str, str]:
    """The chapter's part of the book (print) and its web page, between its neighbours in `chapters`."""
    chapter = ctx.chapter
    env = templates(ctx.templates, ctx.words)
    part = env.get_template("part.html.j2")
    body, _ = render(ctx, "print")
    print_part = part.render(chapter=chapter, body=body, notes=[]) + "\n"
    web = Renderer(ctx, "web")      # its values as buttons that show their sources, its tables in scrollers
    web_body = web.body()
    notes = web.notes
    web_part = part.render(chapter=chapter, body=web_body, notes=notes)
    name = plain(chapter["title"])
    title = f"{chapter['label']}: {name}" if chapter.get("label") else name
    lead = summary(web.lead)
    authors = f" By {', '.join(chapter['authors'])}." if chapter.get("authors") else ""
    description = f"{title}, in {default_description(edition)}{authors}"
    frame = site(edition, chapters, chapter["id"], title, lead or description)
    sections = [s | {"text": plain(s["title"])} for s in chapter["sections"]]
    page = env.get_template("web.html.j2").render(
        **(frame | {"og_type": "article"}), chapter=chapter, sections=sections, part=Markup(web_part),
        notes=notes)
    return print_part, page + "\n"


RANGE_DASH = re.compile(r"(?<=\d)\u2013(?=\d)")      # 2008–2015, 10–20%
TAG = re.compile(r"(<[^>]*>)")
WORD_JOINER = "\u2060"   # no break after the dash; Pango draws nothing for it, so no font needs the glyph


def print_text(html: str, names: list[str]) -> str:
    """The book's text as print sets it: typographic quotes and apostrophes everywhere (text from the data
    and raw HTML blocks too, which Markdown's typographer does not see), line ends as spaces, no line break
    after the dash of a range of numbers, and the `names` (places, people, organisations from the data)
    marked so that they are never hyphenated. Only text between tags changes; tags, attributes and the head
    stay as they are."""
    head, sep, body = html.partition("<body")
    if sep:                                   # the body's start tag (its attributes) stays as it is
        tag, close, body = body.partition(">")
        head, body = head + sep + tag + close, body
        sep = ""
    names = sorted({n for n in names if n and len(n) > 3}, key=len, reverse=True)
    # a name may run over a line end of the manuscript: any white space between its words
    name = re.compile(r"(?<!\w)(" + "|".join(r"\s+".join(map(re.escape, str(escape(n)).split())) for n in names)
                      + r")(?!\w)") if names else None
    parts = TAG.split(body)
    inside = 0          # inside <style>, <script>, <svg>, <title>, <code>: left alone
    before = " "        # the last character of the text so far (a quote after a tag opens or closes by it)
    for i, part in enumerate(parts):
        if i % 2:
            tag = re.match(r"</?\s*([a-zA-Z]+)", part)
            if tag and tag.group(1).lower() in ("style", "script", "svg", "title", "code", "pre"):
                inside += -1 if part.startswith("</") else (0 if part.endswith("/>") else 1)
            elif tag and tag.group(1).lower() in ("p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4",
                                                  "figcaption", "br", "div", "section"):
                before = " "                     # a new block: a quote at its start opens
            continue
        if inside or not part.strip():
            continue
        # a line end of the manuscript is a space: WeasyPrint 70 takes one left in a word it hyphenates for a
        # forced break ("eco-" / "nomy," / "lies where", Case Study 2)
        part = curly_quotes(part.replace("\n", " "), before)
        before = part.rstrip("\u2060")[-1:] or before
        part = RANGE_DASH.sub("\u2013" + WORD_JOINER, part)
        if name:
            part = name.sub(r'<span class="name">\1</span>', part)
        parts[i] = part
    return head + sep + "".join(parts)


def _surname_first(name: str) -> str:
    """'Junko Akagi' -> 'Akagi, J.' (names are given name first in the data)."""
    *given, family = name.split()
    return f"{family}, {' '.join(g[0] + '.' for g in given)}" if given else family


EMPTY_PART = re.compile(r"(?<=\.)(\s*[.:])+|:\s*(?=\.)")   # "Title. ." or "Title: ." where a part is empty


def suggested_citation(edition: dict, authors: list[str], publishers: list[dict]) -> str:
    """The imprint's suggested citation, from the edition's metadata and the authors and publishers data, in
    the form of the edition's words (`citation`, `and`)."""
    words = _words(edition)
    names = [_surname_first(a) for a in authors]
    joint = f" {words['and']} "
    who = ", ".join(names[:-1]) + (f",{joint}" if len(names) > 2 else joint) + names[-1] if len(names) > 1 \
        else "".join(names)
    year = str(edition["date"])[:4]
    by = joint.join(p["name"] for p in publishers)
    form = words["citation"].replace("{authors},", "{authors}") if who.endswith(".") else words["citation"]
    text = form.format(authors=who, year=year, title=edition["title"], subtitle=edition["subtitle"],
                       series=edition["series"], publishers=by)       # "Essai, C. 2024", never "C., 2024"
    return EMPTY_PART.sub("", " ".join(text.split()))    # a part the edition lacks leaves no ". ."


def book_authors(chapters: list[dict]) -> list[str]:
    """The edition's authors, in the order of their first chapter."""
    return list(dict.fromkeys(a for c in chapters for a in c["authors"]))


def book_pages(edition: dict, chapters: list[dict], parts: list[str], publishers: list[dict], validation: dict,
               directory: str | Path = "templates", names: list[str] = (), print_log: bool = False,
               stylesheet: str | None = None, appendix: str = "") -> str:
    """The book HTML WeasyPrint lays out (parts and publishers in order); `names` are never hyphenated in
    print. The log of editorial decisions (the unit whose front matter says `log: true`) is printed only
    with `print_log` (config apparatus.print_log); the web always has it. The build's facts (`validation`:
    datasets, rows, checks) go into the PDF's metadata, not on a page. `appendix` (the changes report's
    part, config changes.print) goes after the last part."""
    authors = book_authors(chapters)
    env = templates(directory, _words(edition))
    printed = [(c, p) for c, p in zip(chapters, parts) if print_log or not c.get("log")]
    first = [bool(c.get("before_contents")) for c, _ in printed]        # pages set before the contents
    book = env.get_template("book.html.j2").render(edition=edition,
                                                   chapters=[c for (c, _), f in zip(printed, first) if not f],
                                                   before=[Markup(p) for (_, p), f in zip(printed, first) if f],
                                                   parts=[Markup(p) for (_, p), f in zip(printed, first) if not f]
                                                   + ([Markup(appendix)] if appendix else []),
                                                   authors=authors, publishers=publishers, validation=validation,
                                                   citation=suggested_citation(edition, authors, publishers),
                                                   stylesheet=stylesheet)
    return print_text(book, [*names, *authors, *(p["name"] for p in publishers)])


def file_size(size: int) -> str:
    """A download's size as readers see it: '2.4 MB', '860 KB'."""
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} KB"


def index_page(edition: dict, chapters: list[dict], publishers: list[dict], sizes: dict[str, int],
               directory: str | Path = "templates", changes: str = "") -> str:
    """The web edition's front page: the title, the book's contents, the downloads with their sizes
    (`sizes`: file name -> bytes), the changes report from the `changes` edition (if there is one) and
    the suggested citation (the imprint's)."""
    citation = suggested_citation(edition, book_authors(chapters), publishers)
    frame = site(edition, chapters, "index", None, default_description(edition))
    return templates(directory, _words(edition)).get_template("index.html.j2").render(
        **frame, publishers=publishers, citation=citation, changes=changes,
        sizes={name: file_size(n) for name, n in sizes.items()}) + "\n"


def not_found_page(edition: dict, chapters: list[dict], directory: str | Path = "templates") -> str:
    """The page a static host serves for a missing address (404.html): where to go from there."""
    frame = site(edition, chapters, "404", _words(edition)["page_not_found"], default_description(edition))
    return templates(directory, _words(edition)).get_template("404.html.j2").render(**frame) + "\n"


def sitemap(base_url: str, pages: list[str], date: str) -> str:
    """sitemap.xml (sitemaps.org): each page's absolute URL under `base_url`, dated with the edition."""
    urls = "".join(f"<url><loc>{escape(base_url + p)}</loc><lastmod>{escape(date)}</lastmod></url>\n"
                   for p in pages)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n')


def search_page(edition: dict, chapters: list[dict], directory: str | Path = "templates") -> str:
    """The web edition's search page (Pagefind's interface over the index the build makes)."""
    frame = site(edition, chapters, "search", _words(edition)["search"], default_description(edition))
    return templates(directory, _words(edition)).get_template("search.html.j2").render(**frame) + "\n"


def data_page(edition: dict, datasets: list[dict], summary: dict, printed: dict | None = None,
              directory: str | Path = "templates", chapters: list[dict] | None = None, source: str = "") -> str:
    """The web edition's data dictionary: every dataset, its fields and rules, what the build validated,
    a link to its CSV, and (`printed`: dataset -> rows) values as the text prints them; `source`: the
    build's source in words (dpaper.provenance), with the rest of `summary["build"]` under "This build"."""
    page = templates(directory, _words(edition)).get_template("data.html.j2").render(
        **site(edition, chapters or [], "data", _words(edition)["the_data"],
               f"Every dataset behind {edition['title']} ({edition['date_display']}): its fields, rules and "
               "validation, and each as a CSV file."), datasets=datasets, summary=summary, printed=printed or {},
        source=source)
    return page + "\n"


def changes_page(edition: dict, report: dict, since: str, drawings: dict | None = None,
                 directory: str | Path = "templates", chapters: list[dict] | None = None) -> str:
    """The web edition's changes page: what changed from the `since` edition (dpaper.changes), the old and
    new drawing of each figure side by side (`drawings`: figure id -> (old SVG, new SVG), inline)."""
    title = f"Changes from the {since} edition"
    frame = site(edition, chapters or [], "changes", title,
                 f"What changed in {edition['title']} ({edition['date_display']}) from the {since} edition: "
                 "its data, the values the text prints, the tables, the figures and the text.")
    page = templates(directory).get_template("changes.html.j2").render(
        **frame, r=report, since=since, drawings={k: tuple(map(Markup, v)) for k, v in (drawings or {}).items()})
    return page + "\n"


def changes_part(report: dict, since: str, directory: str | Path = "templates") -> str:
    """The changes report as an appendix of the book (config changes.print): the page's body, no drawings."""
    return templates(directory).get_template("changes-part.html.j2").render(r=report, since=since,
                                                                             drawings={}) + "\n"
