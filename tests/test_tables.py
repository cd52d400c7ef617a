"""Table declarations: the paper's tables/ folder, read as figures/ is; a mistake is one line with its file."""
from __future__ import annotations

import pytest

from dpaper.errors import BuildError
from dpaper.tables import registry

HEAD = "from dpaper.tables.declare import Column, lost, table\n"


def test_a_folder_of_declarations_gives_the_tables_by_id_with_their_file(tmp_path):
    (tmp_path / "b.py").write_text(HEAD + 'table("t2", "d", columns=(Column("x", "X"),))\nlost("t3")\n')
    (tmp_path / "a.py").write_text(HEAD + 'table("t1", "d", caption="One", pivot=("r", "c", "v"))\n')
    tables = registry(tmp_path)
    assert list(tables) == ["t1", "t2", "t3"]                  # files in name order, tables in file order
    assert (tables["t1"].module, tables["t1"].caption, tables["t3"].lost) == ("a", "One", True)


def test_a_repeated_id_or_an_unknown_keyword_is_one_line_naming_the_file(tmp_path):
    (tmp_path / "a.py").write_text(HEAD + 'table("t1", "d")\n')
    (tmp_path / "b.py").write_text(HEAD + 'table("t1", "d")\n')
    (tmp_path / "c.py").write_text(HEAD + 'table("t9", "d", colums=())\n')
    with pytest.raises(BuildError) as exc:
        registry(tmp_path)
    assert exc.value.problems[0] == f"{tmp_path / 'b.py'}: expected each table id once, found 't1' again " \
                                    "(first in tables/a.py)"
    assert "c.py" in exc.value.problems[1] and "colums" in exc.value.problems[1]
    assert len(exc.value.problems) == 2


def test_a_table_declared_outside_the_folder_is_refused():
    from dpaper.tables.declare import table
    with pytest.raises(BuildError, match="table 'x': declared outside a file of the tables/ folder"):
        table("x", "d")
