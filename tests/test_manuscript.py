"""The manuscript against the standard (../shared/manuscript-standard.md is the editors' version of it).

- Every number comes from the data: outside its Jinja calls, a manuscript file holds no digits but those
  listed, with their reasons, in tests/manuscript-digits.yaml (official titles and names).
- Each unit that is written has a manifest in tests/manifests/<file>.yaml, derived from the inventory of
  the 2018 edition: its headings in order, its tables, figures and footnote count, and a few key facts;
  the built paper must match it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content/2018"
MANIFESTS = sorted((ROOT / "tests/manifests").glob("*.yaml"))
ALLOWED = yaml.safe_load((ROOT / "tests/manuscript-digits.yaml").read_text(encoding="utf-8")) or {}
CODE = re.compile(r"\A---\n.*?\n---\n|\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}|\{#sec-[^}]*\}|<[^>]+>", re.S)


def prose(path: Path) -> str:
    """A manuscript file without its front matter, Jinja, labels and tags (kept line for line)."""
    return CODE.sub(lambda m: "\n" * m.group().count("\n"), path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(CONTENT.glob("*.md")), ids=lambda p: p.stem)
def test_numbers_come_from_the_data(path):
    text = prose(path)
    for allowed in ALLOWED.get(path.stem, []):
        assert allowed["text"] in text, f"{path.stem}: allow-list entry {allowed['text']!r} no longer used"
        text = text.replace(allowed["text"], "")
    for allowed in ALLOWED.get("*", []):
        text = text.replace(allowed["text"], "")
    typed = [(n, m.group()) for n, line in enumerate(text.split("\n"), start=1)
             for m in re.finditer(r"\S*\d\S*", line)]
    assert not typed, f"{path.stem}: digits typed in the prose (line, text): {typed}"


def test_the_allow_list_names_written_files():
    assert set(ALLOWED) - {"*"} <= {p.stem for p in CONTENT.glob("*.md")}
    assert all(entry.get("reason") for entries in ALLOWED.values() for entry in entries)


NOT_PROSE = ("#", "{#", "{%", "{{ figure(", "{{ table(", "<", "---")


@pytest.mark.parametrize("path", sorted(CONTENT.glob("*.md")), ids=lambda p: p.stem)
def test_a_tag_that_trims_whitespace_never_joins_two_paragraphs(path):
    """`{%-` strips the blank line before it: after a paragraph, with prose right after the tags, Markdown
    then prints two paragraphs of the 2018 edition as one (it did four times in Case Study 1)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    joined = []
    for i in range(2, len(lines)):
        if not (lines[i].startswith("{%-") and not lines[i - 1].strip() and lines[i - 2].strip()
                and not lines[i - 2].lstrip().startswith(NOT_PROSE)):
            continue
        j = i
        while j < len(lines) and lines[j].startswith("{%") and lines[j].rstrip().endswith("%}"):
            j += 1
        if j < len(lines) and lines[j].strip() and not lines[j].startswith(NOT_PROSE):
            joined.append(i + 1)
    assert joined == [], f"{path.stem}: lines {joined} open with {{%- after a paragraph and join it to the next"


@pytest.fixture(scope="module")
def index(built):
    import json
    return json.loads(built.path("labels.json").read_text(encoding="utf-8"))


def norm(text: str) -> str:
    text = re.sub(r"[\u2010\u00ad-]\n", "", text)
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.stem)
def test_a_written_unit_is_complete(manifest, built, index):
    m = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    unit = next(c for c in index["chapters"] if c["id"] == manifest.stem)
    assert [s["title"] for s in unit["sections"]] == m["headings"]
    mine = {k: v["text"] for k, v in index["labels"].items() if v["chapter"] == manifest.stem}
    assert sorted(t for k, t in mine.items() if k.startswith("tab:")) == sorted(m["tables"])
    assert sorted(t for k, t in mine.items() if k.startswith("fig:") and "added" not in t) == sorted(m["figures"])
    part = built.path(f"parts/{manifest.stem}.html").read_text(encoding="utf-8")
    assert part.count('class="footnote"') == m["footnotes"]
    text = norm(built.text)
    for fact in m.get("facts", []):
        assert fact in text, fact


def test_every_written_unit_has_a_manifest():
    """A unit that is not a placeholder, and is a chapter or case study with sections, has its manifest."""
    written = {p.stem for p in CONTENT.glob("*.md") if "being rebuilt from its sources" not in p.read_text()}
    with_sections = {s for s in written if re.search(r"^## ", (CONTENT / f"{s}.md").read_text(), re.M)}
    assert with_sections <= {m.stem for m in MANIFESTS}


@pytest.mark.parametrize("path", sorted(CONTENT.glob("*.md")), ids=lambda p: p.stem)
def test_a_paragraph_typed_as_html_stands_alone(path):
    """A <p> (an editor's note) typed inside a paragraph nests one <p> in another, which HTML forbids (a stray
    </p> in both editions); one that runs on into the next line takes that line into its raw HTML."""
    lines = path.read_text(encoding="utf-8").split("\n")
    problems = [f"{path.name}, line {n}: expected <p> at the start of a paragraph of its own, found it after text"
                for n, line in enumerate(lines, 1) if re.search(r"[^\s>]\s*<p[\s>]", line)]
    opened = False
    for n, line in enumerate(lines, 1):
        opened = opened or line.startswith("<p")
        if opened and "</p>" in line:
            opened = False
            if n < len(lines) and lines[n].strip():
                problems.append(f"{path.name}, line {n + 1}: expected a blank line after the </p> of line {n}, "
                                f"found text")
    assert not problems, "\n".join(problems)
