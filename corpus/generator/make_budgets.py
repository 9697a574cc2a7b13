"""Generated budget reports (部门预算 / 单位预算, the national set in its Shanghai
form) with truth cells: corpus/budget/.

  text/<stem>.txt              pdftotext-style budgets (and the text twin of every PDF)
  pdf/<producer>/<stem>.pdf    the same models through the four real producers
  truth/<stem>.cells.jsonl.gz  truth cells (spec/cells.md, budget section)
  MANIFEST.json                every file: path, truth, producer, drawn form

Every report draws its model and its printed form from its own seeded RNG
(`random.Random("budget-<producer>-<index>")`): deterministic output.

usage: python3 corpus/generator/make_budgets.py [--text N] [--pdf N] [--producers a,b]
"""
import argparse
import gzip
import json
import os
import random
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(os.path.dirname(HERE), "budget")
sys.path.insert(0, HERE)

import budget_grid  # noqa: E402
import budget_jiangsu  # noqa: E402
import budget_model  # noqa: E402
import budget_narrative  # noqa: E402
import budget_tables  # noqa: E402
import budget_text  # noqa: E402
import budget_variation  # noqa: E402
import cells  # noqa: E402
import pdf_normalize  # noqa: E402
import pdf_producers  # noqa: E402
import soffice  # noqa: E402
import variant_pdf  # noqa: E402
import variation  # noqa: E402

SHORT = {"text": "text", "libreoffice-writer": "writer", "libreoffice-calc": "calc", "chromium": "chromium",
         "reportlab": "reportlab"}
PRODUCERS = ["libreoffice-writer", "libreoffice-calc", "chromium", "reportlab"]


def build(producer, index):
    """(report, form, grids, narrative, rng) of one planned budget."""
    rng = random.Random(f"budget-{producer}-{index}")
    stem = f"budget-{SHORT[producer]}-{index:03d}"
    region = "jiangsu" if rng.random() < 0.4 else "shanghai"
    report = budget_model.random_budget_report(rng, stem, region)
    kinds = budget_jiangsu.KINDS if region == "jiangsu" else budget_model.TABLE_KINDS
    form = budget_variation.draw(rng, producer, kinds)
    # Drawn from its own RNG so that adding the dimension left every other draw as it was.
    form.wrap_economic = random.Random(f"wrap-economic-{stem}").choice([0, 0, 4, 6, 8])
    # How split codes print (drawn apart likewise): 款/项 parts without their leading
    # zero, and one row per coded table whose 类 cell holds a stray digit (`7 11 02`).
    code_rng = random.Random(f"code-print-{stem}")
    form.code_digits = code_rng.choice(["padded", "padded", "unpadded"])
    form.stray_class = stem if code_rng.random() < 0.3 else ""
    if region == "jiangsu":
        form.zero_tables = frozenset()          # Jiangsu leaves zeros empty
        report.tables = budget_jiangsu.build_tables(report, rng)
    else:
        report.tables = budget_tables.build_tables(report, form.zero_printed)
    for number, kind in enumerate(kinds, 1):
        report.tables[kind].number = number
    grids = budget_jiangsu.all_grids(report, form) if region == "jiangsu" else \
        budget_grid.all_grids(report, form, kinds)
    return report, form, grids, budget_narrative.paragraphs(report, rng), rng


def write_truth(report, path):
    """Truth cells, gzipped (mtime 0, no name: reproducible bytes; `zcat` reads them)."""
    lines = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in budget_tables.truth_cells(report, cells.norm))
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as fh:
        fh.write(lines.encode("utf-8"))


def write_text(report, form, grids, narrative, rng, path):
    text, _ = budget_text.render_report(grids, form, rng, narrative)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def producer_opts(report, form, grids, narrative, rng):
    heading = f"{report.unit}{report.year}年{report.level}预算"
    return {"ruled": form.ruled, "font": rng.choice(variation.FONTS) if form.producer != "reportlab" else "STSong-Light",
            "font_size": rng.choice([10.5, 11, 12]), "table_font_size": rng.choice([7, 7.5, 8]),
            "thousands": form.thousands_coded, "split_codes": form.split_codes, "table_new_page": True,
            "orientation": form.orientation, "page_numbers": form.producer != "chromium",
            "footer_form": "{PAGE}", "running_header": "", "watermark": "", "vcenter": True,
            "repeat_header": True, "grids": grids, "narrative": narrative, "heading": heading,
            "tables_heading": f"{report.unit}{report.year}年{report.level}预算表",
            "kinds": list(report.tables), "narrative_line_units": 60}


def entry(path, truth, producer, form, report, **extra):
    out = {"path": os.path.relpath(path, ROOT), "truth": os.path.relpath(truth, ROOT), "producer": producer,
           "features": {**form.features(), "region": report.region, "level": report.level, "amount_unit": report.amount_unit,
                        "three_public_unit": report.three_public_unit,
                        "empty_tables": [k for k, t in report.tables.items() if t.empty]}}
    out.update(extra)
    return out


def text_reports(count):
    entries = []
    for i in range(count):
        report, form, grids, narrative, rng = build("text", i)
        text_path = os.path.join(ROOT, "text", report.stem + ".txt")
        truth_path = os.path.join(ROOT, "truth", report.stem + ".cells.jsonl.gz")
        write_text(report, form, grids, narrative, rng, text_path)
        write_truth(report, truth_path)
        entries.append(entry(text_path, truth_path, "text", form, report))
    return entries


def pdf_reports(producers, count):
    entries, pending = [], {}
    build_dir = tempfile.mkdtemp(prefix="budget-build-")
    try:
        for producer in producers:
            pdf_dir = os.path.join(ROOT, "pdf", producer)
            os.makedirs(pdf_dir, exist_ok=True)
            for i in range(count):
                report, form, grids, narrative, rng = build(producer, i)
                pdf_path = os.path.join(pdf_dir, report.stem + ".pdf")
                text_path = os.path.join(ROOT, "text", report.stem + ".txt")
                truth_path = os.path.join(ROOT, "truth", report.stem + ".cells.jsonl.gz")
                opts = producer_opts(report, form, grids, narrative, rng)
                src = pdf_producers.render(report, opts, producer, pdf_path, build_dir)
                if src:
                    pending.setdefault(pdf_dir, []).append(src)
                write_text(report, form, grids, narrative, rng, text_path)
                write_truth(report, truth_path)
                entries.append(entry(pdf_path, truth_path, producer, form, report,
                                     text_twin=os.path.relpath(text_path, ROOT)))
                entries.append(entry(text_path, truth_path, "text", form, report,
                                     pdf_twin=os.path.relpath(pdf_path, ROOT)))
        for out, srcs in pending.items():
            soffice.convert(srcs, out)
    finally:
        shutil.rmtree(build_dir, ignore_errors=True)
    for e in entries:
        if e["producer"] != "text":
            path = os.path.join(ROOT, e["path"])
            pdf_normalize.normalize(path)
            if e["features"]["rotate"] and e["features"]["orientation"] == "landscape":
                variant_pdf.rotate_pages(path)
            if not e["features"]["tounicode"]:
                variant_pdf.strip_tounicode(path)
            pdf_normalize.normalize(path)
    return entries


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--text", type=int, default=40)
    ap.add_argument("--pdf", type=int, default=5)
    ap.add_argument("--producers", default=",".join(PRODUCERS))
    args = ap.parse_args(argv)
    for sub in ("text", "truth"):
        os.makedirs(os.path.join(ROOT, sub), exist_ok=True)
    entries = text_reports(args.text)
    entries += pdf_reports([p for p in args.producers.split(",") if p], args.pdf)
    with open(os.path.join(ROOT, "MANIFEST.json"), "w", encoding="utf-8") as fh:
        json.dump({"files": entries}, fh, ensure_ascii=False, indent=1)
    print(f"{len(entries)} files under {ROOT}")


if __name__ == "__main__":
    main(sys.argv[1:])
