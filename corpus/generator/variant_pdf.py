"""Varied reports through the four real PDF producers, each with a text twin.

The grids come from variant_grid (the variation's titles, unit lines, column
orders, 行次 schemes, zeros, label widths); the producers add the variation's
page furniture (running header, footer form, watermark), cell vertical
alignment and orientation.  Afterwards, in this order: fixed dates and IDs
(pdf_normalize); a check that pdftotext finds every truth value as printed;
landscape pages stored rotated (portrait MediaBox, content turned, /Rotate
90) when the variation says so; ToUnicode maps removed from Type0 fonts when
the variation draws fonts without them (the reader must decode through the
embedded font's cmap); fixed dates and IDs again.
"""
import os
import shutil
import subprocess
import tempfile

import pdf_normalize
import pdf_producers
import soffice
import variant_grid
import vary_model

FOOTER_FORMS = {"dash": "- {PAGE} -", "plain": "{PAGE}", "of_total": "第 {PAGE} 页 共 {NUMPAGES} 页",
                "chinese": "第{PAGE}页"}


def producer_opts(report, v, rng):
    opts = {
        "ruled": v.ruled, "font": v.font, "font_size": rng.choice([10.5, 11, 12]),
        "table_font_size": v.table_font_size, "thousands": v.thousands, "split_codes": v.code_layout != "joined",
        "table_new_page": rng.random() < 0.8, "orientation": v.orientation,
        "page_numbers": v.footer is not None and v.producer != "chromium",
        "footer_form": FOOTER_FORMS.get(v.footer, "{PAGE}"), "running_header": "", "watermark": v.watermark or "",
        "vcenter": v.vcenter or v.producer == "libreoffice-calc", "repeat_header": rng.random() < 0.75,
        "grids": variant_grid.all_grids(report, v),
        "narrative_line_units": 60,      # Calc: narrative lines broken here, so none is clipped
    }
    if v.running_header:
        opts["running_header"] = f"{report.unit}{report.year}年度部门决算"
    return opts


def printed_values_ok(pdf_path, truth_cells, thousands):
    """pdftotext finds every nonzero truth value as printed (nothing clipped, nothing shown as ###)."""
    text = subprocess.run(["pdftotext", pdf_path, "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    missing = []
    for cell in truth_cells:
        if cell["value"]:
            printed = f"{cell['value']:,.2f}" if thousands else f"{cell['value']:.2f}"
            if printed not in flat:
                missing.append(printed)
    return missing


def rotate_pages(path):
    """Landscape pages stored as portrait pages with the content turned and /Rotate 90."""
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import RectangleObject
    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        if w > h:
            page.add_transformation(Transformation().rotate(90).translate(h, 0))
            box = RectangleObject([0, 0, h, w])
            page.mediabox = box
            page.cropbox = box
            page.rotation = 90
            page.compress_content_streams()
    with open(path, "wb") as fh:
        writer.write(fh)


def strip_tounicode(path):
    """Remove /ToUnicode from every Type0 font (pages and their form XObjects)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject
    reader = PdfReader(path)
    writer = PdfWriter(clone_from=reader)
    seen = set()

    def visit(resources):
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            if font.get("/Subtype") == "/Type0" and "/ToUnicode" in font:
                del font[NameObject("/ToUnicode")]
        for xobj in (resources.get("/XObject") or {}).values():
            xobj = xobj.get_object()
            if xobj.get("/Subtype") == "/Form":
                visit(xobj.get("/Resources"))

    for page in writer.pages:
        visit(page.get("/Resources"))
    with open(path, "wb") as fh:
        writer.write(fh)


def write_all(root, producers, per_producer, force, gen):
    """Renders per_producer PDFs for each producer (keeping existing ones unless force);
    `gen` is make_variations (build, narrative_items, write_text, write_truth, entry)."""
    import cells as cellsmod
    build_dir = tempfile.mkdtemp(prefix="variations-build-")
    entries, pending, finish = [], [], []
    try:
        for producer in producers:
            pdf_dir = os.path.join(root, "pdf", producer)
            os.makedirs(pdf_dir, exist_ok=True)
            for i in range(per_producer):
                report, v, rng = gen.build(producer, i)
                items, former = gen.narrative_items(report)
                vary_model.apply(report, v)
                opts = producer_opts(report, v, rng)
                opts["narrative"] = items
                pdf_path = os.path.join(pdf_dir, report.stem + ".pdf")
                text_path = os.path.join(root, "text", report.stem + ".txt")
                truth_path = os.path.join(root, "truth", report.stem + ".cells.jsonl.gz")
                exists = os.path.exists(pdf_path) and not force
                if not exists:
                    src = pdf_producers.render(report, opts, producer, pdf_path, build_dir)
                    if src:
                        pending.append((src, pdf_dir))
                    finish.append((pdf_path, v, cellsmod.report_cells(report)))
                align = gen.write_text(report, v, rng, text_path, items)
                gen.write_truth(report, truth_path)
                pdf_entry = gen.entry(pdf_path, truth_path, producer, v, report, former_names=former,
                                      text_twin=os.path.relpath(text_path, root))
                pdf_entry["features"]["table_new_page"] = opts["table_new_page"]
                text_entry = gen.entry(text_path, truth_path, "text", v, report, former_names=former,
                                       pdf_twin=os.path.relpath(pdf_path, root), align=list(align))
                entries += [pdf_entry, text_entry]
        by_dir = {}
        for src, out in pending:
            by_dir.setdefault(out, []).append(src)
        for out, srcs in by_dir.items():
            soffice.convert(srcs, out)
    finally:
        shutil.rmtree(build_dir, ignore_errors=True)
    for path, v, truth_cells in finish:
        pdf_normalize.normalize(path)
        missing = printed_values_ok(path, truth_cells, v.thousands)
        if missing:
            print(f"WARNING {path}: pdftotext misses {missing[:5]}")
        if v.rotate_tables:
            rotate_pages(path)
        if not v.tounicode:
            strip_tounicode(path)
        pdf_normalize.normalize(path)
    for e in entries:
        if e["producer"] != "text":
            path = os.path.join(root, e["path"])
            info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
            pages = [l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")]
            e["features"]["pages"] = int(pages[0]) if pages else 0
            e["features"]["bytes"] = os.path.getsize(path)
    return entries
