"""No more than two hyphenated lines in a row (the typesetter's ladder rule), which WeasyPrint 70 lacks.

CSS has `hyphenate-limit-lines` for this; WeasyPrint 70 does not implement it.
So the PDF is laid out, every run of three or more consecutive lines of a
paragraph that end in a hyphen WeasyPrint inserted is found, the word broken
at the end of the third (and any later) line is marked never to hyphenate
(`<span class="name">`, as names are), and the book is laid out again, at most
`PASSES` times. A hyphen the text itself has (a compound broken at its
hyphen) is not counted.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

PASSES = 3


def _lines(document):
    """(element, first word, last text) of every line of the laid-out document, in reading order."""
    from weasyprint.formatting_structure import boxes
    for page in document.pages:
        for line in page._page_box.descendants():
            if not isinstance(line, boxes.LineBox):
                continue
            texts = [b.text for b in line.descendants() if isinstance(b, boxes.TextBox) and b.text.strip()]
            if texts:
                yield line.element, texts[0].split()[0], texts[-1]


def stub_words(document) -> list[tuple[object, str]]:
    """(paragraph element, word) for each word hyphenated at a line end whose rest stands alone on the next
    line, before more of the paragraph: WeasyPrint 70 sometimes breaks so ("eco-" / "nomy," / "lies
    where"); the word is kept whole."""
    from weasyprint.formatting_structure import boxes
    lines = []
    for page in document.pages:
        for line in page._page_box.descendants():
            if isinstance(line, boxes.LineBox):
                text = "".join(b.text for b in line.descendants() if isinstance(b, boxes.TextBox)).strip()
                if text:
                    lines.append((line.element, text))
    found = []
    for (a, before), (b, stub), (c, _) in zip(lines, lines[1:], lines[2:]):
        if a is b is c and a is not None and before.endswith("-") and len(stub) < 12 and " " not in stub:
            head, tail = re.findall(r"[^\W\d]+$", before[:-1]), re.match(r"[^\W\d]+", stub)
            if head and tail:
                text = " ".join("".join(a.itertext()).split())
                word = head[0] + tail.group(0)
                if re.search(rf"\b{re.escape(word)}\b", text) and f"{head[0]}-{tail.group(0)}" not in text:
                    found.append((a, word))        # a hyphen WeasyPrint inserted, not the text's own
    return found


def broken_words(document) -> list[tuple[object, str]]:
    """(paragraph element, word) for each word broken by an inserted hyphen at the end of the third or later
    line of a run of hyphenated lines."""
    lines = list(_lines(document))
    found, run = [], 0
    for (element, _, last), nxt in zip(lines, lines[1:] + [(None, "", "")]):
        head = last.rstrip()
        hyphenated = False
        if head.endswith("-") and nxt[0] is element and element is not None:
            a = re.findall(r"\w+$", head[:-1])
            b = re.match(r"\w+", nxt[1])
            if a and b:
                text = " ".join("".join(element.itertext()).split())
                word = a[0] + b.group(0)
                hyphenated = re.search(rf"\b{re.escape(word)}\b", text) is not None \
                    and f"{a[0]}-{b.group(0)}" not in text
                if hyphenated and run >= 2:
                    found.append((element, word))
        run = run + 1 if hyphenated else 0
    return found


SPACE = 0.233          # Source Serif Pro's word space, in em (measured on the PDF: 2.45 pt at 10.5 pt)
LOOSE = 2.5            # a justified line's word space at most this many times the font's own
URL = re.compile(r"\S*(?:/|www\.|@|\.jp|\.org|\.com)\S*")


def loose_names(document, root) -> list:
    """The name spans (`<span class="name">`) that open the line after a justified line whose word spaces
    stretch beyond LOOSE times the font's own, and whose every long word (7 letters or more) the book also
    uses as an ordinary word, in lower case ("Memorandum of Understanding", "Environment"; never a place's or
    a person's name): kept whole, the name left that gap; allowed to hyphenate, it closes it."""
    from weasyprint.formatting_structure import boxes
    ordinary = URL.sub(" ", " ".join("".join(root.itertext()).split()))     # a place in an address is no word
    found, loose = [], None
    for page in document.pages:
        for line in page._page_box.descendants():
            if not isinstance(line, boxes.LineBox):
                continue
            texts = [b for b in line.descendants() if isinstance(b, boxes.TextBox) and b.text.strip()]
            if not texts:
                continue
            first = texts[0].element
            if loose is not None and loose is line.element and first is not None and first.tag == "span" \
                    and "name" in (first.get("class") or "").split() and not first.get("style") \
                    and len("".join(first.itertext()).split()) > 1:    # not a word the ladder rule kept whole
                words = re.findall(r"[^\W\d_]{7,}", "".join(first.itertext()))
                if words and all(re.search(rf"\b{re.escape(w.lower())}\b", ordinary) for w in words):
                    found.append(first)
            space = SPACE * texts[0].style["font_size"]
            stretch = max(getattr(b, "justification_spacing", 0) or 0 for b in texts)
            loose = line.element if space + stretch > LOOSE * space else None
    return found


def protect(element, word: str) -> None:
    """Mark `word` never to hyphenate wherever it stands in the text of `element` (in place)."""
    pattern = re.compile(rf"(?<![\w-])({re.escape(word)})(?![\w-])")

    def spans(text: str) -> tuple[str, list]:
        pieces = pattern.split(text)          # before, word, between, word, ..., after
        out = []
        for k in range(1, len(pieces), 2):
            span = ET.Element("span", {"class": "name"})
            span.text, span.tail = pieces[k], pieces[k + 1]
            out.append(span)
        return pieces[0], out

    skip = {id(n) for top in element.iter() if top.tag in ("svg", "style", "script") for n in top.iter()}
    for node in list(element.iter()):
        if id(node) in skip:
            continue
        if node.text and pattern.search(node.text):
            node.text, new = spans(node.text)
            for i, span in enumerate(new):
                node.insert(i, span)
        for i, child in reversed(list(enumerate(node))):
            if child.tail and pattern.search(child.tail):
                child.tail, new = spans(child.tail)
                for j, span in enumerate(new, 1):
                    node.insert(i + j, span)


def render(html, font_config):
    """`html` (a weasyprint.HTML) laid out with at most two hyphenated lines in a row, after at most PASSES
    layouts; returns the document and how many words were kept whole."""
    kept = 0
    document = html.render(font_config=font_config)
    for _ in range(PASSES - 1):
        found = broken_words(document)
        if not found:
            break
        for element, word in found:
            protect(element, word)
        kept += len(found)
        document = html.render(font_config=font_config)
    return document, kept
