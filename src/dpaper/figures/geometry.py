"""A diagram's geometry read back from the SVG Graphviz wrote, and what in it a reader could not read.

`read(svg)` gives every node, group (cluster) and link (edge) of a diagram the
diagram kind drew, by the id its declaration gives it (the kind writes the ids
as SVG classes: node-<id>, group-<id>, link-<n>), in printed points: 0,0 the top left of the figure as it is
set in the 150 mm text block, so a size here is a size on paper. Outlines and
edge paths come from the SVG's own coordinates (Bézier segments sampled);
text boxes from each line's anchor, its point size and its width in the
shipped Source Sans Pro (measured as the matplotlib kinds measure it), from
the baseline up by the face's ascender and down by its descender.

`problems(layout)` says, one line each, what a designer would reject: text
under 7 pt in print, anything outside the panel, a node outside its group or
inside another, a link label on a link, on a node, on a group's title or
border or on another label, a link through a node that is not its end or
through a group's title, and links crossing one another (`crossings`, a
number per diagram, reported by the tests: at most one is allowed).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from shapely import LineString, Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from dpaper.figures import style

SVG = "{http://www.w3.org/2000/svg}"
MIN_PT = style.MIN_PT  # the smallest text a reader may be asked to read in print
CLEAR_PT = 2.0        # room kept between a label and any line or box not its own
OWN_CLEAR_PT = 1.0    # and between a link's label and its own line, which runs beside it by design
STEPS = 24            # points sampled on each Bézier segment of a path
MAX_CROSSINGS = 1


@dataclass
class Text:
    text: str
    size: float              # in print, points
    box: Polygon


@dataclass
class Element:
    kind: str                # node | group | link
    name: str                # the declaration's id (a link: link-<n>, its place in the declaration)
    outline: Polygon | None = None          # node, group
    path: LineString | None = None          # link
    heads: list[Polygon] = field(default_factory=list)    # a link's arrowheads
    texts: list[Text] = field(default_factory=list)
    labels: list[Polygon] = field(default_factory=list)   # a node's or link's label, a group's title: one box

    def label_text(self) -> str:
        return " ".join(t.text for t in self.texts)


@dataclass
class Layout:
    width: float             # the panel, points
    height: float
    scale: float             # print points per SVG unit
    nodes: dict[str, Element]
    groups: dict[str, Element]
    links: dict[str, Element]
    ends: dict[str, tuple[str, str]] = field(default_factory=dict)     # link -> (from, to)
    members: dict[str, str] = field(default_factory=dict)              # node -> group


@lru_cache(maxsize=1)
def _vertical() -> tuple[float, float]:
    """The shipped sans face's ascender and descender, in ems."""
    from fontTools.ttLib import TTFont

    from dpaper.fonts import face_paths
    font = TTFont(face_paths()["SourceSansPro-Regular.ttf"], lazy=True)
    try:
        os2, em = font["OS/2"], font["head"].unitsPerEm
        return os2.sTypoAscender / em, -os2.sTypoDescender / em
    finally:
        font.close()


def _numbers(text: str) -> list[float]:
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def _path_points(d: str) -> list[tuple[float, float]]:
    """The points of an SVG path as Graphviz writes it (absolute M, C and L commands), Béziers sampled."""
    out: list[tuple[float, float]] = []
    for command, args in re.findall(r"([MCLZmclz])([^MCLZmclz]*)", d):
        nums = _numbers(args)
        pts = list(zip(nums[0::2], nums[1::2]))
        if command == "M" or command == "L":
            out += pts
        elif command == "C":
            for k in range(0, len(pts) - 2, 3):
                p0, (c1, c2, p3) = out[-1], pts[k:k + 3]
                for i in range(1, STEPS + 1):
                    t = i / STEPS
                    a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3
                    out.append((a * p0[0] + b * c1[0] + c * c2[0] + e * p3[0],
                                a * p0[1] + b * c1[1] + c * c2[1] + e * p3[1]))
        elif command not in "Zz":
            raise ValueError(f"unexpected path command {command!r} in a Graphviz SVG")
    return out


def read(svg: str, declaration: dict | None = None) -> Layout:
    """The diagram's elements, in print points (see the module's docstring); its declaration, if given, names
    each link's ends and each node's group."""
    from dpaper.figures.kinds import text_size
    root = ET.fromstring(svg.encode("utf-8"))
    width, height = (float(root.get(k).removesuffix("pt")) for k in ("width", "height"))
    vx, vy, vw, _ = _numbers(root.get("viewBox"))
    graph = next(g for g in root.iter(f"{SVG}g") if (g.get("class") or "") == "graph")
    sx, sy, tx, ty = _numbers(re.sub(r"rotate\([^)]*\)", "", graph.get("transform")))
    k = width / vw

    def at(x: float, y: float) -> tuple[float, float]:
        return (sx * (x + tx) - vx) * k, (sy * (y + ty) - vy) * k

    ascent, descent = _vertical()
    layout = Layout(width, height, sx * k, {}, {}, {})
    for g in graph.iter(f"{SVG}g"):
        classes = (g.get("class") or "").split()
        if not classes or classes[0] not in ("node", "cluster", "edge") or len(classes) < 2:
            continue
        kind = {"node": "node", "cluster": "group", "edge": "link"}[classes[0]]
        element = Element(kind, classes[1].removeprefix(f"{kind}-") if kind != "link" else classes[1])
        for child in g:
            tag = child.tag.removeprefix(SVG)
            if tag in ("path", "polygon"):
                pts = [at(*p) for p in (_path_points(child.get("d")) if tag == "path" else
                                        list(zip(*[iter(_numbers(child.get("points")))] * 2)))]
                if kind == "link" and tag == "path":
                    element.path = LineString(pts)
                elif kind == "link":
                    element.heads.append(Polygon(pts).buffer(0))
                else:
                    element.outline = Polygon(pts).buffer(0)
            elif tag == "text":
                size = float(child.get("font-size")) * layout.scale
                words = "".join(child.itertext())
                w = text_size(words, size, "semibold" if child.get("font-weight") == "600" else "normal")[0] / 25.4 * 72
                x, y = at(float(child.get("x")), float(child.get("y")))
                x0 = {"start": x, "end": x - w}.get(child.get("text-anchor"), x - w / 2)
                element.texts.append(Text(words, size, box(x0, y - ascent * size, x0 + w, y + descent * size)))
        # the lines of one label touch: a node's or link's label, a group's title is one box
        merged = unary_union([t.box.buffer(0.6 * t.size, join_style="mitre") for t in element.texts])
        parts = getattr(merged, "geoms", [merged]) if element.texts else []
        element.labels = [unary_union([t.box for t in element.texts if t.box.intersects(p)]).envelope
                          for p in parts]
        {"node": layout.nodes, "group": layout.groups, "link": layout.links}[kind][element.name] = element
    if declaration:
        links = declaration.get("links", [])
        layout.ends = {f"link-{k}": (link["from"], link["to"]) for k, link in enumerate(links, 1)}
        layout.members = {n["id"]: n["group"] for n in declaration["nodes"] if n.get("group")}
    return layout


def _name(e: Element, layout: Layout) -> str:
    if e.kind == "link":
        a, b = layout.ends.get(e.name, ("?", "?"))
        return f"link {e.name.removeprefix('link-')} ({a} → {b}{': “' + e.label_text() + '”' if e.texts else ''})"
    return f"{e.kind} {e.name!r}"


def _hits(path: LineString, shape: BaseGeometry, ends: list[Polygon]) -> bool:
    """Whether `path` enters `shape` anywhere but inside (or within a point of) the nodes it joins."""
    inside = path.intersection(shape)
    if inside.is_empty:
        return False
    for end in ends:
        inside = inside.difference(end.buffer(CLEAR_PT))
    return not inside.is_empty and inside.length > 0.2


def crossings(layout: Layout) -> list[tuple[str, str, tuple[float, float]]]:
    """Where two links cross (not where they meet at a node they share or both join): (link, link, point)."""
    found = []
    for a, b in combinations(layout.links.values(), 2):
        if a.path is None or b.path is None:
            continue
        meet = a.path.intersection(b.path)
        shared = {*layout.ends.get(a.name, ()), *layout.ends.get(b.name, ())}
        joined = [layout.nodes[n].outline.buffer(3.0) for n in shared if n in layout.nodes]
        if joined and not meet.is_empty:
            meet = meet.difference(unary_union(joined))
        points: list[Point] = []
        for part in getattr(meet, "geoms", [meet]):
            p = part if isinstance(part, Point) else part.representative_point()
            if not part.is_empty and all(p.distance(q) > 2.0 for q in points):
                points.append(p)
        found += [(a.name, b.name, (p.x, p.y)) for p in points]
    return found


def problems(layout: Layout) -> list[str]:
    """What a reader could not read, one line each (empty: the diagram is legible)."""
    out: list[str] = []
    nodes, groups, links = layout.nodes, layout.groups, layout.links
    everything = [*nodes.values(), *groups.values(), *links.values()]
    panel = box(0, 0, layout.width, layout.height).buffer(0.5, join_style="mitre")
    for e in everything:
        for t in e.texts:
            if t.size < MIN_PT - 0.005:
                out.append(f"{_name(e, layout)}: text “{t.text}” is {t.size:.1f} pt in print (at least {MIN_PT:g})")
        for shape in [e.outline, e.path, *[t.box for t in e.texts]]:
            if shape is not None and not shape.within(panel):
                out.append(f"{_name(e, layout)}: outside the panel (clipped)")
                break
    for name, node in nodes.items():
        group = layout.members.get(name)
        for gid, g in groups.items():
            if g.outline is None:
                continue
            if gid == group and not node.outline.within(g.outline.buffer(0.1)):
                out.append(f"{_name(node, layout)}: not wholly inside its group {gid!r}")
            elif gid != group and node.outline.intersects(g.outline):
                out.append(f"{_name(node, layout)}: overlaps group {gid!r}, which it is not in")
            for title in g.labels:
                if node.outline.intersects(title.buffer(CLEAR_PT)):
                    out.append(f"{_name(node, layout)}: on the title of group {gid!r}")
    for name, link in links.items():
        ends = [nodes[n].outline for n in layout.ends.get(name, ()) if n in nodes]
        for other, node in nodes.items():
            if other not in layout.ends.get(name, ()) and link.path is not None and _hits(link.path, node.outline, []):
                out.append(f"{_name(link, layout)}: runs through {_name(node, layout)}")
        for gid, g in groups.items():
            for title in g.labels:
                if link.path is not None and _hits(link.path, title, ends):
                    out.append(f"{_name(link, layout)}: runs through the title of group {gid!r}")
        for label in link.labels:
            for other in links.values():
                clear = label.buffer(OWN_CLEAR_PT if other is link else CLEAR_PT, join_style="mitre")
                if (other.path is not None and _hits(other.path, clear, [])) or any(clear.intersects(h)
                                                                                     for h in other.heads):
                    whose = "its own line" if other is link else _name(other, layout)
                    out.append(f"{_name(link, layout)}: its label sits on {whose}")
            for node in nodes.values():
                if label.intersects(node.outline.buffer(CLEAR_PT)):
                    out.append(f"{_name(link, layout)}: its label sits on {_name(node, layout)}")
            for gid, g in groups.items():
                if g.outline is not None and label.intersects(g.outline.exterior.buffer(CLEAR_PT)):
                    out.append(f"{_name(link, layout)}: its label sits on the border of group {gid!r}")
                if any(label.intersects(t.buffer(CLEAR_PT)) for t in g.labels):
                    out.append(f"{_name(link, layout)}: its label sits on the title of group {gid!r}")
    for a, b in combinations(links.values(), 2):
        if any(la.intersects(lb.buffer(CLEAR_PT)) for la in a.labels for lb in b.labels):
            out.append(f"{_name(a, layout)}: its label sits on the label of {_name(b, layout)}")
    crossed = crossings(layout)
    if len(crossed) > MAX_CROSSINGS:
        out.append(f"{len(crossed)} link crossings (at most {MAX_CROSSINGS}): "
                   + "; ".join(f"{a} × {b} at {p[0]:.0f},{p[1]:.0f} pt" for a, b, p in crossed))
    return out
