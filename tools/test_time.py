#!/usr/bin/env python3
"""Time `make test` as it will be when the paper is complete, on a synthetic full-length manuscript.

    make bench-tests      (or: .venv/bin/python tools/test_time.py [--keep DIR])

Copies the project to a temporary directory and fills the units not yet
rebuilt (the placeholder files of the contents) with generated text of the
2018 edition's size: about 38,000 words in all, about 120 footnotes, 57 figures
(SVG charts drawn in the house style) and 15 tables, in sections and
subsections. The real units stay as they are, so every test still applies.
Then runs the test suite there and prints its wall time. Not a test: numbers
vary by 10-35 % on a shared 2-core VM.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORDS = ("city cooperation environment water waste energy policy local government partner programme project "
         "training experts capacity support national agency sustainable development urban planning service "
         "utility investment technology business exchange agreement network results benefits residents "
         "community infrastructure management study survey model pilot phase framework regional international "
         "private sector stakeholders outcome scale practice knowledge lessons").split()
# The 2018 edition (inventory): 57 figures, about 15 tables, about 120 footnotes, about 38,000 words.
TARGET_WORDS, FIGURES, TABLES, NOTES = 38_000, 57, 15, 120


def placeholders(content: Path) -> list[Path]:
    return sorted(p for p in content.glob("*.md") if "being rebuilt from its sources" in p.read_text())


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 26))]
    return " ".join(words).capitalize() + "."


def chart(path: Path, rng: random.Random) -> None:
    from dpaper.figures import style
    with style.figure(height_mm=70) as fig:
        ax = fig.add_axes((0.12, 0.15, 0.84, 0.78))
        xs = list(range(2005, 2018))
        ax.bar(xs, [rng.uniform(5, 60) for _ in xs], color=style.PRIMARY)
        ax.set_ylabel("Share of households (%)")
        style.save_svg(fig, path)


def fill(files: list[Path], images: Path, rng: random.Random, words_each: int) -> None:
    per = {k: -(-n // len(files)) for k, n in (("fig", FIGURES), ("tab", TABLES), ("note", NOTES))}
    fig_no = 0
    for path in files:
        front = re.match(r"\A---\n.*?\n---\n", path.read_text(), re.S).group(0)
        paras, words = [], 0
        while words < words_each:
            text = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
            words += len(text.split())
            paras.append(text)
        body, step = [], max(1, len(paras) // (per["fig"] + per["tab"] + 8))
        notes = iter(range(per["note"]))
        for i, para in enumerate(paras):
            if i % max(1, len(paras) // 8) == 0:
                body.append(f"## {sentence(rng)[:40].rstrip('.')}\n")
            elif i % max(1, len(paras) // 20) == 0:
                body.append(f"### {sentence(rng)[:36].rstrip('.')}\n")
            if next(notes, None) is not None and i % 2 == 0:
                para += ' {{ note("' + sentence(rng) + '") }}'
            body.append(para + "\n")
            if i % step == 0 and fig_no < FIGURES:
                fig_no += 1
                name = f"synthetic-{fig_no:02d}.svg"
                chart(images / name, rng)
                body.append(f'{{{{ figure("{path.stem}-f{i}", caption="{sentence(rng)[:60]}", image="{name}") }}}}\n')
            elif i % step == 1 and per["tab"] > 0:
                rows = "".join(f"<tr><th>{rng.choice(WORDS).title()}</th>" +
                               "".join(f"<td>{rng.randint(1, 999)}</td>" for _ in range(4)) + "</tr>"
                               for _ in range(rng.randint(5, 12)))
                body.append(f"<table><thead><tr><th>Item</th><th>2014</th><th>2015</th><th>2016</th><th>2017</th>"
                            f"</tr></thead><tbody>{rows}</tbody></table>\n")
        path.write_text(front + "\n".join(body), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, help="build the synthetic project here and keep it")
    args = ap.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp())
    work = tmp / "paper"
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.splitlines()
    for rel in listed:
        if (ROOT / rel).is_file():
            (work / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, work / rel)
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)       # the tests list files with git
    content = work / "content/2018"
    files = placeholders(content)
    real = sum(len(p.read_text().split()) for p in content.glob("*.md") if p not in files)
    fill(files, work / "data/images", random.Random(2018), (TARGET_WORDS - real) // max(1, len(files)))
    subprocess.run(["git", "add", "-A"], cwd=work, check=True)
    total = sum(len(p.read_text().split()) for p in content.glob("*.md"))
    print(f"synthetic manuscript: {total:,} words in {len(list(content.glob('*.md')))} files; "
          f"{len(files)} units filled", flush=True)
    started = time.perf_counter()
    result = subprocess.run([str(BIN / "pytest"), "-q", "-p", "no:cacheprovider"], cwd=work,
                            capture_output=True, text=True)
    wall = time.perf_counter() - started
    print(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-2000:])
    print(f"make test on a full-length manuscript: {wall:.0f} s")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
