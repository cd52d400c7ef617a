"""The edition being built: its metadata and where its inputs and outputs live.

config.yaml is validated against schemas/config.schema.yaml by the Snakefile
(Snakemake's `validate`), which also fills defaults; this module only derives
paths from it, so every rule and script agrees on one layout.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Edition:
    config: dict

    @property
    def meta(self) -> dict:
        return self.config["edition"]

    @property
    def id(self) -> str:
        return str(self.meta["id"])

    # inputs
    @property
    def raw(self) -> Path:
        return Path(self.config["paths"]["raw"])

    @property
    def manuscript(self) -> Path:
        return Path(self.config["paths"]["manuscript"])

    @property
    def images(self) -> Path:
        return Path(self.config["paths"]["images"])

    @property
    def bibliography(self) -> Path:
        return Path(self.config["paths"]["bibliography"])

    @property
    def notes(self) -> Path:
        return Path(self.config["paths"]["notes"])

    @property
    def chapters(self) -> list[str]:
        return list(self.config["chapters"])

    def chapter_source(self, chapter: str) -> Path:
        return self.manuscript / f"{chapter}.md"

    def missing_sources(self, config_file: str = "config.yaml") -> list[str]:
        """One line per chapter file or input directory the configuration names but the project lacks."""
        out = [f"{config_file}: chapters: expected {self.chapter_source(c)}, found none"
               for c in self.chapters if not self.chapter_source(c).is_file()]
        for key in ("raw", "manuscript", "images"):
            path = Path(self.config["paths"][key])
            if not path.is_dir():
                out.append(f"{config_file}: paths.{key}: expected the directory {path}, found none")
        for key in ("bibliography", "notes"):
            path = Path(self.config["paths"][key])
            if not path.is_file():
                out.append(f"{config_file}: paths.{key}: expected the file {path}, found none")
        return out

    # outputs: one self-contained tree per edition
    @property
    def out(self) -> Path:
        return Path(self.config["paths"]["output"])

    def clean(self, dataset: str) -> Path:
        return self.out / "data" / f"{dataset}.csv"

    def figure(self, fig_id: str, ext: str = "svg") -> Path:
        return self.out / "figures" / f"{fig_id}.{ext}"

    @property
    def labels(self) -> Path:
        return self.out / "labels.json"

    def part(self, chapter: str) -> Path:
        return self.out / "parts" / f"{chapter}.html"

    def web(self, chapter: str) -> Path:
        return self.out / "web" / f"{chapter}.html"

    @property
    def book(self) -> Path:
        return self.out / "book.html"

    @property
    def pdf(self) -> Path:
        return self.out / f"{self.meta['slug']}.pdf"

    @property
    def assets(self) -> Path:
        return self.out / "assets"

    def log(self, name: str) -> Path:
        return self.out / "logs" / f"{name}.log"
