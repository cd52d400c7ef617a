"""A different paper, in French, built by the same engine from its own folder (tests/paper-fr): its own
datasets (none called events or key_figures: config roles names `jalons` as its events), its own words
over the engine's French ones (mots.yaml: "Encart"), its own edition-relative wording (config words) and
citation style (APA); a chapter with a table, a chart, a timeline, a box, footnotes and cross-references."""
from __future__ import annotations

import shutil

from pypdf import PdfReader

from conftest import ROOT, snakemake

PAPER = ROOT / "tests/paper-fr"


def test_a_paper_in_french_builds_from_its_own_folder(tmp_path):
    shutil.copytree(PAPER, tmp_path / "paper", ignore=shutil.ignore_patterns("build", ".snakemake"))
    result = snakemake(tmp_path, "--directory", "paper", "-s", str(ROOT / "Snakefile"))
    assert result.returncode == 0, result.stderr[-3000:]
    pdf = tmp_path / "paper/build/essai/document-d-essai.pdf"
    text = " ".join(" ".join((p.extract_text() or "") for p in PdfReader(pdf).pages).split())
    for words in ("Table des matières", "Chapitre 1 L’eau de la ville", "Tableau 1.1 Débit moyen par année",
                  "Figure 1.1 Débit moyen par année", "Figure 1.2 Les jalons de l’eau", "Source : Relevés d’essai.",
                  "Encart 1 Un encart", "Le Tableau 1.1 donne les débits que trace la Figure 1.1",
                  "Citation suggérée : Essai, C. 2024. Un document d’essai : L’eau dans une ville imaginaire.",
                  "Institut d’essai. (2023). Un rapport d’essai.", "Usine mise en service"):
        assert words in text, words
    assert "Table 1.1" not in text and "Box 1" not in text and "Contents" not in text
    web = (tmp_path / "paper/build/essai/web/eau.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in web and ">Table des matières</a>" in web and "Aller au texte" in web
