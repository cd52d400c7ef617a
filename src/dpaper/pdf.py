"""Lay out the book HTML with WeasyPrint into a PDF, safely and reproducibly.

- The URL fetcher serves only files inside the project, under a fixed virtual
  root (file:///project/), so no network, no file:// elsewhere, no `../`
  escape; and since WeasyPrint names images after their URL, the bytes do not
  depend on where the project sits.
- Anything WeasyPrint logs at WARNING or above (a missing image, CSS it could
  not read or understand) fails the build: the library only logs such things.
- Only the shipped fonts may reach the PDF: if the text needs a glyph they
  lack, Pango falls back to a font of the machine, and the build fails naming
  it, instead of making a PDF that depends on where it was built.
- The PDF is written to a temporary file and moved into place, so a failure
  never leaves a half-written PDF over the last good one. WeasyPrint's own
  temporary files (its `weasyprint-*` font folders) go to a scratch folder
  beside the PDF, removed when the job ends however it ends (and at the start
  of the next one, after a kill): nothing is left in the system's /tmp.
- Footnotes stay on the page of their call (`keep_footnotes_with_calls`).
- The layout is measured and mended in passes (`dpaper.layout`): figures float,
  tables break well, no three hyphenated lines in a row.
"""
from __future__ import annotations

import logging
import mimetypes
import os
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from dpaper import layout
from dpaper.errors import BuildError

VIRTUAL_ROOT = "file:///project/"


def _fetcher_class():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ProjectFetcher(URLFetcher):
        """Serves `file:///project/<path>` from the project directory, and data: URLs."""

        def __init__(self, root: Path):
            super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)
            self.root = Path(root).resolve()

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if not url.startswith(VIRTUAL_ROOT):
                raise FatalURLFetchingError(f"refused {url}: only files inside the project may be used")
            rel = unquote(urlsplit(url).path)[len("/project/"):]
            path = (self.root / rel).resolve()
            if not path.is_relative_to(self.root):
                raise FatalURLFetchingError(f"refused {url}: it points outside the project")
            if not path.is_file():
                raise FatalURLFetchingError(f"missing file {rel} (referenced as {url})")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return ProjectFetcher, FatalURLFetchingError


_ORPHANS_REPORT = "report = not context.in_column and can_break_now and not could_break_before"


def keep_footnotes_with_calls():
    """Stop WeasyPrint 70 moving a page's footnotes to the next page to satisfy `orphans`/`widows`.

    When a line overflows the page and the paragraph may not break before it
    (orphans, widows), WeasyPrint 70 takes the page's last footnotes off the
    page until the line fits (`layout/block.py`, `_linebox_layout`): their
    calls stay, the notes print a page later (notes 12 and 15 of Case Study 2
    did). Upstream #2432 is the same family. With this patch it breaks the
    paragraph earlier instead, as it does on a page without notes; the line of
    a note that does not fit moves with its call (`footnote-policy: line`).
    The source is patched by text, once, and the build stops if the text is
    not found (a WeasyPrint other than the pinned 70.0)."""
    import inspect

    from weasyprint.layout import block
    if getattr(block._linebox_layout, "_dpaper", False):
        return
    src = inspect.getsource(block._linebox_layout)
    if src.count(_ORPHANS_REPORT) != 1:
        raise BuildError("WeasyPrint: cannot keep footnotes with their calls (layout/block.py changed; "
                         "check dpaper.pdf.keep_footnotes_with_calls against the installed version)")
    code = compile(src.replace(_ORPHANS_REPORT, "report = False"), inspect.getsourcefile(block), "exec")
    namespace: dict = {}
    exec(code, block.__dict__, namespace)   # noqa: S102 (the library's own function, one condition changed)
    namespace["_linebox_layout"]._dpaper = True
    block._linebox_layout = namespace["_linebox_layout"]


def _pdf_date(epoch: int | None) -> str | None:
    if epoch is None:
        return None
    return time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime(epoch))


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage().splitlines()[0])


def foreign_fonts(document, families: set[str]) -> list[str]:
    """Families WeasyPrint embedded that are not among the shipped `families`."""
    return sorted({f.family for f in document.fonts.values()} - families)


UA, ARCHIVE = "pdf/ua-1", "pdf/a-3a"


def write_pdf(html_path: str | Path, pdf_path: str | Path, root: str | Path = ".",
              epoch: int | None = None, families: set[str] | None = None, say=print,
              document_id: str | None = None, archive: list[Path] | None = None,
              first_chapter: str | None = None) -> int:
    """Render `html_path` (inside `root`) to `pdf_path`; return the page count.

    With `families`, every embedded font must be of one of these families. The PDF is tagged
    (PDF/UA-1) and finished by `dpaper.pdfpost` (artifacts, notes, page labels, IDs); with
    `archive` (files), PDF/A-3a with those files attached as the data behind the paper. `first_chapter`: the
    id of the element that starts page 1 (the pages before it have roman folios); none: page 1 is the first."""
    root = Path(root).resolve()
    html_path, pdf_path = Path(html_path), Path(pdf_path)
    rel = html_path.resolve().relative_to(root).as_posix()
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)   # fontTools fallback stamps fonts otherwise

    started = time.perf_counter()
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    keep_footnotes_with_calls()
    Fetcher, Fatal = _fetcher_class()
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    tmp = pdf_path.with_name(f".{pdf_path.name}.partial")
    scratch = pdf_path.with_name(f".{pdf_path.name}.tmp")
    shutil.rmtree(scratch, ignore_errors=True)        # what a killed job left
    scratch.mkdir(parents=True)
    tempfile.tempdir = str(scratch)
    try:
        say(f"Laying out {html_path} with WeasyPrint (single-threaded; about 20 s for the whole paper)...")
        text = html_path.read_text(encoding="utf-8")
        html = HTML(string=text, base_url=VIRTUAL_ROOT + rel, url_fetcher=Fetcher(root))
        document, mended, passes = layout.render(html, FontConfiguration())   # measured passes: dpaper.layout
        pages = len(document.pages)
        say(f"Laid out {pages} pages in {time.perf_counter() - started:.1f} s ({passes} passes"
            f"{f'; mended: {len(mended)} (hyphens, figures, table breaks)' if mended else ''}); "
            f"writing {pdf_path}...")
        if handler.messages:
            raise BuildError([f"{html_path}: WeasyPrint: {m}" for m in dict.fromkeys(handler.messages)])
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(tmp, pdf_variant=ARCHIVE if archive else UA, pdf_identifier=True)
        first_page = next((i for i, p in enumerate(document.pages) if first_chapter in p.anchors), 0)
        from dpaper.pdfpost import finish
        finish(tmp, first_page, document_id or html_path.stem, list(archive or []),
               attachment_date=_pdf_date(epoch))
        if handler.messages:
            raise BuildError([f"{html_path}: WeasyPrint: {m}" for m in dict.fromkeys(handler.messages)])
        if families is not None and (foreign := foreign_fonts(document, families)):
            raise BuildError(f"{html_path}: expected only the shipped fonts in the PDF, found the machine's "
                             f"{', '.join(foreign)} (some text needs glyphs the shipped fonts lack)")
        os.replace(tmp, pdf_path)
    except Fatal as exc:
        raise BuildError(f"{html_path}: {exc}") from None
    finally:
        logger.removeHandler(handler)
        tmp.unlink(missing_ok=True)
        tempfile.tempdir = None
        shutil.rmtree(scratch, ignore_errors=True)
    say(f"Wrote {pdf_path} ({pages} pages, {pdf_path.stat().st_size // 1024} KiB) "
        f"in {time.perf_counter() - started:.1f} s.")
    return pages
