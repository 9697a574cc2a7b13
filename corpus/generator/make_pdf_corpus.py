"""PDFs of random reports through real producers, each with a text twin and truth.

Producers: LibreOffice Writer (.docx), LibreOffice Calc (.xlsx), headless
Chromium (HTML), reportlab (STSong-Light, not embedded).  For every PDF:
corpus/pdf/<producer>/<stem>.pdf, corpus/text/<stem>.txt (the same model in
the seed's text layout) and corpus/truth/<stem>.cells.jsonl (shared).
Every PDF is checked: pdftotext output holds all nine table titles and every
truth value as printed (no number clipped or wrapped).
"""
import json
import os
import random
import shutil
import subprocess
import tempfile

import cells
import checks
import generate
import make_text_corpus
import model
import pdf_normalize
import pdf_producers
import render_text
import soffice

PRODUCERS = [("libreoffice-writer", "writer"), ("libreoffice-calc", "calc"), ("chromium", "chromium"),
             ("reportlab", "reportlab")]
FONTS = ["Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei"]
PER_PRODUCER = 11


def plan():
    """[(index, producer, short name, size class, amount unit)], deterministic."""
    units = ["万元", "元", "万元", "千元", "万元", "元"]
    out = []
    for p, (producer, short) in enumerate(PRODUCERS):
        for k in range(PER_PRODUCER):
            i = p * PER_PRODUCER + k
            size = "large" if k % 4 == 1 else "small"
            out.append((i, producer, short, size, units[(k + p) % len(units)]))
    return out


def pdf_options(rng, producer, report):
    if producer == "reportlab":
        font = "STSong-Light"
    elif producer == "chromium":   # Chromium embeds CFF fonts (Noto) as large Type 3 fonts: mostly WenQuanYi
        font = rng.choice(FONTS[:2] + [FONTS[2]] * 4)
    else:
        font = rng.choice(FONTS)
    borderless_odds = {"libreoffice-calc": 0.5, "reportlab": 0.4, "chromium": 0.3, "libreoffice-writer": 0.2}
    return {
        "ruled": rng.random() >= borderless_odds[producer],
        "font": font,
        "font_size": rng.choice([10.5, 11, 12]),
        "table_font_size": rng.choice([7, 7.5, 8, 8.5]),
        "thousands": report.amount_unit != "万元" or rng.random() < 0.2,
        "split_codes": rng.random() < 0.3,
        "table_new_page": rng.random() < 0.8,
        "orientation": "landscape" if rng.random() < 0.2 else "portrait",
        "page_numbers": rng.random() < 0.6,
        "total_label": rng.choice(["小计", "合计", "本年支出合计"]),
        "repeat_header": rng.random() < 0.75,
    }


def pdf_text_ok(pdf_path, truth_path, thousands):
    """pdftotext output holds every table title and every truth value as printed."""
    text = subprocess.run(["pdftotext", pdf_path, "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    missing = [t for t in render_text.TITLES.values() if t not in flat]
    with open(truth_path, encoding="utf-8") as fh:
        for line in fh:
            value = json.loads(line)["value"]
            printed = f"{value:,.2f}" if thousands else f"{value:.2f}"
            if printed not in flat:
                missing.append(printed)
    return not missing, missing


def write_all(root):
    build = tempfile.mkdtemp(prefix="corpus-build-")
    entries, pending = [], []
    try:
        for index, producer, short, size, unit in plan():
            rng = random.Random(f"pdf-{index}")
            budget = generate.random_budget(rng, size, unit)
            stem = f"{short}-{index:02d}-{size}-{make_text_corpus.UNIT_SLUG[unit]}"
            report = model.build_report(budget, stem)
            checks.check_report(report)
            opts = pdf_options(rng, producer, report)
            pdf_dir = os.path.join(root, "pdf", producer)
            os.makedirs(pdf_dir, exist_ok=True)
            pdf_path = os.path.join(pdf_dir, stem + ".pdf")
            src = pdf_producers.render(report, opts, producer, pdf_path, build)
            if src:
                pending.append((src, pdf_dir))
            style = make_text_corpus.random_style(rng, report)
            style.code_layout = "split" if opts["split_codes"] else "joined"
            style.thousands = opts["thousands"]
            text_path = os.path.join(root, "text", stem + ".txt")
            truth_path = os.path.join(root, "truth", stem + ".cells.jsonl")
            render_text.write_text(report, style, text_path)
            cells.write_cells(report, truth_path)
            features = {"ruled": opts["ruled"], "font": opts["font"], "thousands": opts["thousands"],
                        "code_layout": style.code_layout, "table_new_page": opts["table_new_page"],
                        "orientation": opts["orientation"], "page_numbers": opts["page_numbers"],
                        "repeat_header": opts["repeat_header"]}
            pdf_entry = make_text_corpus.manifest_entry(root, report, pdf_path, truth_path, producer, features, size)
            pdf_entry["text_twin"] = os.path.relpath(text_path, root)
            text_entry = make_text_corpus.manifest_entry(root, report, text_path, truth_path, "text",
                                                         style.features(), size)
            text_entry["pdf_twin"] = os.path.relpath(pdf_path, root)
            entries += [pdf_entry, text_entry]
        by_dir = {}
        for src, out in pending:
            by_dir.setdefault(out, []).append(src)
        for out, srcs in by_dir.items():
            soffice.convert(srcs, out)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    for e in entries:
        if e["producer"] != "text":
            path = os.path.join(root, e["path"])
            pdf_normalize.normalize(path)
            ok, missing = pdf_text_ok(path, os.path.join(root, e["truth"]), e["features"]["thousands"])
            pages = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
            e["features"]["pages"] = int(next(l.split()[-1] for l in pages.splitlines() if l.startswith("Pages:")))
            e["features"]["bytes"] = os.path.getsize(path)
            assert ok, (path, missing)
    return entries
