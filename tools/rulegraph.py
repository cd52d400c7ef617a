#!/usr/bin/env python3
"""Refresh the rule graph in docs/workflow.md from `snakemake --rulegraph mermaid-js all changes` (the
changes report is built only when the config names a previous edition: it is asked for by name here)."""
import os
import re
import subprocess
import sys
from pathlib import Path

root = Path(__file__).resolve().parents[1]
# two targets: their order (so the graph's node numbers) follows Python's string hashing; fixed here
out = subprocess.run([str(Path(sys.executable).parent / "snakemake"), "--rulegraph", "mermaid-js", "all", "changes"],
                     cwd=root, capture_output=True, text=True, check=True,
                     env={**os.environ, "PYTHONHASHSEED": "0"}).stdout
body = "\n".join(line for line in out.splitlines() if re.match(r"\s*(flowchart|id\d+(\[| -->))", line))
readme = root / "docs/workflow.md"
text = re.sub(r"```mermaid\n.*?```", lambda _: f"```mermaid\n{body}\n```", readme.read_text(), count=1, flags=re.S)
readme.write_text(text)
