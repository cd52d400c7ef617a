"""Datasets as the manuscript reads them: `data.<name>` is a thin accessor over a DataFrame.

In Jinja a row is a plain dict (its fields read as attributes, `row.city`),
with plain values: str, int, bool, Decimal, list, or None where missing.

| in the manuscript | gives |
|---|---|
| `data.x.one(city="Porto", year=2015)` | the one row that matches (None matches a missing value) |
| `data.x.where(year=2015)` | the list of rows that match |
| `data.x.column("city")` | the column's values, in row order |
| `data.x.rows`, `for r in data.x`, `data.x \\| length` | every row, in the dataset's order |

Naming a column the dataset lacks, or asking `one()` for a row that is not
there exactly once, is a BuildError of one line.
"""
from __future__ import annotations

import pandas as pd

from dpaper.data.load import records
from dpaper.errors import BuildError


class DatasetAccess:
    """The rows of one cleaned dataset, with the few look-ups the manuscript uses."""

    def __init__(self, name: str, frame: pd.DataFrame):
        self.name, self.frame = name, frame
        self._rows: list[dict] | None = None

    @property
    def rows(self) -> list[dict]:
        if self._rows is None:
            self._rows = records(self.frame)
        return self._rows

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.frame)

    def _check(self, names) -> None:
        for name in names:
            if name not in self.frame.columns:
                raise BuildError(f"dataset {self.name}: expected a column of {self.name} "
                                 f"({', '.join(map(str, self.frame.columns))}), found {name!r}")

    def column(self, name: str) -> list:
        self._check([name])
        return [r[name] for r in self.rows]

    def where(self, **match) -> list[dict]:
        self._check(match)
        return [r for r in self.rows if all(r[k] == v for k, v in match.items())]

    def one(self, **match) -> dict:
        rows = self.where(**match)
        if len(rows) != 1:
            raise BuildError(f"dataset {self.name}: expected one row with {match}, found {len(rows)}")
        return rows[0]


def access(datasets: dict[str, pd.DataFrame], name: str) -> DatasetAccess | None:
    """The accessor of dataset `name`, or None if the chapter has no such dataset."""
    return DatasetAccess(name, datasets[name]) if name in datasets else None
