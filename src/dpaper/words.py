"""The words the engine prints ("Chapter", "Table", "Source:", the citation's form), by language.

The engine has one file per language under `language/` (en, fr, de), as Quarto
has its language files; the edition's language chooses one (`fr-CA` reads
`fr`; a language without a file reads English). A paper overrides any word in
its own file (config `paths.words`), and the edition-relative ones ("added in
this edition") in config `words`. Every word is a plain string; one with
`{fields}` (`added`, `citation`) is filled by the engine.
"""
from __future__ import annotations

from pathlib import Path

from dpaper import ENGINE, yamlfile
from dpaper.errors import BuildError, where

LANGUAGES = ENGINE / "src/dpaper/language"   # the engine's, as the job inputs name them (dpaper.ENGINE)


def language_files(language: str) -> list[Path]:
    """The engine's files that give `language` its words, English first (every word has a default)."""
    names = dict.fromkeys(["en", language.split("-")[0], language])
    return [p for n in names if (p := LANGUAGES / f"{n}.yaml").is_file()]


def words(language: str = "en", paper_file: str | Path | None = None, overrides: dict | None = None,
          config_file: str = "config.yaml") -> dict[str, str]:
    """Every word, in `language`: the engine's, then the paper's file, then the configuration's."""
    out: dict[str, str] = {}
    for f in language_files(language):
        out |= yamlfile.load(f)
    known = sorted(out)
    layers = [(str(paper_file), yamlfile.load(paper_file) if paper_file else None),
              (f"{config_file}: words", overrides)]
    for name, layer in layers:
        if not layer:
            continue
        if not isinstance(layer, dict):
            raise BuildError(f"{where(name)}: expected a mapping of words (table: Tableau), "
                             f"found {type(layer).__name__}")
        bad = [k for k, v in layer.items() if k not in out or not isinstance(v, str)]
        if bad:
            raise BuildError(f"{name}: expected words among {', '.join(known)} (each a text), found {bad[0]!r}")
        out |= layer
    return out


def label(words: dict, kind: str, number: str = "") -> str:
    """'Table 3.2.1', 'Case Study 2': a kind's word (table, figure, box, chapter, case_study) and its number."""
    return f"{words[kind]} {number}".strip()
