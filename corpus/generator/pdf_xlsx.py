"""Report -> .xlsx (openpyxl) -> PDF with LibreOffice Calc.

One sheet per table (title, unit line, merged header with wrapped narrow
cells, numbers as numeric cells with a 0.00 / #,##0.00 format, notes), the
narrative on a first and a last sheet.  Ruled sheets draw thin borders;
borderless sheets draw none and print no gridlines (as Excel exports without
gridlines).  Header rows repeat on every printed page; pages fit the width.
"""
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

import grid as gridmod
import model
import narrative

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def page_setup(ws, opts):
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = opts.get("orientation", "portrait")
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = False
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    if opts.get("page_numbers"):
        ws.oddFooter.center.text = opts.get("footer_form", "{PAGE}").replace("{PAGE}", "&P").replace("{NUMPAGES}", "&N")
    if opts.get("running_header"):
        ws.oddHeader.center.text = opts["running_header"]
    if opts.get("watermark"):
        ws.oddHeader.right.text = opts["watermark"]


def narrative_sheet(wb, title, items, opts):
    """The narrative, a paragraph a cell (wrapped by Calc), or with `narrative_line_units`
    a printed line a row, broken here and not centred: Calc crops a centred sheet's
    over-wide lines at the page's left edge (a figure would lose its leading digits)."""
    ws = wb.create_sheet(title)
    ws.column_dimensions["A"].width = 90
    font = opts["font"]
    per_line = opts.get("narrative_line_units")
    row = 1
    for kind, raw in items:
        text = raw if kind == "h" else "\u3000\u3000" + raw
        lines = narrative.wrap_lines(text, per_line / 2) if per_line else [text]
        for line in lines:
            cell = ws.cell(row, 1, line)
            cell.font = Font(name=font, size=opts["font_size"] + (1 if kind == "h" else 0), bold=kind == "h")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if not per_line:
                ws.row_dimensions[row].height = 16 * max(1, -(-len(raw) * 2 // 86)) + 2
            row += 1
    page_setup(ws, opts)
    if per_line:        # centred, Calc shifts the overflowing lines off the page's left edge
        ws.print_options.horizontalCentered = False


def lead_rows(ws, g, font, size):
    """The lines before a table (Grid.lead), a row each; returns the next free row."""
    row = 1
    for how, text in g.lead:
        if how == "split":
            left, right = text
            if left:
                ws.cell(row, 1, left).font = Font(name=font, size=size)
            if right:
                ws.cell(row, g.ncols, right).font = Font(name=font, size=size)
                ws.cell(row, g.ncols).alignment = Alignment(horizontal="right")
        elif text:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=g.ncols)
            title = how == "center"
            ws.cell(row, 1, text).font = Font(name=font, size=14 if title else size, bold=title)
            ws.cell(row, 1).alignment = Alignment(horizontal=how)
        row += 1
    return row


def table_sheet(wb, report, kind, opts, g=None):
    g = g or gridmod.table_grid(report, kind, opts["thousands"], opts["split_codes"], opts.get("total_label", "小计"))
    ws = wb.create_sheet(f"表{report.tables[kind].number}")
    font, size = opts["font"], opts["table_font_size"] + 1.5
    ruled = opts["ruled"]
    top = lead_rows(ws, g, font, size)
    rows = g.header + g.body
    number_format = "#,##0.00" if opts["thousands"] else "0.00"
    for r, c, rs, cs, cell in gridmod.place(rows, g.ncols):
        xr, xc = top + r, 1 + c
        if rs > 1 or cs > 1:
            ws.merge_cells(start_row=xr, start_column=xc, end_row=xr + rs - 1, end_column=xc + cs - 1)
        target = ws.cell(xr, xc)
        if cell.numeric and cell.text and cell.text not in ("-", "—", "－"):
            target.value = float(cell.text.replace(",", ""))
            target.number_format = number_format if "." in cell.text else "0"
        else:
            target.value = cell.text or None
        target.font = Font(name=font, size=size)
        header = r < len(g.header)
        target.alignment = Alignment(horizontal="center" if header else ("right" if cell.numeric else "left"),
                                     vertical="center" if opts.get("vcenter", True) else "top", wrap_text=True)
        if ruled:
            for dr in range(rs):
                for dc in range(cs):
                    ws.cell(xr + dr, xc + dc).border = BORDER
    col_widths = [max(3.2, w * 1.9 + 1) for w in g.widths]
    if sum(col_widths) < 75:      # a narrow (often empty) table still spans a page width
        col_widths = [w * 75 / sum(col_widths) for w in col_widths]
    for i, w in enumerate(col_widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    for r, height in row_heights(rows, g.ncols, col_widths, size).items():
        ws.row_dimensions[top + r].height = height
    line = top + len(rows)
    for note in g.notes + ([g.remark] if g.remark else []):
        ws.cell(line, 1, note).font = Font(name=font, size=size)
        line += 1
    if opts.get("repeat_header", True):
        ws.print_title_rows = f"{top}:{top + len(g.header) - 1}"
    page_setup(ws, opts)


def row_heights(rows, ncols, col_widths, size):
    """Point heights for rows whose wrapped text needs more than one line
    (Calc keeps the stored height of imported rows, it does not grow them)."""
    lines = {}
    for r, c, rs, cs, cell in gridmod.place(rows, ncols):
        if cell.numeric or not cell.text:
            continue
        per_line = max(1, int((sum(col_widths[c:c + cs]) - 0.6) / (size / 9 * 1.75)))
        units = sum(0.55 if ch.isascii() else 1.0 for ch in cell.text)
        need = int(-(-units // per_line))
        share = -(-need // rs)
        for dr in range(rs):
            lines[r + dr] = max(lines.get(r + dr, 1), share)
    return {r: n * size * 1.45 + 3 for r, n in lines.items() if n > 1}


def write_xlsx(report, opts, path):
    wb = Workbook()
    wb.remove(wb.active)
    part1, rest = opts.get("narrative") or narrative.paragraphs(report)
    narrative_sheet(wb, "概况", [("h", opts.get("heading") or f"{report.unit}{report.year}年度部门决算")] + part1, opts)
    grids = opts.get("grids") or [None] * len(model.TABLE_KINDS)
    for kind, g in zip(opts.get("kinds") or model.TABLE_KINDS, grids):
        table_sheet(wb, report, kind, opts, g)
    narrative_sheet(wb, "说明", rest, opts)
    wb.properties.creator = report.unit
    wb.save(path)
