"""Numbers go one way, Babel, in the edition's language: a table cell, the `num`/`pct` filters and a figure's
label write 1234.5 as French and German do, and as English does."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from jinja2 import DictLoader

from dpaper.figures import numbers
from dpaper.figures.kinds import count
from dpaper.render.environment import manuscript
from dpaper.tables import TableSpec, render
from dpaper.tables.declare import Column

SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})   # CLDR's narrow and no-break spaces, as plain ones


def written(text) -> str:
    return str(text).translate(SPACES)


@pytest.mark.parametrize("lang, thousands, percent", [("fr", "1 234,5", "6,2 %"), ("de", "1.234,5", "6,2 %"),
                                                      ("en", "1,234.5", "6.2%")])
def test_a_cell_a_filter_and_a_label_write_numbers_in_the_editions_language(lang, thousands, percent):
    spec = TableSpec("t", columns=(Column("city", "City"), Column("value", "Value", "number", "right"),
                                   Column("rate", "Rate", "percent", "right")))
    html, _ = render(spec, pd.DataFrame({"city": ["Kampot"], "value": [Decimal("1234.5")],
                                         "rate": [Decimal("6.2")]}), lang)
    assert f'<td class="num">{thousands}</td><td class="num">{percent}</td>' in written(html)
    env = manuscript(DictLoader({"ch": "{{ 1234.5 | num }} · {{ 6.2 | pct }}"}), lang)
    assert written(env.get_template("ch").render()) == f"{thousands} · {percent}"
    with numbers.language(lang):
        assert written(numbers.number(Decimal("1234.5"))) == thousands
        assert written(numbers.percent(6.2)) == percent
        assert written(count(1234, "place")).startswith(thousands[:5] + " ")   # 1 234 / 1.234 / 1,234 places
    assert numbers.number(1234) == "1,234"       # outside a drawing job: the default language
