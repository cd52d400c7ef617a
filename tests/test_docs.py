"""The README's promises that a machine can check."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
WORKFLOW = (ROOT / "docs/workflow.md").read_text(encoding="utf-8")


def test_quick_start_is_two_commands_build_then_test():
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```[^\n]*\n(.*?)```", section, re.S).group(1)
    assert block.strip().splitlines() == ["make pdf", "make test"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci/run").read_text()


def test_the_readme_is_short_and_every_docs_link_resolves():
    assert len(README.splitlines()) <= 180, "the README is a quick guide; reference goes to docs/"
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(((?:\.\./)?docs/[^)#]*|[\w./-]+\.md)(?:#[^)]*)?\)", text):
            base = ROOT if target.startswith("docs/") else doc.parent
            assert (base / target).exists(), f"{doc.relative_to(ROOT)}: link to {target}, which does not exist"


def test_the_rulegraph_in_the_docs_is_current():
    out = subprocess.run([str(Path(sys.executable).parent / "snakemake"), "--rulegraph", "mermaid-js", "all",
                          "changes"], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONHASHSEED": "0"}).stdout   # as tools/rulegraph.py runs it
    edges = sorted(re.findall(r"^\s*(id\d+ --> id\d+)$", out, re.M))
    nodes = sorted(re.findall(r"^\s*(id\d+\[\w+\])$", out, re.M))
    doc = WORKFLOW.split("```mermaid", 1)[1].split("```", 1)[0]
    assert sorted(re.findall(r"^\s*(id\d+ --> id\d+)$", doc, re.M)) == edges
    assert sorted(re.findall(r"^\s*(id\d+\[\w+\])$", doc, re.M)) == nodes


def test_no_machine_paths_in_project_files():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    for rel in tracked:
        if rel in ("uv.lock", "tests/test_docs.py"):
            continue
        text = (ROOT / rel).read_text(encoding="utf-8", errors="ignore")
        assert "/work/" not in text and "/root/" not in text and "/tmp/" not in text, rel


def test_code_passes_the_linter():
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run([str(ruff), "check", "src", "scripts", "tests", "tools", "figures", "tables"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


# First majors whose action.yml runs on Node 24 (Node 20 is deprecated on GitHub's runners).
NODE24_MAJORS = {"actions/checkout": 5, "actions/setup-python": 6, "actions/upload-artifact": 6}


def test_the_ci_workflow_uses_current_actions_and_the_readme_commands():
    import yaml
    wf = yaml.safe_load((ROOT / ".github/workflows/build.yml").read_text(encoding="utf-8"))
    steps = [s for job in wf["jobs"].values() for s in job["steps"]]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert uses, "the workflow uses no actions?"
    for ref in uses:
        action, _, version = ref.partition("@")
        assert action in NODE24_MAJORS, f"{ref}: add it to NODE24_MAJORS after checking its runtime"
        assert int(version.lstrip("v").split(".")[0]) >= NODE24_MAJORS[action], ref
    runs = [s["run"] for s in steps if "run" in s]
    assert "make test" in runs and "make pdf" in runs
