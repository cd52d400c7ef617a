#!/usr/bin/env python3
"""Make geodata/east-asia-50m.geojson from Natural Earth's 1:50m countries (npm package world-atlas).

Run once, by hand; the build only reads the GeoJSON this writes (nothing is
downloaded at build or run time). From the project directory:

    dir=$(mktemp -d) && (cd "$dir" && npm pack world-atlas@2.0.2)
    .venv/bin/python tools/geodata.py "$dir/world-atlas-2.0.2.tgz"

The tarball's SHA-256 is checked. Every country that reaches into the region
(85°E–155°E, 12°S–55°N: East and South-East Asia, with a margin) is decoded
from TopoJSON (arcs, delta-encoded and quantised), clipped to the region and
written with coordinates rounded to 0.01° (about 1 km, 0.05 mm on a 150 mm map
of the region), sorted by name: the same tarball gives the same bytes.
"""
from __future__ import annotations

import hashlib
import json
import sys
import tarfile
from pathlib import Path

from shapely import set_precision
from shapely.geometry import Polygon, mapping, shape
from shapely.ops import unary_union

VERSION = "2.0.2"
SHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
MEMBER = "package/countries-50m.json"
REGION = (85.0, -12.0, 155.0, 55.0)          # lon min, lat min, lon max, lat max
DIGITS = 2
OUT = Path(__file__).resolve().parents[1] / "geodata" / "east-asia-50m.geojson"


def arcs_of(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs in degrees (TopoJSON 1.0: quantised, each point a delta from the last)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def ring(indices: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]     # a negative index is the arc reversed
        points.extend(arc if not points else arc[1:])
    return points


def geometry(geom: dict, arcs):
    polygons = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"] if geom["type"] == "MultiPolygon" else []
    shapes = [Polygon(ring(p[0], arcs), [ring(h, arcs) for h in p[1:]]).buffer(0) for p in polygons]
    return unary_union(shapes) if shapes else None


def rounded(geom):
    """Snapped to a grid of 10**-DIGITS degrees (kept valid; parts that collapse are dropped)."""
    geom = set_precision(geom, 10 ** -DIGITS)
    return None if geom.is_empty else geom


def coords(value):
    """GeoJSON coordinates with every number rounded to DIGITS decimals (no float noise in the file)."""
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], float | int):
        return [round(v, DIGITS) for v in value]
    return [coords(v) for v in value]


def main(tarball: str) -> None:
    data = Path(tarball).read_bytes()
    if (digest := hashlib.sha256(data).hexdigest()) != SHA256:
        sys.exit(f"error: {tarball}: expected world-atlas {VERSION} (SHA-256 {SHA256}), found SHA-256 {digest}")
    with tarfile.open(tarball) as tar:
        topology = json.load(tar.extractfile(MEMBER))
    arcs = arcs_of(topology)
    region = shape({"type": "Polygon", "coordinates": [[(REGION[0], REGION[1]), (REGION[2], REGION[1]),
                                                         (REGION[2], REGION[3]), (REGION[0], REGION[3])]]})
    features = []
    for g in topology["objects"]["countries"]["geometries"]:
        geom = geometry(g, arcs)
        if geom is None or not geom.intersects(region):
            continue
        clipped = rounded(geom.intersection(region))
        if clipped is None:
            continue
        features.append({"type": "Feature", "id": g.get("id"), "properties": {"name": g["properties"]["name"]},
                         "geometry": {"type": clipped.geom_type,
                                      "coordinates": coords(mapping(clipped)["coordinates"])}})
    features.sort(key=lambda f: f["properties"]["name"])
    collection = {"type": "FeatureCollection",
                  "source": f"Natural Earth 1:50m Admin 0 countries (4.1.0) via npm world-atlas@{VERSION}, "
                            f"{MEMBER.split('/')[-1]}; public domain",
                  "bbox": list(REGION), "features": features}
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text.replace('{"type":"Feature"', '\n{"type":"Feature"') + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(OUT.parents[1])}: {len(features)} countries, {len(text) // 1024} KiB")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
