#!/usr/bin/env python3
"""Time the build the way editors use it, against the floor of its slowest parts.

    make bench            (or: .venv/bin/python tools/benchmark.py [--runs N])

In a fresh copy of the project (a temporary directory), times:
  cold      `snakemake -c all` from nothing
  no-op     the same again, nothing to do
  edit      after changing one value of one raw table (nrw_cambodia)
and the floor:
  layout    WeasyPrint alone on the final book HTML, in a fresh process
  figures   every declared figure drawn in one process
then prints medians and the ratios build / floor. Not a test: numbers vary by
10-35 % on a shared 2-core VM (see docs/performance.md).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RAW = "data/raw/nrw_cambodia.csv"


def files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return [p for p in out.splitlines() if (ROOT / p).is_file()]


def timed(cmd: list[str], cwd: Path) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    runs = ap.parse_args().runs
    snake = [str(BIN / "snakemake"), "-c", "all", "--quiet", "all"]
    results: dict[str, list[float]] = {k: [] for k in ("cold", "no-op", "edit", "layout", "figures")}
    for i in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp) / "paper"
            for rel in files():
                (work / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / rel, work / rel)
            results["cold"].append(timed(snake, work))
            results["no-op"].append(timed(snake, work))
            raw = work / RAW
            raw.write_text(raw.read_text().replace("Siem Reap,2015,8%", f"Siem Reap,2015,{7 + i / 10}%"))
            results["edit"].append(timed(snake, work))
            out = "build/2018"
            results["layout"].append(timed([sys.executable, "-c",
                "from dpaper.pdf import write_pdf; "
                f"write_pdf('{out}/book.html', '{tmp}/floor.pdf', say=lambda *a: None)"],
                work))
            results["figures"].append(timed([sys.executable, "-c",
                "from pathlib import Path; from dpaper.figures import registry; "
                "from dpaper.figures.draw import draw_module; from dpaper.data.load import load; "
                "import yaml; from dpaper.config import Edition; "
                "ed=Edition(yaml.safe_load(open('config.yaml'))); "
                "roles=ed.roles({p.stem for p in Path('schemas/datasets').glob('*.yaml')}); "
                "specs=[s for s in registry('figures', roles).values() if s.drawn]; "
                f"ds={{d: load(d, '{out}/data/'+d+'.csv', 'schemas/datasets/'+d+'.yaml') "
                "for s in specs for d in s.datasets}; "
                f"draw_module(specs, ds, Path('{tmp}/figs'), roles)"], work))
        print(f"run {i + 1}/{runs}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in results.items()), flush=True)
    med = {k: statistics.median(v) for k, v in results.items()}
    floor = med["layout"] + med["figures"]
    print("\nmedian of", runs, "runs (min-max):")
    for k, v in results.items():
        print(f"  {k:8s} {med[k]:6.2f} s  ({min(v):.2f}-{max(v):.2f})")
    print(f"\n  cold build / floor (layout + figures)  {med['cold'] / floor:5.2f}x")
    print(f"  one-table edit / layout alone          {med['edit'] / med['layout']:5.2f}x")
    print(f"  no-op run                              {med['no-op']:5.2f} s")


if __name__ == "__main__":
    main()
