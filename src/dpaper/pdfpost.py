"""What WeasyPrint 70's tagged PDF (PDF/UA-1) still lacks, added with pikepdf after layout.

- Running heads and folios (CSS margin boxes) are drawn as marked content
  that no structure element holds (WeasyPrint says so in `pdf/tags.py`): they
  become `/Artifact` (pagination), and their orphan elements leave the
  parent tree.
- Footnotes become `/Note` elements with an `/ID` (WeasyPrint gives them
  `/Span` in a `/NonStruct` per page foot); the contents `<nav>` becomes a
  `/Div` instead of a `/NonStruct`.
- Table headers carry `/Scope` (Column in the header, Row in the body).
- Link annotations get `/Contents` (PDF/UA asks each a description) and
  pages with annotations `/Tabs /S`.
- Page labels: roman for the pages before Chapter 1, arabic from it, so a
  viewer's page numbers are the printed folios.
- XMP: a document and an instance ID, derived from the edition (never random,
  so the bytes stay the same).

Everything is deterministic: the same input PDF gives the same output bytes.
"""
from __future__ import annotations

import re
import uuid
from pathlib import Path

from dpaper.errors import BuildError

MARKED = re.compile(rb"/[A-Za-z]+\s*<<\s*/MCID (\d+)\s*>>\s*BDC")


def _kids(e):
    k = e.get("/K")
    if k is None:
        return []
    import pikepdf
    items = list(k) if isinstance(k, pikepdf.Array) else [k]
    return [c for c in items if isinstance(c, pikepdf.Dictionary) and "/S" in c]


def _walk(e):
    yield e
    for c in _kids(e):
        yield from _walk(c)


def finish(path: str | Path, first_arabic: int, document_id: str, archive_files: list[Path] = (),
           attachment_date: str | None = None) -> None:
    """Post-process the tagged PDF at `path` in place (see the module's docstring). `first_arabic` is the
    0-based index of Chapter 1's first page; `document_id` names the edition (a UUID is derived from it)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    path = Path(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            raise BuildError(f"{path}: expected a tagged PDF (pdf_variant pdf/ua-1 or pdf/a-3a)")
        doc = root.K[0]
        reachable = {e.objgen for e in _walk(doc)}

        # 1. marked content no element holds -> artifacts
        nums = root.ParentTree.Nums
        orphans: dict[int, set[int]] = {}
        for i in range(0, len(nums), 2):
            key, value = int(nums[i]), nums[i + 1]
            if isinstance(value, Array) and key < len(pdf.pages):
                lost = {mcid for mcid, e in enumerate(value) if e.objgen not in reachable}
                if lost:
                    orphans[key] = lost
                    for mcid in lost:
                        value[mcid] = pikepdf.Object.parse(b"null")
        for number, lost in orphans.items():
            page = pdf.pages[number]
            if not isinstance(page.Contents, pikepdf.Stream):
                raise BuildError(f"{path}: page {number + 1}: expected one content stream (WeasyPrint's)")
            found = set()

            def artifact(m):
                mcid = int(m.group(1))
                if mcid not in lost:
                    return m.group(0)
                found.add(mcid)
                return b"/Artifact <</Type /Pagination>> BDC"
            # WeasyPrint writes each tag as `/Tag\n<</MCID n>>\nBDC`; a rewrite of those operators alone
            # is ten times faster than parsing and writing back the whole stream
            data = MARKED.sub(artifact, page.Contents.read_bytes())
            if found != lost:
                raise BuildError(f"{path}: page {number + 1}: marked content {sorted(lost - found)} not found "
                                 "in the page's content stream (WeasyPrint drew it elsewhere)")
            page.Contents.write(data)

        # 2. footnotes as notes; the contents as a division; 3. header scope
        note = 0
        for e in list(_kids(doc)):
            kids = _kids(e)
            if e.S == Name.NonStruct and kids and all(k.S == Name.Span for k in kids):
                e.S = Name.Div
                for k in kids:
                    note += 1
                    k.S = Name.Note
                    k.ID = String(f"note-{note}")
            elif e.S == Name.NonStruct:
                e.S = Name.Div
        for e in _walk(doc):
            if e.S == Name.Table:
                for section in _kids(e):
                    scope = Name.Column if section.S == Name.THead else Name.Row
                    for cell in (c for row in _kids(section) for c in _kids(row) if c.S == Name.TH):
                        attrs = cell.get("/A")
                        if isinstance(attrs, Dictionary):
                            attrs.Scope = scope
                        else:
                            cell.A = Dictionary(O=Name.Table, Scope=scope)

        # 4. links described; tab order follows the structure
        for number, page in enumerate(pdf.pages):
            annots = page.get("/Annots")
            if not annots:
                continue
            page.Tabs = Name.S
            for a in annots:
                if a.get("/Subtype") == Name.Link and "/Contents" not in a:
                    action = a.get("/A")
                    uri = action.get("/URI") if isinstance(action, Dictionary) else None
                    a.Contents = String(f"Link to {uri}" if uri is not None else "Link within the paper")

        # 5. page labels: roman before Chapter 1, arabic from it
        labels = [0, Dictionary(S=Name.r)]
        if 0 < first_arabic < len(pdf.pages):
            labels += [first_arabic, Dictionary(S=Name.D, St=1)]
        pdf.Root.PageLabels = pdf.make_indirect(Dictionary(Nums=Array(labels)))

        # 6. attachments (PDF/A-3): the data behind the paper
        if archive_files:
            from pikepdf import AttachedFileSpec

            from dpaper.publish import safe_csv
            for f in archive_files:
                spec = AttachedFileSpec(pdf, safe_csv(f.read_bytes()), filename=f.name, mime_type="text/csv",
                                        description=f"Dataset {f.stem} (cleaned, validated)",
                                        relationship=Name.Data, creation_date=attachment_date or "",
                                        mod_date=attachment_date or "")
                pdf.attachments[f.name] = spec
            af = Array([pdf.attachments[f.name].obj for f in archive_files])
            pdf.Root.AF = af

        # 7. XMP: document and instance IDs from the edition
        did = uuid.uuid5(uuid.NAMESPACE_URL, f"dpaper:{document_id}")
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["xmpMM:DocumentID"] = f"uuid:{did}"
            meta["xmpMM:InstanceID"] = f"uuid:{uuid.uuid5(did, 'pdf')}"
            meta["pdfuaid:part"] = "1"
        pdf.save(path, deterministic_id=True, fix_metadata_version=False)
