"""Map: places of the places dataset on Natural Earth's country outlines, with an optional distance circle.

Declaration (plain data, e.g. from YAML):

    title: Porto and the cities within 1,000 km of it   # required: what the alt text calls it
    extent: [119, 143, 24, 43]         # required: longitude min, max, latitude min, max (degrees)
    places: {name: [Porto, Lyon]}   # required: a filter on the places dataset, column: value(s);
                                       #   or a list of filters (a row matching any one is drawn)
    except: {name: [Nice]}              # optional: a filter of rows to leave out
    highlight: [Porto]            # optional: places drawn larger and labelled in bold
    circle: {centre: Porto, radius_km: 1000}   # optional: a geodesic circle around a city
    countries: [Japan, South Korea]    # optional: countries to name, in capitals, as the countries dataset names them
    shade: [Japan]                     # optional: countries (of the countries dataset) filled a shade darker

Data: `{"places": DataFrame, "countries": DataFrame}`: the places' `latitude` and
`longitude`; the countries dataset is the one place a country's name is set
(`name`, printed in capitals on every map) and tied to its outline in the
geodata (`natural_earth`), so that no two maps name a country differently. The outlines
are `geodata/east-asia-50m.geojson` (Natural Earth, public domain; see its
README), read with shapely; pyproj projects them (azimuthal equidistant,
centred on the circle's centre or the extent's: distances from the centre are
true, so the circle is round) and draws the circle as a geodesic. The map is
150 mm wide, as tall as the extent. Labels go at the first of eight places
around their mark that meets no other label, mark, frame edge or the scale
bar, nearest first (then farther out, with a leader line); crowded places
are labelled first. Nothing is downloaded.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd
from matplotlib.patches import Circle, PathPatch, Rectangle
from matplotlib.path import Path as MPath

from dpaper.data.load import records
from dpaper.errors import BuildError
from dpaper.figures import style
from dpaper.figures.draw import Drawing
from dpaper.figures.kinds import Box, check_keys, count, mm_figure, need, text_size
from dpaper.figures.numbers import number

GEODATA = Path(__file__).resolve().parents[4] / "geodata" / "east-asia-50m.geojson"
KEYS = {"title", "extent", "places", "except", "highlight", "circle", "countries", "shade"}
SEA, LAND, SHADE, BORDER = "#e4eef2", "#f1f0ea", "#dfe3d8", "#ffffff"
CITY_PT, HIGHLIGHT_PT, COUNTRY_PT = 7.5, 8.0, 7.0
DOT_R, HIGHLIGHT_R, OFFSET = 0.85, 1.3, 0.9          # millimetres
SCALES_KM = (50, 100, 200, 250, 500, 1000)


@lru_cache(maxsize=2)
def countries(path: Path = GEODATA) -> dict:
    from shapely.geometry import shape
    features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    return {f["properties"]["name"]: shape(f["geometry"]) for f in features}


def _matches(row: dict, flt: dict) -> bool:
    return all(row.get(col) in (want if isinstance(want, list) else [want]) for col, want in flt.items())


def select(places: pd.DataFrame, decl: dict) -> list[dict]:
    """The rows of the places dataset the declaration's `places` and `except` select, in the dataset's order."""
    filters = need(decl, "places", "map")
    filters = filters if isinstance(filters, list) else [filters]
    rows = [r for r in records(places) if any(_matches(r, f) for f in filters)
            and not (decl.get("except") and _matches(r, decl["except"]))]
    if not rows:
        raise BuildError(f"map {decl.get('title')!r}: no row of the places dataset matches {filters}")
    missing = [r["name"] for r in rows if r["latitude"] is None or r["longitude"] is None]
    if missing:
        raise BuildError(f"map {decl.get('title')!r}: no coordinates in the places dataset for {', '.join(missing)}")
    return rows


def country_names(data: dict[str, pd.DataFrame], decl: dict) -> dict[str, str]:
    """{name in the geodata: name printed on the map} for the countries the declaration names or shades,
    from the countries dataset (a name it lacks stops the build, naming the map and the names it has)."""
    if "countries" not in data:
        raise BuildError(f"map {decl.get('title')!r}: expected the countries dataset among the figure's datasets "
                         "(config roles: places, countries)")
    known = {r["name"]: r["natural_earth"] for r in records(data["countries"])}
    wanted = list(dict.fromkeys([*decl.get("countries", []), *decl.get("shade", [])]))
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise BuildError(f"map {decl.get('title')!r}: no country {', '.join(map(repr, unknown))} in the countries "
                         f"dataset (it has {', '.join(sorted(known))})")
    return {known[n]: n for n in wanted}


def map_figure(data: dict[str, pd.DataFrame], decl: dict, geodata: Path = GEODATA) -> Drawing:
    """The map `decl` declares, its places from the places dataset in `data` (see the module's docstring)."""
    with figure(data, decl, geodata) as (fig, rows, dist):
        drawing = Drawing.from_figure(fig)
    drawing.alt, drawing.table = _alt(decl, rows, dist), _table(rows, dist)
    return drawing


@contextmanager
def figure(data: dict[str, pd.DataFrame], decl: dict, geodata: Path = GEODATA):
    """The map's matplotlib figure, the rows it shows and their distances from the circle's centre (km)."""
    from pyproj import CRS, Geod, Transformer
    from shapely import transform
    from shapely.geometry import box

    check_keys(decl, KEYS, "map")
    lon0, lon1, lat0, lat1 = need(decl, "extent", "map")
    rows = select(data["places"], decl)
    if isinstance(decl.get("countries", []), dict):
        raise BuildError(f"map {decl.get('title')!r}: expected countries as a list of names of the countries "
                         "dataset (their printed form is set there), found a mapping")
    outline = country_names(data, decl)                       # geodata name -> the paper's name
    named = {outline_name for outline_name, n in outline.items() if n in decl.get("countries", [])}
    shaded = {outline_name for outline_name, n in outline.items() if n in decl.get("shade", [])}
    by_name = {r["name"]: r for r in records(data["places"])}
    circle = decl.get("circle")
    if circle and circle["centre"] not in by_name:
        raise BuildError(f"map {decl.get('title')!r}: circle centre {circle['centre']!r} is not in the places dataset")
    centre = ((float(by_name[circle["centre"]]["longitude"]), float(by_name[circle["centre"]]["latitude"]))
              if circle else ((lon0 + lon1) / 2, (lat0 + lat1) / 2))
    crs = CRS.from_proj4(f"+proj=aeqd +lon_0={centre[0]} +lat_0={centre[1]} +datum=WGS84 +units=m")
    fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True).transform
    edge = [(lon0 + (lon1 - lon0) * i / 50, lat) for lat in (lat0, lat1) for i in range(51)]
    edge += [(lon, lat0 + (lat1 - lat0) * i / 50) for lon in (lon0, lon1) for i in range(51)]
    xs, ys = zip(*(fwd(x, y) for x, y in edge))
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    s = style.WIDTH_MM / (maxx - minx)                        # millimetres per metre
    height = (maxy - miny) * s

    def mm(x, y):
        return (x - minx) * s, (maxy - y) * s

    frame = Box(0, 0, style.WIDTH_MM, height)
    geod = Geod(ellps="WGS84")
    dist = {r["name"]: geod.inv(*centre, float(r["longitude"]), float(r["latitude"]))[2] / 1000 for r in rows} \
        if circle else {}
    points = {r["name"]: mm(*fwd(float(r["longitude"]), float(r["latitude"]))) for r in rows}
    highlight = set(decl.get("highlight", []))
    with mm_figure(height) as (fig, ax):
        ax.add_patch(Rectangle((0, 0), style.WIDTH_MM, height, color=SEA, lw=0, zorder=0))
        clip = box(minx, miny, maxx, maxy)
        area = box(lon0 - 8, max(lat0 - 8, -89), lon1 + 8, min(lat1 + 8, 89))
        shapes = {}
        for name, geom in countries(geodata).items():
            if geom.intersects(area):
                part = transform(geom.intersection(area), fwd, interleaved=False).intersection(clip)
                if not part.is_empty:
                    shapes[name] = transform(part, mm, interleaved=False)
                    _fill(ax, shapes[name], SHADE if name in shaded else LAND)
        taken = [Box(*_pad(points[n], HIGHLIGHT_R if n in highlight else DOT_R)) for n in points]
        if circle:
            ring = [mm(*fwd(*geod.fwd(*centre, az, circle["radius_km"] * 1000)[:2])) for az in range(0, 361, 2)]
            ax.plot(*zip(*ring), color=style.PRIMARY, lw=0.8, dashes=(3, 2), zorder=2)
            radius = f"{number(circle['radius_km'])} km"
            taken.append(_circle_label(ax, ring, mm(0, 0), radius, frame, taken))  # the centre
        taken.append(_scale_bar(ax, s, height))
        for name in sorted(points, key=lambda n: (n not in highlight, -_crowding(points, n), n)):
            bold = name in highlight
            size = HIGHLIGHT_PT if bold else CITY_PT
            (x, y), r = points[name], HIGHLIGHT_R if bold else DOT_R
            ax.add_patch(Circle((x, y), r, facecolor=style.ACCENT if bold else style.PRIMARY,
                                edgecolor="white", lw=0.6, zorder=4))
            w, h = text_size(name, size, "semibold" if bold else "normal")
            spot = _best([b for k in (1, 2.5, 4) for b in _around(x, y, r + OFFSET * (k - 1) * 2, w, h)], frame, taken)
            taken.append(spot)
            near = (min(max(x, spot.x0), spot.x1), min(max(y, spot.y0), spot.y1))   # the box's point nearest
            if (near[0] - x) ** 2 + (near[1] - y) ** 2 > (r + OFFSET * 2) ** 2:    # a label set far off: a leader
                ax.plot([x, near[0]], [y, near[1]], color=style.MUTED, lw=0.4, zorder=3)
            ax.text(spot.x0, (spot.y0 + spot.y1) / 2, name, fontsize=size, fontweight="semibold" if bold else "normal",
                    color=style.INK, va="center", ha="left", zorder=5)
        for name in sorted(named, key=lambda n: decl["countries"].index(outline[n])):
            label = outline[name].upper()
            if name not in shapes:
                raise BuildError(f"map {decl.get('title')!r}: no country {outline[name]!r} in the map's extent")
            w, h = text_size(label, COUNTRY_PT)
            spot = _best(_inside(shapes[name], w, h), frame, taken, gap=3.0)   # clear of the places' labels
            taken.append(spot)
            ax.text(spot.x0, (spot.y0 + spot.y1) / 2, label, fontsize=COUNTRY_PT, color=style.MUTED,
                    va="center", ha="left", zorder=3)
        ax.add_patch(Rectangle((0, 0), style.WIDTH_MM, height, fill=False, edgecolor=style.RULE, lw=0.8, zorder=6))
        yield fig, rows, dist


def _fill(ax, geom, colour) -> None:
    verts, codes = [], []
    for poly in getattr(geom, "geoms", [geom]):
        if poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            pts = list(ring.coords)
            verts += pts
            codes += [MPath.MOVETO] + [MPath.LINETO] * (len(pts) - 2) + [MPath.CLOSEPOLY]
    if verts:
        ax.add_patch(PathPatch(MPath(verts, codes), facecolor=colour, edgecolor=BORDER, lw=0.5, zorder=1))


def _pad(p, r):
    return p[0] - r, p[1] - r, p[0] + r, p[1] + r


def _crowding(points: dict, name: str) -> int:
    x, y = points[name]
    return sum(1 for n, (a, b) in points.items() if n != name and abs(a - x) < 25 and abs(b - y) < 8)


def _around(x, y, r, w, h) -> list[Box]:
    """Label boxes around a mark, in order of preference: right, left, above right, below right, ..."""
    d = r + OFFSET
    spots = [(x + d, y - h / 2), (x - d - w, y - h / 2), (x + d * 0.7, y - d * 0.7 - h), (x + d * 0.7, y + d * 0.7),
             (x - d * 0.7 - w, y - d * 0.7 - h), (x - d * 0.7 - w, y + d * 0.7), (x - w / 2, y - d - h),
             (x - w / 2, y + d)]
    return [Box(a, b, a + w, b + h) for a, b in spots]


def _inside(geom, w, h) -> list[Box]:
    """Label boxes centred at points inside a country, nearest its representative point first."""
    from shapely.geometry import Point
    largest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    cx, cy = largest.representative_point().coords[0]
    grid = [(cx + 4 * i, cy + 4 * j) for i in range(-12, 13) for j in range(-12, 13)]
    grid = [p for p in sorted(grid, key=lambda p: ((p[0] - cx) ** 2 + (p[1] - cy) ** 2, p))
            if largest.contains(Point(p))] or [(cx, cy)]
    return [Box(x - w / 2, y - h / 2, x + w / 2, y + h / 2) for x, y in grid[:200]]


def _best(spots: list[Box], frame: Box, taken: list[Box], gap: float = 0.4) -> Box:
    """The first spot inside the frame at least `gap` mm from all taken; else the one that meets the least."""
    inner = Box(frame.x0 + 1, frame.y0 + 1, frame.x1 - 1, frame.y1 - 1)
    for b in spots:
        if b.inside(inner) and not any(b.overlaps(t, gap) for t in taken):
            return b
    return min(spots, key=lambda b: (not b.inside(inner), sum(b.area_with(t) for t in taken)))


def _circle_label(ax, ring, centre, text, frame, taken) -> Box:
    """The circle's radius, just inside the circle at the first of a few bearings where it fits."""
    w, h = text_size(text, CITY_PT)
    spots = []
    for i in (68, 112, 22, 158, 90, 45):                     # bearings 136°, 224°, 44°, 316°, 180°, 90°
        x, y = ring[i]
        left = x - 1.2 - w if centre[0] < x else x + 1.2
        top = y - 1.2 - h if centre[1] < y else y + 1.2
        spots.append(Box(left, top, left + w, top + h))
    spot = _best(spots, frame, taken)
    ax.text(spot.x0, (spot.y0 + spot.y1) / 2, text, fontsize=CITY_PT, color=style.PRIMARY, va="center", zorder=5)
    return spot


def _scale_bar(ax, s, height) -> Box:
    km = min(SCALES_KM, key=lambda k: abs(k * 1000 * s - 22))
    length, x, y = km * 1000 * s, 3.0, height - 3.5
    ax.plot([x, x + length], [y, y], color=style.INK, lw=1.0, solid_capstyle="butt", zorder=5)
    for tx in (x, x + length):
        ax.plot([tx, tx], [y - 0.8, y + 0.4], color=style.INK, lw=0.6, zorder=5)
    label = f"{number(km)} km"
    w, h = text_size(label, COUNTRY_PT)
    ax.text(x + length + 1.2, y, label, fontsize=COUNTRY_PT, color=style.INK, va="center", zorder=5)
    return Box(x - 0.5, y - 1.2, x + length + 1.2 + w, y + h / 2 + 0.3)


def _where(r: dict) -> str:
    lat, lon = float(r["latitude"]), float(r["longitude"])
    return f"{abs(lat):.2f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.2f}° {'E' if lon >= 0 else 'W'}"


def _alt(decl: dict, rows: list[dict], dist: dict) -> str:
    circle = decl.get("circle")
    text = f"Map of {decl['title']}, {count(len(rows), 'place')}. "
    if circle:
        text += f"A dashed circle marks {number(circle['radius_km'])} km around {circle['centre']}. "
    parts = []
    for r in rows:
        far = (f", {number(round(dist[r['name']]))} km from {circle['centre']}"
               if circle and r["name"] != circle["centre"] else "")
        parts.append(f"{r['name']}, {r['country']} ({_where(r)}){far}")
    return text + "; ".join(parts) + "."


def _table(rows: list[dict], dist: dict) -> list[dict]:
    return [{"place": r["name"], "country": r["country"], "role": r["role"], "latitude": r["latitude"],
             "longitude": r["longitude"], **({"distance_km": round(dist[r["name"]])} if dist else {})} for r in rows]
