"""Report -> PDF with reportlab, using the non-embedded CID font STSong-Light.

Tables are platypus Tables (header rows repeated on every page) drawn with
grid lines, or borderless (only the text); cells are Paragraphs with CJK
word wrap, so narrow columns break their header one character a line.
"""
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import grid as gridmod
import model
import narrative

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def styles(size):
    base = dict(fontName=FONT, wordWrap="CJK")
    return {
        "h1": ParagraphStyle("h1", fontSize=16, leading=22, alignment=TA_CENTER, spaceAfter=10, **base),
        "h2": ParagraphStyle("h2", fontSize=13, leading=18, spaceBefore=8, spaceAfter=4, **base),
        "p": ParagraphStyle("p", fontSize=size + 1, leading=(size + 1) * 1.6, firstLineIndent=2 * (size + 1), **base),
        "title": ParagraphStyle("title", fontSize=12, leading=16, alignment=TA_CENTER, spaceBefore=8, **base),
        "unit": ParagraphStyle("unit", fontSize=size, leading=size * 1.4, **base),
        "th": ParagraphStyle("th", fontSize=size, leading=size * 1.25, alignment=TA_CENTER, **base),
        "td": ParagraphStyle("td", fontSize=size, leading=size * 1.25, **base),
        "tn": ParagraphStyle("tn", fontSize=size, leading=size * 1.25, alignment=TA_RIGHT, **base),
        "note": ParagraphStyle("note", fontSize=size, leading=size * 1.4, **base),
    }


def rl_table(g, st, width, ruled, repeat=True, valign="MIDDLE"):
    rows = g.header + g.body
    data = [[""] * g.ncols for _ in rows]
    commands = [("VALIGN", (0, 0), (-1, -1), valign), ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1.5), ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    n_head = len(g.header)
    for r, c, rs, cs, cell in gridmod.place(rows, g.ncols):
        style = st["th"] if r < n_head else st["tn"] if cell.numeric else st["td"]
        data[r][c] = Paragraph(cell.text, style) if cell.text else ""
        if rs > 1 or cs > 1:
            commands.append(("SPAN", (c, r), (c + cs - 1, r + rs - 1)))
    if ruled:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    total = sum(g.widths)
    widths = [width * w / total for w in g.widths]
    return Table(data, colWidths=widths, repeatRows=n_head if repeat else 0, style=TableStyle(commands))


def lead(g, st, width):
    """Flowables for the lines before a table (Grid.lead)."""
    out = []
    for how, text in g.lead:
        if how == "center":
            out.append(Paragraph(text, st["title"]))
        elif how == "split":
            left, right = text
            out.append(Table([[Paragraph(left, st["unit"]), Paragraph(right, st["unit"])]],
                             colWidths=[width * 0.75, width * 0.25],
                             style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                               ("ALIGN", (1, 0), (1, 0), "RIGHT")])))
        elif text:
            align = TA_RIGHT if how == "right" else TA_LEFT
            out.append(Paragraph(text, ParagraphStyle("lead", parent=st["unit"], alignment=align)))
    return out


def write_pdf(report, opts, pdf_path):
    page = landscape(A4) if opts.get("orientation") == "landscape" else A4
    doc = SimpleDocTemplate(pdf_path, pagesize=page, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=opts.get("heading") or f"{report.unit}{report.year}年度部门决算",
                            invariant=1)
    st = styles(opts["table_font_size"])
    part1, rest = opts.get("narrative") or narrative.paragraphs(report)
    story = [Paragraph(opts.get("heading") or f"{report.unit}{report.year}年度部门决算", st["h1"])]
    story += [Paragraph(t, st["h2"] if k == "h" else st["p"]) for k, t in part1]
    story += [PageBreak(), Paragraph(opts.get("tables_heading") or f"第二部分 {report.unit}{report.year}年度部门决算表", st["h2"])]
    grids = opts.get("grids") or [gridmod.table_grid(report, kind, opts["thousands"], opts["split_codes"],
                                                     opts.get("total_label", "小计")) for kind in model.TABLE_KINDS]
    valign = "MIDDLE" if opts.get("vcenter", True) else "TOP"
    for i, g in enumerate(grids):
        if opts["table_new_page"] and i:
            story.append(PageBreak())
        story += lead(g, st, doc.width)
        story += [rl_table(g, st, doc.width, opts["ruled"], opts.get("repeat_header", True), valign), Spacer(1, 3)]
        story += [Paragraph(n, st["note"]) for n in g.notes + ([g.remark] if g.remark else [])]
    story.append(PageBreak())
    story += [Paragraph(t, st["h2"] if k == "h" else st["p"]) for k, t in rest]

    def footer(canvas, _doc):
        canvas.setFont(FONT, 9)
        if opts.get("page_numbers"):
            form = opts.get("footer_form", "- {PAGE} -").replace("{NUMPAGES}", "?")
            canvas.drawCentredString(page[0] / 2, 10 * mm, form.replace("{PAGE}", str(canvas.getPageNumber())))
        if opts.get("running_header"):
            canvas.drawCentredString(page[0] / 2, page[1] - 10 * mm, opts["running_header"])
        if opts.get("watermark"):
            canvas.saveState()
            canvas.setFillGray(0.85)
            canvas.setFont(FONT, 40)
            canvas.translate(page[0] / 2, page[1] / 2)
            canvas.rotate(30)
            canvas.drawCentredString(0, 0, opts["watermark"])
            canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
