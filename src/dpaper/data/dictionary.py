"""The data dictionary (generated from the schemas) and the validation summary of a build."""
from __future__ import annotations

import json
from pathlib import Path

from dpaper.data.schema import clean_fields, foreign_keys, load_schema, primary_key


def describe_field(field: dict, descriptor: dict) -> dict:
    c = field.get("constraints", {})
    rules = []
    if c.get("required"):
        rules.append("required")
    if "enum" in c:
        rules.append("one of: " + ", ".join(map(str, c["enum"])))
    lo, hi = c.get("minimum"), c.get("maximum")
    if lo is not None or hi is not None:
        top = "the edition year" if hi == "edition-year" else hi if hi is not None else "…"
        rules.append(f"from {lo if lo is not None else '…'} to {top}")
    if "pattern" in c:
        rules.append(f"matches {c['pattern']}")
    for f, res, ref in foreign_keys(descriptor):
        if f == field["name"]:
            rules.append(f"a {ref} of {res}")
    kind = field.get("kind")
    if "derived" in field:
        rules.append(f"derived from {field['derived']}")
    return {"name": field["name"], "type": field.get("type", "string") + (f" ({kind})" if kind else ""),
            "unit": field.get("unit", ""), "title": field.get("title", ""),
            "description": field.get("description", ""), "rules": "; ".join(rules)}


def dictionary(schema_paths: list[str], report_paths: list[str]) -> list[dict]:
    reports = {Path(p).stem: json.loads(Path(p).read_text(encoding="utf-8")) for p in report_paths}
    out = []
    for path in schema_paths:
        name = Path(path).stem
        d = load_schema(path)
        out.append({"name": name, "title": d.get("title", name), "description": d.get("description", ""),
                    "provenance": d.get("provenance", ""), "key": ", ".join(primary_key(d)),
                    "raw": reports[name]["raw"], "rows": reports[name]["rows"],
                    "checks": reports[name]["checks"],
                    "fields": [describe_field(f, d) for f in clean_fields(d)]})
    return out


def summary(datasets: list[dict]) -> dict:
    return {"datasets": len(datasets), "rows": sum(d["rows"] for d in datasets),
            "checks": sum(d["checks"] for d in datasets),
            "by_dataset": {d["name"]: {"rows": d["rows"], "checks": d["checks"]} for d in datasets}}


def print_summary(path: str | Path) -> None:
    """Snakemake's onsuccess: one line on what the build validated."""
    p = Path(path)
    if p.exists():
        s = json.loads(p.read_text(encoding="utf-8"))
        print(f"Validated {s['datasets']} datasets, {s['rows']} rows: {s['checks']} checks passed "
              f"(details: {p.parent / 'web' / 'data.html'}).")
