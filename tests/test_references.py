"""Every reference as a careful bibliographer writes it: formatted in the edition's CSL style, each entry is
checked for repeated tokens, empty fields, "n.d." where the data have a date, stray punctuation, and dates
as precise as the 2018 edition gives them (month, day, accessed date)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from dpaper.render.citations import MONTHS, Bibliography

ROOT = Path(__file__).resolve().parents[1]
STYLE = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))["edition"]["citation_style"]
BIB = Bibliography(ROOT / "content/2018/references.yaml", STYLE)
# the same token twice running ("Edition Edition", "1993. 1993.", "2014. 2014"), unless a range ends with it
# (1992–2013. 2013.); a name may end the author and open the title (City of Kitakyushu. Kitakyushu …)
REPEATED = re.compile(r"(?<![–-])\b(\d+|[a-z]\w*|Edition)\.? \1\b(?![\w'’])")
# doubled or misplaced punctuation: "..", ",,", " .", "()", ",." and a full stop before a comma after a word
STRAY = re.compile(r"\.\.|,,|\s[.,;:]|\(\s*\)|,\.|[a-z]{4,}\.,|^[.,;: ]")


def _plain(key: str) -> str:
    """The entry as a reader reads it, its URL set aside (a URL is checked as an address, not as prose)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", str(BIB.format(key))))
    url = BIB.items[key].get("URL")
    return text.replace(url, "URL") if url else text


def _parts(item: dict, name: str) -> list:
    return ((item.get(name) or {}).get("date-parts") or [[None]])[0]


@pytest.mark.parametrize("key", sorted(BIB.items))
def test_a_reference_reads_as_a_bibliographer_writes_it(key):
    item, text = BIB.items[key], _plain(key)
    problems = []
    if m := REPEATED.search(text):
        problems.append(f"repeated token {m.group(0)!r}")
    if m := STRAY.search(text):
        problems.append(f"stray punctuation {m.group(0)!r}")
    if "Edition" in text and "edition" not in item:
        problems.append("an edition the data do not give")
    issued, accessed = _parts(item, "issued"), _parts(item, "accessed")
    if "n.d." in text and (issued[0] or accessed[0]):
        problems.append("n.d. where the data have a date")
    if len(issued) > 1 and issued[1] and MONTHS[issued[1] - 1] not in text:
        problems.append(f"the month of {issued} lost")
    if len(issued) > 2 and issued[2] and not re.search(rf"\b{issued[2]}\b", text):
        problems.append(f"the day of {issued} lost")
    if accessed[0] and "Accessed" not in text:
        problems.append(f"the accessed date {accessed} lost")
    if not text.endswith("."):
        problems.append("no closing full stop")
    assert problems == [], text


def test_no_field_of_the_data_is_empty():
    empty = [f"{key}: {field}" for key, item in BIB.items.items() for field, value in item.items()
             if not field.startswith("x-") and value in ("", [], {}, None)]
    assert empty == []


def test_the_dates_the_2018_edition_gives_print_whole():
    assert "Nairobi, May 25, 2001." in _plain("unhabitat2001")
    assert "Press release. April 23, 2018." in _plain("kitakyushu2018-oecd-sdgs-model-city")
    assert "Accessed April 2, 2018." in _plain("kitakyushu-statistical-yearbook")
    assert _plain("nishinippon2011-water-business").endswith("August 26, 2011. Morning Edition.")
