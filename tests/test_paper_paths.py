"""Every path a paper's configuration names (its folders for schemas, figures, templates, its words and
stylesheet, the edition file itself) stays inside the paper's folder, links followed (dpaper.paths)."""
from __future__ import annotations

import os

import pytest

from dpaper.config import Edition, load_config


def paper(tmp_path, **paths) -> Edition:
    for d in ("data/raw", "content", "data/images", "schemas/datasets"):
        (tmp_path / d).mkdir(parents=True, exist_ok=True)
    for f in ("content/references.yaml", "content/notes.yaml", "content/one.md"):
        (tmp_path / f).write_text("[]\n" if f.endswith(".yaml") else "---\ntitle: One\n---\n", encoding="utf-8")
    base = {"raw": "data/raw", "manuscript": "content", "bibliography": "content/references.yaml",
            "notes": "content/notes.yaml", "images": "data/images", "output": "build/x"}
    return Edition({"edition": {"slug": "x"}, "paths": base | paths, "contents": {"chapters": ["one"]}})


@pytest.mark.parametrize("key, value, why", [
    ("templates", "../elsewhere", "a path that leads outside the project"),
    ("words", "/etc/passwd", "an absolute path"),
    ("stylesheet", "../style.css", "a path that leads outside the project"),
    ("schemas", "/srv/schemas", "an absolute path"),
    ("figures", "../figures", "a path that leads outside the project")])
def test_the_papers_own_paths_stay_inside_it(tmp_path, monkeypatch, key, value, why):
    monkeypatch.chdir(tmp_path)
    assert paper(tmp_path, **{key: value}).problems() == [
        f"config.yaml: paths.{key}: expected a path inside the project, found {why}: {value!r}"]


def test_a_template_linked_out_of_the_paper_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates").mkdir()
    os.symlink("/etc/hostname", tmp_path / "templates/print.css")
    assert paper(tmp_path).problems() == [
        "templates/print.css: expected a file inside the project, found a path that leads outside the project "
        "(through a link)"]


def test_the_edition_file_is_read_by_dpaper_from_inside_the_paper(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config({"edition_file": "../other.yaml"})[1] == [
        "--config edition_file: expected a file inside the project, found a path that leads outside the "
        "project: '../other.yaml'"]
    assert load_config({"edition_file": "missing.yaml"})[1] == [
        "missing.yaml: expected the edition's configuration, found none"]
    (tmp_path / "next.yaml").write_text("edition: {id: next}\ndraft: true\n", encoding="utf-8")
    config = {"edition_file": "next.yaml", "draft": False}
    assert load_config(config) == ("next.yaml", [])
    assert config == {"edition": {"id": "next"}, "draft": False}      # the other --config values win
