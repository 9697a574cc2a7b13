"""Report -> .docx (python-docx) -> PDF with LibreOffice Writer.

Tables are Word tables with merged header cells, header rows marked to repeat
on each page, ruled ('Table Grid') or borderless; narrative as paragraphs.
`write_docx` writes the .docx; `soffice.convert` turns a batch into PDFs.
"""
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

import grid as gridmod
import model
import narrative


def set_font(run_or_style, font, size=None, bold=None):
    f = run_or_style.font
    f.name = font
    if size:
        f.size = Pt(size)
    if bold is not None:
        f.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), font)


def paragraph(doc, text, font, size, bold=False, align=None, indent=False):
    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    if align:
        p.alignment = align
    p.paragraph_format.space_after = Pt(2)
    set_font(p.add_run(text), font, size, bold)
    return p


def repeat_header(row):
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def fit_widths(g, size, width_cm):
    """(font size, column widths in cm): numbers and codes never wrap; the font
    shrinks down to 6pt if needed, then name columns take what is left."""
    text_cols = {c for r, c, rs, cs, cell in gridmod.place(g.body, g.ncols)
                 if cs == 1 and cell.text and not cell.numeric and not cell.text.isdigit()}
    while True:
        need = [w * size * 0.0353 + 0.25 for w in g.widths]
        if sum(need) <= width_cm or size <= 6:
            break
        size -= 0.5
    if sum(need) <= width_cm:
        return size, [w * width_cm / sum(need) for w in need]
    fixed = sum(w for c, w in enumerate(need) if c not in text_cols)
    spare = max(width_cm - fixed, 1.2 * len(text_cols))
    text_need = sum(need[c] for c in text_cols) or 1
    return size, [need[c] * spare / text_need if c in text_cols else need[c] for c in range(g.ncols)]


def add_table(doc, g, opts, width_cm):
    rows = g.header + g.body
    table = doc.add_table(rows=len(rows), cols=g.ncols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if opts["ruled"]:
        table.style = doc.styles["Table Grid"]
    size, cm_widths = fit_widths(g, opts["table_font_size"], width_cm)
    widths = [Cm(w) for w in cm_widths]
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for i, col in enumerate(table.columns):
        col.width = widths[i]     # tblGrid: what LibreOffice lays out by
    cells = table._cells          # computed once: table.cell() recomputes the whole grid each call
    for i, cell in enumerate(cells):
        cell.width = widths[i % g.ncols]
    for i, row in enumerate(table.rows):
        if i < len(g.header) and opts.get("repeat_header", True):
            repeat_header(row)
    for r, c, rs, cs, cell in gridmod.place(rows, g.ncols):
        target = cells[r * g.ncols + c]
        if rs > 1 or cs > 1:
            target = target.merge(cells[(r + rs - 1) * g.ncols + c + cs - 1])
        if opts.get("vcenter"):
            target.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        p = target.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        if r < len(g.header):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif cell.numeric:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if cell.text:
            set_font(p.add_run(cell.text), opts["font"], size)
    return table


def add_field(run, name):
    for kind, text in (("begin", None), (None, name), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)


def furniture_header(section, opts, font):
    """A running header line and a watermark text in the page header."""
    texts = [t for t in (opts.get("running_header"), opts.get("watermark")) if t]
    for i, text in enumerate(texts):
        p = section.header.paragraphs[0] if i == 0 else section.header.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if i == 0 else WD_ALIGN_PARAGRAPH.RIGHT
        set_font(p.add_run(text), font, 9)


def lead(doc, g, font, size, table_size):
    """The lines before a table (Grid.lead); returns the first paragraph."""
    first = None
    for how, text in g.lead:
        if how == "split":
            text = "\t\t\t\t".join(t for t in text if t)
        if not text:
            continue
        if how == "center":
            p = paragraph(doc, text, font, size + 2, True, WD_ALIGN_PARAGRAPH.CENTER)
        else:
            align = WD_ALIGN_PARAGRAPH.RIGHT if how == "right" else None
            p = paragraph(doc, text, font, table_size + 1, align=align)
        first = first or p
    return first


def write_docx(report, opts, path):
    doc = Document()
    font = opts["font"]
    set_font(doc.styles["Normal"], font, opts["font_size"])
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    if opts.get("orientation") == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_height, section.page_width = section.page_width, section.page_height
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.6))
    section.top_margin = section.bottom_margin = Cm(1.8)
    width_cm = (section.page_width - section.left_margin - section.right_margin) / 360000
    if opts.get("page_numbers"):
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        form = opts.get("footer_form", "{PAGE}")
        for piece in form.replace("}", "{").split("{"):
            if piece in ("PAGE", "NUMPAGES"):
                add_field(footer.add_run(), piece)
            elif piece:
                footer.add_run(piece)
    furniture_header(section, opts, font)
    part1, rest = opts.get("narrative") or narrative.paragraphs(report)
    size = opts["font_size"]
    paragraph(doc, opts.get("heading") or f"{report.unit}{report.year}年度部门决算", font, size + 6, True, WD_ALIGN_PARAGRAPH.CENTER)
    for kind, text in part1:
        paragraph(doc, text, font, size + (1 if kind == "h" else 0), kind == "h", indent=kind == "p")
    paragraph(doc, opts.get("tables_heading") or f"第二部分 {report.unit}{report.year}年度部门决算表", font, size + 1, True).runs[0].add_break(
        WD_BREAK.LINE)
    grids = opts.get("grids") or [gridmod.table_grid(report, kind, opts["thousands"], opts["split_codes"],
                                                     opts.get("total_label", "小计")) for kind in model.TABLE_KINDS]
    for i, g in enumerate(grids):
        title = lead(doc, g, font, size, opts["table_font_size"])
        if opts["table_new_page"] or i == 0:
            title.paragraph_format.page_break_before = True
        add_table(doc, g, opts, width_cm)
        for note in g.notes + ([g.remark] if g.remark else []):
            paragraph(doc, note, font, opts["table_font_size"])
    first = True
    for kind, text in rest:
        p = paragraph(doc, text, font, size + (1 if kind == "h" else 0), kind == "h", indent=kind == "p")
        if first:
            p.paragraph_format.page_break_before = True
            first = False
    doc.core_properties.author = report.unit
    doc.save(path)
