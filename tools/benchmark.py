#!/usr/bin/env python3
"""Time the build the way editors use it, against the true floor of its slowest parts.

    make bench            (or: .venv/bin/python tools/benchmark.py [--runs N] [--profile FILE])

In a fresh copy of the project (a temporary directory), times:
  cold        `snakemake -c all` from nothing
  no-op       the same again, nothing to do
  table edit  after changing one value of one raw table (nrw_cambodia)
  text edit   after changing one sentence of one chapter (Case Study 1, Phnom Penh)
and the floor, on the book HTML that build made, each in a fresh process:
  layout      one WeasyPrint layout of the book HTML
  write       a plain write of that layout (no tags, no post-processing)
  figures     every declared figure drawn in one process
and, for where the time goes:
  pdf step    the PDF job's own work (dpaper.pdf.write_pdf: its layouts, tagging, pikepdf)
  start-up    `snakemake -n` on the built tree (the workflow's load and the DAG)
  per job     what one more `script:` job costs Snakemake (a trivial job, in a workflow of its own)
Prints the medians, the ratios of the goals (docs/performance.md) and the peak memory (the largest
process of the cold build). Each line gives the wall time and the CPU time (user + system, children
included): on a shared machine the wall time is inflated by the others' load, the CPU time much less.
Not a test: numbers vary by 10-35 % on a shared 2-core VM (see docs/performance.md).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RAW = "data/raw/nrw_cambodia.csv"
CHAPTER = "content/2018/phnom-penh.md"
OUT = "build/2018"

# Runs a command and prints, as JSON, its wall time and its children's CPU time and peak memory.
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(json.dumps({"wall": wall, "cpu": u.ru_utime + u.ru_stime,
    "rss_mb": u.ru_maxrss / 1024, "rc": r.returncode, "err": r.stderr[-2000:]}))
"""

LAYOUT = """
import sys, time
from pathlib import Path
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from dpaper.pdf import VIRTUAL_ROOT, _fetcher_class, keep_footnotes_with_calls
keep_footnotes_with_calls()
html_path, out, what = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
html = HTML(string=html_path.read_text(encoding="utf-8"), base_url=VIRTUAL_ROOT + html_path.as_posix(),
            url_fetcher=_fetcher_class()[0](Path(".")))
t = time.perf_counter()
document = html.render(font_config=FontConfiguration())
laid = time.perf_counter() - t
if what == "write":
    document.write_pdf(out)
print(laid, time.perf_counter() - t - laid, len(document.pages))
"""

FIGURES = """
from pathlib import Path
from dpaper import yamlfile
from dpaper.config import Edition
from dpaper.data.load import load
from dpaper.figures import registry
from dpaper.figures.draw import draw_module
ed = Edition(yamlfile.load("config.yaml"))
roles = ed.roles(sorted(p.stem for p in ed.schemas.glob("*.yaml")))
specs = [s for s in registry(ed.declarations, roles).values() if s.drawn]
ds = {d: load(d, f"OUT/data/{d}.csv", str(ed.schema(d))) for s in specs for d in s.datasets}
draw_module(specs, ds, Path("FIGS"), ed.language, roles)
"""

PDF_STEP = """
from dpaper.fonts import FAMILIES
from dpaper.pdf import write_pdf
write_pdf("OUT/book.html", "PDF", families=FAMILIES, say=print)
"""

# N trivial `script:` jobs: (wall with N) - (wall with none), over N, is what one job costs Snakemake
PER_JOB = """
N = int(config["jobs"])
rule all:
    input: [f"out/{i}.txt" for i in range(N)]
rule one:
    output: "out/{i}.txt"
    script: "job.py"
"""


def files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return [p for p in out.splitlines() if (ROOT / p).is_file()]


def measured(cmd: list[str], cwd: Path) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        subprocess.run([sys.executable, "-c", MEASURE, f.name, *cmd], cwd=cwd, check=True)
        m = json.loads(Path(f.name).read_text())
    if m["rc"] != 0:
        sys.exit(f"error: {' '.join(cmd[:3])}... failed in {cwd}:\n{m['err']}")
    return m


def edit_sentence(path: Path, i: int) -> None:
    """Add a word to the first line of plain prose that ends a sentence (one chapter's text changes)."""
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^[A-Za-z][^\n{}|#<]{40,}\.$", text, re.M)
    assert m, f"expected a line of plain prose in {path}, found none"
    path.write_text(text[:m.end() - 1] + f" (bench {i})." + text[m.end():], encoding="utf-8")


def per_job(tmp: Path, n: int = 6) -> float:
    work = tmp / "per-job"
    work.mkdir()
    (work / "Snakefile").write_text(PER_JOB)
    (work / "job.py").write_text("open(snakemake.output[0], 'w').write('x')\n")
    snake = [str(BIN / "snakemake"), "-c1", "--quiet"]
    none = measured([*snake, "--config", "jobs=0"], work)["wall"]
    some = measured([*snake, "--config", f"jobs={n}"], work)["wall"]
    return (some - none) / n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", help="also profile the PDF step once (cProfile) into this file")
    args = ap.parse_args()
    snake = [str(BIN / "snakemake"), "-c", "all", "--quiet", "all"]
    py = [sys.executable, "-c"]
    steps = ("cold", "no-op", "table edit", "text edit", "layout", "layout+write", "figures", "pdf step",
             "start-up")
    results: dict[str, list[dict]] = {k: [] for k in steps}
    per_job_s, peak = [], []

    def note(step: str, m: dict) -> dict:
        results[step].append(m)
        print(f"  {step}: {m['wall']:.2f} s wall, {m['cpu']:.2f} s CPU, {m['rss_mb']:.0f} MB", flush=True)
        return m
    for i in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp) / "paper"
            for rel in files():
                (work / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / rel, work / rel)
            cold = measured(snake, work)
            note("cold", cold)
            peak.append(cold["rss_mb"])
            note("no-op", measured(snake, work))
            note("start-up", measured([str(BIN / "snakemake"), "-n", "--quiet", "all"], work))
            raw = work / RAW
            raw.write_text(raw.read_text().replace("Siem Reap,2015,8%", f"Siem Reap,2015,{7 + i / 10}%"))
            note("table edit", measured(snake, work))
            edit_sentence(work / CHAPTER, i)
            note("text edit", measured(snake, work))
            book = f"{OUT}/book.html"
            note("layout", measured([*py, LAYOUT, book, f"{tmp}/floor.pdf", "layout"], work))
            note("layout+write", measured([*py, LAYOUT, book, f"{tmp}/floor.pdf", "write"], work))
            note("figures", measured([*py, FIGURES.replace("OUT", OUT).replace("FIGS", f"{tmp}/figs")],
                                               work))
            step = PDF_STEP.replace("OUT", OUT).replace("PDF", f"{tmp}/step.pdf")
            note("pdf step", measured([*py, step], work))
            if args.profile and i == 0:
                subprocess.run([*py, f"import cProfile; cProfile.run({step!r}, {str(Path(args.profile).resolve())!r})"],
                               cwd=work, check=True, capture_output=True)
            per_job_s.append(per_job(Path(tmp)))
        print(f"run {i + 1}/{args.runs}: " + ", ".join(f"{k} {v[-1]['wall']:.1f} s" for k, v in results.items()),
              flush=True)
    med = {k: statistics.median(r["wall"] for r in v) for k, v in results.items()}
    cpu = {k: statistics.median(r["cpu"] for r in v) for k, v in results.items()}
    print(f"\nmedian of {args.runs} runs (min-max), wall and CPU:")
    for k, v in results.items():
        walls = [r["wall"] for r in v]
        print(f"  {k:13s} {med[k]:7.2f} s  ({min(walls):.2f}-{max(walls):.2f})   CPU {cpu[k]:7.2f} s")
    print(f"  {'per job':13s} {statistics.median(per_job_s):7.2f} s  (Snakemake's cost of one more script: job)")
    one = med["layout+write"]                 # one layout and a plain write of the final HTML
    floor = one + med["figures"]
    print("\nratios (wall; goals in docs/performance.md):")
    print(f"  cold build / floor (layout + write + figures)  {med['cold'] / floor:5.2f}x   goal <= 1.6")
    print(f"  table edit / (layout + write)                  {med['table edit'] / one:5.2f}x   goal <= 1.5")
    print(f"  text edit / (layout + write)                   {med['text edit'] / one:5.2f}x")
    print(f"  pdf step / (layout + write)                    {med['pdf step'] / one:5.2f}x")
    print(f"  no-op run                                      {med['no-op']:5.2f} s    goal <= 1.5 s")
    print(f"  peak memory of the cold build (largest process) {statistics.median(peak):5.0f} MB")


if __name__ == "__main__":
    main()
