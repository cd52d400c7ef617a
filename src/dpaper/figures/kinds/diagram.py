"""Diagram: nodes and links given as data, laid out by Graphviz (`dot`), set in the paper's font.

Declaration (plain data, e.g. from YAML):

    title: technical cooperation in sewerage under the JICA Partnership Program   # required: for the alt text
    direction: LR                      # optional: TB (top to bottom, default) or LR (left to right)
    groups:                            # optional: boxes drawn round nodes, with a title
      - {id: city, label: The city, align: right}   # align: where the title sits, left (default),
                                       #   centre or right: where no link enters the box
    nodes:                             # required: every box of the diagram
      - {id: bureau, label: Water and Sewer Bureau, group: city}   # group optional; wrap: characters
                                       #   a line for this label (a list of names, one a line)
    links:                             # optional: lines between nodes
      - {from: bureau, to: dpwt, label: MoU, direction: both}   # label optional; direction forward
                                       #   (default: an arrow at `to`), back, both, or none; wrap as a node's
    ranks: [[bureau, kowba]]           # optional: nodes kept side by side on one rank (one column in LR),
                                       #   in the order their links run (a -> b puts a first)
    splines: spline                    # optional, Graphviz's: spline (default), polyline, ortho, line
    nodesep: 0.22                      # optional, Graphviz's, in inches: room between boxes of a rank
    ranksep: 0.42                      #   and between ranks

Ids are letters, digits and hyphens: the SVG carries them as class names
(`node node-<id>`, `cluster group-<id>`, `edge link-<n>`, n the link's place
in the declaration; prefixed, so that no stylesheet rule of the web edition,
where the SVG is inline, matches them), so that dpaper.figures.geometry can
measure each element.

Data: none is read (`data` is accepted like every kind's, and ignored); the
structure is the declaration, whose labels may name key figures and event
dates (`{number:KEY}`, `{date:ID}`), filled in by dpaper.figures.bind before
the diagram is drawn. Labels are wrapped at about 26 characters
(a `\\n` in a label breaks it there instead), narrower (WRAPS) when the
diagram would otherwise be too wide to print its text at 7 pt or more (a
diagram too wide at every wrap stops the build); a link's label sits in a
padded cell (LABEL_PAD) so that no line touches it. Graphviz measures the text
with the shipped Source Sans Pro only: a generated fontconfig file lists the
font package's directory and nothing else, so boxes fit the type the PDF
sets. The SVG is post-processed for WeasyPrint and for stable bytes: no
DOCTYPE (no external DTD), no comments or titles (version, graph names),
`transparent` as `none`, semibold as a weight of the one family; it is
centred on a 150 mm wide canvas at its natural size (text stays at 8.5 pt),
or scaled down to 150 mm if wider (never below 7 pt). tests/test_diagram_geometry.py
measures every declared diagram: see dpaper.figures.geometry for what it rejects.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path

import pandas as pd

from dpaper.errors import BuildError
from dpaper.figures import style
from dpaper.figures.draw import Drawing
from dpaper.figures.kinds import check_keys, count, need
from dpaper.fonts import package_dir

KEYS = {"title", "direction", "groups", "nodes", "links", "ranks", "splines", "nodesep", "ranksep"}
SPLINES = ("spline", "polyline", "ortho", "line")
NODE_PT, LINK_PT, GROUP_PT, WRAP = 8.5, 7.5, 8.0, 26
WRAPS = (WRAP, 24, 22, 20, 18)    # label wraps tried, longest first, until the diagram fits (see fitted)
GROUP_WRAP = 64           # a group's title: its box is as wide as its widest line
LABEL_PAD = 3            # points of clear space round a link's label
ALIGN = {"left": "l", "centre": "c", "right": "r"}   # a group's title in its box
ARROWS = {"forward": "forward", "back": "back", "both": "both", "none": "none"}
WIDTH_PT = style.WIDTH_MM / 25.4 * 72
FONTCONFIG = """<?xml version="1.0"?>
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <selectfont><rejectfont><glob>*.otf</glob></rejectfont></selectfont>
</fontconfig>
"""


def _q(text: str) -> str:
    """A DOT string: quoted, with quotes and backslashes escaped and line breaks as centred breaks."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _lines(label: str, wrap: int = WRAP) -> list[str]:
    """A label's lines: broken where it says so (a line break, or a literal \\n), else at about `wrap` characters."""
    return [line for part in label.replace("\\n", "\n").split("\n")
            for line in textwrap.wrap(part, wrap, break_on_hyphens=False) or [""]]   # "know-how" stays whole


def _wrap(label: str, wrap: int = WRAP) -> str:
    return "\n".join(_lines(label, wrap))


def _padded(label: str, wrap: int = WRAP) -> str:
    """A link's label as a Graphviz HTML label: its lines centred in a borderless cell whose padding keeps
    every line, its own included, LABEL_PAD points away from the text."""
    lines = "<br/>".join(html.escape(line, quote=False) for line in _lines(label, wrap))
    return (f'<<table border="0" cellborder="0" cellspacing="0" cellpadding="{LABEL_PAD}">'
            f"<tr><td>{lines}</td></tr></table>>")


def _title(group: dict) -> str:
    """A group's title as a DOT string: wrapped at GROUP_WRAP characters, each line aligned as the title is."""
    end = {"left": "\\l", "centre": "\\n", "right": "\\r"}[group.get("align", "left")]
    return _q("\n".join(_lines(group["label"], GROUP_WRAP))).replace("\\n", end)[:-1] + end + '"'


def _flat(label: str | None) -> str:
    """A label on one line (alt text, data table): its explicit breaks as spaces, its words whole."""
    return " ".join((label or "").replace("\\n", "\n").split())


def check(decl: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """The declaration's groups, nodes and links, checked: unique ids, known groups and ends, known directions."""
    check_keys(decl, KEYS, "diagram")
    groups, nodes, links = decl.get("groups", []), need(decl, "nodes", "diagram"), decl.get("links", [])
    ids = [n["id"] for n in nodes]
    problems = [f"node id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    problems += [f"{part} id {x['id']!r}: expected letters, digits and hyphens only"   # the SVG's class names
                 for part, items in (("node", nodes), ("group", groups)) for x in items
                 if not re.fullmatch(r"[A-Za-z0-9_-]+", x["id"])]
    gids = {g["id"] for g in groups}
    problems += [f"node {n['id']!r}: no group {n['group']!r}" for n in nodes if n.get("group") not in gids | {None}]
    for k, link in enumerate(links, 1):
        problems += [f"link {k}: no node {link.get(end)!r}" for end in ("from", "to") if link.get(end) not in ids]
        if link.get("direction", "forward") not in ARROWS:
            problems.append(f"link {k}: direction {link['direction']!r} (expected {', '.join(ARROWS)})")
    if decl.get("splines", "spline") not in SPLINES:
        problems.append(f"splines {decl['splines']!r} (expected {', '.join(SPLINES)})")
    problems += [f"{k} {decl[k]!r}: expected inches, a number from 0.05 to 2" for k in ("nodesep", "ranksep")
                 if k in decl and not (isinstance(decl[k], (int, float)) and 0.05 <= decl[k] <= 2)]
    problems += [f"{what}: wrap {x['wrap']!r} (expected a number of characters from 10 to 80)"
                 for what, x in [(f"node {n['id']!r}", n) for n in nodes] + [(f"link {k}", x) for k, x in
                                                                            enumerate(links, 1)]
                 if "wrap" in x and not (isinstance(x["wrap"], int) and 10 <= x["wrap"] <= 80)]
    problems += [f"group {g['id']!r}: align {g['align']!r} (expected {', '.join(ALIGN)})" for g in groups
                 if g.get("align", "left") not in ALIGN]
    problems += [f"ranks: no node {i!r}" for rank in decl.get("ranks", []) for i in rank if i not in ids]
    if problems:
        raise BuildError([f"diagram {decl.get('title')!r}: {p}" for p in problems])
    return groups, nodes, links


def dot_source(decl: dict, wrap: int = WRAP) -> str:
    """The declaration as a DOT graph in the house style, every line in a fixed order."""
    groups, nodes, links = check(decl)
    font = _q("Source Sans Pro")
    out = ["digraph diagram {",
           f"  graph [rankdir={decl.get('direction', 'TB')}, fontname={font}, fontsize={GROUP_PT}, "
           f"bgcolor=transparent, splines={decl.get('splines', 'spline')}, nodesep={decl.get('nodesep', 0.22)}, "
           f"ranksep={decl.get('ranksep', 0.42)}, pad=0.04];",
           f'  node [shape=box, style="rounded,filled", fontname={font}, fontsize={NODE_PT}, '
           f'fontcolor="{style.INK}", color="{style.PRIMARY}", fillcolor="#e6f0f3", penwidth=0.8, '
           f'margin="0.10,0.05"];',
           f'  edge [fontname={font}, fontsize={LINK_PT}, fontcolor="{style.INK}", color="{style.MUTED}", '
           f"penwidth=0.8, arrowsize=0.55];"]

    def node(n: dict, indent: str) -> str:
        label = _q(_wrap(n["label"], n.get("wrap", wrap)))
        return f"{indent}{_q(n['id'])} [class={_q('node-' + n['id'])}, label={label}];"

    group_of = {n["id"]: n.get("group") for n in nodes}

    def ranks(group, indent: str) -> list[str]:       # a rank goes inside the group all its nodes are in
        return [f"{indent}{{rank=same; {'; '.join(_q(i) for i in rank)}}}" for rank in decl.get("ranks", [])
                if len({group_of[i] for i in rank}) == 1 and group_of[rank[0]] == group]

    by_id = {g["id"]: g for g in groups}
    done: set = set()
    for n in nodes:                      # in the declaration's order: it is the order within a rank
        g = by_id.get(n.get("group"))
        if g is None:
            out.append(node(n, "  "))
        elif g["id"] not in done:
            done.add(g["id"])
            out += [f"  subgraph {_q('cluster_' + g['id'])} {{",
                    f'    class={_q("group-" + g["id"])}; label={_title(g)}; '
                    f'fontname={_q("Source Sans Pro Semibold")}; '
                    f'fontcolor="{style.MUTED}"; style=rounded; color="{style.RULE}"; penwidth=0.8; margin=10; '
                    f'labeljust={ALIGN[g.get("align", "left")]};']
            out += [node(m, "    ") for m in nodes if m.get("group") == g["id"]] + ranks(g["id"], "    ")
            out.append("  }")
    out += ranks(None, "  ")
    out += [f"  {{rank=same; {'; '.join(_q(i) for i in rank)}}}" for rank in decl.get("ranks", [])
            if len({group_of[i] for i in rank}) > 1]
    for k, link in enumerate(links, 1):
        attrs = [f'class="link-{k}"', f"dir={ARROWS[link.get('direction', 'forward')]}"]
        if link.get("label"):
            attrs.append(f"label={_padded(link['label'], link.get('wrap', wrap))}")
        out.append(f"  {_q(link['from'])} -> {_q(link['to'])} [{', '.join(attrs)}];")
    return "\n".join(out + ["}"]) + "\n"


def run_dot(source: str) -> str:
    """`dot -Tsvg` on `source`, measuring text with the shipped fonts only."""
    dot = shutil.which("dot")
    if dot is None:
        raise BuildError("diagrams need Graphviz's dot: install it with: sudo apt-get install graphviz "
                         "(tools/check-system does so when run as root)")
    with tempfile.TemporaryDirectory(prefix="dpaper-dot-") as tmp:
        conf = Path(tmp) / "fonts.conf"
        conf.write_text(FONTCONFIG.format(fonts=package_dir("font_source_sans_pro"), cache=Path(tmp) / "cache"),
                        encoding="utf-8")
        env = {"PATH": os.environ.get("PATH", ""), "FONTCONFIG_FILE": str(conf), "LC_ALL": "C.UTF-8"}
        done = subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, text=True, env=env, timeout=120)
    if done.returncode != 0:
        raise BuildError(f"Graphviz dot failed: {done.stderr.strip().splitlines()[-1:]}")
    return done.stdout


def _width(svg: str) -> float:
    m = re.search(r'<svg width="([\d.]+)pt"', svg)
    if m is None:
        raise BuildError("Graphviz wrote an SVG without a size in points")
    return float(m.group(1))


def fitted(decl: dict) -> str:
    """Graphviz's SVG of the diagram at the longest wrap of its labels (WRAPS) that lets it fit the text block
    with no text under style.MIN_PT; a diagram that fits at none of them stops the build."""
    sizes = [NODE_PT] + [GROUP_PT] * bool(decl.get("groups")) + [LINK_PT] * any(link.get("label")
                                                                            for link in decl.get("links", []))
    widest = WIDTH_PT * min(sizes) / style.MIN_PT        # its smallest text printed at MIN_PT
    for wrap in WRAPS:
        svg = run_dot(dot_source(decl, wrap))
        if _width(svg) <= widest:
            return svg
    raise BuildError(f"diagram {decl.get('title')!r}: {_width(svg):.1f} pt wide with its labels wrapped at "
                     f"{WRAPS[-1]} characters, so its text would print under {style.MIN_PT:g} pt (it may be at "
                     f"most {widest:.1f} pt): shorten its labels or lay it out otherwise (direction, ranks)")


def tidy(svg: str) -> str:
    """Graphviz's SVG made stable and WeasyPrint-safe, on a canvas as wide as the text block."""
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    svg = re.sub(r"<title>.*?</title>\s*", "", svg, flags=re.S)
    svg = svg.replace('"transparent"', '"none"')
    svg = svg.replace('font-family="Source Sans Pro Semibold"', 'font-family="Source Sans Pro" font-weight="600"')
    m = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="([-\d. ]+)"', svg)
    if m is None:
        raise BuildError("Graphviz wrote an SVG without a size in points")
    w, h = float(m.group(1)), float(m.group(2))
    if w <= WIDTH_PT:          # natural size, centred: the text keeps its point size
        box, height = f"{(w - WIDTH_PT) / 2:.2f} 0.00 {WIDTH_PT:.2f} {h:.2f}", h
    else:                      # too wide: scaled to the text block
        box, height = f"0.00 0.00 {w:.2f} {h:.2f}", h * WIDTH_PT / w
    return svg.replace(m.group(0), f'<svg width="{WIDTH_PT:.2f}pt" height="{height:.2f}pt"\n viewBox="{box}"', 1)


def diagram(data: dict[str, pd.DataFrame], decl: dict) -> Drawing:
    """The diagram `decl` declares (see the module's docstring); `data` is not read (its labels' values are
    filled in by dpaper.figures.bind before it is drawn)."""
    groups, nodes, links = check(decl)
    svg = tidy(fitted(decl))
    label = {n["id"]: _flat(n["label"]) for n in nodes}
    group = {g["id"]: g["label"] for g in groups}
    boxes = [label[n["id"]] + (f" ({group[n['group']]})" if n.get("group") else "") for n in nodes]
    said = []
    for link in links:
        a, b, d = label[link["from"]], label[link["to"]], link.get("direction", "forward")
        words = {"forward": f"from {a} to {b}", "back": f"from {b} to {a}",
                 "both": f"between {a} and {b}, both ways", "none": f"between {a} and {b}"}[d]
        said.append(words + (f": {_flat(link['label'])}" if link.get("label") else ""))
    alt = (f"Diagram of {decl['title']}: {count(len(nodes), 'box', 'boxes')}, "
           f"{count(len(links), 'link')}. Boxes: " + "; ".join(boxes) + "."
           + (" Links: " + "; ".join(said) + "." if said else ""))
    table = ([{"element": "node", "id": n["id"], "label": label[n["id"]], "group": group.get(n.get("group"), ""),
               "from": "", "to": "", "direction": ""} for n in nodes]
             + [{"element": "link", "id": f"link-{k}", "label": _flat(link.get("label")), "group": "",
                 "from": link["from"], "to": link["to"], "direction": link.get("direction", "forward")}
                for k, link in enumerate(links, 1)])
    return Drawing(svg=svg, alt=alt, table=table)
