"""How values from the data read in running text: numbers in words, key figures with their units, dates."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup


def traced(text: str, source: str) -> Markup:
    """A value as HTML that says where it comes from (a tooltip in the web edition)."""
    return Markup('<span class="datum" title="{}">{}</span>').format(source, text)

WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def spell(n: int) -> str:
    """Small whole numbers in words, as house style wants them in running text."""
    return WORDS[n] if 0 <= n < len(WORDS) else f"{n:,}"


@dataclass
class Fact:
    key: str
    value: object
    unit: str
    year: int | None
    scope: str
    provenance: str = ""

    def __html__(self) -> str:
        return traced(str(self), f"{self.scope}. Data: key_figures, {self.key}; {self.provenance}")

    def __str__(self) -> str:
        v = self.value
        text = f"{v.normalize():f}" if hasattr(v, "normalize") else str(v)
        if self.unit == "percent":
            return f"{text}%"
        if self.unit == "hours per day":
            return f"{text} hours"
        if self.unit == "km2":
            return f"{text} km²"
        if self.unit == "people" and v >= 1_000_000:
            millions = (v / 1_000_000).normalize()
            return f"{spell(int(millions)) if millions == int(millions) else f'{millions:f}'} million"
        if self.unit in ("people", "count"):
            return f"{v:,}"
        return f"{text} {self.unit}"


MONTHS = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def say_date(iso: str | None) -> str:
    """'1997-07' -> 'July 1997'; '2015-12-16' -> '16 December 2015'; '1999' -> '1999'."""
    if not iso:
        return "(date unknown)"
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    return (f"{parts[2]} " if len(parts) == 3 else "") + f"{MONTHS[parts[1]]} {parts[0]}"


@dataclass
class Event:
    """A dated event of the events dataset, as the manuscript quotes it."""
    id: str
    row: dict

    @property
    def date(self) -> str:
        return say_date(self.row["date"])

    @property
    def year(self) -> int | None:
        return self.row["date_year"]

    @property
    def end(self) -> str:
        return say_date(self.row["end"]) if self.row["end"] else ""

    @property
    def period(self) -> str:
        """'2003–2006', or the date alone."""
        end = self.row["end_year"]
        return f"{self.year}\u2013{end}" if end and end != self.year else self.date

    @property
    def label(self) -> str:
        return self.row["label"]

    def __html__(self) -> str:
        return traced(self.date, f"{self.label}. Data: events, {self.id}; {self.row.get('provenance', '')}")

    def __str__(self) -> str:
        return self.date
