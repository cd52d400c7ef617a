"""Snakemake: the web edition built in web-next/ -> web/, replaced as a whole in one step (rule `publish`).

Every file the rules declared, and Pagefind's index (its hashed fragments are not declared one by one).
"""
from pathlib import Path

from dpaper.config import Edition
from dpaper.errors import run
from dpaper.publish import publish_folder

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    ed = Edition(sm.config)
    staging, published = ed.web_file(""), ed.published
    declared = {Path(p) for name in sm.input.keys() if name != "code" for p in getattr(sm.input, name)}
    pagefind = {p for p in (staging / "pagefind").rglob("*") if p.is_file()}
    manifest = publish_folder(staging, sorted(declared | pagefind), published)
    Path(sm.output[0]).write_text("\n".join(manifest) + "\n", encoding="utf-8")
    print(f"published {published} ({len(manifest)} files)")


run(main, sm.log[0], sm.input)
