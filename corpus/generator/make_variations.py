"""The layout-variation corpus: corpus/variations/.

Every report draws every dimension of variation.py at random from its own
seeded RNG (`random.Random("var-<producer>-<index>")`), so the output is
deterministic and combinations occur that nobody picked.

  text/<stem>.txt              varied pdftotext-style reports (and the text twin of every PDF)
  pdf/<producer>/<stem>.pdf    the same models through the four real producers
  truth/<stem>.cells.jsonl.gz  truth cells (spec/cells.md); a PDF and its text twin share it
  planted/<stem>.txt           one planted error each, text layout (no truth: `planted` says what)
  MANIFEST.json                every file: path, truth, producer, features, planted

usage: python3 corpus/generator/make_variations.py [--text N] [--planted N] [--pdf N] [--producers a,b]
(--pdf N: N PDFs for each producer named; PDFs already present are kept unless --force; entries of
producers not named are kept from the previous MANIFEST.json.)
"""
import argparse
import gzip
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(os.path.dirname(HERE), "variations")
sys.path.insert(0, HERE)

import cells  # noqa: E402
import checks  # noqa: E402
import former_names  # noqa: E402
import generate  # noqa: E402
import model  # noqa: E402
import narrative  # noqa: E402
import planted  # noqa: E402
import variant_text  # noqa: E402
import variation  # noqa: E402
import vary_model  # noqa: E402

UNIT_SLUG = {"万元": "wan", "元": "yuan", "千元": "qian"}
SHORT = {"text": "text", "libreoffice-writer": "writer", "libreoffice-calc": "calc", "chromium": "chromium",
         "reportlab": "reportlab"}
ZERO_TABLES = ["income_expenditure_summary", "income", "expenditure", "fiscal_grant_summary",
               "general_budget_expenditure"]


def build(producer, index, tag=None):
    """(report, variation, rng) of one planned report."""
    rng = random.Random(f"var-{tag or producer}-{index}")
    size = "large" if rng.random() < 0.1 else "small"
    if producer == "chromium":      # Chromium's embedded fonts make large reports' PDFs megabytes
        size = "small"
    v = variation.draw(rng, producer, size)
    budget = generate.random_budget(rng, size, v.amount_unit)
    budget.print_zeros = frozenset(rng.sample(ZERO_TABLES, rng.randint(1, 3))) if v.print_zeros else frozenset()
    stem = f"var-{SHORT.get(producer, tag)}-{index:03d}-{size}-{UNIT_SLUG[v.amount_unit]}"
    report = model.build_report(budget, stem)
    checks.check_report(report)
    return report, v, rng


def narrative_items(report):
    """The narrative paragraphs (written before vary_model.apply scales a table to another
    unit) and the former names some of them use instead of current ones (seeded by the
    stem apart from the report's RNG, so the other dimensions keep their draws)."""
    items = narrative.paragraphs(report)
    rng = random.Random(f"former-{report.stem}")
    if rng.random() < 0.35:
        return former_names.rename(items, rng)
    return items, []


def write_truth(report, path):
    """Truth cells, gzipped (mtime 0, no name: reproducible bytes; `zcat` reads them)."""
    lines = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cells.report_cells(report))
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as fh:
        fh.write(lines.encode("utf-8"))


def write_text(report, v, rng, path, items):
    """The text layout; `items`: the narrative paragraphs, written before vary_model.apply
    scaled any table to another unit (the narrative states the report's unit)."""
    blocks = narrative.blocks(report, rng.randint(24, 34), True, items)
    text, align = variant_text.render_report(report, v, rng, blocks)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return align


def entry(path, truth, producer, v, report, **extra):
    features = v.features()
    features["empty_tables"] = [k for k, t in report.tables.items() if t.empty]
    features["coded_rows"] = sum(1 for r in report.tables["expenditure"].rows if r.code)
    out = {"path": os.path.relpath(path, ROOT), "producer": producer, "features": features}
    if truth:
        out["truth"] = os.path.relpath(truth, ROOT)
    out.update(extra)
    return out


def text_reports(count):
    entries = []
    for i in range(count):
        report, v, rng = build("text", i)
        items, former = narrative_items(report)
        vary_model.apply(report, v)
        path = os.path.join(ROOT, "text", report.stem + ".txt")
        truth = os.path.join(ROOT, "truth", report.stem + ".cells.jsonl.gz")
        align = write_text(report, v, rng, path, items)
        write_truth(report, truth)
        entries.append(entry(path, truth, "text", v, report, align=list(align), former_names=former))
    return entries


def planted_reports(count):
    entries = []
    for i in range(count):
        kind = planted.KINDS[i % len(planted.KINDS)]
        for attempt in range(20):
            report, v, rng = build("text", i * 100 + attempt, tag="planted")
            items, record = None, None
            if kind in ("wrong_total", "missing_row"):
                record = planted.plant_table(report, kind, rng)
            else:
                items, record = planted.plant_narrative(report, kind, rng)
            if record:
                break
        items = items or narrative.paragraphs(report)
        vary_model.apply(report, v)
        stem = f"planted-{i:03d}-{kind}"
        report.stem = stem
        path = os.path.join(ROOT, "planted", stem + ".txt")
        align = write_text(report, v, rng, path, items)
        entries.append(entry(path, None, "text", v, report, planted=record, align=list(align)))
    return entries


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--text", type=int, default=150)
    ap.add_argument("--planted", type=int, default=40)
    ap.add_argument("--pdf", type=int, default=0)
    ap.add_argument("--producers", default="libreoffice-writer,libreoffice-calc,chromium,reportlab")
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args(argv)
    for sub in ("text", "truth", "planted"):
        os.makedirs(os.path.join(ROOT, sub), exist_ok=True)
    entries = text_reports(args.text) + planted_reports(args.planted)
    producers = args.producers.split(",") if args.pdf else []
    entries += previous_pdf_entries(producers)
    if args.pdf:
        import variant_pdf
        entries += variant_pdf.write_all(ROOT, producers, args.pdf, args.force, sys.modules[__name__])
    with open(os.path.join(ROOT, "MANIFEST.json"), "w", encoding="utf-8") as fh:
        json.dump({"generator": "corpus/generator/make_variations.py", "files": entries}, fh,
                  ensure_ascii=False, indent=1)
        fh.write("\n")
    remove_stale(entries)
    print(f"{len(entries)} files in variations/MANIFEST.json")


def remove_stale(entries):
    """Delete generated files this manifest does not list (left from a larger plan)."""
    keep = {e["path"] for e in entries} | {e["truth"] for e in entries if "truth" in e}
    for top in ("text", "truth", "planted", "pdf"):
        for folder, _, names in os.walk(os.path.join(ROOT, top)):
            for name in names:
                path = os.path.join(folder, name)
                if os.path.relpath(path, ROOT) not in keep:
                    os.remove(path)


def previous_pdf_entries(rendered):
    """PDF entries (and their text twins) of an earlier run for producers this run does not render."""
    old = os.path.join(ROOT, "MANIFEST.json")
    if not os.path.exists(old):
        return []
    with open(old, encoding="utf-8") as fh:
        files = json.load(fh)["files"]
    def producer(e):
        return e["producer"] if e["producer"] != "text" else next(
            (f["producer"] for f in files if f["path"] == e.get("pdf_twin")), "text")
    return [e for e in files if (e["producer"] != "text" or e.get("pdf_twin")) and producer(e) not in rendered]


if __name__ == "__main__":
    main(sys.argv[1:])
