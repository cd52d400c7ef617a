"""Numbers and dates in a drawn figure's own words, from the data.

A label of a timeline, map or diagram declaration may name a value instead of
typing it, as the manuscript does with `fact()` and `event()`:

    {fact:dalian_oda_loan_jpy}       the key figure as the text prints it ("JPY 8.5 billion")
    {fact.year:hp_vn_ghg_2030}       the year it refers to ("2030")
    {number:dalian_oda_loan_jpy}     its number alone ("8.5 billion")
    {date:pp-2016-jica-sewerage-adopted}   the event's date ("August 2016")
    {year:…}  {period:…}             its year; its period ("2009–2011", or the date alone)

The datasets a declaration names are added to its figure's inputs when it is
declared (`needs`), so the figure is redrawn when they change; `fill` writes
the values in when the figure is drawn, in the same words as the running text
(dpaper.render.values). An unknown key or event stops the build naming the
figure and what it named.
"""
from __future__ import annotations

import re

from dpaper.errors import BuildError

PLACEHOLDER = re.compile(r"\{(fact\.year|fact|number|date|year|period):([A-Za-z0-9_.\-]+)\}")
ROLE = {"fact": "key_figures", "fact.year": "key_figures", "number": "key_figures",
        "date": "events", "year": "events", "period": "events"}      # the role whose dataset each reads
DEFAULT_ROLES = {"key_figures": "key_figures", "events": "events"}


def _each_string(value, fn):
    """`value` (strings in lists, tuples and mappings) with `fn` applied to every string in it."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, dict):
        return {k: _each_string(v, fn) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_each_string(v, fn) for v in value)
    return value


def needs(declaration: dict, roles: dict | None = None) -> tuple[str, ...]:
    """The datasets the placeholders of `declaration` read, in a stable order (`roles`: config roles)."""
    roles = roles or DEFAULT_ROLES
    kinds: set[str] = set()
    _each_string(declaration, lambda text: kinds.update(m.group(1) for m in PLACEHOLDER.finditer(text)))
    return tuple(sorted({roles[ROLE[k]] for k in kinds if roles.get(ROLE[k])}))


def fill(declaration: dict, data: dict, figure: str, roles: dict | None = None):
    """`declaration` with every placeholder replaced by its value from `data` ({dataset: DataFrame})."""
    roles = roles or DEFAULT_ROLES
    from dpaper.data.load import records
    from dpaper.figures.numbers import current
    from dpaper.render.values import Event, Fact, number_text, unit_of
    lang = current()

    tables: dict[str, dict] = {}

    def row(role: str, column: str, ident: str) -> dict:
        dataset = roles.get(role)
        if dataset is None:
            raise BuildError(f"figure {figure!r}: a label names {ident!r}: expected a dataset playing the role "
                             f"{role} (config roles), found none")
        if dataset not in tables:
            tables[dataset] = {r[column]: r for r in records(data[dataset])} if dataset in data else {}
        if ident not in tables[dataset]:
            raise BuildError(f"figure {figure!r}: a label names {ident!r}: expected "
                             f"{'a key' if role == 'key_figures' else 'an id'} of the dataset {dataset}, "
                             f"found none")
        return tables[dataset][ident]

    def value(m: re.Match) -> str:
        kind, ident = m.groups()
        if ROLE[kind] == "key_figures":
            fact = Fact.from_row(row("key_figures", "key", ident), lang)
            if kind == "fact.year":
                return str(fact.year or "")
            return fact.text if kind == "fact" else number_text(fact.value, unit_of(fact.unit, lang), lang)
        event = Event(ident, row("events", "id", ident), lang)
        return {"date": event.date, "year": str(event.year or ""), "period": event.period}[kind]

    return _each_string(declaration, lambda text: PLACEHOLDER.sub(value, text))
