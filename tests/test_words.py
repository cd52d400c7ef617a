"""The words the engine prints come from its language files, chosen by the edition's language, and a paper
overrides them (dpaper.words); fact() and event() read the datasets config `roles` names."""
from __future__ import annotations

from pathlib import Path

import pytest

from dpaper.config import Edition, Unit
from dpaper.errors import BuildError
from dpaper.render import labels
from dpaper.words import LANGUAGES, words

ROOT = Path(__file__).resolve().parents[1]


def test_every_language_file_gives_every_word():
    english = set(words("en"))
    for path in sorted(LANGUAGES.glob("*.yaml")):
        assert set(words(path.stem)) == english, path.name
    assert {p.stem for p in LANGUAGES.glob("*.yaml")} >= {"en", "fr", "de"}


def test_the_language_chooses_the_words_and_the_paper_overrides_them(tmp_path):
    assert words("fr")["table"] == "Tableau" and words("fr-CA")["table"] == "Tableau"
    assert words("de")["figure"] == "Abbildung"
    assert words("ja")["table"] == "Table"                       # no file: English
    own = tmp_path / "words.yaml"
    own.write_text("table: Tab.\n", encoding="utf-8")
    chosen = words("fr", own, {"added": "{kind} (nouveau)"})
    assert (chosen["table"], chosen["figure"], chosen["added"]) == ("Tab.", "Figure", "{kind} (nouveau)")
    own.write_text("tabel: Tab.\n", encoding="utf-8")
    with pytest.raises(BuildError, match=rf"^{own}: expected words among .*, found 'tabel'$"):
        words("en", own)


def test_labels_and_running_heads_are_in_the_editions_words(tmp_path):
    path = tmp_path / "ch.md"
    path.write_text('---\ntitle: Eau\nshort: Eau\n---\n{{ table("t") }}\n{{ figure("f") }}\n\n'
                    '{% call box("b", title="B") %}\nx\n{% endcall %}\n', encoding="utf-8")
    index = labels.build([(Unit("ch", "case-study", "3.2"), path)], {"f"}, {"t"}, words("fr"))
    texts = {k: v["text"] for k, v in index["labels"].items()}
    assert texts == {"ch:ch": "Étude de cas 2", "tab:t": "Tableau 3.2.1", "fig:f": "Figure 3.2.1",
                     "box:b": "Encadré 1"}
    assert index["chapters"][0]["short"] == "Étude de cas 2 · Eau"


def test_roles_default_to_the_dataset_of_their_name_and_may_be_none():
    ed = Edition({"roles": {"places": "towns", "events": None}})
    roles = ed.roles({"towns", "key_figures", "events", "publishers"})
    assert roles == {"key_figures": "key_figures", "events": None, "places": "towns", "countries": None,
                     "publishers": "publishers", "abbreviations": None}
    ed = Edition({"roles": {"places": "citys"}, "paths": {}})
    assert ed.role_problems({"towns"}) == [
        "config.yaml: roles.places: expected a dataset of schemas/datasets (towns) or null, found 'citys'"]
