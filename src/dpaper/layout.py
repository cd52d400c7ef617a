"""The book laid out as a typesetter would: measured passes over WeasyPrint 70's layout.

WeasyPrint 70 has no page floats, no `hyphenate-limit-lines`, and does not
honour `break-before: avoid` on a table row. So the book is laid out, the
pages are measured, the faults found are mended in the document tree (the
same tree WeasyPrint lays out again), and the book is laid out again, at
most `PASSES` times in all; every kind of fault is mended in the same passes.

- Hyphens: no more than two hyphenated lines in a row, and no rest of a hyphenated word alone on a
  line; a name of ordinary words ("Memorandum of Understanding") may hyphenate where, kept whole, it left
  the line before it loose (`dpaper.hyphens`).
- Figures float: a figure (or a table printed whole) that does not fit where
  it is called, and so would leave the foot of a page empty or be cut from
  its caption, moves after the text that follows it, as far as that text
  fills the page it leaves, as a book sets a figure at the top of the next
  page; it never leaves its unit and stays within a page or two of its call.
- No page of running text more than half empty but its unit's last: where a figure that opens the next
  page still leaves one so, it moves on once more, past headings too (the text after it, the next
  section's included, fills the page), as a book lets a figure float to the top of a later page.
- Tables break well: at least two rows either side of a page break, or no
  break (a forced break before an earlier row, or the table moves on); a
  first-column cell that spans the break (rowspan) repeats its label on the
  continued page.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from dpaper import hyphens

PASSES = 4
MIN_ROWS = 2            # rows of a table either side of a page break
HALF = 0.5              # no page of running text more than half empty
GAP = 0.2               # a page foot left empty by more than this share of the text block is a gap to fill
FLOWING = {"p", "ul", "ol", "dl", "blockquote", "aside"}   # what may flow on before a figure
HEADINGS = {"h2", "h3", "h4"}
QUEUE = 2               # figures that may queue, in their order, behind one that floats
SHORT = 0.4             # a unit's text on less than this share of a page does not stand alone
FLOATS = {"chart", "diagram", "map", "photo", "timeline", "table-figure"}


@dataclass
class Page:
    number: int                     # 0-based
    top: float
    limit: float                    # the foot of the text: the footnote area's top, or the text block's foot
    bottom: float = 0.0             # the foot of the last line or block set in the text
    first: object = None            # the element of the first line or block set on the page
    last: object = None             # and of the last

    @property
    def height(self) -> float:
        return self.limit - self.top

    @property
    def gap(self) -> float:
        return self.limit - self.bottom


@dataclass
class Layout:
    """Where each element of the laid-out document lies: its boxes' (page, top, bottom)."""
    pages: list[Page]
    boxes: dict = field(default_factory=lambda: defaultdict(list))

    def pages_of(self, element) -> list[int]:
        return sorted({p for p, _, _ in self.boxes.get(id(element), ())})

    def extent(self, element) -> float:
        """The height an element takes, summed over its pages."""
        by_page: dict[int, list[float]] = defaultdict(list)
        for p, top, bottom in self.boxes.get(id(element), ()):
            by_page[p] += [top, bottom]
        return sum(max(v) - min(v) for v in by_page.values())


def measure(document) -> Layout:
    from weasyprint.formatting_structure import boxes as B
    layout = Layout([])
    for number, page in enumerate(document.pages):
        pb = page._page_box
        top = pb.content_box_y()
        limit = top + pb.height
        for child in pb.children:
            if isinstance(child, B.FootnoteAreaBox) and child.children:
                limit = min(limit, child.position_y)
        info = Page(number, top, limit, top)
        root = pb.children[0]
        for box in root.descendants():
            if not isinstance(box, (B.BlockLevelBox, B.LineBox, B.TableRowBox, B.ReplacedBox, B.InlineBox)):
                continue
            if box.element is None:
                continue
            y0 = box.position_y + box.margin_top if isinstance(box, B.BlockLevelBox) else box.position_y
            y1 = y0 + box.border_height() if isinstance(box, (B.BlockLevelBox, B.ReplacedBox)) else \
                box.position_y + box.margin_height()
            layout.boxes[id(box.element)].append((number, y0, y1))
            if isinstance(box, B.InlineBox):
                continue
            if isinstance(box, (B.LineBox, B.TableRowBox, B.ReplacedBox)) or (
                    isinstance(box, B.BlockBox) and not box.children):
                info.bottom = max(info.bottom, y1)
                info.last = box.element
                if info.first is None:
                    info.first = box.element
        layout.pages.append(info)
    return layout


class Tree:
    """The document tree WeasyPrint lays out, with parents, units and the blocks of the flow."""

    def __init__(self, root):
        self.root = root
        self.refilled: set[int] = set()         # figures moved on to fill a half-empty page: once each
        self.parent = {id(c): p for p in root.iter() for c in p}
        self.unit = {}
        for section in root.iter("section"):
            if "chapter" in section.get("class", "").split():
                for node in section.iter():
                    self.unit[id(node)] = section
        self.moved: set[int] = set()            # figures moved once: never again (they would drift on)
        self.mentions = defaultdict(list)       # an id -> the references to it, in order
        for a in root.iter("a"):
            if a.get("href", "").startswith("#"):
                self.mentions[a.get("href")[1:]].append(a)

    def mention(self, element):
        """The first reference to `element` in its own unit, if any."""
        unit = self.unit.get(id(element))
        return next((a for a in self.mentions.get(element.get("id", ""), ()) if self.unit.get(id(a)) is unit), None)

    def classes(self, element) -> set[str]:
        return set(element.get("class", "").split())

    def move_after(self, element, anchor) -> None:
        """Move `element` to just after `anchor` (a later sibling)."""
        parent = self.parent[id(element)]
        children = list(parent)
        i = children.index(element)
        tail = element.tail
        if i:
            children[i - 1].tail = (children[i - 1].tail or "") + (tail or "")
        else:
            parent.text = (parent.text or "") + (tail or "")
        parent.remove(element)
        j = list(parent).index(anchor)
        element.tail = "\n"
        parent.insert(j + 1, element)

    def set_style(self, element, css: str) -> None:
        style = element.get("style", "")
        if css not in style:
            element.set("style", f"{style}; {css}" if style else css)


def floats(document_layout: Layout, tree: Tree) -> list[list]:
    """Move each figure that a page could not hold (cut from its caption, or pushed on, leaving the page
    before it with an empty foot) after the text that follows it, as much text as fills that foot; the
    figures moved, each queue a list."""
    done, moved = [], set()
    for figure in list(tree.root.iter("figure")):
        kinds = tree.classes(figure)
        if not kinds & FLOATS or id(figure) in moved or id(figure) in tree.moved:
            continue
        pages = document_layout.pages_of(figure)
        if not pages:
            continue
        first = pages[0]
        split = len(pages) > 1
        pushed = (first > 0 and _starts(document_layout, tree, figure, first)
                  and document_layout.pages[first - 1].gap > GAP * document_layout.pages[first - 1].height
                  and tree.unit.get(id(figure)) is tree.unit.get(id(document_layout.pages[first - 1].last)))
        if not (split or pushed):
            continue
        page = first - 1 if pushed else first
        room = (document_layout.pages[page].gap if pushed
                else document_layout.pages[page].limit - min(
                    t for p, t, _ in document_layout.boxes[id(figure)] if p == page))
        queue = _float(document_layout, tree, figure, room, page)
        if queue:
            moved |= {id(f) for f in queue}
            done.append(queue)
        elif split:
            tree.set_style(figure, "break-before: page")
            done.append([figure])
    return done


def _starts(layout: Layout, tree: Tree, element, page: int) -> bool:
    """Whether `element` is the first thing of its unit on `page`, apart from headings just before it."""
    first = layout.pages[page].first
    if first is None:
        return False
    node = first
    while node is not None and node is not element:
        if id(node) not in tree.parent:
            return False
        parent = tree.parent[id(node)]
        if parent is element:
            return True
        node = parent
    if node is element:
        return True
    # headings kept with the figure (break-after: avoid) may stand before it
    siblings = list(tree.parent[id(element)])
    i = siblings.index(element)
    before = []
    for s in reversed(siblings[:i]):
        if s.tag not in HEADINGS:
            break
        before.append(s)
    return any(b is first or _inside(tree, first, b) for b in before)


def _inside(tree: Tree, node, ancestor) -> bool:
    while id(node) in tree.parent:
        node = tree.parent[id(node)]
        if node is ancestor:
            return True
    return False


def _float(layout: Layout, tree: Tree, figure, room: float, page: int | None = None,
           headings: bool = False) -> list:
    """Move `figure` after the flowing blocks that follow it, so that they fill the `room` left at the foot of
    `page` and the figure then fits on the page after (or those blocks fill that page too: the figure goes
    one more page on); figures met on the way queue behind it, in their order. With `headings`, the text
    it passes may run on past a heading into the next section (never ending on one). The figures moved."""
    siblings = list(tree.parent[id(figure)])
    i = siblings.index(figure)
    pages = layout.pages
    nxt = pages[min(page + 1, len(pages) - 1)].height if page is not None else 0.0
    queue, tall = [figure], layout.extent(figure)
    filled, anchor, last = 0.0, None, None
    latest = _latest(layout, tree, figure, page)
    if page is not None and room > HALF * pages[page].height:
        latest = max(latest, page + 2)       # a page more than half empty is the worse fault: it may go on a page
    for s in siblings[i + 1:]:
        if s.tag == "figure" and tree.classes(s) & FLOATS:
            if len(queue) == QUEUE or id(s) in tree.refilled or (id(s) in tree.moved and not headings):
                break
            queue.append(s)
            tall += layout.extent(s)
            more = page + 2 if page is not None and room > HALF * nxt else 0
            latest = min(latest, max(_latest(layout, tree, s, page), more))
            continue
        if s.tag not in FLOWING and not (s.tag == "figure" and "table" in tree.classes(s)):
            break                                  # text, and tables, which break across pages, flow
        if s.tag in HEADINGS:                      # a figure stays in its section, or the text after it
            if not headings:                       # that fills a half-empty page runs on past the heading
                break
            filled += layout.extent(s)
            continue
        filled += layout.extent(s)
        last = s if filled < room else None
        if filled >= room and (page is None or filled - room + tall <= nxt
                               or filled - room >= (1 - GAP) * nxt):
            anchor = s
            break
        if page is not None and page + 1 + (filled - room + tall - layout.extent(queue[-1])) // max(nxt, 1) > latest:
            break                                  # no figure more than a page or two after its mention
    if anchor is None and last is not None and filled >= room / 2 and page is not None \
            and page + 1 <= latest:
        anchor = last            # the text up to the section's end fills half the foot or more: better so
    if anchor is None:
        return []
    for f in reversed(queue):
        tree.move_after(f, anchor)
        tree.moved.add(id(f))
    return queue


def _latest(layout: Layout, tree: Tree, figure, page: int | None) -> int:
    """The last page a figure may land on: the page after its first mention in its unit (or after `page`,
    where the text never mentions it before): the estimate errs by a page at most, and the figure stays
    within a page or two of its mention."""
    mention = tree.mention(figure)
    if mention is not None and layout.pages_of(mention):
        at = layout.pages_of(mention)[0]
        if page is None or at <= page + 1:
            return at + 1
    return (page or 0) + 1


def half_empty(layout: Layout, tree: Tree, moved: set[int] = frozenset()) -> list[list]:
    """A page of running text more than half empty before its unit's last page, because the figure (or table
    printed whole) that opens the next page did not fit below the text: that figure, moved already or not
    (but not in this pass, `moved`: their ids), moves on once more past the text after it, headings
    included, so that the text fills the page; the figures moved, each queue a list."""
    done = []
    for a, b in zip(layout.pages, layout.pages[1:]):
        unit = tree.unit.get(id(a.last))
        if a.gap <= HALF * a.height or unit is None or tree.unit.get(id(b.first)) is not unit:
            continue
        figure = _opening(tree, b.first)
        if figure is None or id(figure) in moved or id(figure) in tree.refilled:
            continue
        queue = _float(layout, tree, figure, a.gap, a.number, headings=True)
        tree.refilled |= {id(f) for f in queue}
        if queue:
            done.append(queue)
    return done


def _opening(tree: Tree, first):
    """The floating figure a page opens with (`first`, the element of its first line or block, lies in it,
    or in headings kept with it just before it), if it does."""
    node = first
    while node is not None and not (node.tag == "figure" and tree.classes(node) & FLOATS):
        node = tree.parent.get(id(node))
    if node is not None:
        return node
    node = first
    while node is not None and node.tag not in HEADINGS:
        node = tree.parent.get(id(node))
    while node is not None and node.tag in HEADINGS:
        node = _next_sibling(tree, node)
    return node if node is not None and node.tag == "figure" and tree.classes(node) & FLOATS else None


def _next_sibling(tree: Tree, node):
    """The element after `node` in its parent (ElementTree keeps no link to it), or None."""
    parent = tree.parent.get(id(node))
    if parent is None:
        return None
    children = list(parent)
    at = next(i for i, child in enumerate(children) if child is node)
    return children[at + 1] if at + 1 < len(children) else None


def short_units(layout: Layout, tree: Tree) -> list:
    """A chapter's text too short to stand on a page alone (a chapter's opening words, after its title page):
    the case study after it starts on the same page, below it, instead of on a page of its own."""
    done = []
    for a, b in zip(layout.pages, layout.pages[1:]):
        unit, after = tree.unit.get(id(a.first)), tree.unit.get(id(b.first))
        if unit is None or after is None or unit is after or tree.unit.get(id(a.last)) is not unit:
            continue
        if "kind-chapter" not in tree.classes(unit) or "kind-case-study" not in tree.classes(after) \
                or a.bottom - a.top > SHORT * a.height:
            continue
        tree.set_style(after, "break-before: auto")
        done.append(after)
    return done


def table_breaks(layout: Layout, tree: Tree, changed: set[int] = frozenset()) -> list[str]:
    """At least MIN_ROWS rows of a table either side of each page break (dpaper.tables.model.for_print sees to
    it but for a long group of a merged cell); a first cell spanning a break repeats its label on the next page.
    Only tables of units this pass changed nothing in (`changed`: their ids), since a break is pinned where
    it was measured and a unit's pages move only with what is in it."""
    done = []
    for figure in list(tree.root.iter("figure")):
        kinds = tree.classes(figure)
        if "table" not in kinds or "table-figure" in kinds:
            continue
        rows = [tr for body in figure.iter("tbody") for tr in body]
        if not rows or not layout.pages_of(figure) or id(tree.unit.get(id(figure))) in changed:
            continue
        on = [min(layout.pages_of(r), default=-1) for r in rows]
        if -1 in on or len(set(on)) < 2:
            continue
        starts = [k for k in range(1, len(rows)) if on[k] != on[k - 1]]
        bounds = [0, *starts, len(rows)]
        counts = [b - a for a, b in zip(bounds, bounds[1:])]
        if counts[0] < MIN_ROWS:                            # a lone row at a page foot: the table moves on
            room = layout.pages[on[0]].limit - min(t for p, t, _ in layout.boxes[id(figure)] if p == on[0])
            if not _float(layout, tree, figure, room):
                tree.set_style(figure, "break-before: page")
            done.append(f"{figure.get('id')}: starts on the next page")
            continue
        for k, start in enumerate(starts):
            if counts[k + 1] < MIN_ROWS and counts[k] - (MIN_ROWS - counts[k + 1]) >= MIN_ROWS:
                start -= MIN_ROWS - counts[k + 1]           # carry more rows over, so no row is alone
                tree.set_style(rows[start], "break-before: page")
                done.append(f"{figure.get('id')}: break before row {start + 1}")
            if _repeat_label(tree, rows, start):
                tree.set_style(rows[start], "break-before: page")
                done.append(f"{figure.get('id')}: label repeated at row {start + 1}")
    return done


def _repeat_label(tree: Tree, rows: list, start: int) -> bool:
    """If a first-column cell of an earlier row spans row `start`, end it there and give row `start` a cell
    of its own with the same label; whether it did."""
    for k in range(start - 1, -1, -1):
        head = rows[k].find("th")
        if head is None or head.get("scope") != "row":
            continue
        span = int(head.get("rowspan", "1"))
        if k + span <= start:
            return False
        import copy
        again = copy.deepcopy(head)
        again.set("rowspan", str(k + span - start))
        head.set("rowspan", str(start - k))
        again.tail = None
        rows[start].insert(0, again)
        return True
    return False


def render(html, font_config):
    """`html` (a weasyprint.HTML) laid out and mended in at most PASSES layouts; returns the document, what
    was mended (one line per change) and how many layouts it took."""
    tree = None
    mended: list[str] = []
    document, passes = html.render(font_config=font_config), 1
    for _ in range(PASSES - 1):
        if tree is None:
            tree = Tree(html.etree_element)
        found = hyphens.broken_words(document) + hyphens.stub_words(document)
        for element, word in found:
            hyphens.protect(element, word)
        changes = [f"kept whole: {w}" for _, w in found]
        for name in hyphens.loose_names(document, tree.root):    # a name of ordinary words that left a loose line
            name.set("style", "hyphens: auto")
            changes.append(f"may hyphenate: {' '.join(''.join(name.itertext()).split())}")
        layout = measure(document)
        tree.parent = {id(c): p for p in tree.root.iter() for c in p}
        moved = floats(layout, tree)
        refilled = half_empty(layout, tree, {id(f) for q in moved for f in q})
        units = short_units(layout, tree)
        changed = {id(tree.unit.get(id(q[0]))) for q in moved + refilled} | {id(u) for u in units}
        changes += [f"figure moved on: {', '.join(f.get('id', '?') for f in q)}" for q in moved]
        changes += [f"figure moved on to fill a page: {', '.join(f.get('id', '?') for f in q)}" for q in refilled]
        changes += [f"unit follows on: {u.get('id', '?')}" for u in units]
        changes += [f"table {c}" for c in table_breaks(layout, tree, changed)]
        if not changes:
            break
        mended += changes
        document, passes = html.render(font_config=font_config), passes + 1
    return document, mended, passes
