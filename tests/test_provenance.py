"""Which build of which data an edition is (dpaper.provenance): in the PDF's metadata and on the data page."""
from __future__ import annotations

import hashlib
import json
import subprocess

import pikepdf

from dpaper.provenance import build_facts, data_digest, in_words, source_state, source_words


def test_the_source_is_the_commit_and_says_when_the_tree_has_uncommitted_changes(tmp_path):
    assert source_state(tmp_path) == {"commit": None, "dirty": False}
    assert source_words({"commit": None}) == "a copy without git history"

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=tmp_path,
                       check=True, capture_output=True)
    git("init", "-q")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    git("add", "a.txt")
    git("commit", "-qm", "a")
    clean = source_state(tmp_path)
    assert len(clean["commit"]) == 40 and not clean["dirty"]
    assert source_words(clean) == f"commit {clean['commit'][:12]}"
    (tmp_path / "a.txt").write_text("b", encoding="utf-8")
    dirty = source_state(tmp_path)
    assert dirty == {"commit": clean["commit"], "dirty": True}
    assert source_words(dirty).endswith(" with uncommitted changes")


def test_the_data_hash_follows_every_byte_and_name(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("x\n1\n", encoding="utf-8")
    b.write_text("y\n2\n", encoding="utf-8")
    first = data_digest([b, a])
    assert first == data_digest([a, b])                     # order given does not matter
    b.write_text("y\n3\n", encoding="utf-8")
    assert data_digest([a, b]) != first
    facts = build_facts({"commit": "0" * 40, "dirty": False}, [a, b], a)
    assert facts["datasets_sha256"]["a"] == hashlib.sha256(a.read_bytes()).hexdigest()
    assert in_words(facts).startswith(f"Source: commit {'0' * 12}; data SHA-256 {facts['data_sha256'][:12]};")


def test_the_pdf_and_the_data_page_name_the_build(fixture):
    summary = json.loads(fixture.path("validation.json").read_text(encoding="utf-8"))["build"]
    data = sorted(fixture.path("data").glob("*.csv"))
    assert summary["data_sha256"] == data_digest(data)
    assert summary["lock_sha256"] == hashlib.sha256((fixture.dir / "uv.lock").read_bytes()).hexdigest()
    with pikepdf.open(fixture.pdf) as pdf:
        subject = str(pdf.docinfo["/Subject"])
    assert in_words(summary) in subject and "a copy without git history" in subject   # the tests' copy has none
    page = fixture.path("web/data.html").read_text(encoding="utf-8")
    assert 'id="this-build"' in page and summary["data_sha256"] in page and summary["lock_sha256"] in page
    assert f"SHA-256 <code>{summary['datasets_sha256']['key_figures'][:12]}</code>" in page
