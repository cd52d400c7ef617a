"""The list of abbreviations is what the paper uses: every abbreviation it prints is used in the text, and every
abbreviation the text (or a figure) uses is in the list. Checked on the built book."""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

# Words the text writes in capitals that are not abbreviations: names as their owners write them (companies,
# places, a royal order, a product), chemical formulas, a Roman numeral, and spellings a note quotes.
NOT_ABBREVIATIONS = {
    "AMITA", "TOTO", "UFJ", "EX", "KK",                            # companies' own names
    "KALIBUR", "KAPASARI", "MAYA", "SAMPANG", "SUKHARJO", "JEPUR",  # places in Surabaya, as the source prints them
    "SAHAMETREI",                                                  # the Royal Order of Sahametrei, as printed
    "MOSNON",                                                      # a product's name
    "CO", "CO2", "NO", "SO",                                       # formulas (CO₂, NOx, SOx)
    "II",                                                          # a project's number
    "NTT",                                                         # NTT Data Institute of Management Consulting
    "GGS", "GSS",                                                  # misprints of GGP that a table note quotes
}
CAPS = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*(?:-(?:to-)?[A-Z0-9]+)*)s?(?![\w-])")


class _Prose(HTMLParser):
    """The text of a part, without footnotes (cited titles, notes quoting a misprint), scripts and styles."""
    VOID = {"br", "img", "hr", "wbr", "meta", "link", "input", "col", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.skip.append(tag in ("script", "style") or bool({"footnote", "editor-note"} & set(classes))
                         or bool(self.skip and self.skip[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.skip:
            self.skip.pop()

    def handle_data(self, data):
        if not (self.skip and self.skip[-1]):
            self.out.append(data)


def _text(part: str, notes: bool = False) -> str:
    parser = _Prose()
    if notes:
        parser.handle_starttag = lambda tag, attrs: None if tag in _Prose.VOID else parser.skip.append(
            tag in ("script", "style") or bool(parser.skip and parser.skip[-1]))
    parser.feed(part)
    return " ".join(parser.out)


def _paper(built, notes: bool = False) -> tuple[list[str], str]:
    """The abbreviations the list prints, and the text of the paper's chapters and case studies (their
    footnotes too if `notes`) with the words the figures print (their data tables and alt text)."""
    book = built.path("book.html").read_text(encoding="utf-8")
    listing = re.search(r'<dl class="abbreviations">.*?</dl>', book, re.S).group(0)
    listed = [html.unescape(a).strip() for a in re.findall(r"<dt>([^<]*)", listing)]
    units = re.findall(r'<section class="chapter kind-(?:chapter|case-study)".*?(?=<section class="chapter|'
                       r'<section class="colophon")', book, re.S)
    figures = [json.loads(p.read_text(encoding="utf-8")).get("alt", "") for p in built.path("figures").glob("*.json")]
    figures += [p.read_text(encoding="utf-8") for p in built.path("figures").glob("*.csv")]
    return listed, "\n".join([_text(u, notes) for u in units] + figures)


def _uses(text: str, abbreviation: str) -> bool:
    word = abbreviation.split(" ")[0]          # "CCET IGES-UNEP": the text writes CCET
    return re.search(rf"(?<![\w-]){re.escape(word)}s?(?![\w-])", text) is not None


def test_every_listed_abbreviation_is_used(built):
    listed, text = _paper(built, notes=True)
    assert len(listed) > 60
    assert [a for a in listed if not _uses(text, a)] == []


def test_every_abbreviation_used_is_listed(built):
    """In the running text and the figures; cited titles in the footnotes keep their own abbreviations."""
    listed, text = _paper(built)
    words = {w for a in listed for w in re.split(r"[ /]", a)}
    known = words | {w[:-1] for w in words if w.endswith("s")} | NOT_ABBREVIATIONS     # SDGs: an SDG
    used = {re.sub(r"\d+$", "", m) for token in CAPS.findall(text) for m in token.split("/")}
    assert sorted(u for u in used if len(u) > 1 and u not in known) == []


def test_the_list_names_each_body_once(built):
    listed, _ = _paper(built)
    book = built.path("book.html").read_text(encoding="utf-8")
    listing = re.search(r'<dl class="abbreviations">.*?</dl>', book, re.S).group(0)
    expansions = [re.sub(r"\s+", " ", _text(d)).strip() for d in re.findall(r"<dd>(.*?)</dd>", listing, re.S)]
    named = [e for e in expansions if not e.startswith("(not spelled out")]
    assert len(named) == len(set(named)), "two abbreviations with the same expansion"
    assert "BOP" not in listed and "MOE" not in listed and "ESCAP" not in listed
