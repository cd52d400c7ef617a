"""A contact sheet of the built PDF: every figure at print size, one PNG each, and every page at 60 dpi
beside its neighbours, as spreads, to look at before saying done.

    .venv/bin/python tools/contact_sheet.py [PDF] [LABELS] [OUT]
    (defaults: build/2018/<slug>.pdf, build/2018/labels.json, build/contact-sheet/; `make contact-sheet`)

Each figure of the label index (`labels.json`, in book order) is found in the PDF by its anchor, the named
destination WeasyPrint writes for it (its page and the top of the figure), and its caption by the label's
text ("Figure 3.1.8") on that page or the next; the crop runs from the figure's top to the end of its
caption and source lines (set at 9 pt or smaller), the page's width but 12 mm each side. Poppler's pdftoppm
renders it at 150 dpi (`NNN-figure-3.1.8-<id>.png`, in book order; an added figure, printed without a
number, is `figure-added`). `index.html` shows them all, with each figure's page and what looks wrong to
the tool: a caption on another page than its figure, or none found. The PNGs carry their resolution, so
an image viewer at 100 % shows them at print size.

`pages/` holds every page at 60 dpi as the book opens: a verso (even page) beside its recto, the first
page alone on the right (`spread-NNN-MMM.png`, PDF page numbers), and `pages/index.html` shows the spreads
in order, to judge each page beside its neighbours (an empty foot, a lone line, a figure far from its call).
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DPI = 150
CAPTION_PT = 9.05          # caption and source lines: 9 pt and smaller; the text runs at 10.5 pt
LINE_GAP = 10.0            # points between two lines of one caption block
SIDE = 12 / 25.4 * 72      # 12 mm of the page's sides left out
PAGE_DPI = 60              # the pages' sheet: a whole spread on a screen
GUTTER = 6                 # pixels between the two pages of a spread


@dataclass
class Shot:
    key: str
    label: str
    title: str
    page: int = 0              # 1-based, as pdftoppm counts
    top: float = 0.0           # points from the page's top
    bottom: float = 0.0
    left: float = 0.0
    right: float = 0.0
    note: str = ""
    png: str = ""


def lines(page) -> list[tuple[float, float, float, str]]:
    """The page's lines of words: (top, bottom, largest size, text), top to bottom."""
    rows: dict[int, list[dict]] = {}
    for w in page.extract_words(extra_attrs=["size"]):
        rows.setdefault(round(w["top"]), []).append(w)
    return [(min(w["top"] for w in ws), max(w["bottom"] for w in ws), max(w["size"] for w in ws),
             " ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"]))) for _, ws in sorted(rows.items())]


def caption_end(rows, start: int) -> float:
    """The bottom of the caption block that begins at rows[start]: its lines at CAPTION_PT or smaller."""
    bottom = rows[start][1]
    for top, bot, size, _ in rows[start + 1:]:
        if size > CAPTION_PT or top - bottom > LINE_GAP:
            break
        bottom = bot
    return bottom


def locate(pdf_path: Path, labels: dict) -> list[Shot]:
    import pdfplumber
    from pypdf import PdfReader
    reader = PdfReader(pdf_path)
    dests = reader.named_destinations
    shots = []
    with pdfplumber.open(pdf_path) as pdf:
        for key, entry in labels.items():
            if entry.get("kind") != "fig":
                continue
            shot = Shot(key, entry.get("text") or "", entry.get("title") or "")
            dest = dests.get(entry["anchor"])
            if dest is None:
                shot.note = f"no destination {entry['anchor']!r} in the PDF: not placed?"
                shots.append(shot)
                continue
            index = reader.get_destination_page_number(dest)
            page = pdf.pages[index]
            shot.page, shot.top = index + 1, float(page.height) - float(dest["/Top"])
            shot.left, shot.right = SIDE, float(page.width) - SIDE           # wider than any figure's measure
            want = re.compile(rf"^{re.escape(shot.label)}\b" if shot.label else
                              rf"^{re.escape(shot.title[:30])}")
            rows = lines(page)
            found = [i for i, r in enumerate(rows) if r[0] >= shot.top - 1 and want.search(r[3])]
            if found:
                shot.bottom = caption_end(rows, found[0]) + 4
            else:
                shot.bottom = float(page.height) - 40
                nxt = lines(pdf.pages[index + 1]) if index + 1 < len(pdf.pages) else []
                on_next = any(want.search(r[3]) for r in nxt)
                shot.note = (f"caption on page {shot.page + 1}, the figure on page {shot.page}" if on_next
                             else "caption not found")
            shots.append(shot)
    return shots


def render(pdf_path: Path, shots: list[Shot], out: Path) -> None:
    if not shutil.which("pdftoppm"):
        sys.exit("error: expected pdftoppm (poppler-utils) on PATH, found none: apt-get install poppler-utils")
    scale = DPI / 72
    n = 0
    for shot in shots:
        if not shot.page:
            continue
        n += 1
        name = re.sub(r"[^a-z0-9.]+", "-", (shot.label or "figure added").lower()).strip("-")
        stem = f"{n:03d}-{name}-{shot.key.removeprefix('fig:')}"
        x, y = round(shot.left * scale), round(shot.top * scale)
        w, h = round((shot.right - shot.left) * scale), round((shot.bottom - shot.top) * scale)
        subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(shot.page), "-l", str(shot.page),
                        "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), "-singlefile",
                        str(pdf_path), str(out / stem)], check=True)
        shot.png = f"{stem}.png"


def spreads(count: int) -> list[tuple[int | None, int | None]]:
    """The book's spreads by PDF page number (1-based): page 1 a recto alone, then (2, 3), (4, 5)..."""
    return [(None, 1)] + [(v, v + 1 if v + 1 <= count else None) for v in range(2, count + 1, 2)]


def pages_sheet(pdf_path: Path, out: Path) -> list[str]:
    """Every page of the PDF at PAGE_DPI, composed as spreads into `out` (PNG each) with an index; their names."""
    from PIL import Image
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", str(PAGE_DPI), str(pdf_path), f"{tmp}/p"], check=True)
        files = sorted(Path(tmp).glob("p-*.png"), key=lambda f: int(f.stem.rsplit("-", 1)[1]))
        images = [Image.open(f) for f in files]
        w, h = max(i.width for i in images), max(i.height for i in images)
        names = []
        for verso, recto in spreads(len(images)):
            sheet = Image.new("RGB", (2 * w + GUTTER, h), (128, 128, 128))
            for number, x in ((verso, 0), (recto, w + GUTTER)):
                if number:
                    sheet.paste(images[number - 1], (x, 0))
            name = f"spread-{verso or 0:03d}-{recto or 0:03d}.png"
            sheet.save(out / name, dpi=(PAGE_DPI, PAGE_DPI))
            names.append(name)
        for image in images:
            image.close()
    rows = "".join(f'<figure><img src="{n}" alt="PDF pages {html.escape(n[7:-4].replace("-", " and "))}">'
                   f"<figcaption>{html.escape(_pair(n))}</figcaption></figure>" for n in names)
    (out / "index.html").write_text(
        "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Every page</title><style>"
        "body{font:14px sans-serif;margin:2rem;background:#eee}figure{margin:0 0 2rem}img{display:block}"
        f"</style><h1>Every page at {PAGE_DPI} dpi, as spreads ({len(names)})</h1>{rows}</html>\n",
        encoding="utf-8")
    return names


def _pair(name: str) -> str:
    verso, recto = (int(x) for x in name[7:-4].split("-"))
    return " · ".join(f"PDF page {n}" for n in (verso, recto) if n)


def index(shots: list[Shot]) -> str:
    rows = []
    for s in shots:
        head = f"{html.escape(s.label or 'Added figure')} · p. {s.page or '?'}"
        note = f'<p class="note">{html.escape(s.note)}</p>' if s.note else ""
        img = f'<img src="{s.png}" alt="{html.escape(s.title)}">' if s.png else ""
        rows.append(f"<section><h2>{head}</h2><p>{html.escape(s.title)}</p>{note}{img}</section>")
    return ("<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Contact sheet</title><style>"
            "body{font:14px sans-serif;margin:2rem}section{margin:0 0 3rem}h2{font-size:1rem;margin:0}"
            ".note{color:#a00;font-weight:600}img{border:1px solid #ccc;max-width:100%}</style>"
            f"<h1>Every figure at print size ({DPI} dpi)</h1><p><a href=pages/index.html>Every page, as "
            f"spreads</a></p>{''.join(rows)}</html>\n")


def main(argv: list[str]) -> int:
    build = ROOT / "build" / "2018"
    pdf_path = Path(argv[0]) if argv else next(iter(sorted(build.glob("*.pdf"))), build / "missing.pdf")
    labels_path = Path(argv[1]) if len(argv) > 1 else pdf_path.parent / "labels.json"
    out = Path(argv[2]) if len(argv) > 2 else ROOT / "build" / "contact-sheet"
    for path, what in ((pdf_path, "the built PDF (make pdf)"), (labels_path, "the label index")):
        if not path.is_file():
            print(f"error: {path}: expected {what}, found no file", file=sys.stderr)
            return 1
    labels = json.loads(labels_path.read_text(encoding="utf-8"))["labels"]
    shots = locate(pdf_path, labels)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:     # never half a sheet over the last one
        render(pdf_path, shots, Path(tmp))
        (Path(tmp) / "index.html").write_text(index(shots), encoding="utf-8")
        (Path(tmp) / "pages").mkdir()
        pages = pages_sheet(pdf_path, Path(tmp) / "pages")
        if out.exists():
            shutil.rmtree(out)
        Path(tmp).rename(out)
        Path(tmp).mkdir()                                         # for the context manager to remove
    for s in shots:
        if s.note:
            print(f"{s.label or s.key}: {s.note}")
    print(f"{sum(1 for s in shots if s.png)} figures: {out / 'index.html'}; "
          f"{len(pages)} spreads of every page: {out / 'pages' / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
