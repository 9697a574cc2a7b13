"""Report -> HTML -> PDF with headless Chromium (print to PDF).

Tables are real <table>s with rowspan/colspan headers in <thead> (Chromium
repeats them on each page), ruled or borderless; narrative as paragraphs.
"""
import html
import os
import subprocess
import tempfile

import grid as gridmod
import model
import narrative

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-pdf-header-footer"]


def css(opts):
    border = "0.6pt solid #000" if opts["ruled"] else "none"
    return f"""
@page {{ size: A4 {opts.get('orientation', 'portrait')}; margin: 18mm 14mm; }}
body {{ font-family: "{opts['font']}"; font-size: {opts['font_size']}pt; line-height: 1.5; }}
h1 {{ font-size: 16pt; text-align: center; margin: 0 0 10pt; }}
h2 {{ font-size: 13pt; margin: 10pt 0 6pt; }}
p {{ text-indent: 2em; margin: 0 0 4pt; }}
.table {{ {'page-break-before: always;' if opts['table_new_page'] else 'margin-top: 14pt;'} }}
.title {{ font-size: 12pt; font-weight: bold; text-align: center; margin-bottom: 4pt; }}
.unit {{ display: flex; justify-content: space-between; font-size: {opts['font_size'] - 1}pt; }}
table {{ border-collapse: collapse; width: 100%; font-size: {opts['table_font_size']}pt; }}
td, th {{ border: {border}; padding: 1pt 2pt; vertical-align: {'middle' if opts.get('vcenter', True) else 'top'}; }}
.running {{ position: fixed; top: -12mm; left: 0; right: 0; text-align: center; font-size: 9pt; }}
.watermark {{ position: fixed; top: 45%; left: 20%; font-size: 48pt; color: #ddd; transform: rotate(-30deg); }}
th {{ font-weight: normal; text-align: center; }}
td.n {{ text-align: right; white-space: nowrap; }}
tr {{ page-break-inside: avoid; }}
.note {{ font-size: {opts['table_font_size']}pt; text-indent: 0; margin: 2pt 0; }}
"""


def table_html(g, repeat=True):
    total = sum(g.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in g.widths)
    head = "".join("<tr>" + "".join(
        f'<th colspan="{c.colspan}" rowspan="{c.rowspan}">{html.escape(c.text)}</th>' for c in row) + "</tr>"
        for row in g.header)
    body = "".join("<tr>" + "".join(
        f'<td colspan="{c.colspan}"{" class=n" if c.numeric else ""}>{html.escape(c.text)}</td>' for c in row)
        + "</tr>" for row in g.body)
    notes = "".join(f'<p class="note">{html.escape(n)}</p>' for n in g.notes)
    remark = f'<p class="note">{html.escape(g.remark)}</p>' if g.remark else ""
    return (f'<div class="table">{lead_html(g)}'
            f'<table><colgroup>{cols}</colgroup>'
            f'{"<thead>" + head + "</thead><tbody>" if repeat else "<tbody>" + head}{body}</tbody></table>'
            f'{notes}{remark}</div>')


def lead_html(g):
    """The lines before a table (Grid.lead): the title centred, others left/right/split."""
    out = ""
    for how, text in g.lead:
        if how == "center":
            out += f'<div class="title">{html.escape(text)}</div>'
        elif how == "split":
            out += ('<div class="unit">' + "".join(f"<span>{html.escape(t)}</span>" for t in text) + "</div>")
        elif text:
            out += f'<div style="text-align:{how}">{html.escape(text)}</div>'
    return out


def paragraphs_html(items):
    return "".join(f"<h2>{html.escape(t)}</h2>" if k == "h" else f"<p>{html.escape(t)}</p>" for k, t in items)


def report_html(report, opts):
    part1, rest = opts.get("narrative") or narrative.paragraphs(report)
    grids = opts.get("grids") or [gridmod.table_grid(report, kind, opts["thousands"], opts["split_codes"],
                                                     opts.get("total_label", "小计")) for kind in model.TABLE_KINDS]
    tables = [table_html(g, opts.get("repeat_header", True)) for g in grids]
    furniture = "".join(f'<div class="{cls}">{html.escape(opts[key])}</div>'
                        for cls, key in (("running", "running_header"), ("watermark", "watermark")) if opts.get(key))
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css(opts)}</style></head><body>'
            f'{furniture}'
            f'<h1>{html.escape(opts.get("heading") or f"{report.unit}{report.year}年度部门决算")}</h1>{paragraphs_html(part1)}'
            f'<h2 style="page-break-before: always">{html.escape(opts.get("tables_heading") or f"第二部分 {report.unit}{report.year}年度部门决算表")}</h2>'
            f'{"".join(tables)}<div style="page-break-before: always">{paragraphs_html(rest)}</div></body></html>')


def write_pdf(report, opts, pdf_path):
    os.makedirs(os.path.dirname(pdf_path), exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "report.html")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(report_html(report, opts))
        profile = os.path.join(tmp, "profile")
        subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}",
                        "file://" + src], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=180)
